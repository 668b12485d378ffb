/**
 * The few zip operations the local book needs, on Node's own (native) zlib:
 * reading every entry of an .xlsx, and writing one. ExcelJS and JSZip deflate
 * and inflate in JavaScript (pako), which was a large part of saving and
 * loading a big book. Only what an .xlsx uses is supported: stored or deflated
 * entries, no encryption, no zip64 (over 65,535 entries or 4 GB) — anything
 * else throws, and the caller falls back to ExcelJS's own reading.
 */
import { crc32 as nativeCrc32, deflateRawSync, inflateRawSync } from "node:zlib";

/** One entry: its name and its (uncompressed) bytes or text. */
export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;

/** zlib's crc32 (Node ≥ 20.15); a table-driven one for older Nodes. */
const crc32: (data: Buffer) => number = typeof nativeCrc32 === "function" ? (data) => nativeCrc32(data) : tableCrc32;

let table: Int32Array | undefined;
function tableCrc32(data: Buffer): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** An entry as found in the zip: its compressed bytes, inflated on demand. */
export interface RawEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  packed: Buffer;
}

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
  if (data.length !== e.size || crc32(data) !== e.crc) throw new Error(`zip: ${e.name} is damaged`);
  return data;
}

/** Every file entry of a zip archive, in the order of its central directory. Throws on anything it does not support. */
export function readZip(bytes: Buffer): ZipEntry[] {
  return readRawZip(bytes).map((e) => ({ name: e.name, data: inflateEntry(e) }));
}

/** A zip archive of these entries: deflated at `level` (1 fastest … 9 smallest), or stored when `level` is 0. */
export function writeZip(entries: readonly ZipEntry[], level: number): Buffer {
  if (entries.length >= 0xffff) throw new Error("zip: too many entries");
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  // DOS time and date of now (the parts' modification time).
  const now = new Date();
  const time = (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2);
  const date = ((Math.max(1980, now.getFullYear()) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  for (const entry of entries) {
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    const method = level > 0 ? DEFLATED : STORED;
    const packed = method === DEFLATED ? deflateRawSync(data, { level }) : data;
    const name = Buffer.from(entry.name, "utf8");
    if (offset + packed.length > 0xfffffffe || data.length > 0xfffffffe) throw new Error("zip: archive over 4 GB");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL, 0);
    record.writeUInt16LE(20, 4);
    header.copy(record, 6, 4, 28); // version needed … name length: the same fields as the local header
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    chunks.push(header, name, packed);
    offset += header.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
