/**
 * A guarded reader for the zip containers of DOCX and XLSX. The central directory is read first and
 * the number of entries, their names and their declared sizes are checked against READ_LIMITS
 * before a single byte is inflated; inflation itself is capped at the declared size and at what is
 * left of the total (zlib's maxOutputLength), so an entry that lies about its size, or parts read
 * again and again, fail at the cap instead of filling memory.
 */
import { inflateRawSync } from 'node:zlib';
import { READ_LIMITS } from '@juesuan/core';
import { count, overLimit, quoteFile, ReadError, reason } from './errors';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  /** CRC-32 of the uncompressed bytes, whatever the compression. */
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Entries up to this size are exempt from the ratio rule: they cannot hurt whatever their ratio,
 * and small XML parts of repeated markup legitimately compress beyond 200:1.
 */
const RATIO_EXEMPT_BYTES = 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

export class ZipArchive {
  /** Bytes handed out by read() so far, counted against READ_LIMITS.maxUnzippedBytes. */
  private inflated = 0;

  private constructor(
    private readonly bytes: Buffer,
    private readonly file: string,
    readonly entries: ZipEntry[],
  ) {}

  /**
   * Reads the central directory and refuses the archive if any entry (or their total) would
   * inflate beyond the limits. Nothing is inflated here.
   */
  static open(bytes: Uint8Array, file: string): ZipArchive {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const entries = readCentralDirectory(buf, file);
    let total = 0;
    for (const entry of entries) {
      if (entry.flags & 1) {
        throw new ReadError(
          'encrypted',
          file,
          `${quoteFile(file)}已加密（设有打开密码），无法读取；请去掉密码后另存一份再提供`,
        );
      }
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > RATIO_EXEMPT_BYTES && ratio > READ_LIMITS.maxCompressionRatio) {
        throw new ReadError(
          'zip-bomb',
          file,
          `${quoteFile(file)}中的部件 ${entry.name} 压缩比异常（${Math.round(ratio)}:1，解压后 ${mib(entry.uncompressedSize)}），` +
            `超过允许的 ${READ_LIMITS.maxCompressionRatio}:1，疑似“压缩炸弹”，已拒绝读取`,
          { limit: 'maxCompressionRatio' },
        );
      }
      if (total > READ_LIMITS.maxUnzippedBytes) {
        throw new ReadError(
          'zip-bomb',
          file,
          `${quoteFile(file)}解压后超过 ${mib(READ_LIMITS.maxUnzippedBytes)}（读到部件 ${entry.name} 时已达 ${mib(total)}），` +
            '不像正常的 Word/Excel 文件，已拒绝读取',
          { limit: 'maxUnzippedBytes' },
        );
      }
    }
    return new ZipArchive(buf, file, entries);
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  find(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** The entry's bytes, inflated with a hard cap at its declared size and at the total left. */
  read(entry: ZipEntry): Buffer {
    const { bytes, file } = this;
    const left = READ_LIMITS.maxUnzippedBytes - this.inflated;
    if (entry.uncompressedSize > left) {
      throw new ReadError(
        'zip-bomb',
        file,
        `${quoteFile(file)}解压的总量将超过 ${mib(READ_LIMITS.maxUnzippedBytes)} 上限（已解压 ${mib(this.inflated)}，` +
          `部件 ${entry.name} 还有 ${mib(entry.uncompressedSize)}），已拒绝读取`,
        { limit: 'maxUnzippedBytes' },
      );
    }
    this.inflated += entry.uncompressedSize;
    const at = entry.localHeaderOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) {
      throw corrupt(file, `部件 ${entry.name} 的位置不对`);
    }
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw corrupt(file, `部件 ${entry.name} 被截断`);
    const data = bytes.subarray(start, end);
    if (entry.method === 0) {
      if (data.length !== entry.uncompressedSize) throw corrupt(file, `部件 ${entry.name} 的长度与目录不符`);
      return data;
    }
    if (entry.method !== 8) {
      throw new ReadError(
        'unsupported',
        file,
        `${quoteFile(file)}的部件 ${entry.name} 用了不支持的压缩方式（${entry.method}）；请用 Word/Excel/WPS 另存为标准 .docx/.xlsx 后再提供`,
      );
    }
    try {
      // The cap is the declared size: an entry that inflates to more than it declared is refused
      // as soon as it crosses it.
      const out = inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
      if (out.length !== entry.uncompressedSize) throw new Error('size mismatch');
      return out;
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ReadError(
          'zip-bomb',
          file,
          `${quoteFile(file)}中的部件 ${entry.name} 解压后超过它声明的大小（${mib(entry.uncompressedSize)}），疑似“压缩炸弹”，已拒绝读取`,
          { cause: error },
        );
      }
      throw corrupt(file, `部件 ${entry.name} 无法解压（${reason(error)}）`, error);
    }
  }

  readText(name: string): string | undefined {
    const entry = this.find(name);
    return entry ? this.read(entry).toString('utf8') : undefined;
  }

  /**
   * The archive rewritten with every file entry stored uncompressed, each inflated exactly once
   * under the caps: a library that opens the zip itself (exceljs) then has nothing left to inflate,
   * and nothing it meets can be larger than what was checked here. Directory entries are left out.
   * The guard's limits keep the copy far from the 4 GB and 65,535-entry bounds of a plain zip, so
   * no zip64 records are needed.
   */
  storedCopy(): Buffer {
    const files = this.entries
      .filter((entry) => !entry.name.endsWith('/'))
      .map((entry) => ({ entry, name: Buffer.from(entry.name, 'utf8') }));
    let dataEnd = 0;
    let directorySize = 0;
    for (const { entry, name } of files) {
      dataEnd += LOCAL_HEADER_BYTES + name.length + entry.uncompressedSize;
      directorySize += CENTRAL_HEADER_BYTES + name.length;
    }
    const out = Buffer.alloc(dataEnd + directorySize + EOCD_BYTES);
    let local = 0;
    let central = dataEnd;
    for (const { entry, name } of files) {
      writeStoredHeader(out, local, entry, name.length);
      name.copy(out, local + LOCAL_HEADER_BYTES);
      this.read(entry).copy(out, local + LOCAL_HEADER_BYTES + name.length);
      writeStoredHeader(out, central, entry, name.length, local);
      name.copy(out, central + CENTRAL_HEADER_BYTES);
      local += LOCAL_HEADER_BYTES + name.length + entry.uncompressedSize;
      central += CENTRAL_HEADER_BYTES + name.length;
    }
    out.writeUInt32LE(EOCD, central);
    out.writeUInt16LE(files.length, central + 8);
    out.writeUInt16LE(files.length, central + 10);
    out.writeUInt32LE(directorySize, central + 12);
    out.writeUInt32LE(dataEnd, central + 16);
    return out;
  }
}

