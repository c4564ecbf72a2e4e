/**
 * Aggregate functions, compiled onto slots of a per-group buffer: `count` (bigint, never
 * NULL), `sum` (bigint for integers, NULL over no rows), `avg`/`mean` (double), `min`/`max`,
 * `first`/`last` (with ignoreNulls), `collect_list`/`collect_set` (NULLs skipped),
 * `approx_count_distinct` (exact here), `stddev`/`variance` families, `any_value`, `count_if`,
 * `max_by`/`min_by`, `bool_and`/`bool_or`, `percentile_approx`.
 */
import { implicitCastTo } from '../analysis/coercion.js';
import type { RAgg, RExpr } from '../analysis/resolved.js';
import type { Gen } from '../codegen/gen.js';
import { AnalysisException } from '../errors.js';
import { ArrayType, BooleanType, type DataType, DecimalType, DoubleType, IntegerType, LongType, isNumeric } from '../types/data-types.js';
import type { AggregateFunction, ResolveContext, Resolved } from './function.js';
import { callSql, castArgs, literalValue } from './define.js';
import { genCompare } from './operators.js';

const LONG = new LongType();
const DOUBLE = new DoubleType();

interface AggDef {
  readonly name: string;
  readonly arity: readonly [number, number];
  resolve(args: readonly RExpr[], ctx: ResolveContext): Resolved;
  readonly slots?: number;
  init(call: RAgg, g: Gen): string[];
  update(b: string, o: number, a: readonly string[], g: Gen, call: RAgg): string;
  merge(b: string, other: string, o: number, g: Gen, call: RAgg): string;
  finish(b: string, o: number, g: Gen, call: RAgg): string;
  sql?(args: readonly string[], call: RAgg): string;
}

function agg(def: AggDef): AggregateFunction {
  return {
    kind: 'aggregate',
    name: def.name,
    arity: def.arity,
    resolve: def.resolve,
    slots: () => def.slots ?? 1,
    init: def.init,
    update: def.update,
    merge: def.merge,
    finish: def.finish,
    ...(def.sql ? { sql: def.sql } : {}),
  };
}

/** Guards an update so NULL arguments are skipped (most aggregates ignore NULLs). */
function skipNull(a: string, call: RAgg, i: number, body: string): string {
  return call.args[i]!.nullable ? `if (${a} !== null) { ${body} }` : body;
}

function numericArg(name: string, args: readonly RExpr[], ctx: ResolveContext): RExpr {
  const [a] = castArgs(name, args.slice(0, 1), ['numeric'], ctx);
  return a!;
}

function sumType(t: DataType): DataType {
  if (t.kind === 'decimal') return new DecimalType(Math.min(38, t.precision + 10), t.scale);
  if (t.kind === 'float' || t.kind === 'double') return DOUBLE;
  return LONG;
}

function addCode(t: DataType, x: string, y: string, g: Gen): string {
  if (t.kind === 'long') return g.options.ansi ? `$h.laddExact(${x}, ${y})` : `$h.ladd(${x}, ${y})`;
  return `(${x} + ${y})`;
}

const count = agg({
  name: 'count',
  arity: [0, Infinity],
  resolve: (args) => ({ args: [...args], dataType: LONG, nullable: false }),
  init: () => ['0'],
  update: (b, o, a, _g, call) => {
    const checks = a.filter((_, i) => call.args[i]!.nullable).map((x) => `${x} !== null`);
    return checks.length === 0 ? `${b}[${o}]++;` : `if (${checks.join(' && ')}) ${b}[${o}]++;`;
  },
  merge: (b, x, o) => `${b}[${o}] += ${x}[${o}];`,
  finish: (b, o) => `${b}[${o}]`,
});

const sum = agg({
  name: 'sum',
  arity: [1, 1],
  resolve: (args, ctx) => {
    const a = numericArg('sum', args, ctx);
    return { args: [a], dataType: sumType(a.dataType), nullable: true };
  },
  init: () => ['null'],
  update: (b, o, [a], g, call) => {
    const t = call.dataType;
    const v = call.args[0]!.dataType.kind === 'long' || t.kind !== 'long' ? a! : a!;
    return skipNull(a!, call, 0, `${b}[${o}] = ${b}[${o}] === null ? ${v} : ${addCode(t, `${b}[${o}]`, v, g)};`);
  },
  merge: (b, x, o, g, call) => `if (${x}[${o}] !== null) ${b}[${o}] = ${b}[${o}] === null ? ${x}[${o}] : ${addCode(call.dataType, `${b}[${o}]`, `${x}[${o}]`, g)};`,
  finish: (b, o, g, call) => {
    const t = call.dataType;
    if (t.kind === 'decimal') return `(${b}[${o}] !== null && (${b}[${o}] >= ${g.constant(10n ** BigInt(t.precision))} || ${b}[${o}] <= -${g.constant(10n ** BigInt(t.precision))}) ? null : ${b}[${o}])`;
    return `${b}[${o}]`;
  },
});

