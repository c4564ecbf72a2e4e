/**
 * Keys for grouping. JavaScript's Map compares arrays and objects by reference, but pyspark
 * groups `(a, b)` tuples by value; `groupingKey` turns a composite key into a string that is
 * equal exactly when the keys are equal by value. Primitives pass through untouched, so the
 * common case (string and number keys) costs one `typeof`.
 */
export function groupingKey(key: unknown): unknown {
  return typeof key === 'object' && key !== null ? '\u0000' + encode(key) : key;
}

function encode(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Object.is(v, -0) ? '0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return 'U';
    case 'object': {
      if (v === null) return 'N';
      if (Array.isArray(v)) return '[' + v.map(encode).join(',') + ']';
      if (v instanceof Date) return `D${v.getTime()}`;
      if (v instanceof Map) return 'M{' + [...v].map(([k, x]) => encode(k) + ':' + encode(x)).join(',') + '}';
      if (v instanceof Set) return 'S{' + [...v].map(encode).join(',') + '}';
      if (ArrayBuffer.isView(v)) return 'B' + Array.from(v as Uint8Array).join(',');
      const o = v as Record<string, unknown>;
      return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + encode(o[k])).join(',') + '}';
    }
    default:
      return String(v);
  }
}

/**
 * A hash that places keys in partitions the way pyspark's `portable_hash` does for the types
 * where that is stable: integers hash to themselves (so `partitionBy` on int keys matches
 * pyspark), null to 0, booleans to 0/1. Strings use FNV-1a (pyspark's string placement depends
 * on PYTHONHASHSEED and cannot be matched).
 */
export function portableHash(key: unknown): number {
  switch (typeof key) {
    case 'number':
      return Number.isInteger(key) && Math.abs(key) <= Number.MAX_SAFE_INTEGER ? key : hashString(String(key));
    case 'string':
      return hashString(key);
    case 'boolean':
      return key ? 1 : 0;
    case 'bigint':
      return Number(key % 2147483647n);
    case 'undefined':
      return 0;
    case 'object':
      if (key === null) return 0;
      if (Array.isArray(key)) {
        // Python's tuple hash mixes element hashes; any stable mix serves placement.
        let h = 0x345678;
        for (const x of key) h = (Math.imul(h ^ portableHash(x), 1000003) + key.length) | 0;
        return h;
      }
      return hashString(encode(key));
    default:
      return hashString(String(key));
  }
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Python's `h % n` for n > 0: never negative. */
export function nonNegativeMod(h: number, n: number): number {
  const r = h % n;
  return r < 0 ? r + n : r;
}
