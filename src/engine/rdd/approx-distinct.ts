/**
 * `countApproxDistinct(relativeSD)`: HyperLogLog with Spark's precision rule
 * (`p = ceil(2 * log2(1.054 / relativeSD))`), linear counting for small counts, over a 64-bit
 * hash of each value's grouping key (so `[1, 2]` and `[1, 2]` count once). The estimate is as
 * good as Spark's, but not digit for digit the same: Spark hashes the JVM's serialised values.
 */
import { IllegalArgumentError } from '../errors.js';
import { groupingKey } from '../keys.js';

/** The precision (log2 of the register count) for `relativeSD`, as Spark's `HyperLogLogPlus`. */
export function precisionFor(relativeSD: number): number {
  if (!(relativeSD >= 0.000017)) {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `countApproxDistinct: "relativeSD" should be greater than 0.000017; got ${relativeSD}`);
  }
  return Math.max(4, Math.ceil(2 * Math.log2(1.054 / relativeSD)));
}

/** A HyperLogLog sketch with 2^p registers. */
export class HyperLogLog {
  private readonly registers: Uint8Array;
  private readonly m: number;

  constructor(private readonly p: number) {
    this.m = 1 << p;
    this.registers = new Uint8Array(this.m);
  }

  /** Adds one value. */
  offer(value: unknown): void {
    const g = groupingKey(value);
    const [hi, lo] = hash64(typeof g === 'string' ? `s${g}` : `${typeof g}:${String(g)}`);
    const index = hi >>> (32 - this.p);
    // The rank: position of the first 1 bit in the remaining 64 - p bits.
    const rest = ((hi << this.p) | 0) >>> 0;
    const rank = rest !== 0 ? Math.clz32(rest) + 1 : 32 - this.p + (lo !== 0 ? Math.clz32(lo) + 1 : 32);
    if (rank > (this.registers[index] as number)) this.registers[index] = rank;
  }

  /** Adds another sketch of the same precision. */
  merge(other: HyperLogLog): this {
    for (let i = 0; i < this.m; i++) this.registers[i] = Math.max(this.registers[i] as number, other.registers[i] as number);
    return this;
  }

  /** The estimated number of distinct values. */
  estimate(): number {
    const m = this.m;
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    // Small counts: linear counting is far more accurate (HyperLogLog++'s threshold idea).
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(raw);
  }
}

/** A 64-bit hash (two 32-bit halves) of a string: MurmurHash3's x86 32-bit mix run twice with different seeds. */
function hash64(s: string): [number, number] {
  return [murmur32(s, 0x9747b28c), murmur32(s, 0x5bd1e995)];
}

function murmur32(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= s.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
