/**
 * The state of one stateful operator, as Spark's HDFS-backed state store in spirit: entries in
 * memory by key, each in the shuffle partition its key hashes to, and on disk under
 * `<checkpoint>/state/<operatorId>/<version>.delta` (each partition's puts and removes of one
 * batch, in order) with a `<version>.snapshot` of every partition every 10 versions. Spark
 * writes one file per partition and version; tspark keeps the partitions as sections of one
 * file, because 200 file creations a batch were most of a small batch's time. Version v is the
 * state after batch v − 1, so a query restarted before batch N loads version N; files are
 * written atomically, so a `kill -9` leaves a version whole or absent. Values are kept as V8's
 * structured serialisation writes them (numbers, bigints, strings, arrays, Maps, Sets …).
 *
 * Iteration follows Spark's: partition by partition, each in the order of the Java hash map
 * Spark keeps it in (java-map-order.ts), given each key's UnsafeRow hash at `put`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeAtomically } from '../checkpoint/metadata-log.js';
import { JavaMapOrder } from './java-map-order.js';

const SNAPSHOT_EVERY = 10;

interface Entry<V> {
  value: V;
  part: number;
}

/** One logged operation: a put (key, hash, value) or a remove (key). */
type Op = readonly ['put', unknown, number, unknown] | readonly ['remove', unknown];

/** One partition's operations in a delta or snapshot file. */
type Section = readonly [number, readonly Op[]];

/** Counts of one batch, for the progress' state operator entry. */
export interface StoreMetrics {
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  commitTimeMs: number;
  memoryUsedBytes: number;
  loadedMapCacheHitCount: number;
  loadedMapCacheMissCount: number;
  stateOnCurrentVersionSizeBytes: number;
}

