/**
 * Orders of values, as pyspark has them.
 *
 * {@link comparePython} is the order of sortBy, sortByKey, takeOrdered, top, max and min:
 * numbers numerically (booleans are numbers, as in Python), strings by code point (not by UTF-16
 * unit, and never JavaScript's default string sort of numbers), arrays (tuples) element by
 * element, Dates by time, bytes by byte; values Python 3 refuses to compare (a number and a
 * string, `None` and anything, two dicts) throw, as pyspark fails with `'<' not supported`,
 * instead of coming out in an arbitrary order.
 *
 * {@link compareNatural} is a total order for showing and testing results: the same order within
 * a kind, and kinds in a fixed order, so it never throws.
 */
import { describeValue } from './checks.js';
import { DataError } from './errors.js';
import { groupingKey } from './keys.js';

/**
 * A total order: pyspark's order within a kind; kinds ordered
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

/** Thrown by {@link comparePython} for values Python will not order; the caller names its operator. */
export class NotComparable {
  constructor(
    readonly a: unknown,
    readonly b: unknown,
  ) {}
}

/** pyspark's order; throws {@link NotComparable} for values of kinds Python 3 refuses to compare. */
export function comparePython(a: unknown, b: unknown): number {
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb || ka === 'other') throw new NotComparable(a, b);
  switch (ka) {
    case 'number': {
      const x = typeof a === 'boolean' ? Number(a) : (a as number | bigint);
      const y = typeof b === 'boolean' ? Number(b) : (b as number | bigint);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'string':
      return compareCodePoints(a as string, b as string);
    case 'date':
      return (a as Date).getTime() - (b as Date).getTime();
    case 'bytes': {
      const x = a as Uint8Array;
      const y = b as Uint8Array;
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
      return x.length - y.length;
    }
    case 'array': {
      // Python skips equal elements (== works across kinds: (None, 1) < (None, 2)) and orders by
      // the first unequal pair, so only that pair must be comparable.
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) if (!equalPython(x[i], y[i])) return comparePython(x[i], y[i]);
      return x.length - y.length;
    }
  }
}

/** A comparator for `operator` (sortBy, max …): pyspark's order, or a DataError naming the two values. */
export function orderFor(operator: string, descending = false): (a: unknown, b: unknown) => number {
  return (a, b) => {
    try {
      return descending ? comparePython(b, a) : comparePython(a, b);
    } catch (e) {
      if (e instanceof NotComparable) throw notComparable(operator, e.a, e.b);
      throw e;
    }
  };
}

/** The error for two values `operator` cannot order, with Python's words for their kinds. */
export function notComparable(operator: string, a: unknown, b: unknown): DataError {
  const show = (v: unknown): string => {
    const s = describeValue(v);
    return `${s.length > 80 ? `${s.slice(0, 80)}…` : s} (${jsKind(v)})`;
  };
  return new DataError(
    'ERR_NOT_COMPARABLE',
    `${operator}: cannot order ${show(a)} and ${show(b)}; pyspark refuses too ('<' not supported between instances of '${pythonType(a)}' and '${pythonType(b)}'). ` +
      'Make the values one kind first, e.g. a key function (x) => String(x), or filter out null and undefined',
  );
}

/** Python's `==`: numbers (and booleans) by value, null equals undefined, composites by value. */
function equalPython(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ka = kind(a);
  if (ka !== kind(b)) return false;
  if (ka === 'number') return comparePython(a, b) === 0;
  if (ka === 'other' && (a === null || a === undefined)) return b === null || b === undefined;
  return ka !== 'string' && groupingKey(a) === groupingKey(b);
}

type Kind = 'number' | 'string' | 'date' | 'bytes' | 'array' | 'other';

function kind(v: unknown): Kind {
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      if (v === null) return 'other';
      if (Array.isArray(v)) return 'array';
      if (v instanceof Date) return 'date';
      if (v instanceof Uint8Array) return 'bytes';
      return 'other';
    default:
      return 'other';
  }
}

function jsKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a Date';
  const t = typeof v;
  return t === 'undefined' ? 'undefined' : t === 'object' ? 'an object' : `a ${t}`;
}

function pythonType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'object':
      if (Array.isArray(v)) return 'tuple';
      if (v instanceof Date) return 'datetime';
      if (v instanceof Uint8Array) return 'bytes';
      return 'dict';
    default:
      return typeof v;
  }
}
