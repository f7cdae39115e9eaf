import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_PACKAGE_BYTES } from '@juesuan/core';
import { readStdinUpTo } from './stdin';
import { REPO_ROOT } from './testing';

const BIN = join(REPO_ROOT, 'packages/cli/bin/juesuan.mjs');

describe('standard input read up to a limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-stdin-'));
  const readFrom = (bytes: Buffer, limit: number) => {
    const path = join(dir, 'input');
    writeFileSync(path, bytes);
    const fd = openSync(path, 'r');
    try {
      return readStdinUpTo(limit, fd);
    } finally {
      closeSync(fd);
    }
  };

  it('returns input of up to the limit whole, across chunks', () => {
    const bytes = Buffer.alloc(200_000, 0x61);
    assert.deepEqual(readFrom(bytes, 200_000), bytes);
  });

  it('refuses input of one byte more than the limit', () => {
    assert.equal(readFrom(Buffer.alloc(200_001, 0x61), 200_000), undefined);
  });

  it('`check -` stops reading a stream larger than a package may be and refuses it', async () => {
    const child = spawn(process.execPath, [BIN, 'check', '-'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Offer ten times what a package may hold, a chunk at a time, until the command stops reading.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let written = 0;
    let closed = false;
    child.stdin.on('error', () => {
      closed = true;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!closed && child.exitCode === null && written < 10 * MAX_PACKAGE_BYTES) {
      const more = child.stdin.write(chunk);
      written += chunk.length;
      if (!more) await new Promise((resolve) => child.stdin.once('drain', resolve).once('close', resolve));
    }
    child.stdin.destroy();
    const code = await exited;
    assert.equal(code, 2, stderr);
    assert.match(stderr, /标准输入的数据超过数据包上限 20 MB，读到 20 MB 时已停止读取；未读取/);
    // What was taken is the limit and what the pipe holds, far from all that was offered.
    assert.ok(written < MAX_PACKAGE_BYTES + 8 * chunk.length, `${written} bytes written`);
  });
});
