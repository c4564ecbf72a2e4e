/**
 * A changelog whose latest entry of a key is uncommitted (written by a batch whose commit a
 * rebalance skipped) is repaired by the next restore, against the real broker: the committed
 * entry is written again (or a removal when there is none), so the latest entry of every key is
 * committed and what compaction keeps (the latest entry of each key) restores the committed state.
 */
import { deserialize } from 'node:v8';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeOf } from '../../../src/engine/dstream/dstream.js';
import type { KeyedState } from '../../../src/engine/dstream/stream-node.js';
import { ManualClock, SparkContext, StreamingContext } from '../../../src/index.js';
import { StateChangelog } from '../../../src/sources/kafka/changelog.js';
import { readKafkaParams } from '../../../src/sources/kafka/params.js';
import { PartitionReader } from '../../../src/sources/kafka/reader.js';
import { KafkaWriter } from '../../../src/sources/kafka/writer.js';
import { createTopic, kafkaBootstrap, uniqueTopic } from '../../support/kafka.js';

let bootstrap = '';
const closers: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** The keyed state of a real `updateStateByKey` stream (not started: the test sets it). */
function keyedState(): KeyedState {
  const ssc = new StreamingContext(new SparkContext('local[1]'), 1, { clock: new ManualClock(0), out: () => undefined, err: () => undefined });
  closers.push(() => ssc.stop(true));
  const totals = ssc.queueStream<[string, number]>([]).updateStateByKey((vs: number[], t: number | undefined) => vs.reduce((a, b) => a + b, t ?? 0));
  const state = nodeOf(totals).spec.keyedState;
  if (!state) throw new Error('updateStateByKey has no keyed state');
  return state;
}

function stateOf(s: KeyedState): Record<string, unknown> {
  return Object.fromEntries([...s.entries()].map(([, k, d]) => [String(k), d]));
}

interface Entry {
  offset: number;
  key: string;
  tag: number;
  present: boolean;
  data: unknown;
}

/** Every entry of partition 0 of the changelog `topic`, in log order. */
async function entries(reader: PartitionReader, topic: string): Promise<Entry[]> {
  const { found } = await reader.topics([topic]);
  const tp = { topic, partition: 0 };
  const [from, until] = await Promise.all([reader.offsets([tp], 'earliest'), reader.offsets([tp], 'latest')]);
  const out: Entry[] = [];
  await reader.fetch([{ ...tp, from: from.get(`${topic}:0`) ?? 0, until: until.get(`${topic}:0`) ?? 0 }], found, (_i, offset, k, v) => {
    if (!k || !v) return;
    out.push({ offset, key: JSON.parse(k.toString('utf8')) as string, tag: Number(v.readBigInt64BE(0)), present: v[8] === 1, data: v[8] === 1 ? deserialize(v.subarray(9)) : undefined });
  });
  return out;
}

/** The latest entry of each key: what the log cleaner keeps of a compacted topic. */
function latestByKey(list: readonly Entry[]): Map<string, Entry> {
  const m = new Map<string, Entry>();
  for (const e of list) m.set(e.key, e);
  return m;
}

/**
 * The old owner of partition 0: a committed batch (the group's commit at offset 5), then a
 * batch up to offset 9 whose commit a rebalance skipped: a changed, c new, d removed.
 */
async function oldOwner(writer: KafkaWriter, topic: string): Promise<void> {
  const state = keyedState();
  const old = new StateChangelog('updateStateByKey', topic, state);
  const keys = (ks: string[]): Map<unknown, number> => new Map(ks.map((k) => [k, 0]));
  state.replace([['a', 1], ['b', 2], ['d', 4]]);
  await old.write(writer, old.diff(keys(['a', 'b', 'd']), new Set([0])).changes, new Map([[0, 5]]));
  state.replace([['a', 10], ['b', 2], ['c', 30]]);
  await old.write(writer, old.diff(keys(['a', 'c', 'd']), new Set([0])).changes, new Map([[0, 9]]));
}

