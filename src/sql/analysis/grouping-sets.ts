/**
 * ROLLUP, CUBE and GROUPING SETS as Spark plans them: an Expand below the aggregation emits
 * each input row once per grouping set, with the grouping columns that are not in the set
 * nulled and a `spark_grouping_id` (bit i set when grouping column i is aggregated away, the
 * first column the most significant); the aggregation then groups by the expanded columns and
 * the id. `grouping(col)` and `grouping_id()` become bits of that id; aggregate functions keep
 * reading the original (never nulled) columns.
 */
import { AnalysisException } from '../errors.js';
import type { GeneratorFunction } from '../functions/function.js';
import { GROUPING, GROUPING_BITS, isGroupingCall } from '../functions/grouping.js';
import { LongType } from '../types/data-types.js';
import { planAggregate, sameExpr } from './aggregate.js';
import { exprSql } from './pretty.js';
import { transform } from './project.js';
import type { AttributeRef, PGenerate, RCall, RExpr, RGen, RPlan } from './resolved.js';
import { makeAttr, ref } from './resolved.js';

/** The grouping sets of ROLLUP over n columns: every prefix, longest first, down to (). */
export function rollupSets(n: number): number[][] {
  return Array.from({ length: n + 1 }, (_x, k) => Array.from({ length: n - k }, (_y, i) => i));
}

/** The grouping sets of CUBE over n columns, in Spark's order ((a, b), (a), (b), ()). */
export function cubeSets(n: number): number[][] {
  let sets: number[][] = [[]];
  for (let i = n - 1; i >= 0; i--) sets = [...sets.map((s) => [i, ...s]), ...sets];
  return sets;
}

/** Expand's generator: its arguments are the projections, `width` values each, emitted in turn. */
const EXPAND: GeneratorFunction = {
  kind: 'generator',
  name: 'expand',
  arity: [0, Infinity],
  resolve: () => {
    throw new Error('internal: expand is planned, not called');
  },
  gen(args, _g, call, emit) {
    const { width } = call.extra as { width: number };
    let code = '';
    for (let at = 0; at < args.length; at += width) code += emit(args.slice(at, at + width)) + '\n';
    return code;
  },
  sql(args, call) {
    const { width } = call.extra as { width: number };
    const rows: string[] = [];
    for (let at = 0; at < args.length; at += width) rows.push(`[${args.slice(at, at + width).join(', ')}]`);
    return `Expand [${rows.join(', ')}]`;
  },
};

/**
 * Plans `aggregates` over `child` grouped by each of `sets` (indices into `groupings`), with
 * `having` above, as Spark's Expand + Aggregate.
 */
export function planGroupingSets(child: RPlan, groupings: readonly RExpr[], sets: readonly (readonly number[])[], aggregates: readonly RExpr[], having: RExpr | undefined): RPlan {
  const plain = groupings.map((g) => (g.k === 'alias' ? g.child : g));
  const n = plain.length;
  const expanded: AttributeRef[] = plain.map((g, i) => makeAttr(groupings[i]!.k === 'alias' ? (groupings[i] as { name: string }).name : g.k === 'ref' ? g.attr.name : exprSql(g), g.dataType, true));
  const gid = makeAttr('spark_grouping_id', new LongType(), false);
  const args: RExpr[] = [];
  for (const set of sets) {
    plain.forEach((g, i) => args.push(set.includes(i) ? g : { k: 'lit', value: null, dataType: g.dataType, nullable: true }));
    let id = 0;
    for (let i = 0; i < n; i++) if (!set.includes(i)) id += 2 ** (n - 1 - i);
    args.push({ k: 'lit', value: id, dataType: new LongType(), nullable: false });
  }
  const fields = [...expanded, gid].map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }));
  const generator: RGen = { k: 'gen', fn: EXPAND, args, fields, dataType: new LongType(), nullable: false, extra: { width: n + 1 } };
  const expand: PGenerate = { k: 'generate', input: child, generator, outer: false, generatorOutput: [...expanded, gid], output: [...child.output, ...expanded, gid] };

  const indexOf = (arg: RExpr): number => {
    const i = plain.findIndex((g) => sameExpr(g, arg));
    if (i < 0) throw new AnalysisException('GROUPING_COLUMN_MISMATCH', { grouping: exprSql(arg), groupingColumns: plain.map((g) => exprSql(g)).join(', ') });
    return i;
  };
  const rewrite = (e: RExpr): RExpr =>
    transform(e, (x) => {
      // Aggregate functions read the input rows as they were, not the nulled copies.
      if (x.k === 'agg') return x;
      // An alias keeps its name; its child is matched below.
      if (x.k === 'alias') return undefined;
      if (isGroupingCall(x)) {
        const call = x as RCall;
        const cols = call.fn === GROUPING || call.args.length > 0 ? call.args.map(indexOf) : plain.map((_g, i) => i);
        return { k: 'call', fn: GROUPING_BITS, args: [ref(gid)], extra: { shifts: cols.map((i) => n - 1 - i) }, dataType: call.dataType, nullable: false };
      }
      const i = plain.findIndex((g) => sameExpr(g, x));
      return i >= 0 ? ref(expanded[i]!) : undefined;
    });
  return planAggregate(expand, [...expanded.map(ref), ref(gid)], aggregates.map(rewrite), having === undefined ? undefined : rewrite(having));
}
