/**
 * Hash aggregation, generated: the input's narrow chain ends in code that computes the group
 * key, finds the group's buffer in a Map (one primitive key needs no encoding) and updates the
 * aggregate slots in place. Groups are then put in the order Spark shows them: each group
 * belongs to the shuffle partition `pmod(murmur3(keys), spark.sql.shuffle.partitions)`, and a
 * reducer meets its keys map task by map task (input partition by partition), each map task's
 * keys by shuffle partition; with adaptive execution all partitions are read as one.
 */
import { sameExpr } from '../analysis/aggregate.js';
import { exprSql } from '../analysis/pretty.js';
import { transform } from '../analysis/project.js';
import type { AttributeRef, PAggregate, RAgg, RExpr, RPlan } from '../analysis/resolved.js';
import { makeAttr, ref } from '../analysis/resolved.js';
import { Gen } from '../codegen/gen.js';
import { hashValue } from '../codegen/murmur3.js';
import { setKey } from '../functions/aggregates.js';
import type { DataType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import type { Executor, Partitions } from './executor.js';
import { sessionAggregateRows } from './session-aggregate.js';

/** Code of a Map key for group values `ks` of types `ts` (a primitive stays as it is). */
export function keyCode(ks: readonly string[], ts: readonly DataType[], g: Gen): string {
  const part = (k: string, t: DataType): string => {
    switch (t.kind) {
      case 'string':
        return `(${k} === null ? "\\u0000" : ${k}.length + ":" + ${k})`;
      case 'integer':
      case 'short':
      case 'byte':
      case 'long':
      case 'date':
      case 'timestamp':
      case 'boolean':
      case 'decimal':
        return `String(${k})`;
      case 'double':
      case 'float':
        return `(${k} === 0 ? "0" : String(${k}))`;
      default:
        return `JSON.stringify(${g.constant(setKey)}(${k}))`;
    }
  };
  if (ks.length === 1) {
    const t = ts[0]!;
    if (t.kind === 'double' || t.kind === 'float') return `(${ks[0]} === 0 ? 0 : ${ks[0]})`;
    if (['string', 'integer', 'short', 'byte', 'long', 'date', 'timestamp', 'boolean', 'decimal', 'null'].includes(t.kind)) return ks[0]!;
    return `${g.constant(setKey)}(${ks[0]})`;
  }
  return ks.map((k, i) => part(k, ts[i]!)).join(' + "\\u0001" + ');
}

/** The distinct aggregate calls of the output expressions, in order of appearance. */
function collectAggs(exprs: readonly RExpr[]): RAgg[] {
  const out: RAgg[] = [];
  for (const e of exprs) {
    transform(e, (x) => {
      if (x.k === 'over') return x;
      if (x.k === 'agg' && !out.some((a) => sameExpr(a, x))) out.push(x);
      return undefined;
    });
  }
  return out;
}

/**
 * An aggregation compiled once: `run` feeds the input through the generated pipeline into a
 * fresh hash table and returns the groups' buffers (keys first, then the aggregate slots) in
 * first-seen order; `finish` turns a buffer into an output row; `merge` adds one buffer's slots
 * into another (Spark's merge of partial aggregates, which streaming state uses across
 * batches); `key` is a buffer's hash-table key; `bucket` its shuffle partition.
 */
export interface CompiledAggregate {
  readonly numKeys: number;
  run(): { groups: unknown[][]; parts: number[] };
  finish(buf: unknown[]): InternalRow;
  merge(into: unknown[], from: unknown[]): void;
  key(buf: unknown[]): unknown;
  bucket(buf: unknown[], n: number): number;
}

/** Compiles `plan` (its input pipeline, buffers, merge and finish) for the executor `ex`. */
export function compileAggregate(plan: PAggregate, ex: Executor): CompiledAggregate {
  const groupings = plan.groupings;
  const aggs = collectAggs(plan.aggregates);
  const nk = groupings.length;
  // Slot layout per group: keys, then each aggregate's slots (+1 for a DISTINCT set).
  const offsets: number[] = [];
  let slot = nk;
  for (const a of aggs) {
    offsets.push(slot);
    slot += a.fn.slots(a) + (a.distinct ? 1 : 0);
  }
  const types = groupings.map((e) => e.dataType);

  const { source, g } = pipelineGen(plan, ex);
  if (source.k === 'range') g.bindings.set(source.output[0]!.id, 'r');
  const init = (): string => {
    const parts: string[] = [];
    aggs.forEach((a) => {
      parts.push(...a.fn.init(a, g));
      if (a.distinct) parts.push('new Set()');
    });
    return parts.join(', ');
  };
  const consumer = (gen: Gen): string => {
    let code = '';
    const ks = groupings.map((e) => {
      const t = gen.temp();
      code += `${t} = ${gen.expr(e)};\n`;
      return t;
    });
    const s = gen.temp();
    if (nk === 0) code += `${s} = $state.global;\n`;
    else {
      const k = gen.temp();
      code += `${k} = ${keyCode(ks, types, gen)};\n${s} = $state.map.get(${k});\nif (${s} === undefined) { ${s} = [${[...ks, init()].filter((x) => x !== '').join(', ')}]; $state.map.set(${k}, ${s}); $state.parts.push($p); }\n`;
    }
    aggs.forEach((a, i) => {
      const args = a.args.map((x) => {
        const t = gen.temp();
        code += `${t} = ${gen.expr(x)};\n`;
        return t;
      });
      let update = a.fn.update(s, offsets[i]!, args, gen, a);
      if (a.distinct) {
        const dk = gen.temp();
        const set = `${s}[${offsets[i]! + a.fn.slots(a)}]`;
        const nullCheck = a.args.some((x) => x.nullable) ? `${args.map((x) => `${x} !== null`).join(' && ')} && ` : '';
        update = `${dk} = ${keyCode(args, a.args.map((x) => x.dataType), gen)}; if (${nullCheck}!${set}.has(${dk})) { ${set}.add(${dk}); ${update} }`;
      }
      if (a.filter) update = `if (${gen.expr(a.filter)} === true) { ${update} }`;
      code += update + '\n';
    });
    return code;
  };
  const newGlobal = (): unknown[] => {
    const mk = new Gen(new Map(), ex.options);
    const parts: string[] = [];
    aggs.forEach((a) => {
      parts.push(...a.fn.init(a, mk));
      if (a.distinct) parts.push('new Set()');
    });
    return mk.compile<() => unknown[]>([], `return [${parts.join(', ')}];`)();
  };

  // Output rows: group keys and finished aggregates bound as synthetic columns.
  const keyAttrs: AttributeRef[] = groupings.map((e) => makeAttr(exprSql(e), e.dataType, e.nullable));
  const aggAttrs: AttributeRef[] = aggs.map((a) => makeAttr(exprSql(a), a.dataType, a.nullable));
  const outExprs = plan.aggregates.map((e) =>
    transform(e, (x) => {
      if (x.k === 'over') return x;
      const gi = groupings.findIndex((k) => sameExpr(k, x));
      if (gi >= 0) return ref(keyAttrs[gi]!);
      if (x.k === 'agg') return ref(aggAttrs[aggs.findIndex((a) => sameExpr(a, x))]!);
      return undefined;
    }),
  );
  const fg = new Gen(new Map(), ex.options);
  keyAttrs.forEach((a, i) => fg.bindings.set(a.id, `s[${i}]`));
  let pre = '';
  aggAttrs.forEach((a, i) => {
    const t = fg.temp();
    pre += `${t} = ${aggs[i]!.fn.finish('s', offsets[i]!, fg, aggs[i]!)};\n`;
    fg.bindings.set(a.id, t);
  });
  const finish = fg.compile<(s: unknown[]) => InternalRow>(['s'], `${pre} return [${outExprs.map((e) => fg.expr(e)).join(', ')}];`);

  const mg = new Gen(new Map(), ex.options);
  const mergeCode = aggs
    .map((a, i) => {
      if (a.distinct) {
        // A DISTINCT aggregate re-adds the other side's distinct values (batch plans only: streaming refuses DISTINCT).
        return '';
      }
      return a.fn.merge('a', 'b', offsets[i]!, mg, a);
    })
    .join('\n');
  const merge = mg.compile<(a: unknown[], b: unknown[]) => void>(['a', 'b'], mergeCode);
  const kg = new Gen(new Map(), ex.options);
  const keyFn = kg.compile<(s: unknown[]) => unknown>(['s'], `return ${keyCode(groupings.map((_e, i) => `s[${i}]`), types, kg)};`);

  return {
    numKeys: nk,
    run() {
      const state: { map: Map<unknown, unknown[]>; global: unknown[] | undefined; parts: number[] } = { map: new Map(), global: nk === 0 ? newGlobal() : undefined, parts: [] };
      ex.consume(plan.input, consumer, state, g);
      return nk === 0 ? { groups: [state.global!], parts: [0] } : { groups: [...state.map.values()], parts: state.parts };
    },
    finish,
    merge,
    key: keyFn,
    bucket(s, n) {
      let h = 42;
      for (let i = 0; i < nk; i++) h = hashValue(s[i], types[i]!, h);
      const r = h % n;
      return r < 0 ? r + n : r;
    },
  };
}

/** Runs the aggregation; returns the output rows in Spark's shuffle order. */
export function aggregateRows(plan: PAggregate, ex: Executor): Partitions {
  if (plan.session !== undefined) return sessionAggregateRows(plan, ex);
  const agg = compileAggregate(plan, ex);
  const { groups, parts } = agg.run();
  const rows = groups.map(agg.finish);
  if (agg.numKeys === 0) return [rows];
  const n = ex.options.shufflePartitions;
  return ex.shuffleOut(rows, groups.map((s) => agg.bucket(s, n)), parts);
}

/** The Gen the input pipeline is compiled with (bindings of the pipeline's source row). */
function pipelineGen(plan: PAggregate, ex: Executor): { source: RPlan; g: Gen } {
  let p = plan.input;
  while (['project', 'filter', 'generate', 'sample', 'alias', 'watermark'].includes(p.k)) p = (p as { input: typeof p }).input;
  return { source: p, g: Gen.forRow(p.output, ex.options) };
}
