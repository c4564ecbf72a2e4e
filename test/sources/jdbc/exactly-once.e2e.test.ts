/**
 * A running word count into PostgreSQL, killed with `kill -9` mid-stream and restarted from its
 * checkpoint: the table's totals are exact. State comes back from the checkpoint, batches after
 * it run again, and their writes are upserts keyed by word, so a batch written twice leaves the
 * same totals. The child runs the built package (dist/), as the e2e project's tests do.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../../support/services.js';
import { waitFor } from '../../support/wait.js';

const script = fileURLToPath(new URL('./fixtures/word-count-to-postgres.mjs', import.meta.url));
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

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function startChild(checkpointDir: string, inputDir: string, table: string) {
  const child = spawn(process.execPath, [script, checkpointDir, inputDir, url, table], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: { started?: boolean; next?: number }[] = [];
  const stderr: string[] = [];
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, nl)) as { started?: boolean; next?: number });
      buf = buf.slice(nl + 1);
    }
  });
  child.stderr?.on('data', (d: Buffer) => void stderr.push(d.toString('utf8')));
  return { child, lines, stderr };
}

/** File n: the word "w<n mod 3>" n times, and "all" once per line. */
const fileLines = (n: number): string[] => Array.from({ length: n }, () => `w${n % 3} all`);

function writeInput(dir: string, n: number): void {
  const tmp = join(dir, `.${n}.tmp`);
  writeFileSync(tmp, fileLines(n).join('\n') + '\n');
  renameSync(tmp, join(dir, `${n}.txt`));
}

function expectedTotals(files: number): Record<string, number> {
  const t: Record<string, number> = {};
  for (let n = 1; n <= files; n++) for (const line of fileLines(n)) for (const w of line.split(' ')) t[w] = (t[w] ?? 0) + 1;
  return t;
}

const lastNext = (lines: { next?: number }[]): number => lines.reduce((m, l) => Math.max(m, l.next ?? 0), 0);

async function tableTotals(table: string): Promise<Record<string, number>> {
  const r = await client.query<{ word: string; total: string }>(`select word, total from ${table}`);
  return Object.fromEntries(r.rows.map((row) => [row.word, Number(row.total)]));
}

describe('exactly-once totals in PostgreSQL across kill -9', () => {
  it('a running word count killed mid-stream and restarted from its checkpoint leaves exact totals', async () => {
    const checkpointDir = tempDir('tspark-exact-cp-');
    const inputDir = tempDir('tspark-exact-in-');
    const table = `word_totals_${process.pid}`;
    await client.query(`drop table if exists ${table}`);

    const first = startChild(checkpointDir, inputDir, table);
    await waitFor(() => first.lines.some((l) => l.started), 'first child to start', 20_000);
    for (let n = 1; n <= 6; n++) {
      writeInput(inputDir, n);
      await waitFor(() => lastNext(first.lines) > n, `file ${n} to be counted`, 15_000);
    }
    expect(await tableTotals(table)).toEqual(expectedTotals(6));
    writeInput(inputDir, 7);
    writeInput(inputDir, 8);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = startChild(checkpointDir, inputDir, table);
    await waitFor(() => second.lines.some((l) => l.started), 'second child to start', 20_000);
    writeInput(inputDir, 9);
    writeInput(inputDir, 10);
    await waitFor(() => lastNext(second.lines) > 10, 'files 9 and 10 to be counted', 15_000);
    const seen = second.lines.length;
    await waitFor(() => second.lines.length >= seen + 2, 'two more batches', 15_000);
    expect(await tableTotals(table)).toEqual(expectedTotals(10));
    // One row per word: the batches run again after the restart rewrote rows, not added them.
    const rows = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
    expect(Number(rows.rows[0]?.n)).toBe(Object.keys(expectedTotals(10)).length);
    expect(second.stderr.join('')).toBe('');
    second.child.kill('SIGKILL');
  }, 90_000);
});
