/**
 * Huge inputs: a 320 MiB CSV is read in a child process with bounded memory (the file is never
 * one string; RSS stays far below its size) and every row arrives; a line of 40 MiB is read
 * whole (nothing cut). The files are generated in a temp dir and removed.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { cleanup, tempDir } from './helpers.js';

const SOURCE = fileURLToPath(new URL('./support/read-big.ts', import.meta.url));
let bundleDir = '';
let CHILD = '';

// The child runs the provider as plain JavaScript (bundled with esbuild), so its RSS is the reader's.
beforeAll(() => {
  bundleDir = tempDir('tspark-big-bundle-');
  CHILD = join(bundleDir, 'read-big.mjs');
  buildSync({ entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'esm', outfile: CHILD, logLevel: 'error' });
});
afterAll(() => cleanup(bundleDir));

function readInChild(format: string, path: string, schema: string, options: Record<string, string>): { rows: number; sum: number; partitions: number; maxRssMB: number } {
  const out = execFileSync(process.execPath, [CHILD, format, path, schema, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { rows: number; sum: number; partitions: number; maxRssMB: number };
}

describe('large files', () => {
  it('reads a 320 MiB CSV in bounded memory, every row', { timeout: 240_000 }, () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'big.csv');
      const fd = openSync(path, 'w');
      // 10,000 lines per chunk, 32,000 chunks of ~10 KiB: ids 0..N-1 so the sum is known.
      let id = 0;
      let bytes = 0;
      while (bytes < 320 * 1024 * 1024) {
        const lines: string[] = [];
        for (let i = 0; i < 10_000; i++, id++) lines.push(`${id},some text for line ${id},${id % 7}.5`);
        const chunk = lines.join('\n') + '\n';
        writeSync(fd, chunk);
        bytes += Buffer.byteLength(chunk);
      }
      closeSync(fd);
      const r = readInChild('csv', path, 'id BIGINT, s STRING, d DOUBLE', {});
      expect(r.rows).toBe(id);
      expect(r.sum).toBe((id * (id - 1)) / 2);
      expect(r.partitions).toBeGreaterThan(1);
      // The whole file as strings would take well over 640 MiB; a streaming read stays far below.
      expect(r.maxRssMB).toBeLessThan(250);
    } finally {
      cleanup(dir);
    }
  });

  it('reads a 40 MiB line whole, and the lines around it', { timeout: 120_000 }, () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'long.txt');
      const long = 'x'.repeat(40 * 1024 * 1024);
      const fd = openSync(path, 'w');
      writeSync(fd, `a\n${long}\nb\n`);
      closeSync(fd);
      const r = readInChild('text', path, '-', {});
      expect(r.rows).toBe(3);
      expect(r.sum).toBe(1 + long.length + 1);
    } finally {
      cleanup(dir);
    }
  });
});
