/**
 * Writing a book's zip part by part, for the fast path (fastBook.ts): the parts
 * read with their compressed bytes (`readRawZip` in zip.ts) are copied unchanged,
 * new parts are deflated, and the file is written part by part (the caller
 * renames it over the book when every part is written).
 */
import { type FileHandle, open } from "node:fs/promises";
import { crc32 as nativeCrc32, deflateRawSync } from "node:zlib";
import type { RawEntry } from "../zip";

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const DEFLATED = 8;

/** A new part, deflated at `level`. */
export function packEntry(name: string, data: string | Buffer, level: number): RawEntry {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return { name, method: DEFLATED, crc: nativeCrc32(bytes), size: bytes.length, packed: deflateRawSync(bytes, { level }) };
}

/**
 * Writes these entries as a zip to `path`, one part after another, then the
 * central directory, and flushes it to disk. `afterPart` is called after each
 * part is written (a test stops a save there).
 */
export async function writeRawZip(
  path: string,
  entries: Iterable<RawEntry>,
  afterPart?: (index: number, name: string) => void,
): Promise<void> {
  const fh: FileHandle = await open(path, "w");
  try {
    const central: Buffer[] = [];
    let offset = 0;
    let count = 0;
    const now = new Date();
    const time = (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2);
    const date = ((Math.max(1980, now.getFullYear()) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    for (const e of entries) {
      const name = Buffer.from(e.name, "utf8");
      if (offset + e.packed.length > 0xfffffffe || e.size > 0xfffffffe) throw new Error("zip: archive over 4 GB");
      if (count >= 0xfffe) throw new Error("zip: too many entries");
      const header = Buffer.alloc(30);
      header.writeUInt32LE(LOCAL, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(UTF8_NAMES, 6);
      header.writeUInt16LE(e.method, 8);
      header.writeUInt16LE(time, 10);
      header.writeUInt16LE(date, 12);
      header.writeUInt32LE(e.crc >>> 0, 14);
      header.writeUInt32LE(e.packed.length, 18);
      header.writeUInt32LE(e.size, 22);
      header.writeUInt16LE(name.length, 26);
      const record = Buffer.alloc(46);
      record.writeUInt32LE(CENTRAL, 0);
      record.writeUInt16LE(20, 4);
      header.copy(record, 6, 4, 28);
      record.writeUInt32LE(offset, 42);
      central.push(record, name);
      await fh.write(Buffer.concat([header, name]));
      await fh.write(e.packed);
      offset += header.length + name.length + e.packed.length;
      afterPart?.(count, e.name);
      count++;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    await fh.write(Buffer.concat([directory, end]));
    await fh.sync();
  } finally {
    await fh.close();
  }
}
