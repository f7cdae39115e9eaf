/** A one-line progress bar on stderr for batches; silent when stderr is not a terminal. */
export class Progress {
  private readonly enabled = Boolean(process.stderr.isTTY);
  private line = '';
  constructor(private readonly total: number) {}

  /** `done` of the total finished, the last of them `file`. */
  update(done: number, file: string): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round((done / this.total) * width);
    this.line = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${this.total} ${truncate(file, 40)}`;
    process.stderr.write(`\r${this.line}\u001b[K`);
  }

  /** Prints results while the bar runs: the bar steps aside and comes back below them. */
  interrupt(print: () => void): void {
    if (this.enabled) process.stderr.write('\r\u001b[K');
    print();
    if (this.enabled) process.stderr.write(this.line);
  }

  /** Clears the bar before the results are printed. */
  done(): void {
    if (!this.enabled) return;
    process.stderr.write(`\r${'█'.repeat(24)} ${this.total}/${this.total}\u001b[K\n`);
  }
}

export function truncate(text: string, width: number): string {
  return [...text].length > width ? `${[...text].slice(0, width).join('')}…` : text;
}
