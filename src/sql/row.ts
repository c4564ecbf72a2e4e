/**
 * Row: one record of a DataFrame as users see it, pyspark's `Row`. Reads by name (`row.word`,
 * `row["word"]`) and by position (`row[0]`), `asDict()`, iterates its values, and prints as
 * `Row(word='spark', count=3)`.
 *
 * Speed: rows of one schema share a prototype that carries a getter per field name and per
 * position (built once per schema and cached), so `collect()` of many rows allocates one small
 * object per row and no Proxy is involved.
 */
import type { DataType } from './types/data-types.js';
import { formatPyValue } from './types/py-repr.js';

const VALUES: unique symbol = Symbol('Row.values');
const FIELDS: unique symbol = Symbol('Row.fields');
const TYPES: unique symbol = Symbol('Row.types');

/** A record: values by position, with field names when it has them. */
export class Row implements Iterable<unknown> {
  /** @internal The values in order. */
  declare [VALUES]: unknown[];
  /** @internal Field names (on the shared prototype), or undefined for a positional row. */
  declare readonly [FIELDS]: readonly string[] | undefined;
  /** @internal Field types (on the shared prototype) when the row came from a DataFrame. */
  declare readonly [TYPES]: readonly DataType[] | undefined;
  /** Values by field name or position; fields shadow methods of the same name. */
  readonly [key: string]: unknown;
  readonly [index: number]: unknown;

  /** `new Row({ name: "Alice", age: 11 })`: field order is the object's key order, as pyspark 3. */
  constructor(fields: Readonly<Record<string, unknown>> = {}) {
    const names = Object.keys(fields);
    const row = Object.create(rowPrototype(names, undefined)) as Row;
    row[VALUES] = names.map((n) => fields[n] ?? null);
    return row;
  }

  /** pyspark's `__fields__`: the field names (empty for a positional row). */
  get __fields__(): string[] {
    return [...(this[FIELDS] ?? [])];
  }

  /** The fields as a plain object; `recursive` turns nested rows (also inside arrays and maps) into objects too. */
  asDict(recursive = false): Record<string, unknown> {
    const names = this[FIELDS];
    if (names === undefined) throw new TypeError('Cannot convert a Row without field names to a dict');
    const out: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const v = this[VALUES][i];
      out[n] = recursive ? toPlain(v) : v;
    });
    return out;
  }

  /** The values in order (pyspark's `list(row)`). */
  [Symbol.iterator](): Iterator<unknown> {
    return this[VALUES][Symbol.iterator]();
  }

  /** `Row(word='spark', count=3)`, as pyspark prints it. */
  toString(): string {
    const names = this[FIELDS];
    const types = this[TYPES];
    const vals = this[VALUES];
    if (names === undefined) return `<Row(${vals.map((v) => formatPyValue(v)).join(', ')})>`;
    return `Row(${names.map((n, i) => `${n}=${formatPyValue(vals[i], types?.[i])}`).join(', ')})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

function toPlain(v: unknown): unknown {
  if (v instanceof Row) return v[FIELDS] === undefined ? [...v] : v.asDict(true);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, toPlain(x)]));
  return v;
}

const prototypes = new Map<string, Row>();

/** The shared prototype of rows with these field names (and types), with a getter per name and position. */
function rowPrototype(names: readonly string[] | undefined, types: readonly DataType[] | undefined): Row {
  const key = names === undefined ? '\u0001' : names.join('\u0000') + (types ? '\u0001' + types.map((t) => t.simpleString()).join('\u0000') : '');
  let proto = prototypes.get(key);
  if (proto !== undefined) return proto;
  proto = Object.create(Row.prototype) as Row;
  const props: PropertyDescriptorMap = {
    [FIELDS]: { value: names === undefined ? undefined : Object.freeze([...names]) },
    [TYPES]: { value: types === undefined ? undefined : Object.freeze([...types]) },
  };
  const n = names?.length ?? 0;
  // Positional rows have no known width: give them getters for the first 64 positions.
  for (let i = 0; i < (names === undefined ? 64 : n); i++) {
    const at = i;
    props[String(i)] = {
      get(this: Row) {
        return this[VALUES][at];
      },
      enumerable: false,
    };
  }
  // Later fields of the same name lose, as pyspark's `row.name` returns the first match.
  for (let i = n - 1; i >= 0; i--) {
    const at = i;
    props[names![i]!] = {
      get(this: Row) {
        return this[VALUES][at];
      },
      enumerable: true,
      configurable: true,
    };
  }
  Object.defineProperties(proto, props);
  if (prototypes.size < 10_000) prototypes.set(key, proto);
  return proto;
}

/** A function making rows of one schema fast: `make(values)` shares a prototype across calls. */
export function rowFactory(names: readonly string[] | undefined, types?: readonly DataType[]): (values: unknown[]) => Row {
  const proto = rowPrototype(names, types);
  return (values) => {
    const row = Object.create(proto) as Row;
    row[VALUES] = values;
    return row;
  };
}

/** @internal The values of a row, without copying (the caller must not change them). */
export function rowValues(row: Row): unknown[] {
  return row[VALUES];
}

/** @internal The field names of a row, or undefined for a positional row. */
export function rowFieldNames(row: Row): readonly string[] | undefined {
  return row[FIELDS];
}

/** pyspark's row class: `const Person = rowClass("name", "age"); Person("Alice", 11)`. */
export function rowClass(...names: string[]): (...values: unknown[]) => Row {
  const make = rowFactory(names);
  return (...values) => {
    if (values.length !== names.length) {
      throw new TypeError(`Row(${names.map((n) => `'${n}'`).join(', ')}) takes ${names.length} values, got ${values.length}`);
    }
    return make(values);
  };
}
