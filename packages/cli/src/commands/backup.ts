/**
 * `juesuan backup <file>` and `juesuan restore <file>`: the whole store (embedded or PostgreSQL) as
 * one portable file, and back into an empty store.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupHeader } from '@juesuan/store';
import { color, parseFormat, printJson, UsageError } from '../output';
import { type DataOptions, withWorkspace } from './serve-workspace';

export interface BackupOptions {
  store?: string;
  format: string;
}

export async function runBackup(file: string, options: BackupOptions): Promise<void> {
  const format = parseFormat(options.format);
  const { backupStore } = await import('@juesuan/store');
  // Written beside the file and renamed once complete: a failure leaves the old file, or none.
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  const header = await withWorkspace(dataOptions(options), async (_, store) => {
    try {
      const written = await backupStore(store, createWriteStream(temporary));
      renameSync(temporary, file);
      return written;
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  });
  if (format === 'json') printJson({ file, ...header });
  else process.stdout.write(`${color.ok('已备份')} → ${file}（${describeCounts(header)}）\n`);
}

export async function runRestore(file: string, options: BackupOptions): Promise<void> {
  const format = parseFormat(options.format);
  // Checked before the store is opened, which would create an empty one in a new directory.
  if (!existsSync(file) || !statSync(file).isFile())
    throw new UsageError(`备份文件 ${file} 不存在或不是文件`);
  const { restoreStore } = await import('@juesuan/store');
  const header = await withWorkspace(dataOptions(options), (_, store) =>
    restoreStore(store, createReadStream(file)),
  );
  if (format === 'json') printJson({ file, ...header });
  else
    process.stdout.write(
      `${color.ok('已恢复')} ${file}（${header.takenAt} 备份自 ${header.backend === 'postgres' ? 'PostgreSQL' : '内嵌 PGlite'}；${describeCounts(header)}）\n`,
    );
}

/** --store names the directory here, as in `juesuan store`; the workspace calls it --data. */
function dataOptions(options: BackupOptions): DataOptions {
  return options.store === undefined ? {} : { data: options.store };
}

function describeCounts(header: BackupHeader): string {
  return Object.entries(header.tables)
    .map(([table, rows]) => `${table} ${rows} 行`)
    .join('，');
}
