/**
 * Column-level DataFrame operations as projections: `withColumn(s)` (replace by name or
 * append), `withColumnRenamed` and `drop` (unknown names ignored, as Spark), `toDF(names)`,
 * and `distinct`/`dropDuplicates` as an aggregation that keeps the first row per key (and the
 * columns' ids).
 */
import { AnalysisException, SparkArgumentError } from '../errors.js';
import { lookupFunction } from '../functions/registry.js';
import type { AggregateFunction } from '../functions/function.js';
import type { AttributeRef, PAggregate, RExpr, RPlan } from './resolved.js';
import { newExprId, ref, toAttribute } from './resolved.js';
import { planProject } from './project.js';
import { stripAlias } from './resolve-expr.js';

function eq(a: string, b: string, cs: boolean): boolean {
  return cs ? a === b : a.toLowerCase() === b.toLowerCase();
}

function project(input: RPlan, exprs: RExpr[]): RPlan {
  return { k: 'project', input, exprs, output: exprs.map((e) => toAttribute(e)) };
}

function alias(e: RExpr, name: string, id = newExprId()): RExpr {
  return { k: 'alias', child: stripAlias(e), name, id, dataType: e.dataType, nullable: e.nullable };
}

/** `withColumns({name: expr})`: existing columns of those names are replaced in place, new ones appended. */
export function planWithColumns(child: RPlan, names: readonly string[], exprs: readonly RExpr[], cs: boolean): RPlan {
  const seen = new Set<string>();
  for (const n of names) {
    const k = cs ? n : n.toLowerCase();
    if (seen.has(k)) throw new AnalysisException('LEGACY_ANALYSIS', { message: `[COLUMN_ALREADY_EXISTS] The column \`${n}\` already exists. Consider to choose another name or rename the existing column.` });
    seen.add(k);
  }
  const list: RExpr[] = child.output.map((a) => {
    const i = names.findIndex((n) => eq(n, a.name, cs));
    return i < 0 ? ref(a) : alias(exprs[i]!, names[i]!);
  });
  names.forEach((n, i) => {
    if (!child.output.some((a) => eq(a.name, n, cs))) list.push(alias(exprs[i]!, n));
  });
  return planProject(child, list.map((e) => (e.k === 'alias' && e.child.k === 'over' ? { ...e } : e)));
}

/** `withColumnsRenamed({old: new})`. */
export function planRenames(child: RPlan, renames: ReadonlyArray<readonly [string, string]>, cs: boolean): RPlan {
  if (!renames.some(([from]) => child.output.some((a) => eq(a.name, from, cs)))) return child;
  return project(
    child,
    child.output.map((a) => {
      const r = renames.find(([from]) => eq(from, a.name, cs));
      return r ? alias(ref(a), r[1]) : ref(a);
    }),
  );
}

/** `drop(…)`: by name (case-insensitive) or by the column's id. */
export function planDrop(child: RPlan, names: readonly string[], ids: ReadonlySet<number>, cs: boolean): RPlan {
  const keep = child.output.filter((a) => !ids.has(a.id) && !names.some((n) => eq(n, a.name, cs)));
  if (keep.length === child.output.length) return child;
  return project(child, keep.map(ref));
}

/** `toDF(names)`: every column renamed by position. */
export function planToDF(child: RPlan, names: readonly string[]): RPlan {
  if (names.length !== child.output.length) {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: `The number of columns doesn't match.\nOld column names (${child.output.length}): ${child.output.map((a) => a.name).join(', ')}\nNew column names (${names.length}): ${names.join(', ')}`,
    });
  }
  return project(
    child,
    child.output.map((a, i) => (a.name === names[i] ? ref(a) : alias(ref(a), names[i]!))),
  );
}

/** `distinct()` / `dropDuplicates(cols)`: group by the key columns, the first value of the others (ids kept). */
export function planDeduplicate(child: RPlan, columns: readonly string[] | undefined, cs: boolean): RPlan {
  let keys: AttributeRef[];
  if (columns === undefined) keys = [...child.output];
  else {
    keys = columns.map((c) => {
      const hit = child.output.filter((a) => eq(a.name, c, cs));
      if (hit.length === 0) {
        throw new AnalysisException('_LEGACY_ERROR_TEMP_1201', { name: c, columns: child.output.map((a) => a.name).join(', ') });
      }
      return hit[0]!;
    });
  }
  const first = lookupFunction('first') as AggregateFunction;
  const keyIds = new Set(keys.map((k) => k.id));
  const aggregates: RExpr[] = child.output.map((a) =>
    keyIds.has(a.id)
      ? ref(a)
      : { k: 'alias', child: { k: 'agg', fn: first, args: [ref(a)], distinct: false, ignoreNulls: false, dataType: a.dataType, nullable: true }, name: a.name, id: a.id, dataType: a.dataType, nullable: a.nullable },
  );
  const node: PAggregate = { k: 'aggregate', input: child, groupings: keys.map(ref), aggregates, output: child.output, dedup: true };
  return node;
}
