/**
 * The real crash test: a child process runs a stateful word count with a checkpoint
 * directory, is killed with SIGKILL mid-stream, and a second process started with getOrCreate
 * carries the totals on: every file counted exactly once over both processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { tempDir } from '../../support/window-run.js';

interface Line {
  started?: boolean;
  hadCheckpoint?: boolean;
  setupCalls?: number;
  next?: number;
  totals?: Record<string, number>;
}

let script = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  // Bundle the child (and the engine it imports) into one ES module: no build step needed.
  script = join(tempDir('tspark-crash-bin-'), 'crash-word-count.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'crash-word-count.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
    logLevel: 'silent',
  });
});

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startChild(checkpointDir: string, inputDir: string, mode = 'numbered'): { child: ChildProcess; lines: Line[]; stderr: string[] } {
  const child = spawn(process.execPath, [script, checkpointDir, inputDir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: Line[] = [];
  const stderr: string[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, nl)) as Line);
      buf = buf.slice(nl + 1);
    }
  });
  child.stderr!.on('data', (d: Buffer) => void stderr.push(d.toString('utf8')));
  return { child, lines, stderr };
}

/** File n: word "w<n mod 3>" n times and "all" once per line. */
function fileLines(n: number): string[] {
  return Array.from({ length: n }, () => `w${n % 3} all`);
}

function writeInput(dir: string, n: number): void {
  // Written under another name and renamed, so the reader never sees half a file.
  const tmp = join(dir, `.${n}.tmp`);
  writeFileSync(tmp, fileLines(n).join('\n') + '\n');
  renameSync(tmp, join(dir, `${n}.txt`));
}

function expectedTotals(files: number): Record<string, number> {
  const t: Record<string, number> = {};
  for (let n = 1; n <= files; n++) for (const line of fileLines(n)) for (const w of line.split(' ')) t[w] = (t[w] ?? 0) + 1;
  return t;
}

const lastNext = (lines: Line[]): number => lines.reduce((m, l) => Math.max(m, l.next ?? 0), 0);

describe('crash recovery with getOrCreate', () => {
  it('totals continue after kill -9: every file counted exactly once', async () => {
    const checkpointDir = tempDir('tspark-crash-cp-');
    const inputDir = tempDir('tspark-crash-in-');

    const first = startChild(checkpointDir, inputDir);
    await waitFor(() => first.lines.some((l) => l.started), 'first child to start', 15_000);
    expect(first.lines.find((l) => l.started)).toMatchObject({ hadCheckpoint: false, setupCalls: 1 });
    for (let n = 1; n <= 6; n++) {
      writeInput(inputDir, n);
      await waitFor(() => lastNext(first.lines) > n, `file ${n} to be read`, 10_000);
    }
    // Two more files arrive and the process dies mid-stream, without any chance to clean up.
    writeInput(inputDir, 7);
    writeInput(inputDir, 8);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = startChild(checkpointDir, inputDir);
    await waitFor(() => second.lines.some((l) => l.started), 'second child to start', 15_000);
    // setup rebuilds the pipeline (functions cannot be saved); the state comes from the checkpoint.
    expect(second.lines.find((l) => l.started)).toMatchObject({ hadCheckpoint: true, setupCalls: 1 });
    writeInput(inputDir, 9);
    writeInput(inputDir, 10);
    await waitFor(() => lastNext(second.lines) > 10, 'files 9 and 10 to be read', 10_000);

    const firstOut = second.lines.find((l) => l.totals !== undefined)!;
    // Not from zero: the first batch of the new process already holds the first files' words.
    expect(firstOut.totals!.all).toBeGreaterThanOrEqual(expectedTotals(6).all!);
    const final = second.lines.filter((l) => l.next === 11).at(-1)!;
    expect(final.totals).toEqual(expectedTotals(10));
    expect(second.stderr.join('')).toBe('');
    second.child.kill('SIGKILL');
  }, 60_000);

  it('with textFileStream: files read after the last checkpoint are read again, counted once', async () => {
    const checkpointDir = tempDir('tspark-crash-cp-');
    const inputDir = tempDir('tspark-crash-in-');
    const all = (lines: Line[]): number => lines.reduce((m, l) => Math.max(m, l.totals?.all ?? 0), 0);

    const first = startChild(checkpointDir, inputDir, 'files');
    // The first batch has listed the directory: files written from now on are new.
    await waitFor(() => first.lines.some((l) => l.totals !== undefined), 'first batch', 15_000);
    for (let n = 1; n <= 5; n++) {
      writeInput(inputDir, n);
      await waitFor(() => all(first.lines) >= expectedTotals(n).all!, `file ${n} to be counted`, 10_000);
    }
    writeInput(inputDir, 6);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = startChild(checkpointDir, inputDir, 'files');
    await waitFor(() => second.lines.some((l) => l.totals !== undefined), "second child's first batch", 15_000);
    writeInput(inputDir, 7);
    await waitFor(() => all(second.lines) >= expectedTotals(7).all!, 'files 6 and 7 to be counted', 10_000);
    // A few more batches: nothing is counted twice later either.
    const seen = second.lines.length;
    await waitFor(() => second.lines.length >= seen + 5, 'five more batches', 10_000);
    expect(second.lines.at(-1)!.totals).toEqual(expectedTotals(7));
    // The only message is the source's own status line: no checkpoint or batch error.
    expect(second.stderr.join('').trim()).toMatch(/^\[textFileStream [^\]]+\] watching \S+ for new files$/);
    second.child.kill('SIGKILL');
  }, 60_000);
});
