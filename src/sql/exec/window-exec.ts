/**
 * Window functions: rows are placed in shuffle partitions by Spark's hash of the PARTITION BY
 * keys and sorted by (partition keys, ORDER BY) within them (all as one partition under
 * adaptive execution), as Spark's WindowExec sees them; then
 * each window partition gets its ranking/offset values, or aggregates over its frame (whole
 * partition, running, or a sliding ROWS/RANGE frame).
 */
import type { PWindow, RAgg, RExpr, RFrameBound, RWinFn } from '../analysis/resolved.js';
import { Gen } from '../codegen/gen.js';
import { hashValue } from '../codegen/murmur3.js';
import type { InternalRow } from '../types/values.js';
import type { Executor, Partitions } from './executor.js';
import { keyComparator, keyExtractor } from './sort-exec.js';

interface AggMachine {
  init(): unknown[];
  update(b: unknown[], r: InternalRow): void;
  finish(b: unknown[]): unknown;
}

function aggMachine(a: RAgg, w: PWindow, ex: Executor): AggMachine {
  const g = Gen.forRow(w.input.output, ex.options);
  const init = a.fn.init(a, g);
  const args = a.args.map((x) => {
    const t = g.temp();
    return [t, `${t} = ${g.expr(x)};`] as const;
  });
  let update = a.fn.update('b', 0, args.map((x) => x[0]), g, a);
  if (a.filter) update = `if (${g.expr(a.filter)} === true) { ${update} }`;
  const src = `return { init: () => [${init.join(', ')}], update: (b, r) => { ${g.declarations()} ${args.map((x) => x[1]).join(' ')} ${update} }, finish: (b) => { return ${a.fn.finish('b', 0, g, a)}; } };`;
  return g.build<AggMachine>(src);
}

function bound(b: RFrameBound, i: number, n: number, lower: boolean): number {
  if (b === 'unboundedPreceding') return 0;
  if (b === 'unboundedFollowing') return n - 1;
  if (b === 'currentRow') return i;
  const o = Number(b.offset);
  return lower ? Math.max(0, i + o) : Math.min(n - 1, i + o);
}

