/**
 * Sorting rows by SortOrders with Spark's rules: ASC NULLS FIRST / DESC NULLS LAST by default,
 * NaN above all numbers, a stable sort (rows that tie keep their input order). Sort keys are
 * computed once per row by generated code, then compared by a generated comparator.
 */
import type { AttributeRef, RSortOrder } from '../analysis/resolved.js';
import { Gen, type GenOptions } from '../codegen/gen.js';
import { genCompare } from '../functions/operators.js';
import type { InternalRow } from '../types/values.js';

/** A comparator of two key arrays for `orders`. */
export function keyComparator(orders: readonly RSortOrder[], options: GenOptions): (a: unknown[], b: unknown[]) => number {
  const g = new Gen(new Map(), options);
  let body = '';
  orders.forEach((o, i) => {
    const x = `a[${i}]`;
    const y = `b[${i}]`;
    const nullFirst = o.nulls === 'first';
    const asc = o.direction === 'asc';
    body += `if (${x} !== ${y}) {
      if (${x} === null) return ${nullFirst ? -1 : 1};
      if (${y} === null) return ${nullFirst ? 1 : -1};
      if (${genCompare('<', x, y, o.child.dataType, g)}) return ${asc ? -1 : 1};
      if (${genCompare('>', x, y, o.child.dataType, g)}) return ${asc ? 1 : -1};
    }\n`;
  });
  return g.compile(['a', 'b'], `${body} return 0;`);
}

/** A function computing the sort keys of a row of `input`. */
export function keyExtractor(orders: readonly RSortOrder[], input: readonly AttributeRef[], options: GenOptions): (r: InternalRow) => unknown[] {
  const g = Gen.forRow(input, options);
  return g.compile(['r'], `return [${orders.map((o) => g.expr(o.child)).join(', ')}];`);
}

/** Sorts `rows` (of columns `input`) by `orders`. */
export function sortRows(rows: InternalRow[], orders: readonly RSortOrder[], input: readonly AttributeRef[], options: GenOptions): InternalRow[] {
  const keys = keyExtractor(orders, input, options);
  const cmp = keyComparator(orders, options);
  const idx = rows.map((r, i) => ({ k: keys(r), i }));
  idx.sort((a, b) => cmp(a.k, b.k) || a.i - b.i);
  return idx.map((x) => rows[x.i]!);
}
