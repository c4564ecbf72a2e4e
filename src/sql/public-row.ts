/**
 * `Row` as pyspark users write it: `Row({ name: "Alice", age: 11 })` or `new Row({…})` makes a
 * row; `Row("name", "age")` makes a row class (`Person("Alice", 11)`).
 */
import { Row as RowClass, rowClass } from './row.js';

/** The Row constructor, callable without `new`. */
export type RowConstructor = typeof RowClass & {
  (fields: Readonly<Record<string, unknown>>): RowClass;
  (...names: string[]): (...values: unknown[]) => RowClass;
};

/** pyspark's Row. */
export const Row: RowConstructor = new Proxy(RowClass, {
  apply(_target, _this, args: unknown[]) {
    if (args.length > 0 && args.every((a) => typeof a === 'string')) return rowClass(...(args as string[]));
    return new RowClass((args[0] ?? {}) as Record<string, unknown>);
  },
}) as RowConstructor;
export type Row = RowClass;