const avg = (name: string): AggregateFunction =>
  agg({
    name,
    arity: [1, 1],
    slots: 2,
    resolve: (args, ctx) => {
      const a = numericArg(name, args, ctx);
      const t = a.dataType;
      if (t.kind === 'decimal') return { args: [a], dataType: new DecimalType(Math.min(38, t.precision + 4), Math.min(38, t.scale + 4)), nullable: true };
      return { args: [t.kind === 'double' ? a : implicitCastTo(a, DOUBLE)], dataType: DOUBLE, nullable: true };
    },
    init: (call) => [call.dataType.kind === 'decimal' ? '0n' : '0', '0'],
    update: (b, o, [a], _g, call) => skipNull(a!, call, 0, `${b}[${o}] += ${a}; ${b}[${o + 1}]++;`),
    merge: (b, x, o) => `${b}[${o}] += ${x}[${o}]; ${b}[${o + 1}] += ${x}[${o + 1}];`,
    finish: (b, o, g, call) => {
      const t = call.dataType;
      if (t.kind === 'decimal') {
        const shift = g.constant(10n ** BigInt(t.scale - (call.args[0]!.dataType as DecimalType).scale));
        return `(${b}[${o + 1}] === 0 ? null : ((s, n) => { const q = s * ${shift}; const r = q % n; return q / n + (2n * (r < 0n ? -r : r) >= n ? (q < 0n ? -1n : 1n) : 0n); })(${b}[${o}], BigInt(${b}[${o + 1}])))`;
      }
      return `(${b}[${o + 1}] === 0 ? null : ${b}[${o}] / ${b}[${o + 1}])`;
    },
    sql: (args) => callSql(name, args),
  });

const extremum = (name: 'min' | 'max'): AggregateFunction =>
  agg({
    name,
    arity: [1, 1],
    resolve: (args) => {
      if (args[0]!.dataType.kind === 'map') {
        throw new AnalysisException('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', {
          sqlExpr: `"${name}(${args[0]!.dataType.sql()})"`,
          paramIndex: 'first',
          requiredType: '"ORDERABLE"',
          inputSql: '"x"',
          inputType: `"${args[0]!.dataType.sql()}"`,
        });
      }
      return { args: [...args], dataType: args[0]!.dataType, nullable: true };
    },
    init: () => ['null'],
    update: (b, o, [a], g, call) =>
      skipNull(a!, call, 0, `if (${b}[${o}] === null || ${genCompare(name === 'min' ? '<' : '>', a!, `${b}[${o}]`, call.dataType, g)}) ${b}[${o}] = ${a};`),
    merge: (b, x, o, g, call) =>
      `if (${x}[${o}] !== null && (${b}[${o}] === null || ${genCompare(name === 'min' ? '<' : '>', `${x}[${o}]`, `${b}[${o}]`, call.dataType, g)})) ${b}[${o}] = ${x}[${o}];`,
    finish: (b, o) => `${b}[${o}]`,
  });

function ignoreNullsOf(call: RAgg): boolean {
  return call.ignoreNulls || call.extra === true;
}

const firstLast = (name: 'first' | 'last' | 'any_value' | 'first_value' | 'last_value'): AggregateFunction =>
  agg({
    name,
    arity: [1, 2],
    slots: 2,
    resolve: (args) => {
      const ig = args[1] === undefined ? false : literalValue(args[1]) === true;
      return { args: [args[0]!], dataType: args[0]!.dataType, nullable: true, extra: ig };
    },
    init: () => ['null', 'false'],
    update: (b, o, [a], _g, call) => {
      const take = ignoreNullsOf(call) ? `${a} !== null` : 'true';
      if (name === 'last' || name === 'last_value') return `if (${take}) { ${b}[${o}] = ${a}; ${b}[${o + 1}] = true; }`;
      return `if (!${b}[${o + 1}] && ${take}) { ${b}[${o}] = ${a}; ${b}[${o + 1}] = true; }`;
    },
    merge: (b, x, o) =>
      name === 'last' || name === 'last_value'
        ? `if (${x}[${o + 1}]) { ${b}[${o}] = ${x}[${o}]; ${b}[${o + 1}] = true; }`
        : `if (!${b}[${o + 1}] && ${x}[${o + 1}]) { ${b}[${o}] = ${x}[${o}]; ${b}[${o + 1}] = true; }`,
    finish: (b, o) => `${b}[${o}]`,
    sql: (args) => callSql(name === 'first_value' ? 'first_value' : name === 'last_value' ? 'last_value' : name, [args[0]!]),
  });

