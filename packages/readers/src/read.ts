/**
 * readDocument: one published file in, one RawDocument out, or a ReadError saying in Chinese what
 * is wrong with the file. The format is decided by the bytes first (%PDF, a zip whose content
 * types name a Word or Excel main part, an HTML start) and the extension second; the size is
 * checked before the file is read; the whole read runs under a time budget.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { type RawDocument, type RawFormat, READ_LIMITS } from '@juesuan/core';
import { DEFAULT_TIMEOUT_MS, ReadContext, type ReadOptions, timeoutError } from './context';
import { mainPart, readDocx } from './docx';
import { quoteFile, ReadError, reason } from './errors';
import { decodeHtml, readHtml } from './html';
import { readPdf } from './pdf';
import { decodeText, readTextContent } from './text';
import { readXlsx } from './xlsx';
import { isZip, ZipArchive } from './zip';

export type { ReadOptions, ReadProgress } from './context';

/** Reads the file at `path` into blocks. Every failure is a ReadError. */
export async function readDocument(path: string, options: ReadOptions = {}): Promise<RawDocument> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch (error) {
    throw new ReadError('not-found', path, `找不到文件${quoteFile(path)}，或它不是一个文件；请检查路径`, {
      cause: error,
    });
  }
  checkSize(path, size);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ReadError('not-found', path, `无法读取文件${quoteFile(path)}：${reason(error)}`, {
      cause: error,
    });
  }
  return readBytes(bytes, path, options);
}

/**
 * Reads a file already in memory (an upload); `name` is what messages call it and what the
 * extension is taken from.
 */
export async function readBytes(
  bytes: Uint8Array,
  name: string,
  options: ReadOptions = {},
): Promise<RawDocument> {
  checkSize(name, bytes.length);
  const ctx = new ReadContext(name, options);
  const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  // The readers check the deadline between pages, sheets and rows; the race is the backstop for
  // a single step that runs long, so the caller is never left waiting past the budget.
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(name, ms)), ms + 1000);
    timer.unref?.();
  });
  try {
    return await Promise.race([dispatch(bytes, ctx), budget]);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError('corrupt', name, `读取${quoteFile(name)}时出错：${reason(error)}；文件可能已损坏`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function checkSize(name: string, size: number): void {
  if (size > READ_LIMITS.maxFileBytes) {
    throw new ReadError(
      'too-large',
      name,
      `${quoteFile(name)}有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 ${READ_LIMITS.maxFileBytes / 1024 / 1024} MB 上限；请拆分后再提供`,
      { limit: 'maxFileBytes' },
    );
  }
  if (size === 0) throw new ReadError('empty', name, `${quoteFile(name)}是空文件（0 字节）`);
}

export type Detected = { format: RawFormat; zip?: ZipArchive };

/** Decides the format from the bytes, then from the extension. */
export function detectFormat(bytes: Uint8Array, name: string): Detected {
  const ext = extname(name).toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return { format: 'pdf' };
  if (isZip(bytes)) {
    const zip = ZipArchive.open(bytes, name);
    if (mainPart(zip, 'word') && zip.entries.some((e) => e.name.startsWith('word/')))
      return { format: 'docx', zip };
    if (mainPart(zip, 'xl') && zip.entries.some((e) => e.name.startsWith('xl/')))
      return { format: 'xlsx', zip };
    throw new ReadError(
      'unsupported',
      name,
      `${quoteFile(name)}是压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件；请直接提供决算公开的 PDF、Word、Excel 或网页文件`,
    );
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ReadError(
      'unsupported',
      name,
      `${quoteFile(name)}是旧版 Word/Excel 格式（.doc/.xls/.wps），无法直接读取；请用 Word/Excel/WPS 另存为 .docx 或 .xlsx 后再提供`,
    );
  }
  const image = imageKind(bytes);
  if (image) {
    throw new ReadError(
      'unsupported',
      name,
      `${quoteFile(name)}是图片（${image}），图片里的文字无法读取；请提供可复制文字的 PDF 或 Word 文件`,
    );
  }
  if (/^\s*\{\\rtf/.test(head)) {
    throw new ReadError(
      'unsupported',
      name,
      `${quoteFile(name)}是 RTF 格式；请用 Word/WPS 另存为 .docx 后再提供`,
    );
  }
  const textHead = head
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (
    /^(<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body|<meta|<table)/.test(textHead) ||
    ((ext === '.html' || ext === '.htm') && textHead.startsWith('<'))
  ) {
    return { format: 'html' };
  }
  if (ext === '.pdf') {
    throw new ReadError(
      'corrupt',
      name,
      `${quoteFile(name)}的扩展名是 .pdf，但内容不是 PDF（开头没有 %PDF 标记）；请重新下载或导出`,
    );
  }
  if (ext === '.docx' || ext === '.xlsx') {
    throw new ReadError(
      'corrupt',
      name,
      `${quoteFile(name)}的扩展名是 ${ext}，但内容不是 ${ext === '.docx' ? 'Word' : 'Excel'} 文件（不是 zip 包）；请重新下载或另存`,
    );
  }
  if (looksBinary(bytes)) {
    throw new ReadError(
      'unsupported',
      name,
      `无法识别${quoteFile(name)}的格式；可读取的是 PDF、Word（.docx）、Excel（.xlsx）、网页（.html）和文本（.txt）文件`,
    );
  }
  return { format: 'text' };
}

function imageKind(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'PNG';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'GIF';
  const tiff =
    (bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a) ||
    (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[3] === 0x2a);
  return tiff ? 'TIFF' : undefined;
}

/** NUL bytes in the first 8 KB (outside UTF-16 text, which has a BOM) mean a binary file. */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

async function dispatch(bytes: Uint8Array, ctx: ReadContext): Promise<RawDocument> {
  ctx.check();
  const detected = detectFormat(bytes, ctx.file);
  const file = ctx.file;
  const done = (format: RawFormat, pages: number, blocks: RawDocument['blocks']): RawDocument => {
    if (blocks.length === 0) {
      throw new ReadError('empty', file, `${quoteFile(file)}里没有读到任何文字或表格`);
    }
    return { file, format, pages, blocks, warnings: ctx.warnings };
  };
  switch (detected.format) {
    case 'pdf': {
      const { blocks, pages } = await readPdf(bytes, ctx);
      return done('pdf', pages, blocks);
    }
    case 'docx': {
      const blocks = readDocx(detected.zip!, ctx);
      ctx.progress('file', 1, 1);
      return done('docx', 1, blocks);
    }
    case 'xlsx': {
      const { blocks, pages } = await readXlsx(detected.zip!, ctx);
      return done('xlsx', pages, blocks);
    }
    case 'html': {
      const blocks = readHtml(decodeHtml(bytes, ctx), ctx);
      ctx.progress('file', 1, 1);
      return done('html', 1, blocks);
    }
    case 'text': {
      const { blocks, pages } = readTextContent(decodeText(bytes, ctx), ctx);
      ctx.progress('file', 1, 1);
      return done('text', pages, blocks);
    }
  }
}
