/**
 * A Structured Streaming running word count upserting into PostgreSQL with foreachBatch, killed
 * with `kill -9` after a batch was written and before it was committed, then restarted on its
 * checkpoint in a new process: that batch runs again with the same files and the state of the
 * batch before, rewriting the same totals, so the table's totals are exact and each word has one
 * row. (The DStream version: exactly-once.e2e.test.ts.) The child runs the built package.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../../support/services.js';
import { waitFor } from '../../support/wait.js';

const script = fileURLToPath(new URL('./fixtures/structured-word-count-to-postgres.mjs', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
let url: string;
let client: pg.Client;

beforeAll(async () => {
  url = await service('postgres');
  client = new pg.Client({ connectionString: url });
  await client.connect();
}, 600_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await client?.end();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Line {
  started?: string;
  batch?: number;
  blocked?: number;
}

function startChild(args: string[]): { child: ChildProcess; lines: Line[]; stderr: () => string } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: Line[] = [];
  let err = '';
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, nl)) as Line);
      buf = buf.slice(nl + 1);
    }
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return { child, lines, stderr: () => err };
}

/** File n: the word "w<n mod 3>" n times, and "all" once per line. */
const fileLines = (n: number): string[] => Array.from({ length: n }, () => `w${n % 3} all`);

function placeFile(dir: string, n: number): void {
  const tmp = join(dir, '..', `.${n}.tmp`);
  writeFileSync(tmp, fileLines(n).join('\n') + '\n');
  renameSync(tmp, join(dir, `${n}.txt`));
}

function expectedTotals(files: number): Record<string, number> {
  const t: Record<string, number> = {};
  for (let n = 1; n <= files; n++) for (const line of fileLines(n)) for (const w of line.split(' ')) t[w] = (t[w] ?? 0) + 1;
  return t;
}

async function tableTotals(table: string): Promise<Record<string, number>> {
  const r = await client.query<{ word: string; total: string }>(`select word, total from ${table}`);
  return Object.fromEntries(r.rows.map((row) => [row.word, Number(row.total)]));
}

const batches = (lines: Line[]): number[] => lines.filter((l) => l.batch !== undefined).map((l) => l.batch!);

describe('exact totals in PostgreSQL from a Structured Streaming query across kill -9', () => {
  it('a batch written but not committed when the process died runs again on restart and rewrites the same totals', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tspark-exact-ss-'));
    dirs.push(root);
    const [chk, input, block] = ['chk', 'in', 'block'].map((d) => join(root, d)) as [string, string, string];
    mkdirSync(input);
    mkdirSync(block);
    const table = `ss_word_totals_${process.pid}`;
    await client.query(`drop table if exists ${table}`);

    const first = startChild([chk, input, block, url, table]);
    await waitFor(() => first.lines.some((l) => l.started !== undefined), 'the first child to start', 20_000);
    for (let n = 1; n <= 3; n++) {
      placeFile(input, n);
      await waitFor(() => batches(first.lines).length === n, `file ${n} to be counted`, 20_000).catch((e: Error) => {
        throw new Error(`${e.message}; stderr: ${first.stderr()}`);
      });
    }
    expect(await tableTotals(table)).toEqual(expectedTotals(3));
    // Batch 3 writes file 4's totals, then hangs before its commit: kill -9 there.
    writeFileSync(join(block, '3'), '');
    placeFile(input, 4);
    await waitFor(() => first.lines.some((l) => l.blocked === 3), 'batch 3 to block', 20_000);
    expect(await tableTotals(table)).toEqual(expectedTotals(4));
    expect(existsSync(join(chk, 'offsets', '3'))).toBe(true);
    expect(existsSync(join(chk, 'commits', '3'))).toBe(false);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(first.child.signalCode).toBe('SIGKILL');
    placeFile(input, 5); // arrives while nothing runs

    const second = startChild([chk, input, join(root, 'no-block'), url, table]);
    await waitFor(() => batches(second.lines).includes(4), 'batches 3 and 4 in the new process', 20_000).catch((e: Error) => {
      throw new Error(`${e.message}; stderr: ${second.stderr()}`);
    });
    expect(batches(second.lines)).toEqual([3, 4]);
    // The same query (its id from the checkpoint), batch 3 run again, file 4 counted once.
    expect(second.lines.find((l) => l.started !== undefined)?.started).toBe(first.lines.find((l) => l.started !== undefined)?.started);
    expect(await tableTotals(table)).toEqual(expectedTotals(5));
    const rows = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
    expect(Number(rows.rows[0]?.n)).toBe(Object.keys(expectedTotals(5)).length);
    expect(second.stderr()).not.toMatch(/ERROR/);
    second.child.kill('SIGKILL');
  }, 90_000);
});