const collect = (name: 'collect_list' | 'collect_set' | 'array_agg'): AggregateFunction =>
  agg({
    name,
    arity: [1, 1],
    resolve: (args) => ({ args: [...args], dataType: new ArrayType(args[0]!.dataType, false), nullable: false }),
    init: () => (name === 'collect_set' ? ['new Map()'] : ['[]']),
    update: (b, o, [a], g, call) => {
      if (name !== 'collect_set') return skipNull(a!, call, 0, `${b}[${o}].push(${a});`);
      return skipNull(a!, call, 0, `${b}[${o}].set(${g.constant(setKey)}(${a}), ${a});`);
    },
    merge: (b, x, o) => (name === 'collect_set' ? `for (const [k, v] of ${x}[${o}]) ${b}[${o}].set(k, v);` : `for (const v of ${x}[${o}]) ${b}[${o}].push(v);`),
    finish: (b, o) => (name === 'collect_set' ? `[...${b}[${o}].values()]` : `${b}[${o}]`),
  });

/** A Map key equal exactly when two internal values are equal (primitives as they are). */
export function setKey(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return typeof v === 'number' && Object.is(v, -0) ? 0 : v;
  return '\u0000' + JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Map ? [...x] : x instanceof Uint8Array ? [...x] : x));
}

const approxCountDistinct = agg({
  name: 'approx_count_distinct',
  arity: [1, 2],
  resolve: (args) => ({ args: [args[0]!], dataType: LONG, nullable: false }),
  init: () => ['new Set()'],
  update: (b, o, [a], g, call) => skipNull(a!, call, 0, `${b}[${o}].add(${g.constant(setKey)}(${a}));`),
  merge: (b, x, o) => `for (const v of ${x}[${o}]) ${b}[${o}].add(v);`,
  finish: (b, o) => `${b}[${o}].size`,
});

/** Welford's variance: slots n, mean, M2. */
const moment = (name: string, kind: 'var' | 'std', sample: boolean, display = name): AggregateFunction =>
  agg({
    name,
    sql: (args) => callSql(display, args),
    arity: [1, 1],
    slots: 3,
    resolve: (args, ctx) => ({ args: [implicitCastTo(numericArg(name, args, ctx), DOUBLE)], dataType: DOUBLE, nullable: true }),
    init: () => ['0', '0', '0'],
    update: (b, o, [a], _g, call) =>
      skipNull(a!, call, 0, `{ const n = ++${b}[${o}]; const d = ${a} - ${b}[${o + 1}]; ${b}[${o + 1}] += d / n; ${b}[${o + 2}] += d * (${a} - ${b}[${o + 1}]); }`),
    merge: (b, x, o) =>
      `if (${x}[${o}] > 0) { const n = ${b}[${o}] + ${x}[${o}]; const d = ${x}[${o + 1}] - ${b}[${o + 1}]; ${b}[${o + 2}] += ${x}[${o + 2}] + d * d * ${b}[${o}] * ${x}[${o}] / n; ${b}[${o + 1}] += d * ${x}[${o}] / n; ${b}[${o}] = n; }`,
    finish: (b, o) => {
      const v = sample ? `(${b}[${o}] <= 1 ? null : ${b}[${o + 2}] / (${b}[${o}] - 1))` : `(${b}[${o}] === 0 ? null : ${b}[${o + 2}] / ${b}[${o}])`;
      return kind === 'std' ? `((v) => v === null ? null : Math.sqrt(v))(${v})` : v;
    },
  });

const countIf = agg({
  name: 'count_if',
  arity: [1, 1],
  resolve: (args, ctx) => ({ args: castArgs('count_if', args, [new BooleanType()], ctx), dataType: LONG, nullable: false }),
  init: () => ['0'],
  update: (b, o, [a]) => `if (${a} === true) ${b}[${o}]++;`,
  merge: (b, x, o) => `${b}[${o}] += ${x}[${o}];`,
  finish: (b, o) => `${b}[${o}]`,
});

