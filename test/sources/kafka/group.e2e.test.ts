/**
 * A direct stream in a consumer group, one process at a time, on a ManualClock: it reads the
 * partitions Kafka assigns, commits each batch's offsets to the group, writes its keyed state's
 * changes to a compacted changelog topic, and a later member of the group starts from the
 * commits with the state rebuilt from the changelog; a rebalance while a batch runs commits
 * nothing of that batch; a commit sent after the group moved on is refused; a member that loses
 * a partition writes nothing more of its keys.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Admin } from '@platformatic/kafka';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeOf } from '../../../src/engine/dstream/dstream.js';
import { KafkaUtils, ManualClock, SparkContext, StreamingContext } from '../../../src/index.js';
import { upstreamKafkaInputs } from '../../../src/sources/kafka/upstream-inputs.js';
import { GroupMember } from '../../../src/sources/kafka/group.js';
import { readKafkaParams } from '../../../src/sources/kafka/params.js';
import { PartitionReader } from '../../../src/sources/kafka/reader.js';
import { createTopic, kafkaBootstrap, lastValues, produce, readTopic, uniqueTopic } from '../../support/kafka.js';
import { waitFor } from '../../support/wait.js';
import { tempDir } from '../../support/window-run.js';

let bootstrap = '';
let script = '';
const contexts: StreamingContext[] = [];
const children: ChildProcess[] = [];
const members: Array<{ reader: PartitionReader; member: GroupMember }> = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
  // The second member of the rebalance test runs the scale-out test's child (inside the
  // checkout's node_modules, so the bundle's bare imports resolve from it).
  script = join(process.cwd(), 'node_modules', '.tspark-tests', `group-member-${process.pid}.mjs`);
  await build({ entryPoints: [join(import.meta.dirname, 'fixtures', 'group-word-count.ts')], bundle: true, platform: 'node', format: 'esm', outfile: script, packages: 'external', logLevel: 'silent' });
}, 600_000);

afterAll(() => rmSync(script, { force: true }));

afterEach(async () => {
  for (const m of members.splice(0)) {
    m.member.dispose();
    await m.reader.close();
  }
  for (const ssc of contexts.splice(0)) ssc.stop(true);
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Holds a batch inside its first output while `hold` is set; `reached` says a batch is held there. */
interface Gate {
  hold?: Promise<void>;
  reached: boolean;
}

/** A running word count in group `group` over keyed `topic`, writing totals to `out`. */
function wordCount(topic: string, group: string, out: string, gate: Gate = { reached: false }) {
  const clock = new ManualClock(0);
  const err: string[] = [];
  const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: (t) => err.push(t) });
  contexts.push(ssc);
  ssc.checkpoint(tempDir('tspark-group-cp-'));
  const params = { 'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'smallest', 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '500' };
  // The same job as fixtures/group-word-count.ts (a transform first), so both keep their state in
  // the same changelog topic (it is named after the stream's place in the job).
  const kvs = KafkaUtils.createDirectStream(ssc, [topic], params);
  const input = upstreamKafkaInputs(nodeOf(kvs))[0];
  if (!input) throw new Error('no Kafka input behind the stream');
  const totals = kvs
    .transform((rdd) => rdd)
    .map(([k]): [string, number] => [k ?? '', 1])
    .reduceByKey((a, b) => a + b)
    .updateStateByKey((vs: number[], t: number | undefined) => vs.reduce((a, b) => a + b, t ?? 0));
  const seen: Array<Record<string, number>> = [];
  totals.foreachRDD(async (rdd) => {
    seen.push(Object.fromEntries(rdd.collect()));
    if (gate.hold) {
      gate.reached = true;
      await gate.hold;
    }
  });
  KafkaUtils.writeToKafka(totals, out, params);
  ssc.start();
  return { ssc, clock, err, seen, input };
}

