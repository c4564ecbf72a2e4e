/**
 * Joins: a hash join on the equality keys (rows whose key has a NULL never match, as SQL's
 * `=`), a residual condition checked per matching pair, and a nested loop when there are no
 * keys. The row order follows what Spark shows: the probe side's order, grouped by the key's
 * shuffle partition when Spark would have shuffled both sides (data of unknown size, e.g.
 * `createDataFrame` lists, which Spark plans as sort-merge joins that adaptive execution turns
 * into broadcast joins), and sorted by key within a partition for FULL OUTER (sort-merge).
 */
import type { AttributeRef, PJoin, RPlan } from '../analysis/resolved.js';
import { Gen } from '../codegen/gen.js';
import { hashValue } from '../codegen/murmur3.js';
import type { InternalRow } from '../types/values.js';
import { keyCode } from './aggregate-exec.js';
import type { Executor, Partitions } from './executor.js';
import { keyComparator } from './sort-exec.js';

/** Spark's idea of a plan's size: bytes when statistics are known, undefined for data of unknown size. */
export function estimateSize(p: RPlan): number | undefined {
  switch (p.k) {
    case 'local':
    case 'rdd':
      return undefined;
    case 'range':
      return 8 * Math.max(0, Math.ceil((p.end - p.start) / p.step));
    case 'scan':
      return 1;
    case 'join':
    case 'intersect':
    case 'except': {
      const a = estimateSize(p.left);
      const b = estimateSize(p.right);
      return a === undefined || b === undefined ? undefined : a + b;
    }
    case 'union': {
      let total = 0;
      for (const i of p.inputs) {
        const s = estimateSize(i);
        if (s === undefined) return undefined;
        total += s;
      }
      return total;
    }
    default:
      return estimateSize((p as { input: RPlan }).input);
  }
}

function keyFn(keys: PJoin['leftKeys'], input: readonly AttributeRef[], ex: Executor): (r: InternalRow) => unknown {
  const g = Gen.forRow(input, ex.options);
  const ks = keys.map((k) => {
    const t = g.temp();
    return [t, `${t} = ${g.expr(k)};`] as const;
  });
  const nullCheck = keys.some((k) => k.nullable) ? `if (${ks.filter((_, i) => keys[i]!.nullable).map(([t]) => `${t} === null`).join(' || ')}) return undefined;` : '';
  return g.compile(['r'], `${ks.map((k) => k[1]).join(' ')} ${nullCheck} return ${keyCode(ks.map((k) => k[0]), keys.map((k) => k.dataType), g)};`);
}

function keyValues(keys: PJoin['leftKeys'], input: readonly AttributeRef[], ex: Executor): (r: InternalRow) => unknown[] {
  const g = Gen.forRow(input, ex.options);
  return g.compile(['r'], `return [${keys.map((k) => g.expr(k)).join(', ')}];`);
}

/** Rows of a plan with the input partition (map task) each came from. */
function rowsWithParts(plan: RPlan, ex: Executor): { rows: InternalRow[]; parts: number[] } {
  const rdd = ex.rdd(plan);
  const rows: InternalRow[] = [];
  const parts: number[] = [];
  for (let i = 0; i < rdd.getNumPartitions(); i++) {
    rdd.iterate(i, (r) => {
      rows.push(r);
      parts.push(i);
    });
  }
  return { rows, parts };
}

