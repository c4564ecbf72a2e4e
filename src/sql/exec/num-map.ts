/**
 * A hash map for number keys (the values of integral, date and timestamp columns) with open
 * addressing over a Float64Array: no entry objects, so hashing millions of join or group keys
 * costs a fraction of a JavaScript Map's memory and time. Other keys (bigint, strings …) go to
 * an ordinary Map beside it. Values are kept in insertion order for iteration. Once built, a
 * table whose number keys are integers in a dense range (a join's dimension ids) can be sealed
 * into a direct index — `slot = index[k - lo]`, no hashing and no probing — as DuckDB's
 * perfect-hash join does; probing a sequential key stream then stays in cache.
 */
export class KeyMap<V> {
  private keys: Float64Array;
  private slots: Int32Array;
  private mask: number;
  private readonly values: V[] = [];
  private readonly other = new Map<unknown, number>();
  /** The direct index of a sealed dense table (slot per `k - lo`, -1 for none), else undefined. */
  private direct: Int32Array | undefined;
  private lo = 0;
  private minKey = Infinity;
  private maxKey = -Infinity;
  /** Whether every number key so far is an integer (a dense index needs integers). */
  private integral = true;
  private numberKeys = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap * 3 < capacity * 4) cap *= 2;
    this.keys = new Float64Array(cap);
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** Number of keys. */
  get size(): number {
    return this.values.length;
  }

  private hash(k: number): number {
    let h = (k | 0) ^ Math.imul((k / 4294967296) | 0, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) & this.mask;
  }

  /**
   * Builds the direct index when the number keys are integers spanning at most 4× their count
   * (and at most 64 M slots); later `set`s drop it. Call after the build side is hashed.
   */
  seal(): void {
    const span = this.maxKey - this.minKey + 1;
    if (!this.integral || this.numberKeys === 0 || span > Math.max(1024, this.numberKeys * 4) || span > 1 << 26) return;
    const d = new Int32Array(span).fill(-1);
    const keys = this.keys;
    const slots = this.slots;
    for (let i = 0; i < keys.length; i++) {
      const s = slots[i]!;
      if (s >= 0) d[keys[i]! - this.minKey] = s;
    }
    this.lo = this.minKey;
    this.direct = d;
  }

  /** The value of `k`, or undefined. */
  get(k: unknown): V | undefined {
    const d = this.direct;
    if (d !== undefined && typeof k === 'number') {
      const o = k - this.lo;
      if (o >= 0 && o < d.length && (o | 0) === o) {
        const s = d[o]!;
        return s < 0 ? undefined : this.values[s];
      }
      // Every number key is an integer inside the range, so only NaN can still be present.
      if (k === k) return undefined;
    }
    if (typeof k !== 'number' || k !== k) {
      const i = this.other.get(k);
      return i === undefined ? undefined : this.values[i];
    }
    const keys = this.keys;
    const slots = this.slots;
    let i = this.hash(k);
    for (;;) {
      const s = slots[i]!;
      if (s < 0) return undefined;
      if (keys[i] === k) return this.values[s];
      i = (i + 1) & this.mask;
    }
  }

  /** Sets `k` to `v` (a new key is appended to the iteration order). */
  set(k: unknown, v: V): void {
    if (typeof k !== 'number' || k !== k) {
      const i = this.other.get(k);
      if (i === undefined) {
        this.other.set(k, this.values.length);
        this.values.push(v);
      } else this.values[i] = v;
      return;
    }
    this.direct = undefined;
    let i = this.hash(k);
    for (;;) {
      const s = this.slots[i]!;
      if (s < 0) {
        this.numberKeys++;
        if (k < this.minKey) this.minKey = k;
        if (k > this.maxKey) this.maxKey = k;
        if (!Number.isInteger(k)) this.integral = false;
        this.keys[i] = k;
        this.slots[i] = this.values.length;
        this.values.push(v);
        if (this.values.length * 4 > this.mask * 3) this.grow();
        return;
      }
      if (this.keys[i] === k) {
        this.values[s] = v;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    const cap = oldKeys.length * 2;
    this.keys = new Float64Array(cap);
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const s = oldSlots[j]!;
      if (s < 0) continue;
      const k = oldKeys[j]!;
      let i = this.hash(k);
      while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.slots[i] = s;
    }
  }

  /** The values in insertion order. */
  valuesInOrder(): V[] {
    return this.values;
  }
}
