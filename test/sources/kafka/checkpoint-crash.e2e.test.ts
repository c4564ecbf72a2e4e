/**
 * The real crash test for a direct stream: a child process counts words from a Kafka topic with
 * a checkpoint directory, is killed with SIGKILL in the middle of a burst, and a second process
 * started with getOrCreate resumes from the offsets of the last completed batch: every record
 * is counted exactly once over both processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, kafkaBootstrap, produce, uniqueTopic } from '../../support/kafka.js';
import { waitFor } from '../../support/wait.js';
import { tempDir } from '../../support/window-run.js';

interface Line {
  started?: boolean;
  hadCheckpoint?: boolean;
  ranges?: Array<[number, number, number]>;
  totals?: Record<string, number>;
}

let bootstrap = '';
let script = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
  // Inside the checkout's node_modules, so the bundle's bare imports (the Kafka client) resolve from it.
  script = join(process.cwd(), 'node_modules', '.tspark-tests', `kafka-crash-${process.pid}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'kafka-crash-word-count.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
    packages: 'external',
    logLevel: 'silent',
  });
}, 600_000);

afterAll(() => rmSync(script, { force: true }));

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startChild(topic: string, checkpointDir: string): { child: ChildProcess; lines: Line[]; stderr: string[] } {
  const child = spawn(process.execPath, [script, bootstrap, topic, checkpointDir], { stdio: ['ignore', 'pipe', 'pipe'] });
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

/** Line n of the burst: its words are "w<n mod 5>" and "all". */
const lineOf = (n: number): string => `w${n % 5} all`;

function expected(lines: number): Record<string, number> {
  const t: Record<string, number> = {};
  for (let n = 0; n < lines; n++) for (const w of lineOf(n).split(' ')) t[w] = (t[w] ?? 0) + 1;
  return t;
}

const total = (ls: Line[]): number => ls.reduce((m, l) => Math.max(m, l.totals?.all ?? 0), 0);

describe('a direct stream after kill -9', () => {
  it('resumes from the last completed batch with getOrCreate: every record counted once', async () => {
    const topic = uniqueTopic('crash');
    await createTopic(bootstrap, topic, 2);
    const checkpointDir = tempDir('tspark-kafka-crash-cp-');
    const produceLines = (from: number, to: number): Promise<void> =>
      produce(
        bootstrap,
        topic,
        Array.from({ length: to - from }, (_, i) => ({ value: lineOf(from + i), partition: (from + i) % 2 })),
      );

    const first = startChild(topic, checkpointDir);
    await waitFor(() => first.lines.some((l) => l.started), 'first child to start', 20_000);
    expect(first.lines.find((l) => l.started)?.hadCheckpoint).toBe(false);
    await produceLines(0, 300);
    await waitFor(() => total(first.lines) === 300, 'the first 300 lines to be counted', 20_000);
    // A burst of 4000 lines takes ten batches at 200 records/s per partition and 0.25 s batches:
    // the process dies in the middle of it.
    await produceLines(300, 4300);
    await waitFor(() => total(first.lines) >= 700, 'part of the burst to be counted', 20_000);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(total(first.lines)).toBeLessThan(4300);

    const second = startChild(topic, checkpointDir);
    await waitFor(() => second.lines.some((l) => l.started), 'second child to start', 20_000);
    expect(second.lines.find((l) => l.started)?.hadCheckpoint).toBe(true);
    await produceLines(4300, 4500);
    await waitFor(() => total(second.lines) >= 4500, 'every line to be counted', 60_000);
    // A few more batches: nothing is counted twice later either.
    const seen = second.lines.length;
    await waitFor(() => second.lines.length >= seen + 4, 'four more batches', 20_000);
    expect(second.lines.at(-1)?.totals).toEqual(expected(4500));

    // The second process's first batch starts where one of the first's last batches ended (the
    // last one whose checkpoint was written before the kill).
    const firstRanges = first.lines.filter((l) => l.ranges && l.ranges.length > 0).map((l) => l.ranges!);
    const resumedAt = second.lines.find((l) => l.ranges && l.ranges.length > 0)?.ranges;
    const ends = firstRanges.map((rs) => rs.map(([p, , until]) => [p, until]));
    expect(ends.slice(-2).map((e) => JSON.stringify(e))).toContain(JSON.stringify(resumedAt?.map(([p, from]) => [p, from])));
    expect(second.stderr.join('')).not.toMatch(/Error|error/);
  }, 180_000);
});
