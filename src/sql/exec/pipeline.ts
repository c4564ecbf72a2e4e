/**
 * Whole-stage code generation for narrow operators: a chain of Project / Filter / Generate /
 * Sample over one input becomes one generated function per partition, with columns held in
 * local variables (no array per intermediate row) and the chain's consumer inlined at the end:
 * an `$emit([...])` into the next RDD, or an aggregation's hash-table update.
 */
import { Gen, type GenOptions } from '../codegen/gen.js';
import type { AttributeRef, PJoin, RPlan } from '../analysis/resolved.js';
import { buildsLeft, canStream } from './join-plan.js';
import { joinCode, type JoinTable } from './join-stream.js';

const NARROW = new Set(['project', 'filter', 'generate', 'sample', 'alias', 'watermark']);

/** The narrow chain above a source: `chain` from the source upward (streamed joins continue down their probe side). */
export function splitNarrow(plan: RPlan): { source: RPlan; chain: RPlan[] } {
  const chain: RPlan[] = [];
  let p = plan;
  for (;;) {
    if (NARROW.has(p.k)) {
      chain.unshift(p);
      p = (p as { input: RPlan }).input;
    } else if (p.k === 'join' && canStream(p)) {
      chain.unshift(p);
      p = buildsLeft(p) ? p.right : p.left;
    } else break;
  }
  return { source: p, chain };
}

/** The hashed side of a streamed join, provided by the executor. */
export type JoinTables = (plan: PJoin) => JoinTable;

/** Code consuming one output row: `values[i]` is the code of output column i. */
export type Consumer = (g: Gen, values: readonly string[]) => string;

/** Emits a fresh array per row into `$emit`. */
export const emitRow: Consumer = (_g, values) => `$emit([${values.join(', ')}]);`;

/** A per-partition row function: `make(partition, emit, state)(row)`. */
export type RowFunction = (partition: number, emit: (row: unknown[]) => void, state: unknown) => (row: unknown[]) => void;

function isTrivial(code: string): boolean {
  return /^(r\[\d+\]|t\d+|p\d+|\(-?[\d.e+]+n?\)|"(?:[^"\\]|\\.)*"|true|false|null)$/.test(code);
}

/**
 * Compiles `chain` (narrow nodes over rows of `input`) with `consumer` at the end into a
 * row-function factory. `prelude` is extra code run once per partition (a consumer's setup).
 */
export function compilePipeline(input: readonly AttributeRef[], chain: readonly RPlan[], consumer: Consumer, options: GenOptions, gen?: Gen, joins?: JoinTables): RowFunction {
  return compile(input, chain, consumer, options, gen ?? Gen.forRow(input, options), false, joins) as RowFunction;
}

/** A per-partition range loop: `make(partition, emit, state)(start, count, step)`. */
export type RangeFunction = (partition: number, emit: (row: unknown[]) => void, state: unknown) => (start: number, count: number, step: number) => void;

/**
 * As compilePipeline over a `range` source, generating the loop itself: the `id` column is a
 * local variable, so no row array is made for the range's rows at all.
 */
export function compileRangePipeline(id: AttributeRef, chain: readonly RPlan[], consumer: Consumer, options: GenOptions, gen?: Gen, joins?: JoinTables): RangeFunction {
  const g = gen ?? new Gen(new Map([[id.id, 'r']]), options);
  if (gen) g.bindings.set(id.id, 'r');
  return compile([id], chain, consumer, options, g, true, joins) as RangeFunction;
}

function compile(input: readonly AttributeRef[], chain: readonly RPlan[], consumer: Consumer, options: GenOptions, g: Gen, range: boolean, joins?: JoinTables): RowFunction | RangeFunction {
  void options;
  const preludes: string[] = [];
  let label = 0;
  let samples = 0;

  const body = (j: number, lab: number): string => {
    if (j === chain.length) {
      const top = chain.length === 0 ? input : chain[chain.length - 1]!.output;
      return consumer(g, top.map((a) => g.bindings.get(a.id) ?? 'null'));
    }
    const node = chain[j]!;
    switch (node.k) {
      case 'project': {
        let code = '';
        for (const e of node.exprs) {
          if (e.k === 'ref') continue;
          const id = e.k === 'alias' ? e.id : -1;
          const value = g.expr(e);
          if (isTrivial(value)) g.bindings.set(id, value);
          else {
            const t = g.temp();
            code += `${t} = ${value};\n`;
            g.bindings.set(id, t);
          }
        }
        return code + body(j + 1, lab);
      }
      case 'filter':
        return `if (${g.expr(node.condition)} !== true) break L${lab};\n` + body(j + 1, lab);
      case 'generate': {
        const gen = node.generator;
        const args = gen.args.map((a) => {
          const t = g.temp();
          return [t, `${t} = ${g.expr(a)};`] as const;
        });
        const inner = gen.fn.gen(
          args.map((a) => a[0]),
          g,
          gen,
          (values) => {
            const l = ++label;
            let code = '';
            values.forEach((v, i) => {
              const t = g.temp();
              code += `${t} = ${v};`;
              g.bindings.set(node.generatorOutput[i]!.id, t);
            });
            return `L${l}: { ${code}\n${body(j + 1, l)} }`;
          },
          node.outer,
        );
        return args.map((a) => a[1]).join('\n') + '\n' + inner;
      }
      case 'sample': {
        const rng = `$rng${samples++}`;
        if (!node.withReplacement) {
          return `{ const x = ${rng}(); if (x < ${node.lower} || x >= ${node.upper}) break L${lab}; }\n` + body(j + 1, lab);
        }
        const l = ++label;
        const n = g.temp();
        return `${n} = $h.poisson(${rng}, ${node.upper - node.lower}); while (${n}-- > 0) { L${l}: { ${body(j + 1, l)} } }`;
      }
      case 'join': {
        if (joins === undefined) throw new Error('internal: a streamed join needs the executor');
        const t = `$jt${preludes.length}`;
        preludes.push(`const ${t} = ${g.constant(joins(node))}.get();`);
        return joinCode(node, g, t, () => {
          const l = ++label;
          return `L${l}: { ${body(j + 1, l)} }`;
        });
      }
      case 'watermark':
        // A micro-batch's EventTimeWatermark sees each row's event time (for the batch's max, min and average).
        if (node.observe === undefined) return body(j + 1, lab);
        return `${g.constant(node.observe)}(${g.bindings.get(node.eventTime.id) ?? 'null'});\n` + body(j + 1, lab);
      default:
        return body(j + 1, lab);
    }
  };

  const { code, decls } = g.scoped(() => `L0: {\n${body(0, 0)}\n}`);
  const rngs = chain
    .filter((n) => n.k === 'sample')
    .map((n, i) => `const $rng${i} = $h.random(${(n as { seed: number }).seed} + p);`)
    .join('\n');
  const inner = range
    ? `return function(start, count, step) { ${decls}\n let r = start; for (let $k = 0; $k < count; $k++, r += step) { ${code} } };`
    : `return function(r) { ${decls}\n${code} };`;
  const src = `return function(p, $emit, $state) { const $p = p; let $i = 0; ${rngs}\n${preludes.join('\n')}\n${inner} };`;
  return g.build<RowFunction | RangeFunction>(src);
}
