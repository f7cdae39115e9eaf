/** Shared CLI output helpers: exit codes, JSON that carries bigint, padding by terminal columns. */
import { displayWidth } from '@juesuan/core/width';
import pc from 'picocolors';

/**
 * 0: fine; 1: the data has errors (checks); 2: the input cannot be used at all; 3: juesuan itself
 * failed (a bug or the environment), so a script never mistakes a crash for findings in the data.
 */
export const EXIT = { ok: 0, findings: 1, unusable: 2, internal: 3 } as const;

export type OutputFormat = 'text' | 'json';

export function parseFormat(value: string): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new UsageError(`--format 只能是 text 或 json，实际为 “${value}”`);
}

/** A mistake in how the command was called; main prints it and exits 2. */
export class UsageError extends Error {}

/** JSON with bigint written as decimal strings (amounts in 分, counts). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${toJson(value)}\n`);
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

export const color = {
  error: (s: string) => pc.red(s),
  warning: (s: string) => pc.yellow(s),
  info: (s: string) => pc.cyan(s),
  ok: (s: string) => pc.green(s),
  dim: (s: string) => pc.dim(s),
  bold: (s: string) => pc.bold(s),
};
