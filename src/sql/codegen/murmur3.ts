/**
 * Spark's `hash()` (Murmur3_x86_32 with seed 42, chained over columns) on internal values. It
 * places rows in shuffle partitions (`pmod(hash(key), spark.sql.shuffle.partitions)`), which
 * decides the row order Spark shows for an unordered `groupBy`; tspark orders groups the same way.
 * Strings use Spark's legacy `hashUnsafeBytes` (4-byte words, then each tail byte mixed alone).
 */
import type { DataType } from '../types/data-types.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK1(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH1(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Murmur3 of a 32-bit int. */
export function hashInt(i: number, seed: number): number {
  return fmix(mixH1(seed, mixK1(i | 0)), 4);
}

/** Murmur3 of a 64-bit long given as low and high words. */
function hashLongWords(low: number, high: number, seed: number): number {
  let h = mixH1(seed, mixK1(low));
  h = mixH1(h, mixK1(high));
  return fmix(h, 8);
}

/** Murmur3 of a long (number or bigint). */
export function hashLong(v: number | bigint, seed: number): number {
  if (typeof v === 'number' && v >= -2147483648 && v <= 2147483647) return hashLongWords(v | 0, v < 0 ? -1 : 0, seed);
  const b = BigInt.asUintN(64, BigInt(v));
  return hashLongWords(Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0, seed);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** Murmur3 of a double's bits (`doubleToLongBits`; -0.0 hashes as 0.0, as Spark normalises it). */
export function hashDouble(d: number, seed: number): number {
  f64[0] = d === 0 ? 0 : Number.isNaN(d) ? NaN : d;
  return hashLongWords(u32[0]! | 0, u32[1]! | 0, seed);
}

/** Murmur3 of a float's bits. */
export function hashFloat(f: number, seed: number): number {
  f32[0] = f === 0 ? 0 : f;
  return hashInt(i32[0]!, seed);
}

const encoder = new TextEncoder();

/** Spark's `hashUnsafeBytes` of UTF-8 bytes. */
export function hashBytes(bytes: Uint8Array, seed: number): number {
  const n = bytes.length;
  const aligned = n - (n % 4);
  let h = seed;
  for (let i = 0; i < aligned; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = mixH1(h, mixK1(w));
  }
  for (let i = aligned; i < n; i++) {
    const b = (bytes[i]! << 24) >> 24;
    h = mixH1(h, mixK1(b));
  }
  return fmix(h, n);
}

/** Murmur3 of a string's UTF-8 bytes (ASCII without an encoder). */
export function hashString(s: string, seed: number): number {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return hashBytes(encoder.encode(s), seed);
  const n = s.length;
  const aligned = n - (n % 4);
  let h = seed;
  for (let i = 0; i < aligned; i += 4) {
    const w = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24);
    h = mixH1(h, mixK1(w));
  }
  for (let i = aligned; i < n; i++) h = mixH1(h, mixK1(s.charCodeAt(i)));
  return fmix(h, n);
}

/** Spark's Murmur3 of one internal value of type `t`, chained from `seed` (NULL leaves the seed). */
export function hashValue(v: unknown, t: DataType, seed: number): number {
  if (v === null || v === undefined) return seed;
  switch (t.kind) {
    case 'boolean':
      return hashInt(v ? 1 : 0, seed);
    case 'byte':
    case 'short':
    case 'integer':
    case 'date':
      return hashInt(v as number, seed);
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return hashLong(v as number | bigint, seed);
    case 'float':
      return hashFloat(v as number, seed);
    case 'double':
      return hashDouble(v as number, seed);
    case 'string':
      return hashString(v as string, seed);
    case 'binary':
      return hashBytes(v as Uint8Array, seed);
    case 'decimal':
      if (t.precision <= 18) return hashLong(v as bigint, seed);
      return hashBytes(bigIntBytes(v as bigint), seed);
    case 'array': {
      let h = seed;
      for (const x of v as unknown[]) h = hashValue(x, t.elementType, h);
      return h;
    }
    case 'map': {
      let h = seed;
      for (const [k, x] of v as Map<unknown, unknown>) {
        h = hashValue(k, t.keyType, h);
        h = hashValue(x, t.valueType, h);
      }
      return h;
    }
    case 'struct': {
      let h = seed;
      (v as unknown[]).forEach((x, i) => {
        h = hashValue(x, t.fields[i]!.dataType, h);
      });
      return h;
    }
    default:
      return seed;
  }
}

/** Java's `BigInteger.toByteArray` (big-endian two's complement, minimal). */
function bigIntBytes(v: bigint): Uint8Array {
  let hex = BigInt.asUintN(Math.max(8, (v < 0n ? -v : v).toString(2).length + 1 + 7) & ~7, v).toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const out = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
  let i = 0;
  while (i < out.length - 1 && ((out[i] === 0 && (out[i + 1]! & 0x80) === 0) || (out[i] === 0xff && (out[i + 1]! & 0x80) !== 0))) i++;
  return out.slice(i);
}

/** Spark's `pmod(hash(keys…), n)`: the shuffle partition of a row's keys. */
export function partitionOf(values: readonly unknown[], types: readonly DataType[], n: number): number {
  let h = 42;
  for (let i = 0; i < values.length; i++) h = hashValue(values[i], types[i]!, h);
  const r = h % n;
  return r < 0 ? r + n : r;
}