/** Runs the join; returns its rows. */
export function joinRows(plan: PJoin, ex: Executor): Partitions {
  const { left, right, joinType } = plan;
  const L = rowsWithParts(left, ex);
  const R = rowsWithParts(right, ex);
  const leftRows = L.rows;
  const rightRows = R.rows;
  const lw = left.output.length;
  const rw = right.output.length;
  const nullsL = new Array<unknown>(lw).fill(null);
  const nullsR = new Array<unknown>(rw).fill(null);

  let cond: ((l: InternalRow, r: InternalRow) => boolean) | undefined;
  if (plan.condition) {
    const g = new Gen(new Map(), ex.options);
    left.output.forEach((a, i) => g.bindings.set(a.id, `l[${i}]`));
    right.output.forEach((a, i) => g.bindings.set(a.id, `r[${i}]`));
    cond = g.compile(['l', 'r'], `return ${g.expr(plan.condition)} === true;`);
  }
  const ok = (l: InternalRow, r: InternalRow): boolean => cond === undefined || cond(l, r);

  const out: InternalRow[] = [];
  /** Where each output row came from: [left index or -1, right index or -1]. */
  const origin: Array<[number, number]> = [];
  const hasKeys = plan.leftKeys.length > 0;

  if (!hasKeys) {
    // Nested loop, the left side streamed.
    const matchedR = new Uint8Array(rightRows.length);
    leftRows.forEach((l) => {
      let any = false;
      for (let j = 0; j < rightRows.length; j++) {
        const r = rightRows[j]!;
        if (!ok(l, r)) continue;
        any = true;
        matchedR[j] = 1;
        if (joinType === 'semi' || joinType === 'anti') break;
        out.push(l.concat(r));
      }
      if (joinType === 'semi' && any) out.push(l);
      if (joinType === 'anti' && !any) out.push(l);
      if (!any && (joinType === 'left' || joinType === 'full')) out.push(l.concat(nullsR));
    });
    if (joinType === 'right' || joinType === 'full') rightRows.forEach((r, j) => matchedR[j] || out.push(nullsL.concat(r)));
    return [out];
  }

  const unknownSizes = estimateSize(left) === undefined && estimateSize(right) === undefined;
  // Which side is hashed: the right, unless the join type or sizes say the left.
  let buildLeft = joinType === 'right';
  if (joinType === 'inner' && !unknownSizes) {
    const ls = estimateSize(left);
    const rs = estimateSize(right);
    buildLeft = ls !== undefined && (rs === undefined || ls < rs);
  }
  const build = buildLeft ? leftRows : rightRows;
  const probe = buildLeft ? rightRows : leftRows;
  const buildKey = keyFn(buildLeft ? plan.leftKeys : plan.rightKeys, buildLeft ? left.output : right.output, ex);
  const probeKey = keyFn(buildLeft ? plan.rightKeys : plan.leftKeys, buildLeft ? right.output : left.output, ex);
  const table = new Map<unknown, number[]>();
  build.forEach((r, i) => {
    const k = buildKey(r);
    if (k === undefined) return;
    const list = table.get(k);
    if (list) list.push(i);
    else table.set(k, [i]);
  });
  const matchedBuild = joinType === 'full' || (joinType === 'right' && !buildLeft) || (joinType === 'left' && buildLeft) ? new Uint8Array(build.length) : undefined;
  const emit = (row: InternalRow, li: number, ri: number): void => {
    out.push(row);
    origin.push([li, ri]);
  };
  probe.forEach((p, pi) => {
    const k = probeKey(p);
    const hits = k === undefined ? undefined : table.get(k);
    let any = false;
    if (hits) {
      for (const bi of hits) {
        const b = build[bi]!;
        const l = buildLeft ? b : p;
        const r = buildLeft ? p : b;
        if (!ok(l, r)) continue;
        any = true;
        if (matchedBuild) matchedBuild[bi] = 1;
        if (joinType === 'semi' || joinType === 'anti') break;
        emit(l.concat(r), buildLeft ? bi : pi, buildLeft ? pi : bi);
      }
    }
    if (joinType === 'semi' && any) emit(p, pi, -1);
    if (joinType === 'anti' && !any) emit(p, pi, -1);
    if (!any && ((joinType === 'left' && !buildLeft) || joinType === 'full')) emit(p.concat(nullsR), pi, -1);
    if (!any && joinType === 'right' && buildLeft) emit(nullsL.concat(p), -1, pi);
  });
  if (matchedBuild && joinType === 'full') build.forEach((b, i) => matchedBuild[i] || emit(nullsL.concat(b), -1, i));
  if (!unknownSizes) return [out];
  return orderAsSpark(out, origin, plan, ex, L, R);
}

/**
 * Orders join output as Spark shows it for data of unknown size (both sides shuffled):
 * outer joins that stream one side (LEFT / RIGHT) list that side's rows map task by map task,
 * by shuffle partition; the others come out of a sort-merge join, sorted by key.
 */
function orderAsSpark(rows: InternalRow[], origin: Array<[number, number]>, plan: PJoin, ex: Executor, L: { rows: InternalRow[]; parts: number[] }, R: { rows: InternalRow[]; parts: number[] }): Partitions {
  const lKey = keyValues(plan.leftKeys, plan.left.output, ex);
  const rKey = keyValues(plan.rightKeys, plan.right.output, ex);
  const keyOf = (o: [number, number]): unknown[] => (o[0] >= 0 ? lKey(L.rows[o[0]]!) : rKey(R.rows[o[1]]!));
  const idx = rows.map((_r, i) => i);
  const keys = origin.map(keyOf);
  if (plan.joinType === 'left' || plan.joinType === 'right') {
    const n = ex.options.shufflePartitions;
    const types = plan.leftKeys.map((k) => k.dataType);
    const side = plan.joinType === 'left' ? 0 : 1;
    const parts = side === 0 ? L.parts : R.parts;
    const bucket = keys.map((ks) => {
      let h = 42;
      for (let i = 0; i < ks.length; i++) h = hashValue(ks[i], types[i]!, h);
      return ((h % n) + n) % n;
    });
    idx.sort((a, b) => parts[origin[a]![side]!]! - parts[origin[b]![side]!]! || bucket[a]! - bucket[b]! || origin[a]![side]! - origin[b]![side]! || a - b);
  } else {
    const cmp = keyComparator(plan.leftKeys.map((k) => ({ child: k, direction: 'asc' as const, nulls: 'first' as const })), ex.options);
    idx.sort((a, b) => cmp(keys[a]!, keys[b]!) || origin[a]![0] - origin[b]![0] || origin[a]![1] - origin[b]![1]);
  }
  return [idx.map((i) => rows[i]!)];
}
