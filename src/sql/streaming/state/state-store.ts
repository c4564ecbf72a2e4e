/**
 * The state of one stateful operator, as Spark's HDFS-backed state store in spirit: entries in
 * memory by key, each in the shuffle partition its key hashes to, and on disk under
 * `<checkpoint>/state/<operatorId>/<partition>/<version>.delta` (the puts and removes of one
 * batch) with a `<version>.snapshot` of a partition every 10 versions. Version v is the state
 * after batch v − 1, so a query restarted before batch N loads version N; files are written
 * atomically, so a `kill -9` leaves a version whole or absent. Values are kept as V8's
 * structured serialisation writes them (numbers, bigints, strings, arrays, Maps, Sets …).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeAtomically } from '../checkpoint/metadata-log.js';

const SNAPSHOT_EVERY = 10;

interface Entry<V> {
  value: V;
  part: number;
}

interface Delta {
  readonly puts: ReadonlyArray<readonly [unknown, unknown]>;
  readonly removes: readonly unknown[];
}

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

/** A key-value state store of one operator. */
export class StateStore<V> {
  private readonly map = new Map<unknown, Entry<V>>();
  /** Keys put or removed since the last commit, by partition. */
  private readonly dirty = new Map<number, Map<unknown, boolean>>();
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

  /** Loads version `version` from disk (0 = empty). */
  load(version: number): void {
    this.map.clear();
    this.dirty.clear();
    if (this.dir === undefined || version === 0 || !existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      if (!/^\d+$/.test(name)) continue;
      const part = Number(name);
      const pdir = join(this.dir, name);
      const files = readdirSync(pdir)
        .map((f) => /^(\d+)\.(delta|snapshot)$/.exec(f))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ v: Number(m[1]), kind: m[2]!, name: m[0] }))
        .filter((f) => f.v <= version);
      const snap = files.filter((f) => f.kind === 'snapshot').sort((a, b) => b.v - a.v)[0];
      const from = snap?.v ?? 0;
      const deltas = files.filter((f) => f.kind === 'delta' && f.v > from).sort((a, b) => a.v - b.v);
      if (snap) for (const [k, v] of deserialize(readFileSync(join(pdir, snap.name))) as Array<[unknown, V]>) this.map.set(k, { value: v, part });
      for (const d of deltas) {
        const delta = deserialize(readFileSync(join(pdir, d.name))) as Delta;
        for (const k of delta.removes) this.map.delete(k);
        for (const [k, v] of delta.puts) this.map.set(k, { value: v as V, part });
      }
      this.cacheMisses++;
    }
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

  /** Puts `value` under `key`, in shuffle partition `part`. */
  put(key: unknown, value: V, part: number): void {
    const e = this.map.get(key);
    if (e === undefined) this.map.set(key, { value, part });
    else e.value = value;
    this.touch(key, part, true);
    this.updated++;
  }

  /** Removes `key` (counted as removed when it existed). */
  remove(key: unknown): void {
    const e = this.map.get(key);
    if (e === undefined) return;
    this.map.delete(key);
    this.touch(key, e.part, false);
    this.removed++;
  }

  private touch(key: unknown, part: number, put: boolean): void {
    let d = this.dirty.get(part);
    if (d === undefined) this.dirty.set(part, (d = new Map()));
    d.set(key, put);
  }

  /**
   * The entries in Spark's iteration order: partition by partition, each in the order its keys
   * were first put (a key kept across batches keeps its place).
   */
  *entries(): IterableIterator<[unknown, V, number]> {
    const byPart: Array<Array<[unknown, V, number]>> = [];
    for (const [k, e] of this.map) (byPart[e.part] ??= []).push([k, e.value, e.part]);
    for (const p of byPart) if (p) yield* p;
  }

  /** Writes version `version` (the changes since the last commit) and resets the batch counts. */
  commit(version: number): void {
    const t0 = performance.now();
    let bytes = 0;
    if (this.dir !== undefined) {
      for (const [part, keys] of this.dirty) {
        const puts: Array<[unknown, unknown]> = [];
        const removes: unknown[] = [];
        for (const [k, put] of keys) {
          if (put && this.map.has(k)) puts.push([k, this.map.get(k)!.value]);
          else if (!put) removes.push(k);
        }
        const body = serialize({ puts, removes } satisfies Delta);
        bytes += body.length;
        writeAtomically(join(this.dir, String(part), `${version}.delta`), body);
      }
      if (version % SNAPSHOT_EVERY === 0) this.writeSnapshots(version);
    }
    this.dirty.clear();
    this.lastCommitMs = performance.now() - t0;
    this.lastWrittenBytes = bytes;
  }

  private writeSnapshots(version: number): void {
    const byPart = new Map<number, Array<[unknown, V]>>();
    for (const [k, e] of this.map) {
      let l = byPart.get(e.part);
      if (l === undefined) byPart.set(e.part, (l = []));
      l.push([k, e.value]);
    }
    for (const [part, entries] of byPart) writeAtomically(join(this.dir!, String(part), `${version}.snapshot`), serialize(entries));
  }

  /** This batch's counts (then reset): Spark's numRowsTotal, numRowsUpdated, numRowsRemoved … */
  takeMetrics(): StoreMetrics {
    const m: StoreMetrics = {
      numRowsTotal: this.map.size,
      numRowsUpdated: this.updated,
      numRowsRemoved: this.removed,
      commitTimeMs: Math.round(this.lastCommitMs),
      // A rough figure: the serialised size of the current state is not tracked per put.
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