/** A stand-in hash for keys without an UnsafeRow hash (Java's String.hashCode of their text). */
function textHash(key: unknown): number {
  const s = typeof key === 'string' ? key : JSON.stringify(key, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** A key-value state store of one operator. */
export class StateStore<V> {
  private readonly map = new Map<unknown, Entry<V>>();
  private readonly hashes = new Map<unknown, number>();
  /** Each partition's Java map order, for this batch. */
  private orders = new Map<number, JavaMapOrder>();
  /** Operations since the last commit, by partition, in order. */
  private readonly log = new Map<number, Op[]>();
  private version = 0;
  private updated = 0;
  private removed = 0;
  private cacheHits = 0;
  private cacheMisses = 0;
  private lastCommitMs = 0;
  private lastWrittenBytes = 0;

  /** `dir` is `<checkpoint>/state/<operatorId>` (undefined keeps the state in memory only). */
  constructor(
    readonly dir: string | undefined,
    readonly numPartitions: number,
  ) {}

  private orderOf(part: number): JavaMapOrder {
    let o = this.orders.get(part);
    if (o === undefined) {
      // Version 0 is a new map; later versions copy the (here empty) previous one.
      o = this.version === 0 ? JavaMapOrder.empty() : JavaMapOrder.empty().copy();
      this.orders.set(part, o);
    }
    return o;
  }

  /** Loads version `version` from disk (0 = empty), replaying each partition's operations in order. */
  load(version: number): void {
    this.map.clear();
    this.hashes.clear();
    this.orders.clear();
    this.log.clear();
    this.version = version;
    if (this.dir === undefined || version === 0 || !existsSync(this.dir)) return;
    const files = readdirSync(this.dir)
      .map((f) => /^(\d+)\.(delta|snapshot)$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) <= version)
      .map((m) => ({ v: Number(m[1]), kind: m[2]!, name: m[0] }));
    const snap = files.filter((f) => f.kind === 'snapshot').sort((a, b) => b.v - a.v)[0];
    const deltas = files.filter((f) => f.kind === 'delta' && f.v > (snap?.v ?? 0)).sort((a, b) => a.v - b.v);
    // As Spark rebuilds a version not in memory: a snapshot read into a new map, or
    // `new ConcurrentHashMap().putAll(empty)`; then the deltas after it, in order.
    const orders = new Map<number, JavaMapOrder>();
    // A partition read from the snapshot starts as a new map; one first met in a delta as a copy of an empty one.
    const orderOf = (part: number, fromSnapshot: boolean): JavaMapOrder => {
      let o = orders.get(part);
      if (o === undefined) orders.set(part, (o = fromSnapshot ? JavaMapOrder.empty() : JavaMapOrder.empty().copy()));
      return o;
    };
    const replay = (sections: readonly Section[], fromSnapshot: boolean): void => {
      for (const [part, ops] of sections) {
        const order = orderOf(part, fromSnapshot);
        for (const op of ops) {
          if (op[0] === 'put') {
            this.map.set(op[1], { value: op[3] as V, part });
            this.hashes.set(op[1], op[2]);
            order.put(op[1], op[2]);
          } else {
            this.map.delete(op[1]);
            this.hashes.delete(op[1]);
            order.remove(op[1]);
          }
        }
      }
    };
    if (snap !== undefined) {
      replay(deserialize(readFileSync(join(this.dir, snap.name))) as Section[], true);
      // A snapshot of an earlier version is copied into the map the deltas go into.
      if (snap.v < version) for (const [p, o] of orders) orders.set(p, o.copy());
    }
    for (const d of deltas) replay(deserialize(readFileSync(join(this.dir, d.name))) as Section[], false);
    for (const [p, o] of orders) this.orders.set(p, o.copy());
    this.cacheMisses += orders.size;
  }

  /** The number of entries. */
  get size(): number {
    return this.map.size;
  }

  get(key: unknown): V | undefined {
    return this.map.get(key)?.value;
  }

  has(key: unknown): boolean {
    return this.map.has(key);
  }

  /** Puts `value` under `key`, in shuffle partition `part`; `hash` is the key's UnsafeRow hash (Spark's map order). */
  put(key: unknown, value: V, part: number, hash?: number): void {
    const e = this.map.get(key);
    if (e === undefined) this.map.set(key, { value, part });
    else e.value = value;
    const h = this.hashes.get(key) ?? hash ?? textHash(key);
    this.hashes.set(key, h);
    this.orderOf(part).put(key, h);
    this.append(part, ['put', key, h, value]);
    this.updated++;
  }

  /** Removes `key` (counted as removed when it existed). */
  remove(key: unknown): void {
    const e = this.map.get(key);
    if (e === undefined) return;
    this.map.delete(key);
    this.hashes.delete(key);
    this.orderOf(e.part).remove(key);
    this.append(e.part, ['remove', key]);
    this.removed++;
  }

  private append(part: number, op: Op): void {
    let l = this.log.get(part);
    if (l === undefined) this.log.set(part, (l = []));
    l.push(op);
  }

  /** The entries in Spark's iteration order: partition by partition, each in its Java map's order. */
  *entries(): IterableIterator<[unknown, V, number]> {
    const parts = [...this.orders.keys()].sort((a, b) => a - b);
    for (const p of parts) {
      for (const k of [...this.orders.get(p)!.keys()]) {
        const e = this.map.get(k);
        if (e !== undefined) yield [k, e.value, p];
      }
    }
  }

  /** Writes version `version` (this batch's operations) and starts the next batch's maps. */
  commit(version: number): void {
    const t0 = performance.now();
    let bytes = 0;
    if (this.dir !== undefined) {
      const sections: Section[] = [];
      for (const [part, ops] of this.log) {
        // Values as they are now (a put's value may have been merged into later in the batch).
        sections.push([part, ops.map((op) => (op[0] === 'put' ? (['put', op[1], op[2], this.map.get(op[1])?.value ?? op[3]] as const) : op))]);
      }
      const body = serialize(sections);
      bytes = body.length;
      writeAtomically(join(this.dir, `${version}.delta`), body);
      if (version % SNAPSHOT_EVERY === 0) this.writeSnapshot(version);
    }
    this.log.clear();
    this.version = version;
    // The next batch's store is a copy of this version's map (Spark's getStore → putAll).
    const next = new Map<number, JavaMapOrder>();
    for (const [p, o] of this.orders) next.set(p, o.copy());
    this.orders = next;
    this.lastCommitMs = performance.now() - t0;
    this.lastWrittenBytes = bytes;
  }

  private writeSnapshot(version: number): void {
    // A snapshot is each partition's state as put operations, in its map's order.
    const sections: Section[] = [];
    for (const [part, order] of this.orders) {
      const ops: Op[] = [];
      for (const k of order.keys()) {
        const e = this.map.get(k);
        if (e !== undefined) ops.push(['put', k, this.hashes.get(k)!, e.value]);
      }
      sections.push([part, ops]);
    }
    writeAtomically(join(this.dir!, `${version}.snapshot`), serialize(sections));
  }

  /** This batch's counts (then reset): Spark's numRowsTotal, numRowsUpdated, numRowsRemoved … */
  takeMetrics(): StoreMetrics {
    const m: StoreMetrics = {
      numRowsTotal: this.map.size,
      numRowsUpdated: this.updated,
      numRowsRemoved: this.removed,
      commitTimeMs: Math.round(this.lastCommitMs),
      // A rough figure: tspark does not measure the size of the objects it keeps.
      memoryUsedBytes: this.map.size * 96 + 1024,
      loadedMapCacheHitCount: this.cacheHits,
      loadedMapCacheMissCount: this.cacheMisses,
      stateOnCurrentVersionSizeBytes: this.lastWrittenBytes,
    };
    this.updated = 0;
    this.removed = 0;
    this.cacheHits++;
    return m;
  }
}