describe('restoring keyed state from a changelog', () => {
  it('writes the committed entry again for every key whose latest entry is uncommitted, so compaction keeps the committed state', async () => {
    const params = readKafkaParams('test', { 'bootstrap.servers': bootstrap });
    const writer = new KafkaWriter(params);
    const reader = new PartitionReader(params, uniqueTopic('changelog-repair-reader'));
    closers.push(() => writer.close(), () => reader.close());
    const topic = uniqueTopic('changelog-repair');
    expect(await writer.ensureCompactedTopic(topic, 1)).toBe(1);
    const { found } = await reader.topics([topic]);

    await oldOwner(writer, topic);
    const before = await entries(reader, topic);
    expect(before.map((e) => `${e.key}@${e.tag}`)).toEqual(['a@5', 'b@5', 'd@5', 'a@9', 'c@9', 'd@9']);

    // The new owner restores from the committed offset 5: the committed state, and the repair.
    const newState = keyedState();
    const restored = await new StateChangelog('updateStateByKey', topic, newState).restore(reader, found, [0], new Map([[0, 5]]), writer);
    expect(restored).toBe(3);
    expect(stateOf(newState)).toEqual({ a: 1, b: 2, d: 4 });
    const after = await entries(reader, topic);
    const last = latestByKey(after);
    // The latest entry of every key is committed (tag not beyond 5), with the committed state.
    expect(Object.fromEntries([...last].map(([k, e]) => [k, [e.tag, e.present, e.data]]))).toEqual({
      a: [5, true, 1],
      b: [5, true, 2],
      c: [5, false, undefined],
      d: [5, true, 4],
    });

    // What compaction keeps (the latest entry of each key), restored from the same commit, is
    // the committed state: written to a topic of its own, as the log cleaner would leave it.
    const compacted = uniqueTopic('changelog-repair-compacted');
    await writer.ensureCompactedTopic(compacted, 1);
    const kept = [...last.values()].sort((x, y) => x.offset - y.offset);
    const raw = await rawRecords(reader, topic, new Set(kept.map((e) => e.offset)));
    await writer.send(raw.map((r) => ({ topic: compacted, partition: 0, key: r.key, value: r.value })));
    const { found: found2 } = await reader.topics([compacted]);
    const again = keyedState();
    await new StateChangelog('updateStateByKey', compacted, again).restore(reader, found2, [0], new Map([[0, 5]]), writer);
    expect(stateOf(again)).toEqual({ a: 1, b: 2, d: 4 });

    // A second restore of the repaired changelog finds nothing to repair: no record is added.
    await new StateChangelog('updateStateByKey', topic, keyedState()).restore(reader, found, [0], new Map([[0, 5]]), writer);
    expect(await entries(reader, topic)).toHaveLength(after.length);
  }, 60_000);

  it('the broker compacts the repaired changelog: a restore afterwards still finds the committed state', async () => {
    const params = readKafkaParams('test', { 'bootstrap.servers': bootstrap });
    const writer = new KafkaWriter(params);
    const reader = new PartitionReader(params, uniqueTopic('changelog-compact-reader'));
    closers.push(() => writer.close(), () => reader.close());
    const topic = uniqueTopic('changelog-compact');
    // A changelog the log cleaner compacts as soon as it can: segments roll after 100 ms (at the
    // next append), and any dirty segment is cleanable at once.
    await createTopic(bootstrap, topic, 1, { 'cleanup.policy': 'compact', 'segment.ms': '100', 'min.cleanable.dirty.ratio': '0.01', 'min.compaction.lag.ms': '0' });
    const { found } = await reader.topics([topic]);
    await oldOwner(writer, topic);
    await new StateChangelog('updateStateByKey', topic, keyedState()).restore(reader, found, [0], new Map([[0, 5]]), writer);
    // Appends roll the segment that holds the entries; the cleaner (every log.cleaner.backoff.ms,
    // 15 s by default) then keeps only the latest entry of each key. Waits for that, not a time.
    const roll = new StateChangelog('updateStateByKey', topic, keyedState());
    const compacted = async (): Promise<boolean> => {
      const list = (await entries(reader, topic)).filter((e) => e.key !== 'roll');
      return list.length === new Set(list.map((e) => e.key)).size;
    };
    const deadline = Date.now() + 120_000;
    while (!(await compacted())) {
      if (Date.now() > deadline) throw new Error(`the log cleaner did not compact ${topic} in 120 s`);
      await new Promise((r) => setTimeout(r, 200));
      // A removal of a key the job never had: it restores as nothing.
      await roll.write(writer, [{ partition: 0, key: 'roll', data: undefined }], new Map([[0, 0]]));
    }
    const left = (await entries(reader, topic)).filter((e) => e.key !== 'roll');
    expect(left.map((e) => `${e.key}@${e.tag}`).sort()).toEqual(['a@5', 'b@5', 'c@5', 'd@5']);
    const again = keyedState();
    await new StateChangelog('updateStateByKey', topic, again).restore(reader, found, [0], new Map([[0, 5]]), writer);
    expect(stateOf(again)).toEqual({ a: 1, b: 2, d: 4 });
  }, 180_000);
});

/** The raw key and value bytes of the records of partition 0 of `topic` at `offsets`. */
async function rawRecords(reader: PartitionReader, topic: string, offsets: ReadonlySet<number>): Promise<Array<{ key: Buffer; value: Buffer }>> {
  const { found } = await reader.topics([topic]);
  const until = (await reader.offsets([{ topic, partition: 0 }], 'latest')).get(`${topic}:0`) ?? 0;
  const out: Array<{ key: Buffer; value: Buffer }> = [];
  await reader.fetch([{ topic, partition: 0, from: 0, until }], found, (_i, offset, k, v) => {
    if (k && v && offsets.has(offset)) out.push({ key: Buffer.from(k), value: Buffer.from(v) });
  });
  return out;
}
