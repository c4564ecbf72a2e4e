/**
 * Scale-out through Kafka's consumer groups, end to end: three processes run a running word
 * count in one group over a keyed topic of six partitions; one is killed with SIGKILL in the
 * middle of the stream and another joins. Kafka moves the partitions, each new owner rebuilds
 * their state from the changelog and reads on from the group's commits. At the end, the last
 * total of every word in the compacted output topic is exact.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, kafkaBootstrap, lastValues, produce, uniqueTopic } from '../../support/kafka.js';
import { waitFor } from '../../support/wait.js';
import { tempDir } from '../../support/window-run.js';

interface Line {
  pid: number;
  started?: boolean;
  partitions?: number[];
  keys?: number;
}

let bootstrap = '';
let script = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
  script = join(process.cwd(), 'node_modules', '.tspark-tests', `group-word-count-${process.pid}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'group-word-count.ts')],
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

interface Member {
  child: ChildProcess;
  lines: Line[];
  stderr: string[];
}

function member(topic: string, group: string, out: string): Member {
  const child = spawn(process.execPath, [script, bootstrap, topic, group, out, tempDir('tspark-scale-cp-')], { stdio: ['ignore', 'pipe', 'pipe'] });
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

const WORDS = Array.from({ length: 24 }, (_, i) => `word${i}`);
const owned = (m: Member): number[] => m.lines.filter((l) => l.partitions).at(-1)?.partitions ?? [];

describe('scale-out on a consumer group', () => {
  it('three processes, one killed with SIGKILL and one joining: every word\'s final total is exact', async () => {
    const topic = uniqueTopic('scale-words');
    const out = uniqueTopic('scale-totals');
    const group = uniqueTopic('scale');
    await createTopic(bootstrap, topic, 6);
    await createTopic(bootstrap, out, 3, { 'cleanup.policy': 'compact' });
    const expected: Record<string, number> = {};
    let sent = 0;
    const round = async (n: number): Promise<void> => {
      const records = Array.from({ length: n }, (_, i) => {
        const w = WORDS[(sent + i * 7) % WORDS.length] ?? 'word0';
        expected[w] = (expected[w] ?? 0) + 1;
        return { key: w, value: w };
      });
      sent += n;
      await produce(bootstrap, topic, records);
    };

    const [a, b, c] = [member(topic, group, out), member(topic, group, out), member(topic, group, out)];
    // Kafka shares the six partitions: two each.
    await waitFor(() => [a, b, c].every((m) => owned(m).length === 2), 'each process to read two partitions', 60_000);
    for (let i = 0; i < 5; i++) await round(2000);
    await waitFor(() => b.lines.filter((l) => (l.keys ?? 0) > 0).length >= 2, 'b to count some batches', 30_000);
    // Mid-stream: b dies without a word, while records keep coming; d joins.
    const producing = (async () => {
      for (let i = 0; i < 10; i++) await round(1000);
    })();
    b.child.kill('SIGKILL');
    const d = member(topic, group, out);
    await producing;
    // b's partitions move after its session times out (6 s); d gets a share.
    await waitFor(() => owned(d).length > 0 && [a, c, d].reduce((n, m) => n + owned(m).length, 0) === 6, 'a, c and d to share the six partitions', 60_000);
    for (let i = 0; i < 3; i++) await round(1000);

    const want = Object.fromEntries(Object.entries(expected).map(([w, n]) => [w, String(n)]));
    let got: Record<string, string | null> = {};
    for (let i = 0; i < 60 && JSON.stringify(sorted(got)) !== JSON.stringify(sorted(want)); i++) {
      got = await lastValues(bootstrap, out);
      await new Promise((r) => setTimeout(r, 500));
    }
    if (process.env.TSPARK_SCALE_LOG) for (const m of [a, b, c, d]) process.stderr.write(`--- ${m.child.pid}\n${m.stderr.join('')}`);
    expect(sorted(got)).toEqual(sorted(want));
    expect(sent).toBe(23_000);
    // The rebalance was seen and said, and state came back from the changelog.
    expect([a, c, d].map((m) => m.stderr.join('')).join('')).toMatch(/restored from/);
    for (const m of [a, c, d]) expect(m.stderr.join('')).not.toMatch(/ERR_|Error in batch/);
  }, 240_000);
});

function sorted(o: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1));
}
