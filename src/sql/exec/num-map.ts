/**
 * A hash map for number keys (the values of integral, date and timestamp columns) with open
 * addressing over a Float64Array: no entry objects, so hashing millions of join or group keys
 * costs a fraction of a JavaScript Map's memory and time. Other keys (bigint, strings …) go to
 * an ordinary Map beside it. Values are kept in insertion order for iteration.
 */
export class KeyMap<V> {
  private keys: Float64Array;
  private slots: Int32Array;
  private mask: number;
  private readonly values: V[] = [];
  private readonly other = new Map<unknown, number>();

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

  /** The value of `k`, or undefined. */
  get(k: unknown): V | undefined {
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
    let i = this.hash(k);
    for (;;) {
      const s = this.slots[i]!;
      if (s < 0) {
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
