/** The files of a batch: the paths given, each folder among them replaced by the files it holds. */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UsageError } from '../output';

/** What `audit` takes from a folder: the formats it reads, and the old Office ones it explains. */
export const AUDITABLE_EXTENSIONS = [
  '.pdf',
  '.docx',
  '.xlsx',
  '.html',
  '.htm',
  '.txt',
  '.doc',
  '.xls',
  '.wps',
];

/**
 * Each folder's files with one of `extensions`, in name order (not its subfolders, nor hidden
 * files); a path that is no folder is kept as given, for the reader to judge. A folder without
 * such a file is a wrong call: `kind` names what was looked for.
 */
export function expandFolders(
  paths: readonly string[],
  extensions: readonly string[],
  kind: string,
): string[] {
  return paths.flatMap((path) => {
    if (!isFolder(path)) return [path];
    const files = readdirSync(path)
      .filter((name) => !name.startsWith('.') && extensions.includes(extname(name).toLowerCase()))
      .sort()
      .map((name) => join(path, name))
      .filter((file) => statSync(file).isFile());
    if (!files.length) throw new UsageError(`文件夹 ${path} 中没有${kind}（${extensions.join('、')}）`);
    return files;
  });
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
