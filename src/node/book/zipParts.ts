/**
 * The zip of a book part by part, for the fast path (fastBook.ts): each entry's
 * compressed bytes are kept as they are in the file, inflated only when a part
 * is read, and copied unchanged when the book is saved again; new parts are
 * deflated. Writing goes to a file part by part (the caller renames it over
 * the book when every part is written). Only what zip.ts reads is supported:
 * stored or deflated entries, no encryption, no zip64 — anything else throws.
 */
import { type FileHandle, open } from "node:fs/promises";
import { crc32 as nativeCrc32, deflateRawSync, inflateRawSync } from "node:zlib";

/** An entry as found in the zip: its compressed bytes, inflated on demand. */
export interface RawEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  packed: Buffer;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;

/** Every file entry of a zip, compressed bytes kept. Throws on anything it does not support. */
export function readRawZip(bytes: Buffer): RawEntry[] {
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("zip: no end of central directory");
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error("zip: zip64 archives are not supported");
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== CENTRAL) throw new Error("zip: bad central directory");
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const packedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString(flags & UTF8_NAMES ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (flags & 1) throw new Error(`zip: ${name} is encrypted`);
    if (packedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new Error("zip: zip64 archives are not supported");
    if (method !== STORED && method !== DEFLATED) throw new Error(`zip: ${name} uses compression method ${method}`);
    if (bytes.readUInt32LE(local) !== LOCAL) throw new Error(`zip: bad local header for ${name}`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const packed = bytes.subarray(start, start + packedSize);
    if (packed.length !== packedSize) throw new Error(`zip: ${name} is cut short`);
    if (name.endsWith("/")) continue;
    entries.push({ name, method, crc, size, packed });
  }
  return entries;
}

/** An entry's bytes, checked against its size and CRC. */
export function inflateEntry(e: RawEntry): Buffer {
  const data = e.method === STORED ? e.packed : inflateRawSync(e.packed);
  if (data.length !== e.size || nativeCrc32(data) !== e.crc) throw new Error(`zip: ${e.name} is damaged`);
  return data;
}

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
