/**
 * Keyed state that follows its partitions, as Kafka Streams keeps it: each stateful operator
 * downstream of a consumer-group stream writes every change of a key's state to a compacted
 * changelog topic, in the partition its records come from, tagged with that partition's offset
 * after the batch. A process that is assigned a partition rebuilds the state of its keys from
 * the changelog, keeping for each key the entry with the highest tag not beyond the group's
 * committed offset, and reads the input on from that offset: state and position agree. The
 * restore also rewrites the committed entry of each key whose latest entry is uncommitted, so
 * that compaction (which keeps the latest entry of a key) never drops committed state.
 *
 * Record layout: key = the state key as JSON (v8 serialisation, behind a 0x00 byte, for keys
 * JSON cannot hold); value = 8-byte tag, 1 byte present (1) or removed (0), then the operator's
 * per-key data in V8's structured serialisation (as checkpoints).
 */
import { deserialize, serialize } from 'node:v8';
import { groupingKey } from '../../engine/keys.js';
import type { KeyedState } from '../../engine/dstream/stream-node.js';
import type { PartitionReader, TopicMeta } from './reader.js';
import type { KafkaWriter, OutRecord } from './writer.js';

/** One key's change in a batch. */
export interface StateChange {
  readonly partition: number;
  readonly key: unknown;
  /** The new data, or undefined when the key was removed. */
  readonly data: unknown;
}

/** The outcome of comparing the state with what the changelog holds. */
export interface StateDiff {
  readonly changes: StateChange[];
  /** A state key that is not the key of a record of this process's partitions: the topic is not keyed by it. */
  readonly foreignKey?: unknown;
}

function encodeKey(key: unknown): Buffer {
  try {
    const json = JSON.stringify(key);
    // JSON.stringify turns what it cannot hold into null or undefined; those keys go through v8.
    if (json !== undefined && (json !== 'null' || key === null) && JSON.stringify(JSON.parse(json)) === json && typeof key !== 'bigint') {
      return Buffer.from(json, 'utf8');
    }
  } catch {
    // falls through to v8
  }
  return Buffer.concat([Buffer.from([0]), serialize(key)]);
}

function decodeKey(b: Buffer): unknown {
  return b[0] === 0 ? deserialize(b.subarray(1)) : JSON.parse(b.toString('utf8'));
}

/** A value's head: the tag and whether the key is present. */
function valueHead(tag: number, present: boolean): Buffer {
  const head = Buffer.alloc(9);
  head.writeBigInt64BE(BigInt(tag), 0);
  head[8] = present ? 1 : 0;
  return head;
}

function encodeValue(tag: number, data: unknown, present: boolean): Buffer {
  const head = valueHead(tag, present);
  return present ? Buffer.concat([head, serialize(data)]) : head;
}

/** The changelog of one stateful operator. */
export class StateChangelog {
  /** What the changelog holds for each key as far as this process knows: its partition and data bytes. */
  private shadow = new Map<unknown, { partition: number; bytes: Buffer }>();

  constructor(
    /** The operator, for messages (`updateStateByKey`). */
    readonly operator: string,
    readonly topic: string,
    private readonly state: KeyedState,
  ) {}

  /**
   * The keys whose state changed since the changelog last heard of them. `recordKeys` gives the
   * partition of each record key of the batch (-1 when a key came from two partitions);
   * `owned` the partitions this process reads.
   */
  diff(recordKeys: ReadonlyMap<unknown, number>, owned: ReadonlySet<number>): StateDiff {
    const changes: StateChange[] = [];
    let foreignKey: unknown;
    let foreign = false;
    const seen = new Set<unknown>();
    const next = new Map(this.shadow);
    for (const [g, key, data] of this.state.entries()) {
      seen.add(g);
      const bytes = serialize(data);
      const prev = this.shadow.get(g);
      if (prev && prev.bytes.equals(bytes)) continue;
      const partition = recordKeys.get(g) ?? prev?.partition;
      if (partition === undefined || partition < 0 || !owned.has(partition)) {
        if (!foreign) foreignKey = key;
        foreign = true;
        continue;
      }
      changes.push({ partition, key, data });
      next.set(g, { partition, bytes });
    }
    for (const [g, prev] of this.shadow) {
      if (seen.has(g)) continue;
      next.delete(g);
      if (owned.has(prev.partition)) changes.push({ partition: prev.partition, key: this.keyOf(g), data: undefined });
    }
    this.shadow = next;
    return foreign ? { changes, foreignKey } : { changes };
  }

  // Removed keys are written with the key they were stored under; grouping keys of strings and numbers are the keys.
  private readonly keys = new Map<unknown, unknown>();
  private keyOf(g: unknown): unknown {
    return this.keys.get(g) ?? g;
  }

