/**
 * The zip archive of a DOCX or XLSX, read and written with Node's own zlib. docx compresses its
 * parts with fflate at level 6 and exceljs with JSZip's pako, both in JavaScript and both slower
 * than the XML they pack; native DEFLATE at level 1 packs a disclosure's parts in a few
 * milliseconds, and its XML (the same few tags over and over) shrinks nearly as much.
 * Archives of up to 4 GB without ZIP64, as Office parts always are here.
 */
import { crc32, deflateRawSync } from 'node:zlib';

const STORED = 0;
const DEFLATED = 8;
/** The level parts are compressed at. */
const FAST_LEVEL = 1;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
/** Flag bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;
/** Version 2.0 of the format: DEFLATE, folders. */
const VERSION = 20;

/** One part as the archive holds it: its bytes compressed or not, with the sizes and CRC it needs. */
export interface ZipEntry {
  name: string;
  method: typeof STORED | typeof DEFLATED;
  /** CRC-32 of the uncompressed content. */
  crc: number;
  /** Size of the uncompressed content. */
  size: number;
  /** The bytes as stored: deflated when `method` is DEFLATED. */
  data: Uint8Array;
  /** Modification time and date, MS-DOS format. */
  time: number;
  date: number;
}

function failure(what: string): Error {
  return new Error(`压缩包结构有误：${what}`);
}

/** The entries of an archive in the order of its central directory. */
export function readZip(archive: Uint8Array): ZipEntry[] {
  const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw failure('找不到中央目录结束标记');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw failure(`第 ${i + 1} 个目录项的标记不对`);
    const method = bytes.readUInt16LE(at + 10);
    if (method !== STORED && method !== DEFLATED)
      throw failure(`第 ${i + 1} 个文件的压缩方式 ${method} 不受支持`);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    if (bytes.readUInt32LE(local) !== LOCAL_HEADER) throw failure(`第 ${i + 1} 个文件头的标记不对`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method,
      crc: bytes.readUInt32LE(at + 16),
      size: bytes.readUInt32LE(at + 24),
      data: bytes.subarray(start, start + compressed),
      time: bytes.readUInt16LE(at + 12),
      date: bytes.readUInt16LE(at + 14),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** A part compressed at the fast level, dated `modified` (local time, as zip tools show it). */
export function deflatedEntry(name: string, content: Uint8Array, modified: Date): ZipEntry {
  return {
    name,
    method: DEFLATED,
    crc: crc32(content),
    size: content.length,
    data: deflateRawSync(content, { level: FAST_LEVEL }),
    time: (modified.getHours() << 11) | (modified.getMinutes() << 5) | (modified.getSeconds() >> 1),
    date: ((modified.getFullYear() - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate(),
  };
}

/** A stored entry compressed at the fast level; a compressed or empty one (a folder) as it is. */
export function compressed(entry: ZipEntry): ZipEntry {
  if (entry.method === DEFLATED || entry.size === 0) return entry;
  return { ...entry, method: DEFLATED, data: deflateRawSync(entry.data, { level: FAST_LEVEL }) };
}

/** The archive of the entries in their order. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const names = entries.map((e) => Buffer.from(e.name, 'utf8'));
  const localSize = entries.reduce((a, e, i) => a + 30 + names[i]!.length + e.data.length, 0);
  const directorySize = names.reduce((a, n) => a + 46 + n.length, 0);
  const out = Buffer.alloc(localSize + directorySize + 22);
  const offsets: number[] = [];
  let at = 0;
  // Fields shared by the local header (from its offset 4) and the directory entry (from 6).
  const common = (entry: ZipEntry, name: Buffer, from: number) => {
    out.writeUInt16LE(VERSION, from);
    out.writeUInt16LE(name.length === entry.name.length ? 0 : UTF8_NAME, from + 2);
    out.writeUInt16LE(entry.method, from + 4);
    out.writeUInt16LE(entry.time, from + 6);
    out.writeUInt16LE(entry.date, from + 8);
    out.writeUInt32LE(entry.crc >>> 0, from + 10);
    out.writeUInt32LE(entry.data.length, from + 14);
    out.writeUInt32LE(entry.size, from + 18);
    out.writeUInt16LE(name.length, from + 22);
  };
  entries.forEach((entry, i) => {
    const name = names[i]!;
    offsets.push(at);
    out.writeUInt32LE(LOCAL_HEADER, at);
    common(entry, name, at + 4);
    name.copy(out, at + 30);
    out.set(entry.data, at + 30 + name.length);
    at += 30 + name.length + entry.data.length;
  });
  entries.forEach((entry, i) => {
    const name = names[i]!;
    out.writeUInt32LE(CENTRAL_HEADER, at);
    out.writeUInt16LE(VERSION, at + 4);
    common(entry, name, at + 6);
    out.writeUInt32LE(offsets[i]!, at + 42);
    name.copy(out, at + 46);
    at += 46 + name.length;
  });
  out.writeUInt32LE(END_OF_DIRECTORY, at);
  out.writeUInt16LE(entries.length, at + 8);
  out.writeUInt16LE(entries.length, at + 10);
  out.writeUInt32LE(directorySize, at + 12);
  out.writeUInt32LE(localSize, at + 16);
  return out;
}
