/**
 * Analysing the leaves of a plan: rows in memory, RDDs, `range`, data-source reads (the scan
 * is created once per read node, which is when Spark infers a schema), inline VALUES, and
 * tables/views by name (TABLE_OR_VIEW_NOT_FOUND).
 */
import { Gen } from '../codegen/gen.js';
import { AnalysisException } from '../errors.js';
import type { LogicalPlan } from '../plan/relations.js';
import { LongType, StructField, StructType } from '../types/data-types.js';
import type { Analyzer } from './analyzer.js';
import { implicitCastTo, widerTypeOfAll } from './coercion.js';
import { resolveExpr, stripAlias } from './resolve-expr.js';
import type { AttributeRef, RExpr, RPlan } from './resolved.js';
import { makeAttr } from './resolved.js';

/** Attributes for a schema's fields. */
export function attrsOf(schema: StructType, qualifier: readonly string[] = []): AttributeRef[] {
  return schema.fields.map((f) => makeAttr(f.name, f.dataType, f.nullable, qualifier));
}

function inlineTable(plan: Extract<LogicalPlan, { kind: 'inlineTable' }>, a: Analyzer): RPlan {
  const scope = a.scope([], []);
  const rows = plan.rows.map((r) => r.map((e) => stripAlias(resolveExpr(e, scope))));
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) {
    throw new AnalysisException('LEGACY_ANALYSIS', { message: '[INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH] Invalid inline table. Inline table expected ' + width + ' columns.' });
  }
  const types = Array.from({ length: width }, (_x, j) => widerTypeOfAll(rows.map((r) => r[j]!.dataType)));
  const gen = new Gen(new Map(), { ansi: a.ctx.ansi, timeZone: a.ctx.timeZone, nowMicros: Date.now() * 1000 });
  const values = rows.map((r) => r.map((e, j) => implicitCastTo(e, types[j]!)));
  const code = `return [${values.map((r) => `[${r.map((e: RExpr) => gen.expr(e)).join(', ')}]`).join(', ')}];`;
  const data = gen.compile<() => unknown[][]>([], code)();
  const names = plan.names ?? types.map((_t, j) => `col${j + 1}`);
  const schema = new StructType(types.map((t, j) => new StructField(names[j]!, t!, values.some((r) => r[j]!.nullable))));
  return { k: 'local', partitions: [data], output: attrsOf(schema) };
}

/** The analysed leaf, or undefined when `plan` is not a leaf. */
export function analyzeLeaf(plan: LogicalPlan, a: Analyzer): RPlan | undefined {
  switch (plan.kind) {
    case 'localRelation':
      return { k: 'local', partitions: plan.partitions, output: attrsOf(plan.schema) };
    case 'rddRelation':
      return { k: 'rdd', rdd: plan.rdd, output: attrsOf(plan.schema) };
    case 'range':
      return {
        k: 'range',
        start: plan.start,
        end: plan.end,
        step: plan.step,
        numPartitions: plan.numPartitions ?? a.ctx.defaultParallelism,
        output: [makeAttr('id', new LongType(), false)],
      };
    case 'oneRow':
      return { k: 'local', partitions: [[[]]], output: [] };
    case 'inlineTable':
      return inlineTable(plan, a);
    case 'read': {
      if (plan.isStreaming) {
        const { schema, provider } = a.ctx.streamSourceFor(plan);
        return { k: 'streamSource', read: plan, provider, output: attrsOf(schema) };
      }
      const scan = a.ctx.scanFor(plan);
      return { k: 'scan', format: plan.format, scan, output: attrsOf(scan.schema) };
    }
    case 'table': {
      const r = a.lookupRelation(plan.name);
      if (r === undefined) throw a.tableNotFound(plan.name);
      return r;
    }
    default:
      return undefined;
  }
}