  /** Writes `changes`, each tagged with its partition's offset after the batch. */
  async write(writer: KafkaWriter, changes: readonly StateChange[], tags: ReadonlyMap<number, number>): Promise<void> {
    const records: OutRecord[] = [];
    for (const c of changes) {
      const tag = tags.get(c.partition);
      if (tag === undefined) continue;
      if (c.data !== undefined) this.keys.set(groupingKey(c.key), c.key);
      records.push({ topic: this.topic, partition: c.partition, key: encodeKey(c.key), value: encodeValue(tag, c.data, c.data !== undefined) });
    }
    await writer.send(records);
  }

  /**
   * Drops the state of every key not known to belong to one of `kept` (the partitions of a new
   * assignment), at the moment the assignment arrives: until the state is restored from the
   * changelog, no batch may carry on the totals of a partition another process owns now.
   * Returns how many keys were dropped.
   */
  dropRevoked(kept: ReadonlySet<number>): number {
    const entries: Array<[unknown, unknown]> = [];
    let dropped = 0;
    for (const [g, key, data] of this.state.entries()) {
      const known = this.shadow.get(g);
      if (known !== undefined && kept.has(known.partition)) entries.push([key, data]);
      else dropped++;
    }
    if (dropped === 0) return 0;
    for (const [g, known] of this.shadow) if (!kept.has(known.partition)) this.shadow.delete(g);
    this.state.replace(entries);
    return dropped;
  }

  /** Forgets what the changelog holds (after a failed write, the next diff writes every key again). */
  forget(): void {
    this.shadow.clear();
  }

  /**
   * Rebuilds the state of `partitions` from the changelog: for each key, the entry with the
   * highest tag not beyond `cutoff` of its partition (the group's committed offset). Then, before
   * any batch of the new assignment runs, repairs the changelog: each key whose latest entry is
   * uncommitted (tagged beyond the cutoff: written by a batch whose commit a rebalance skipped or
   * refused) gets its committed entry written again, or a removal when it has none, so the latest
   * entry of every key is a committed one and compaction, which keeps only the latest, can never
   * drop the committed state. Returns how many keys were restored.
   */
  async restore(reader: PartitionReader, meta: ReadonlyMap<string, TopicMeta>, partitions: readonly number[], cutoff: ReadonlyMap<number, number>, writer: KafkaWriter): Promise<number> {
    const tps = partitions.map((partition) => ({ topic: this.topic, partition }));
    const [earliest, latest] = await Promise.all([reader.offsets(tps, 'earliest'), reader.offsets(tps, 'latest')]);
    const best = new Map<unknown, { tag: number; partition: number; key: unknown; present: boolean; bytes: Buffer }>();
    /** Each key's latest entry in the log, when it is uncommitted: its partition and key bytes. */
    const dirty = new Map<unknown, { partition: number; key: Buffer }>();
    const ranges = tps.map((t) => ({ ...t, from: earliest.get(`${t.topic}:${t.partition}`) ?? 0, until: latest.get(`${t.topic}:${t.partition}`) ?? 0 }));
    await reader.fetch(ranges, meta, (i, _offset, k, v) => {
      const r = ranges[i];
      if (!r || k === null || v === null || v.length < 9) return;
      const tag = Number(v.readBigInt64BE(0));
      const key = decodeKey(k);
      const g = groupingKey(key);
      if (tag > (cutoff.get(r.partition) ?? Number.MAX_SAFE_INTEGER)) {
        dirty.set(g, { partition: r.partition, key: Buffer.from(k) });
        return;
      }
      dirty.delete(g);
      const prev = best.get(g);
      // Ties go to the later record: the same state, written again (as a repair writes it).
      if (prev && prev.tag > tag) return;
      best.set(g, { tag, partition: r.partition, key, present: v[8] === 1, bytes: Buffer.from(v.subarray(9)) });
    });
    const repairs: OutRecord[] = [];
    for (const [g, d] of dirty) {
      const e = best.get(g);
      // The committed entry goes back with its own tag, not the cutoff's: the tag says from
      // which offset on the state holds, and that is still where it was made. Tagged with the
      // cutoff, a later restore from an earlier committed offset (offsets reset by an admin)
      // would find nothing once compaction dropped the original. With no committed entry the
      // key did not exist as of the cutoff: a removal tagged with the cutoff says so.
      const value = e ? Buffer.concat([valueHead(e.tag, e.present), e.bytes]) : valueHead(cutoff.get(d.partition) ?? 0, false);
      repairs.push({ topic: this.topic, partition: d.partition, key: d.key, value });
    }
    await writer.send(repairs);
    // Keys of partitions this process no longer reads leave with them.
    const keep = new Map<unknown, { partition: number; bytes: Buffer }>();
    const entries: Array<[unknown, unknown]> = [];
    for (const [g, e] of best) {
      if (!e.present) continue;
      keep.set(g, { partition: e.partition, bytes: e.bytes });
      this.keys.set(g, e.key);
      entries.push([e.key, deserialize(e.bytes)]);
    }
    this.shadow = keep;
    this.state.replace(entries);
    return entries.length;
  }
}
