/**
 * ExcelJS renders a worksheet's XML into one array of small pieces (several per
 * cell) and joins them at the end. A sheet of ten million cells or so — a
 * 400,000-row repayment schedule with Daihou's columns beside it — outgrows the
 * largest array V8 makes ("invalid size error"). Here the pieces are joined into
 * one chunk each time a million more have gathered, and only while ExcelJS has
 * nothing it may still roll back (it rolls back by array length), so the XML
 * written is the same, piece for piece.
 */
import type { XmlStream } from "exceljs/lib/utils/xml-stream.js";

/** Pieces gathered before they are joined into a chunk. */
export const XML_CHUNK_PIECES = 1 << 20;

type Stream = XmlStream & { _xml: string[]; _rollbacks: unknown[]; _chunked?: number };

let installed = false;
let joined = 0;

/** How many chunks have been joined in this process (a test sees the joining happen). */
export function chunksJoined(): number {
  return joined;
}

/** Installs the joining on ExcelJS's XmlStream (once; the same module ExcelJS itself uses). */
export async function joinExcelXmlInChunks(): Promise<void> {
  if (installed) return;
  const mod = (await import("exceljs/lib/utils/xml-stream.js")) as { default?: typeof XmlStream } & { prototype?: unknown };
  const cls = (typeof mod.default === "function" ? mod.default : mod) as unknown as { prototype: { closeNode(this: Stream): void } };
  const closeNode = cls.prototype.closeNode;
  if (typeof closeNode !== "function") return;
  cls.prototype.closeNode = function (this: Stream) {
    closeNode.call(this);
    const xml = this._xml;
    const from = this._chunked ?? 0;
    if (xml.length - from > XML_CHUNK_PIECES && Array.isArray(this._rollbacks) && this._rollbacks.length === 0) {
      const chunk = xml.splice(from).join("");
      xml.push(chunk);
      this._chunked = from + 1;
      joined++;
    }
  };
  installed = true;
}
