/**
 * A streaming query killed with SIGKILL in the middle of a micro-batch (its offsets and state
 * written, its sink not committed) and restarted on the same checkpoint in a new process: the
 * batch runs again with the same offsets and the state as it was before it, so every input file
 * is counted exactly once over both processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { placeFile, tempDir } from './support/streaming.js';

interface Line {
  started?: string;
  blocked?: number;
  batch?: number;
  rows?: Array<[string, number]>;
}

let script = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  script = join(tempDir('tspark-kill-bin-'), 'kill-child.mjs');
  await build({ entryPoints: [join(import.meta.dirname, 'fixtures', 'kill-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: script, logLevel: 'silent' });
});

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startChild(args: string[]): { child: ChildProcess; lines: Line[] } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines: Line[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, nl)) as Line);
      buf = buf.slice(nl + 1);
    }
  });
  return { child, lines };
}

/** File n holds "w<n mod 3>" n times and "all" once, per line. */
function fileText(n: number): string {
  return Array.from({ length: n }, () => `w${n % 3} all`).join('\n') + '\n';
}

function expectedTotals(files: number): Record<string, number> {
  const t: Record<string, number> = {};
  for (let n = 1; n <= files; n++) for (let i = 0; i < n; i++) for (const w of [`w${n % 3}`, 'all']) t[w] = (t[w] ?? 0) + 1;
  return t;
}

/** The counts after all batches: each batch's updated counts replace the word's count. */
function totals(batches: Line[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const l of [...batches].sort((a, b) => a.batch! - b.batch!)) for (const [w, c] of l.rows!) t[w] = c;
  return t;
}

describe('restart after kill -9', () => {
  it('re-runs the interrupted batch with the same offsets and counts every file once', async () => {
    const root = tempDir();
    const [chk, input, block] = ['chk', 'in', 'block'].map((d) => join(root, d)) as [string, string, string];
    mkdirSync(input);
    mkdirSync(block);
    for (let n = 1; n <= 3; n++) placeFile(input, `${n}.txt`, fileText(n));
    const first = startChild([chk, input, block]);
    await waitFor(() => first.lines.filter((l) => l.batch !== undefined).length === 3, 'the first three batches', 20_000);
    // Batch 3 will hang in its sink: kill the process there.
    writeFileSync(join(block, '3'), '');
    placeFile(input, '4.txt', fileText(4));
    await waitFor(() => first.lines.some((l) => l.blocked === 3), 'batch 3 to block', 20_000);
    expect(existsSync(join(chk, 'offsets', '3'))).toBe(true);
    expect(existsSync(join(chk, 'commits', '3'))).toBe(false);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = startChild([chk, input, join(root, 'no-block')]);
    placeFile(input, '5.txt', fileText(5));
    await waitFor(() => second.lines.some((l) => l.batch === 4), 'batches 3 and 4 in the new process', 20_000);
    second.child.kill('SIGKILL');
    const done = [...first.lines, ...second.lines].filter((l) => l.batch !== undefined);
    expect(done.map((l) => l.batch)).toEqual([0, 1, 2, 3, 4]);
    expect(second.lines.find((l) => l.started !== undefined)?.started).toBe(first.lines.find((l) => l.started !== undefined)?.started);
    expect(totals(done)).toEqual(expectedTotals(5));
    // Two child processes, each starting Node and the engine, and three bounded waits of 20 s:
    // the default 30 s was less than the waits it holds (a loaded CI machine ran out of it).
  }, 90_000);
});
