/**
 * Spark's ordering of non-null internal values of one type: numbers by value with NaN above
 * everything (and NaN = NaN), strings by code point, false < true, binary and arrays
 * lexicographically, structs field by field. NULLs are placed by the caller (NULLS FIRST/LAST).
 */
import type { DataType } from '../types/data-types.js';

/** Compares two non-null values of type `t`: negative, zero or positive. */
export function compareValues(a: unknown, b: unknown, t: DataType): number {
  switch (t.kind) {
    case 'double':
    case 'float': {
      const x = a as number;
      const y = b as number;
      if (x < y) return -1;
      if (x > y) return 1;
      if (x === y) return 0;
      const nx = Number.isNaN(x);
      const ny = Number.isNaN(y);
      return nx && ny ? 0 : nx ? 1 : -1;
    }
    case 'string': {
      const x = a as string;
      const y = b as string;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'boolean':
      return a === b ? 0 : a ? 1 : -1;
    case 'binary': {
      const x = a as Uint8Array;
      const y = b as Uint8Array;
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    }
    case 'array': {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const u = x[i];
        const v = y[i];
        if (u === null || v === null) {
          if (u !== v) return u === null ? -1 : 1;
          continue;
        }
        const c = compareValues(u, v, t.elementType);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 'struct': {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < t.fields.length; i++) {
        const u = x[i];
        const v = y[i];
        if (u === null || v === null) {
          if (u !== v) return u === null ? -1 : 1;
          continue;
        }
        const c = compareValues(u, v, t.fields[i]!.dataType);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 'map':
      return 0;
    default: {
      // Integral, long (number | bigint), decimal (bigint), date, timestamp.
      const x = a as number | bigint;
      const y = b as number | bigint;
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}
