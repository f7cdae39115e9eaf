/**
 * Files the CLI writes: names made from package text (a department's name) made safe, and every
 * file written whole or not at all.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** Bytes of a file name without its extension: well under the 255 of every Linux file system. */
const MAX_NAME_BYTES = 180;

/**
 * A file name from free text: no separators, no characters Windows or the shell reserve, no
 * control characters, no leading dot (a hidden file, or `..`), bounded length (cut at a character).
 */
export function safeFileName(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[/\\:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  let name = '';
  for (const ch of cleaned) {
    if (Buffer.byteLength(name + ch) > MAX_NAME_BYTES) break;
    name += ch;
  }
  return name || '未命名';
}

/** `dir/name`, refusing a name that would land outside `dir` (it cannot, once made safe). */
export function pathInside(dir: string, name: string): string {
  const path = join(dir, name);
  if (dirname(resolve(path)) !== resolve(dir) || basename(path) !== name || name.includes(sep)) {
    throw new Error(`文件名「${name}」会写到输出目录 ${dir} 之外`);
  }
  return path;
}

/**
 * Writes `data` to a temporary file beside `path`, then renames it over `path`: a full disk or a
 * kill leaves the old file (or none), never half a file.
 */
export function writeFileWhole(path: string, data: string | Uint8Array): void {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