/** Computes one window expression over one sorted window partition. */
function computeOne(e: RAgg | RWinFn, spec: PWindow['windowExprs'][number], rows: InternalRow[], w: PWindow, ex: Executor, samePeer: (i: number, j: number) => boolean, orderKey: ((r: InternalRow) => unknown[]) | undefined, out: unknown[]): void {
  const over = spec.child as Extract<RExpr, { k: 'over' }>;
  if (e.k === 'winfn') {
    const argFns = e.args.map((x) => {
      const g = Gen.forRow(w.input.output, ex.options);
      return g.compile<(r: InternalRow) => unknown>(['r'], `return ${g.expr(x)};`);
    });
    e.fn.compute(rows, argFns, samePeer, out, e);
    return;
  }
  const m = aggMachine(e, w, ex);
  const n = rows.length;
  const f = over.spec.frame;
  if (f.lower === 'unboundedPreceding' && f.upper === 'unboundedFollowing') {
    const b = m.init();
    for (const r of rows) m.update(b, r);
    const v = m.finish(b);
    for (let i = 0; i < n; i++) out[i] = v;
    return;
  }
  if (f.lower === 'unboundedPreceding' && f.upper === 'currentRow') {
    const b = m.init();
    let i = 0;
    while (i < n) {
      let j = i;
      m.update(b, rows[j]!);
      if (f.type === 'range') while (j + 1 < n && samePeer(j, j + 1)) m.update(b, rows[++j]!);
      const v = m.finish(b);
      for (let k = i; k <= j; k++) out[k] = v;
      i = j + 1;
    }
    return;
  }
  if (f.type === 'range' && orderKey !== undefined) {
    // RANGE with offsets: the frame holds rows whose (single, numeric) order key is within the offsets.
    const keys = rows.map((r) => orderKey(r)[0] as number | null);
    const lo = f.lower;
    const hi = f.upper;
    for (let i = 0; i < n; i++) {
      const b = m.init();
      const k = keys[i];
      for (let j = 0; j < n; j++) {
        const kj = keys[j];
        const inLow = lo === 'unboundedPreceding' || (lo === 'currentRow' ? samePeer(j, i) || j >= i : k !== null && kj !== null && kj! >= k! + Number((lo as { offset: number }).offset));
        const inHigh = hi === 'unboundedFollowing' || (hi === 'currentRow' ? samePeer(j, i) || j <= i : k !== null && kj !== null && kj! <= k! + Number((hi as { offset: number }).offset));
        if (inLow && inHigh) m.update(b, rows[j]!);
      }
      out[i] = m.finish(b);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const b = m.init();
    const from = bound(f.lower, i, n, true);
    const to = bound(f.upper, i, n, false);
    for (let j = from; j <= to; j++) m.update(b, rows[j]!);
    out[i] = m.finish(b);
  }
}

/** Runs a Window node; returns its rows (input columns, then the window values). */
export function windowRows(w: PWindow, ex: Executor): Partitions {
  const input = ex.collect(w.input);
  const opts = ex.options;
  const pg = Gen.forRow(w.input.output, opts);
  const partKey = pg.compile<(r: InternalRow) => unknown[]>(['r'], `return [${w.partitionBy.map((e) => pg.expr(e)).join(', ')}];`);
  const pTypes = w.partitionBy.map((e) => e.dataType);
  const n = opts.shufflePartitions;
  const allOrders = [...w.partitionBy.map((child) => ({ child, direction: 'asc' as const, nulls: 'first' as const })), ...w.orderBy];
  const sortKey = keyExtractor(allOrders, w.input.output, opts);
  const cmp = keyComparator(allOrders, opts);
  const items = input.map((r, i) => {
    const pk = partKey(r);
    let h = 42;
    for (let j = 0; j < pk.length; j++) h = hashValue(pk[j], pTypes[j]!, h);
    const b = ((h % n) + n) % n;
    return { r, i, b, k: sortKey(r) };
  });
  // Adaptive execution reads all shuffle partitions as one, which the Sort below the Window orders whole.
  if (opts.adaptive) items.sort((x, y) => cmp(x.k, y.k) || x.i - y.i);
  else items.sort((x, y) => x.b - y.b || cmp(x.k, y.k) || x.i - y.i);
  const np = w.partitionBy.length;
  const orderOnly = keyComparator(w.orderBy, opts);
  const pcmp = keyComparator(allOrders.slice(0, np), opts);
  const out: InternalRow[] = [];
  const buckets: number[] = [];
  const orderKey = w.orderBy.length > 0 ? keyExtractor(w.orderBy, w.input.output, opts) : undefined;
  let start = 0;
  while (start < items.length) {
    let end = start + 1;
    while (end < items.length && (opts.adaptive || items[end]!.b === items[start]!.b) && (np === 0 || pcmp(items[start]!.k.slice(0, np), items[end]!.k.slice(0, np)) === 0)) end++;
    const part = items.slice(start, end);
    const rows = part.map((x) => x.r);
    const ok = part.map((x) => x.k.slice(np));
    const samePeer = (i: number, j: number): boolean => orderOnly(ok[i]!, ok[j]!) === 0;
    const values = w.windowExprs.map((a) => {
      const over = a.child as Extract<RExpr, { k: 'over' }>;
      const res = new Array<unknown>(rows.length);
      computeOne(over.fn, a, rows, w, ex, samePeer, orderKey, res);
      return res;
    });
    rows.forEach((r, i) => {
      out.push(r.concat(values.map((v) => v[i] ?? null)));
      buckets.push(part[i]!.b);
    });
    start = end;
  }
  if (opts.adaptive) return [out];
  const parts: Partitions = Array.from({ length: n }, () => []);
  out.forEach((r, i) => parts[buckets[i]!]!.push(r));
  return parts;
}