async function committed(group: string, topic: string): Promise<number[]> {
  const admin = new Admin({ clientId: 'tspark-test-admin', bootstrapBrokers: [bootstrap] });
  try {
    const [g] = await admin.listConsumerGroupOffsets({ groups: [group] });
    return (g?.topics.find((t) => t.name === topic)?.partitions ?? []).sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => Number(p.committedOffset));
  } finally {
    await admin.close();
  }
}

describe('createDirectStream with a group.id', () => {
  it('commits each batch, keeps keyed state in a changelog, and a new member resumes from both', async () => {
    const topic = uniqueTopic('group-words');
    const out = uniqueTopic('group-totals');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    const words = ['spark', 'kafka', 'spark', 'state', 'spark', 'kafka'];
    await produce(bootstrap, topic, words.map((w) => ({ key: w, value: w })));

    const a = wordCount(topic, group, out);
    await waitFor(() => a.ssc.sources()[0]?.state === 'connected' && (a.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await a.clock.advance(1000);
    expect(a.seen.at(-1)).toEqual({ spark: 3, kafka: 2, state: 1 });
    await a.clock.advance(1000);
    expect((await committed(group, topic)).reduce((x, y) => x + y, 0)).toBe(6);
    expect(a.ssc.sources()[0]?.partitions?.map((p) => [p.partition, p.offset])).toHaveLength(2);
    a.ssc.stop(true);
    contexts.pop();

    await produce(bootstrap, topic, [{ key: 'state', value: 'state' }]);
    const b = wordCount(topic, group, out);
    await waitFor(() => (b.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the second member to join', 30_000);
    await b.clock.advance(1000);
    // The state came back from the changelog; only the new record was read.
    expect(b.seen.at(-1)).toEqual({ spark: 3, kafka: 2, state: 2 });
    expect(b.err.join('')).toMatch(/state of 3 keys restored from/);
    await b.clock.advance(1000);
    // The totals topic keeps the last total of each word: an upsert per key.
    expect(await lastValues(bootstrap, out)).toEqual({ spark: '3', kafka: '2', state: '2' });
  }, 120_000);

  it('a member whose restore is slower than the batch interval reads on from the committed offset, not from where later ticks planned', async () => {
    const topic = uniqueTopic('group-slow-restore');
    const out = uniqueTopic('group-slow-restore-totals');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    const words = ['spark', 'kafka', 'spark', 'state', 'spark', 'kafka'];
    await produce(bootstrap, topic, words.map((w) => ({ key: w, value: w })));
    const a = wordCount(topic, group, out);
    await waitFor(() => (a.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await a.clock.advance(1000);
    await a.clock.advance(1000);
    expect((await committed(group, topic)).reduce((x, y) => x + y, 0)).toBe(6);
    a.ssc.stop(true);
    contexts.pop();

    await produce(bootstrap, topic, ['state', 'spark', 'group'].map((w) => ({ key: w, value: w })));
    const b = wordCount(topic, group, out);
    await waitFor(() => (b.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the second member to join', 30_000);
    // On a wall clock, ticks go on while the first batch restores its state: their plans queue
    // behind the restore and ahead of the first batch's own plan, which was made before the
    // restore. The same here, on a ManualClock: the next two ticks' plans are made right after the restore.
    const group0 = b.input.group;
    if (!group0) throw new Error('no group');
    const before = group0.beforeBatch.bind(group0);
    let once = false;
    group0.beforeBatch = async () => {
      await before();
      if (once) return;
      once = true;
      b.input.cut(2000);
      b.input.cut(3000);
    };
    await b.clock.advance(1000);
    // The first batch read from the committed offsets: the three new records are counted once.
    expect(b.seen.at(-1)).toEqual({ spark: 4, kafka: 2, state: 2, group: 1 });
    await b.clock.advance(2000);
    expect(b.seen.at(-1)).toEqual({ spark: 4, kafka: 2, state: 2, group: 1 });
    expect((await committed(group, topic)).reduce((x, y) => x + y, 0)).toBe(9);
    expect(b.err.join('')).not.toMatch(/ERR_|Error in batch/);
  }, 120_000);

  it('says once, at the first batch, that records not keyed by the grouping key cannot follow their partitions (ERR_KAFKA_NOT_KEYED)', async () => {
    const topic = uniqueTopic('group-lines');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    // Lines without keys: the words that state is kept by are in the values.
    await produce(bootstrap, topic, [{ value: 'to be or not' }, { value: 'to be' }]);
    const clock = new ManualClock(0);
    const err: string[] = [];
    const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: (t) => err.push(t) });
    contexts.push(ssc);
    ssc.checkpoint(tempDir('tspark-group-cp-'));
    const seen: Array<Record<string, number>> = [];
    KafkaUtils.createDirectStream(ssc, [topic], { 'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'smallest' })
      .flatMap(([, line]) => (line ?? '').split(' '))
      .map((w): [string, number] => [w, 1])
      .updateStateByKey((vs: number[], t: number | undefined) => vs.reduce((a, b) => a + b, t ?? 0))
      .foreachRDD((rdd) => void seen.push(Object.fromEntries(rdd.collect())));
    ssc.start();
    await waitFor(() => (ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await clock.advance(1000);
    await produce(bootstrap, topic, [{ value: 'or not' }]);
    await clock.advance(1000);
    const notKeyed = err.filter((l) => l.includes('not the key of a record'));
    expect(notKeyed).toHaveLength(1);
    expect(notKeyed[0]).toContain('KafkaUtils.writeToKafka(pairs,');
    const e = await ssc.awaitTerminationOrTimeout(0).catch((x: unknown) => x);
    expect((e as { cause?: { code?: string } }).cause?.code).toBe('ERR_KAFKA_NOT_KEYED');
    // The count goes on in this process.
    expect(seen.at(-1)).toEqual({ to: 2, be: 2, or: 2, not: 2 });
  }, 60_000);

  it('a member that loses a partition in a rebalance writes no total of its keys afterwards, even in a batch that could not be planned', async () => {
    const topic = uniqueTopic('group-revoke');
    const out = uniqueTopic('group-revoke-totals');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    // Words of partition 0 and of partition 1 (equal keys in one partition, as the job needs).
    const words: Record<number, string[]> = { 0: ['alpha', 'beta', 'alpha'], 1: ['gamma', 'delta', 'gamma'] };
    await produce(bootstrap, topic, [0, 1].flatMap((p) => (words[p] ?? []).map((w) => ({ key: w, value: w, partition: p }))));
    const a = wordCount(topic, group, out);
    await waitFor(() => (a.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await a.clock.advance(1000);
    await a.clock.advance(1000);
    expect(a.seen.at(-1)).toEqual({ alpha: 2, beta: 1, gamma: 2, delta: 1 });
    const written = (await readTopic(bootstrap, out)).length;

    // The next batch's state is restored, and then, before it is planned, a second member joins:
    // the group rebalances and this member loses a partition. The batch has no plan for the new
    // assignment (its state is not restored for it) and runs on what the state holds.
    const sync = a.input.group;
    if (!sync) throw new Error('no group');
    const before = sync.beforeBatch.bind(sync);
    let rebalance = true;
    sync.beforeBatch = async () => {
      await before();
      if (!rebalance) return;
      rebalance = false;
      const epoch = sync.epoch;
      const params = readKafkaParams('test', { 'bootstrap.servers': bootstrap, 'group.id': group, 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '500' });
      const reader = new PartitionReader(params, group);
      const b = new GroupMember(await reader.client(), [topic], params, () => undefined);
      members.push({ reader, member: b });
      await b.join();
      await waitFor(() => sync.epoch > epoch, 'the first member to get its new assignment', 30_000);
    };
    await a.clock.advance(1000);
    expect(sync.partitions).toHaveLength(1);
    const kept = sync.partitions[0]?.partition ?? -1;
    const lost = new Set(words[1 - kept]);
    const keptWords = Object.keys(a.seen[1] ?? {}).filter((w) => !lost.has(w));
    // The totals of the lost partition's keys are gone from this member (their owner has them now)…
    expect(Object.keys(a.seen.at(-1) ?? {}).filter((w) => lost.has(w))).toEqual([]);
    // …and the next batches, restored for the new assignment, count on for the kept partition only.
    await produce(bootstrap, topic, [0, 1].flatMap((p) => (words[p] ?? []).slice(0, 1).map((w) => ({ key: w, value: w, partition: p }))));
    await a.clock.advance(1000);
    await a.clock.advance(1000);
    expect(Object.keys(a.seen.at(-1) ?? {}).sort()).toEqual(keptWords.sort());
    const after = (await readTopic(bootstrap, out)).slice(written);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => r.key !== null && lost.has(r.key))).toEqual([]);
    expect(a.err.join('')).not.toMatch(/ERR_|Error in batch/);
  }, 120_000);

  it('a commit refused because the group rebalanced after the batch was checked is said once, leaves the commit as it was, and the batch is read again', async () => {
    const topic = uniqueTopic('group-refused');
    const out = uniqueTopic('group-refused-totals');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    const words: Record<number, string[]> = { 0: ['alpha', 'beta', 'alpha'], 1: ['gamma', 'delta', 'gamma'] };
    const send = (ws: Record<number, string[]>): Promise<void> => produce(bootstrap, topic, [0, 1].flatMap((p) => (ws[p] ?? []).map((w) => ({ key: w, value: w, partition: p }))));
    await send(words);
    const a = wordCount(topic, group, out);
    await waitFor(() => (a.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await a.clock.advance(1000);
    await a.clock.advance(1000);
    const sum = async (): Promise<number> => (await committed(group, topic)).reduce((x, y) => x + y, 0);
    expect(await sum()).toBe(6);

    // The next batch passes its last check, and then, before its commit reaches the
    // coordinator, a second member joins and the group rebalances.
    await send({ 0: ['alpha'], 1: ['gamma'] });
    const sync = a.input.group;
    if (!sync) throw new Error('no group');
    const reader = a.input.reader;
    const commit = reader.commitFenced.bind(reader);
    let rebalance = true;
    let answered = false;
    reader.commitFenced = async (offsets, membership) => {
      if (rebalance) {
        rebalance = false;
        const epoch = sync.epoch;
        const params = readKafkaParams('test', { 'bootstrap.servers': bootstrap, 'group.id': group, 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '500' });
        const r = new PartitionReader(params, group);
        const b = new GroupMember(await r.client(), [topic], params, () => undefined);
        members.push({ reader: r, member: b });
        await b.join();
        await waitFor(() => sync.epoch > epoch, 'the first member to get its new assignment', 30_000);
      }
      try {
        return await commit(offsets, membership);
      } finally {
        answered = true;
      }
    };
    await a.clock.advance(1000);
    await waitFor(() => answered, 'the coordinator to answer the commit', 30_000);
    // The batch's offsets did not land under the new generation…
    expect(await sum()).toBe(6);
    // …and the stream said so once.
    await waitFor(() => a.err.some((l) => l.includes('were not committed')), 'the refused commit to be said', 10_000);
    const said = a.err.filter((l) => l.includes('were not committed'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('the group coordinator refused it (ILLEGAL_GENERATION)');

    // This member reads its kept partition again from the last commit, with the state of that commit.
    await a.clock.advance(1000);
    await a.clock.advance(1000);
    const kept = sync.partitions[0]?.partition ?? -1;
    expect(sync.partitions).toHaveLength(1);
    expect(a.seen.at(-1)).toEqual(kept === 0 ? { alpha: 3, beta: 1 } : { gamma: 3, delta: 1 });
    expect((await committed(group, topic))[kept]).toBe(4);
    expect(a.err.join('')).not.toMatch(/ERR_|Error in batch/);
  }, 120_000);

  // TSPARK_GROUP_LOG=1 prints both members' logs, the output topic and the commits.
  it('a rebalance in the middle of a batch: the batch commits nothing, its records are read again by their owners, every total exact', async () => {
    const topic = uniqueTopic('group-rebalance');
    const out = uniqueTopic('group-rebalance-totals');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    const expected: Record<string, number> = {};
    const send = async (ws: string[]): Promise<void> => {
      for (const w of ws) expected[w] = (expected[w] ?? 0) + 1;
      await produce(bootstrap, topic, ws.map((w) => ({ key: w, value: w })));
    };
    await send(['spark', 'kafka', 'spark', 'state', 'spark', 'kafka', 'group']);
    const gate: Gate = { reached: false };
    const a = wordCount(topic, group, out, gate);
    await waitFor(() => (a.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the first member to join', 30_000);
    await a.clock.advance(1000);
    await a.clock.advance(1000);
    expect((await committed(group, topic)).reduce((x, y) => x + y, 0)).toBe(7);

    // The next batch reads new records of both partitions and is held inside its output…
    await send(['spark', 'kafka', 'state', 'group', 'rebalance', 'mid', 'batch']);
    let release = (): void => undefined;
    gate.hold = new Promise<void>((r) => (release = r));
    const held = a.clock.advance(1000);
    await waitFor(() => gate.reached, 'the batch to reach its output', 30_000);
    const generation = a.ssc.sources()[0]?.group?.generation ?? -1;
    // …while a second member (another process: one StreamingContext per process) joins: Kafka
    // rebalances the group under the running batch.
    const b = spawn(process.execPath, [script, bootstrap, topic, group, out, tempDir('tspark-group-cp-')], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(b);
    const bOut: string[] = [];
    const bErr: string[] = [];
    b.stdout!.on('data', (d: Buffer) => void bOut.push(d.toString('utf8')));
    b.stderr!.on('data', (d: Buffer) => void bErr.push(d.toString('utf8')));
    await waitFor(() => (a.ssc.sources()[0]?.group?.generation ?? -1) > generation, 'the group to rebalance', 60_000);
    gate.hold = undefined;
    release();
    await held;
    const said = a.err.filter((l) => l.includes('the group rebalanced while the batch at'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('its offsets and state changes are not committed');

    // Each member reads its partition from the last commit, with state from the changelog: the
    // held batch's records are counted once, by their owners now.
    await send(['spark', 'after']);
    const sum = async (): Promise<number> => (await committed(group, topic)).reduce((x, y) => x + y, 0);
    for (let i = 0; i < 60 && (await sum()) < 16; i++) {
      await a.clock.advance(1000);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await sum()).toBe(16);
    // The two members share the two partitions.
    expect(a.ssc.sources()[0]?.partitions).toHaveLength(1);
    const want = Object.fromEntries(Object.entries(expected).map(([w, n]) => [w, String(n)]));
    let got: Record<string, string | null> = {};
    for (let i = 0; i < 40 && JSON.stringify(got) !== JSON.stringify(want); i++) {
      await a.clock.advance(1000);
      got = Object.fromEntries(Object.entries(await lastValues(bootstrap, out)).sort(([x], [y]) => Object.keys(want).indexOf(x) - Object.keys(want).indexOf(y)));
    }
    if (process.env.TSPARK_GROUP_LOG) process.stderr.write(`--- out ${JSON.stringify((await readTopic(bootstrap, out)).map((r) => `${r.offset}:${r.key}=${r.value}`))}\n--- committed ${JSON.stringify(await committed(group, topic))}\n--- a\n${a.err.join('')}\n--- b\n${bOut.join('')}${bErr.join('')}\n`);
    expect(got).toEqual(want);
    expect(a.err.join('')).not.toMatch(/ERR_|Error in batch/);
    expect(bErr.join('')).not.toMatch(/ERR_|Error in batch/);
  }, 120_000);
});