const boolAgg = (name: string, and: boolean): AggregateFunction =>
  agg({
    name,
    arity: [1, 1],
    resolve: (args, ctx) => ({ args: castArgs(name, args, [new BooleanType()], ctx), dataType: new BooleanType(), nullable: true }),
    init: () => ['null'],
    update: (b, o, [a], _g, call) => skipNull(a!, call, 0, `${b}[${o}] = ${b}[${o}] === null ? ${a} : ${and ? `${b}[${o}] && ${a}` : `${b}[${o}] || ${a}`};`),
    merge: (b, x, o) => `if (${x}[${o}] !== null) ${b}[${o}] = ${b}[${o}] === null ? ${x}[${o}] : ${and ? `${b}[${o}] && ${x}[${o}]` : `${b}[${o}] || ${x}[${o}]`};`,
    finish: (b, o) => `${b}[${o}]`,
  });

const byAgg = (name: 'max_by' | 'min_by'): AggregateFunction =>
  agg({
    name,
    arity: [2, 2],
    slots: 2,
    resolve: (args) => ({ args: [...args], dataType: args[0]!.dataType, nullable: true }),
    init: () => ['null', 'null'],
    update: (b, o, [x, y], g, call) =>
      `if (${y} !== null && (${b}[${o + 1}] === null || ${genCompare(name === 'max_by' ? '>' : '<', y!, `${b}[${o + 1}]`, call.args[1]!.dataType, g)})) { ${b}[${o}] = ${x}; ${b}[${o + 1}] = ${y}; }`,
    merge: (b, x, o, g, call) =>
      `if (${x}[${o + 1}] !== null && (${b}[${o + 1}] === null || ${genCompare(name === 'max_by' ? '>' : '<', `${x}[${o + 1}]`, `${b}[${o + 1}]`, call.args[1]!.dataType, g)})) { ${b}[${o}] = ${x}[${o}]; ${b}[${o + 1}] = ${x}[${o + 1}]; }`,
    finish: (b, o) => `${b}[${o}]`,
  });

/** Spark's percentile_approx returns a value of the data: the smallest whose rank reaches p·n. */
function percentile(values: unknown[], p: number | number[], t: DataType): unknown {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const pick = (q: number): unknown => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
  void t;
  return Array.isArray(p) ? p.map(pick) : pick(p);
}

const percentileApprox = (name: string): AggregateFunction =>
  agg({
    name,
    arity: [2, 3],
    resolve: (args, ctx) => {
      const a = args[0]!;
      if (!isNumeric(a.dataType) && !['date', 'timestamp'].includes(a.dataType.kind)) castArgs(name, [a], ['numeric'], ctx);
      const p = literalValue(args[1]!);
      const multi = Array.isArray(p);
      const accuracy: RExpr = args[2] ?? { k: 'lit', value: 10000, dataType: new IntegerType(), nullable: false };
      return { args: [a, args[1]!, accuracy], dataType: multi ? new ArrayType(a.dataType, false) : a.dataType, nullable: true, extra: p };
    },
    init: () => ['[]'],
    update: (b, o, [a], _g, call) => skipNull(a!, call, 0, `${b}[${o}].push(${a});`),
    merge: (b, x, o) => `for (const v of ${x}[${o}]) ${b}[${o}].push(v);`,
    finish: (b, o, g, call) => `${g.constant(percentile)}(${b}[${o}], ${g.constant(call.extra)}, ${g.constant(call.args[0]!.dataType)})`,
  });

/** Every aggregate by name. */
export const AGGREGATE_FUNCTIONS: AggregateFunction[] = [
  count,
  sum,
  avg('avg'),
  avg('mean'),
  extremum('min'),
  extremum('max'),
  firstLast('first'),
  firstLast('last'),
  firstLast('first_value'),
  firstLast('last_value'),
  firstLast('any_value'),
  collect('collect_list'),
  collect('array_agg'),
  collect('collect_set'),
  approxCountDistinct,
  moment('stddev', 'std', true),
  moment('stddev_samp', 'std', true),
  moment('std', 'std', true, 'stddev'),
  moment('stddev_pop', 'std', false),
  moment('variance', 'var', true, 'var_samp'),
  moment('var_samp', 'var', true),
  moment('var_pop', 'var', false),
  countIf,
  boolAgg('bool_and', true),
  boolAgg('every', true),
  boolAgg('bool_or', false),
  boolAgg('some', false),
  boolAgg('any', false),
  byAgg('max_by'),
  byAgg('min_by'),
  percentileApprox('percentile_approx'),
  percentileApprox('approx_percentile'),
];
