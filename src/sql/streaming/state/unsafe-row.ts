/**
 * The bytes of Spark's UnsafeRow for a key's values, and its `hashCode()` (Murmur3 over the
 * row's words, seed 42). Spark's state store keeps keys in a Java ConcurrentHashMap keyed by
 * UnsafeRows, so the order in which complete and append modes emit state follows these hashes
 * (java-map-order.ts); tspark computes them to print rows in Spark's order.
 *
 * Layout: a null bitset (8 bytes per 64 fields), one 8-byte slot per field (fixed-width values
 * in place, little-endian, the rest of the slot zero), then variable-length data (strings,
 * nested structs) 8-byte aligned, its slot holding `offset << 32 | size`.
 */
import { hashWords } from '../../codegen/murmur3.js';
import type { DataType } from '../../types/data-types.js';

const encoder = new TextEncoder();

class Writer {
  bytes = new Uint8Array(64);
  view = new DataView(this.bytes.buffer);
  size = 0;

  ensure(n: number): void {
    if (this.size + n <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.size + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.bytes);
    this.bytes = b;
    this.view = new DataView(b.buffer);
  }

  grow(n: number): number {
    this.ensure(n);
    const at = this.size;
    this.size += n;
    return at;
  }
}

function longBits(v: number | bigint): bigint {
  return BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
}

/** Writes a row of `values` at the writer's end; returns its start and size. */
function writeRow(w: Writer, values: readonly unknown[], types: readonly DataType[]): { start: number; size: number } {
  const n = values.length;
  const bitsetBytes = Math.ceil(n / 64) * 8;
  const start = w.grow(bitsetBytes + n * 8);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const slot = start + bitsetBytes + i * 8;
    if (v === null || v === undefined) {
      const byte = start + Math.floor(i / 8);
      w.bytes[byte] = w.bytes[byte]! | (1 << (i % 8));
      continue;
    }
    const t = types[i]!;
    switch (t.kind) {
      case 'boolean':
        w.bytes[slot] = v ? 1 : 0;
        break;
      case 'byte':
        w.view.setInt8(slot, v as number);
        break;
      case 'short':
        w.view.setInt16(slot, v as number, true);
        break;
      case 'integer':
      case 'date':
        w.view.setInt32(slot, v as number, true);
        break;
      case 'float':
        w.view.setFloat32(slot, Number.isNaN(v) ? NaN : (v as number) === 0 ? 0 : (v as number), true);
        break;
      case 'double':
        w.view.setFloat64(slot, Number.isNaN(v) ? NaN : (v as number) === 0 ? 0 : (v as number), true);
        break;
      case 'long':
      case 'timestamp':
      case 'timestamp_ntz':
        w.view.setBigInt64(slot, longBits(v as number | bigint), true);
        break;
      case 'decimal':
        if (t.precision <= 18) w.view.setBigInt64(slot, BigInt.asIntN(64, v as bigint), true);
        else variable(w, start, slot, encoder.encode(String(v)));
        break;
      case 'string':
        variable(w, start, slot, encoder.encode(v as string));
        break;
      case 'binary':
        variable(w, start, slot, v as Uint8Array);
        break;
      case 'struct': {
        const nested = writeRow(w, v as unknown[], t.fields.map((f) => f.dataType));
        w.view.setUint32(slot, nested.size, true);
        w.view.setUint32(slot + 4, nested.start - start, true);
        break;
      }
      default:
        // Arrays and maps: their own binary layouts are not modelled; the order follows their text.
        variable(w, start, slot, encoder.encode(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x instanceof Map ? [...x] : x))));
    }
  }
  return { start, size: w.size - start };
}

function variable(w: Writer, rowStart: number, slot: number, data: Uint8Array): void {
  const padded = Math.ceil(data.length / 8) * 8;
  const at = w.grow(padded);
  w.bytes.set(data, at);
  w.view.setUint32(slot, data.length, true);
  w.view.setUint32(slot + 4, at - rowStart, true);
}

/** The UnsafeRow bytes of `values` typed `types`. */
export function unsafeRowBytes(values: readonly unknown[], types: readonly DataType[]): Uint8Array {
  const w = new Writer();
  writeRow(w, values, types);
  return w.bytes.subarray(0, w.size);
}

/** `UnsafeRow.hashCode()` of a key row. */
export function unsafeRowHash(values: readonly unknown[], types: readonly DataType[]): number {
  return hashWords(unsafeRowBytes(values, types), 42);
}
