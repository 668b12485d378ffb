/** The carried "in M1 in each of the three months before" flags of a month sheet (column D) and its header cell D1: what they were worked out from, and the sheet's content fingerprint. */
import { type Cell, cellText } from "../cells";
import type { MonthKey } from "../days";
import { FNV_OFFSET, FNV_PRIME } from "../hash";

/** Column D's header: what the carried flags are, what they were worked out from, and this sheet's content fingerprint. */
const M1_HEADER = "m1 before (3 months before this one: 1 in M1, 0 not, - unseen)";
const M1_FROM_MARK = "from:";
const CONTENT_MARK = "content:";

/** Column D's header cell: what the flags were made from, and the sheet's fingerprint ("" when not known yet). */
export function m1Header(from: string, content: string): string {
  return `${M1_HEADER} ${M1_FROM_MARK}${from} ${CONTENT_MARK}${content}`;
}

/**
 * A month sheet's header cell D1 with the fingerprint of its content (from its
 * values, as read), for a sheet whose header has none: the daily job writes the
 * current month without one (its content changes every day) and fingerprints a
 * month the first time it reads it as a month before.
 */
export function fingerprintedHeaderCell(values: readonly (readonly Cell[])[]): string {
  return m1Header(readM1Header(values[0] ?? []).from, contentOfRows(values));
}

/** The fingerprint of a month's content from its rows (columns A–C and the run days): one tight pass over the texts. */
function contentOfRows(rows: readonly (readonly Cell[])[]): string {
  let a = FNV_OFFSET;
  let b = FNV_PRIME;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let j = r === 0 ? 2 : 0; j < 3; j++) {
      const v = row[j];
      const text = typeof v === "string" ? v : typeof v === "number" ? String(v) : cellText(v);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, FNV_PRIME);
        b = (Math.imul(b ^ c, 0x5bd1e995) + 0x27d4eb2d) | 0;
      }
      // A separator after each cell, so that moving text between cells changes the fingerprint.
      a = Math.imul(a ^ 0x1f, FNV_PRIME);
      b = (Math.imul(b ^ 0x1f, 0x5bd1e995) + 0x27d4eb2d) | 0;
    }
  }
  return hexPair(a, b);
}

/** Two 32-bit numbers as 16 hex digits. */
function hexPair(a: number, b: number): string {
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** Column D's header cell read back: what the flags were made from ("" when none) and the fingerprint (null when none). */
export function readM1Header(header: readonly Cell[]): { from: string; content: string | null } {
  const text = cellText(header[3]);
  const from = text.indexOf(M1_FROM_MARK);
  const at = text.lastIndexOf(CONTENT_MARK);
  return {
    from: from < 0 || at < from ? "" : text.slice(from + M1_FROM_MARK.length, at).trim(),
    content: at < 0 ? null : text.slice(at + CONTENT_MARK.length).trim() || null,
  };
}

/** A history sheet's content fingerprint from its header row; null when it has none (not yet worked out, or an older Daihou's sheet). */
export function contentOfHeader(header: readonly Cell[]): string | null {
  return readM1Header(header).content;
}

/**
 * What a month's carried M1 flags are worked out from: the settings that decide
 * M1 and the content of each of the three months before (from their header
 * rows; null header = no sheet). Null when a month's sheet has no fingerprint
 * (written before Daihou kept one): its flags cannot be trusted later.
 */
export function m1Provenance(
  months: readonly MonthKey[],
  headers: readonly (readonly Cell[] | null)[],
  graceDays: number,
  m1Start: number,
): string | null {
  const parts = [`grace=${graceDays}`, `m1=${m1Start}`];
  for (let j = 0; j < months.length; j++) {
    const header = headers[j];
    const content = header === null ? "none" : contentOfHeader(header);
    if (content === null) return null;
    parts.push(`${months[j]}=${content}`);
  }
  return parts.join(",");
}

/** An account's carried flags for three months: "1" in M1, "0" seen and not, "-" not seen. */
export function m1FlagsText(values: readonly (boolean | undefined)[]): string {
  return values.map((v) => (v === undefined ? "-" : v ? "1" : "0")).join("");
}

/** True for three carried flags ("1", "0" or "-" each). */
export function isM1Flags(text: string): boolean {
  if (text.length !== 3) return false;
  for (let j = 0; j < 3; j++) {
    const c = text.charCodeAt(j);
    if (c !== 48 && c !== 49 && c !== 45) return false;
  }
  return true;
}

/** One carried flag (j = 0, 1, 2 for the oldest to the latest month) as `wasInM1` answers it. */
export function m1FlagAt(flags: string, j: number): boolean | undefined {
  const c = flags.charCodeAt(j);
  return c === 49 /* 1 */ ? true : c === 48 /* 0 */ ? false : undefined;
}
