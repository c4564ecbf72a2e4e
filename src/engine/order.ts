/**
 * pyspark's natural order, for sortBy, sortByKey, takeOrdered, top, max and min: numbers
 * numerically, strings by code point (not by UTF-16 unit, and never JavaScript's default
 * string sort of numbers), arrays (tuples) element by element. Values of different kinds,
 * which Python 3 refuses to compare, are ordered by kind so a sort never throws:
 * null/undefined < booleans < numbers/bigints < strings < Dates < arrays < other objects.
 */
export function compareNatural(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return Number(a) - Number(b);
    case 2: {
      const x = a as number | bigint;
      const y = b as number | bigint;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3:
      return compareCodePoints(a as string, b as string);
    case 4:
      return (a as Date).getTime() - (b as Date).getTime();
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareNatural(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    default:
      return compareCodePoints(String(a), String(b));
  }
}

function rank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    default:
      if (v instanceof Date) return 4;
      if (Array.isArray(v)) return 5;
      return 6;
  }
}

/** Compares strings by Unicode code point, as Python does. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

// UTF-16 surrogates (D800–DFFF) encode code points above FFFF, so they must sort after E000–FFFF.
function fixup(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