const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const EOCD_BYTES = 22;
/** Names are written as UTF-8 (general-purpose flag bit 11), which is how they were decoded. */
const UTF8_NAMES = 0x800;
/** Version 1.0: stored entries need nothing newer. */
const ZIP_VERSION = 10;

/**
 * The header of a stored entry: the local one, or with the local header's offset the central one,
 * which has the same fields from "version needed" onwards, 2 bytes further on.
 */
function writeStoredHeader(
  out: Buffer,
  at: number,
  entry: ZipEntry,
  nameLength: number,
  localHeaderOffset?: number,
): void {
  const central = localHeaderOffset !== undefined;
  const shift = central ? 2 : 0;
  out.writeUInt32LE(central ? CENTRAL : LOCAL, at);
  if (central) out.writeUInt16LE(ZIP_VERSION, at + 4);
  out.writeUInt16LE(ZIP_VERSION, at + 4 + shift);
  out.writeUInt16LE(UTF8_NAMES, at + 6 + shift);
  // Method 0 (stored), time and date 0: already zero in the allocated buffer.
  out.writeUInt32LE(entry.crc32, at + 14 + shift);
  out.writeUInt32LE(entry.uncompressedSize, at + 18 + shift);
  out.writeUInt32LE(entry.uncompressedSize, at + 22 + shift);
  out.writeUInt16LE(nameLength, at + 26 + shift);
  if (central) out.writeUInt32LE(localHeaderOffset, at + 42);
}

function readCentralDirectory(buf: Buffer, file: string): ZipEntry[] {
  const eocd = findEocd(buf);
  if (eocd < 0) throw corrupt(file, '找不到 zip 目录（文件可能被截断）');
  let entryCount = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR)
      throw corrupt(file, 'zip64 目录定位信息缺失');
    const at = safeNumber(buf.readBigUInt64LE(locator + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) throw corrupt(file, 'zip64 目录损坏');
    entryCount = safeNumber(buf.readBigUInt64LE(at + 32));
    size = safeNumber(buf.readBigUInt64LE(at + 40));
    offset = safeNumber(buf.readBigUInt64LE(at + 48));
  }
  if (entryCount > READ_LIMITS.maxZipEntries) {
    throw overLimit(
      file,
      'maxZipEntries',
      `含有 ${count(entryCount)} 个部件，超过 ${count(READ_LIMITS.maxZipEntries)} 个上限`,
    );
  }
  if (offset + size > buf.length) throw corrupt(file, 'zip 目录超出文件末尾（文件可能被截断）');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw corrupt(file, 'zip 目录条目损坏');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc32 = buf.readUInt32LE(at + 16);
    let compressedSize = buf.readUInt32LE(at + 20);
    let uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let localHeaderOffset = buf.readUInt32LE(at + 42);
    if (nameLength > READ_LIMITS.maxZipEntryNameBytes) {
      throw overLimit(
        file,
        'maxZipEntryNameBytes',
        `的第 ${count(i + 1)} 个部件名长 ${count(nameLength)} 字节，超过 ${count(READ_LIMITS.maxZipEntryNameBytes)} 字节上限`,
      );
    }
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > buf.length) throw corrupt(file, 'zip 目录条目超出文件末尾');
    const name = buf.toString('utf8', at + 46, nameEnd);
    if (
      uncompressedSize === 0xffffffff ||
      compressedSize === 0xffffffff ||
      localHeaderOffset === 0xffffffff
    ) {
      // The zip64 extra field lists, in this order, only the fields that overflowed.
      let x = nameEnd;
      const extraEnd = nameEnd + extraLength;
      while (x + 4 <= extraEnd) {
        const id = buf.readUInt16LE(x);
        const len = buf.readUInt16LE(x + 2);
        if (id === 1) {
          let p = x + 4;
          const next = () => {
            if (p + 8 > x + 4 + len) throw corrupt(file, 'zip64 扩展字段损坏');
            const value = safeNumber(buf.readBigUInt64LE(p));
            p += 8;
            return value;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
          break;
        }
        x += 4 + len;
      }
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function safeNumber(value: bigint): number {
  // Sizes beyond 2^53 are not real files; report them as the impossible sizes they are.
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function corrupt(file: string, what: string, cause?: unknown): ReadError {
  return new ReadError(
    'corrupt',
    file,
    `${quoteFile(file)}不是完好的 Word/Excel 文件：${what}；请重新导出或重新下载后再提供`,
    cause === undefined ? undefined : { cause },
  );
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
