/**
 * Array, map and struct functions: constructors (`array`, `named_struct`, `map`), access
 * (`element_at`, `a[i]`, `m[k]`, `s.f`), `size` (-1 for NULL, Spark 3.5's legacy default),
 * `array_contains` with SQL's NULL rule, sorting and set operations on arrays.
 */
import { implicitCastTo, widerTypeOfAll } from '../analysis/coercion.js';
import type { RExpr } from '../analysis/resolved.js';
import { compareValues } from '../codegen/compare.js';
import { AnalysisException } from '../errors.js';
import { ArrayType, BooleanType, type DataType, IntegerType, MapType, NullType, StringType, StructField, StructType } from '../types/data-types.js';
import { callSql, castArgs, literalValue, scalarFn } from './define.js';
import type { ResolveContext, ScalarFunction } from './function.js';
import { genCompare } from './operators.js';

const INT = new IntegerType();
const BOOL = new BooleanType();

function common(name: string, args: readonly RExpr[], ctx: ResolveContext): RExpr[] {
  if (args.length === 0) return [];
  const t = widerTypeOfAll(args.map((a) => a.dataType));
  if (t === undefined) {
    throw new AnalysisException('DATATYPE_MISMATCH.DATA_DIFF_TYPES', {
      sqlExpr: `"${callSql(name, args.map((a) => ctx.sql(a)))}"`,
      functionName: `\`${name}\``,
      dataType: `[${args.map((a) => `"${a.dataType.sql()}"`).join(', ')}]`,
    });
  }
  return args.map((a) => implicitCastTo(a, t));
}

function elementType(args: readonly RExpr[]): DataType {
  return (args[0]!.dataType as ArrayType).elementType;
}

/** Equality of two non-null values of type `t`, for array search (NaN equals NaN). */
function sameValue(a: unknown, b: unknown, t: DataType): boolean {
  return a === b || compareValues(a, b, t) === 0;
}

function arrayContains(arr: unknown[], v: unknown, t: DataType): boolean | null {
  let sawNull = false;
  for (const x of arr) {
    if (x === null) sawNull = true;
    else if (sameValue(x, v, t)) return true;
  }
  return sawNull ? null : false;
}

function sortArray(arr: unknown[], asc: boolean, t: DataType): unknown[] {
  const out = arr.slice();
  out.sort((a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    return compareValues(a, b, t);
  });
  if (!asc) out.reverse();
  return out;
}

function distinct(arr: unknown[], t: DataType): unknown[] {
  const out: unknown[] = [];
  for (const x of arr) if (!out.some((y) => (x === null ? y === null : y !== null && sameValue(x, y, t)))) out.push(x);
  return out;
}

function elementAt(arr: unknown[], i: number): unknown {
  if (i === 0) throw new AnalysisException('LEGACY_ANALYSIS', { message: '[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).' });
  const idx = i > 0 ? i - 1 : arr.length + i;
  return idx >= 0 && idx < arr.length ? arr[idx] : null;
}

function mapGet(m: Map<unknown, unknown>, k: unknown, t: DataType): unknown {
  const hit = m.get(k);
  if (hit !== undefined) return hit;
  if (t.kind === 'double' || t.kind === 'float' || t.kind === 'binary' || t.kind === 'array' || t.kind === 'struct') {
    for (const [kk, v] of m) if (compareValues(kk, k, t) === 0) return v;
  }
  return null;
}

/** `named_struct(n1, v1, …)`; `extra` holds the display name (`struct(a, b)` when built by `struct`). */
export const NAMED_STRUCT: ScalarFunction = {
  kind: 'scalar',
  name: 'named_struct',
  arity: [0, Infinity],
  strict: false,
  resolve(args) {
    const fields: StructField[] = [];
    const values: RExpr[] = [];
    for (let i = 0; i < args.length; i += 2) {
      fields.push(new StructField(String(literalValue(args[i]!)), args[i + 1]!.dataType, args[i + 1]!.nullable));
      values.push(args[i + 1]!);
    }
    return { args: values, dataType: new StructType(fields), nullable: false };
  },
  gen: (args) => `[${args.join(', ')}]`,
  sql: (args, call) => {
    const t = call.dataType as StructType;
    return callSql('named_struct', t.fields.flatMap((f, i) => [f.name, args[i]!]));
  },
};

/** `arr[i]` (0-based), as `getItem` on arrays. */
export const GET_ARRAY_ITEM: ScalarFunction = scalarFn({
  name: 'get_array_item',
  arity: [2, 2],
  coerce: (args, ctx) => [args[0]!, ...castArgs('get_array_item', [args[1]!], [INT], ctx)],
  result: (args) => elementType(args),
  nullable: true,
  gen: ([a, i]) => `(${i} >= 0 && ${i} < ${a}.length ? ${a}[${i}] : null)`,
  sql: ([a, i]) => `${a}[${i}]`,
});

/** `m[k]`, as `getItem` on maps. */
export const GET_MAP_VALUE: ScalarFunction = scalarFn({
  name: 'get_map_value',
  arity: [2, 2],
  coerce: (args) => [args[0]!, implicitCastTo(args[1]!, (args[0]!.dataType as MapType).keyType)],
  result: (args) => (args[0]!.dataType as MapType).valueType,
  nullable: true,
  gen: ([m, k], g, call) => `${g.constant(mapGet)}(${m}, ${k}, ${g.constant((call.args[0]!.dataType as MapType).keyType)})`,
  sql: ([m, k]) => `${m}[${k}]`,
});

/** `s.field`: `extra` is the field's ordinal. */
export const GET_STRUCT_FIELD: ScalarFunction = {
  kind: 'scalar',
  name: 'get_struct_field',
  arity: [2, 2],
  resolve(args) {
    const t = args[0]!.dataType as StructType;
    const ordinal = Number(literalValue(args[1]!));
    const f = t.fields[ordinal]!;
    return { args: [args[0]!], dataType: f.dataType, nullable: args[0]!.nullable || f.nullable, extra: ordinal };
  },
  gen: ([s], _g, call) => `${s}[${String(call.extra)}]`,
  sql: ([s], call) => `${s}.${(call.args[0]!.dataType as StructType).fields[Number(call.extra)]!.name}`,
};

/** Collection functions by name. */
export const COLLECTION_FUNCTIONS: ScalarFunction[] = [
  NAMED_STRUCT,
  GET_ARRAY_ITEM,
  GET_MAP_VALUE,
  GET_STRUCT_FIELD,
  scalarFn({
    name: 'array',
    arity: [0, Infinity],
    strict: false,
    coerce: (args, ctx) => common('array', args, ctx),
    result: (args) => new ArrayType(args.length === 0 ? new NullType() : args[0]!.dataType, args.some((a) => a.nullable) || args.length === 0),
    nullable: false,
    gen: (args) => `[${args.join(', ')}]`,
  }),
  scalarFn({
    name: 'map',
    arity: [0, Infinity],
    strict: false,
    coerce: (args, ctx) => {
      const keys = common('map', args.filter((_, i) => i % 2 === 0), ctx);
      const values = common('map', args.filter((_, i) => i % 2 === 1), ctx);
      return keys.flatMap((k, i) => [k, values[i]!]);
    },
    result: (args) => new MapType(args[0]?.dataType ?? new NullType(), args[1]?.dataType ?? new NullType(), args.some((a, i) => i % 2 === 1 && a.nullable)),
    nullable: false,
    gen: (args) => `new Map([${args.filter((_, i) => i % 2 === 0).map((k, i) => `[${k}, ${args[2 * i + 1]}]`).join(', ')}])`,
  }),
  scalarFn({
    name: 'size',
    arity: [1, 1],
    strict: false,
    coerce: (args, ctx) => {
      const t = args[0]!.dataType.kind;
      if (t !== 'array' && t !== 'map' && t !== 'null') castArgs('size', args, ['array'], ctx);
      return [...args];
    },
    result: INT,
    nullable: false,
    gen: ([a], g) => {
      const t = g.temp();
      return `(${t} = ${a}, ${t} === null ? ${g.options.ansi ? 'null' : '-1'} : ${t} instanceof Map ? ${t}.size : ${t}.length)`;
    },
  }),
  scalarFn({ name: 'cardinality', arity: [1, 1], inputs: ['any'], result: INT, gen: ([a]) => `(${a} instanceof Map ? ${a}.size : ${a}.length)` }),
  scalarFn({
    name: 'array_contains',
    arity: [2, 2],
    coerce: (args, ctx) => {
      const [arr] = castArgs('array_contains', [args[0]!], ['array'], ctx);
      return [arr!, implicitCastTo(args[1]!, (arr!.dataType as ArrayType).elementType)];
    },
    result: BOOL,
    nullable: true,
    gen: ([a, v], g, call) => `${g.constant(arrayContains)}(${a}, ${v}, ${g.constant(elementType(call.args))})`,
  }),
  scalarFn({
    name: 'element_at',
    arity: [2, 2],
    coerce: (args, ctx) => {
      const t = args[0]!.dataType;
      if (t.kind === 'map') return [args[0]!, implicitCastTo(args[1]!, t.keyType)];
      return [...castArgs('element_at', args, ['array', INT], ctx)];
    },
    result: (args) => (args[0]!.dataType.kind === 'map' ? (args[0]!.dataType as MapType).valueType : elementType(args)),
    nullable: true,
    gen: ([a, k], g, call) => {
      const t = call.args[0]!.dataType;
      if (t.kind === 'map') return `${g.constant(mapGet)}(${a}, ${k}, ${g.constant(t.keyType)})`;
      return `${g.constant(elementAt)}(${a}, ${k})`;
    },
  }),
  scalarFn({
    name: 'array_position',
    arity: [2, 2],
    coerce: (args) => [args[0]!, implicitCastTo(args[1]!, elementType(args))],
    result: new IntegerType(),
    gen: ([a, v], g, call) => `(${a}.findIndex((x) => x !== null && ${genCompare('=', 'x', v!, elementType(call.args), g)}) + 1)`,
  }),
  scalarFn({
    name: 'array_remove',
    arity: [2, 2],
    coerce: (args) => [args[0]!, implicitCastTo(args[1]!, elementType(args))],
    result: (args) => args[0]!.dataType,
    gen: ([a, v], g, call) => `${a}.filter((x) => x === null || !${genCompare('=', 'x', v!, elementType(call.args), g)})`,
  }),
  scalarFn({
    name: 'array_distinct',
    arity: [1, 1],
    inputs: ['array'],
    result: (args) => args[0]!.dataType,
    gen: ([a], g, call) => `${g.constant(distinct)}(${a}, ${g.constant(elementType(call.args))})`,
  }),
  scalarFn({
    name: 'sort_array',
    arity: [1, 2],
    inputs: ['array', new BooleanType()],
    result: (args) => args[0]!.dataType,
    gen: ([a, asc], g, call) => `${g.constant(sortArray)}(${a}, ${asc ?? 'true'}, ${g.constant(elementType(call.args))})`,
    sql: (args) => callSql('sort_array', args.length === 1 ? [...args, 'true'] : args),
  }),
  scalarFn({
    name: 'array_sort',
    arity: [1, 1],
    inputs: ['array'],
    result: (args) => args[0]!.dataType,
    // array_sort puts NULLs last.
    gen: ([a], g, call) => `((x) => { const s = ${g.constant(sortArray)}(x.filter((v) => v !== null), true, ${g.constant(elementType(call.args))}); for (const v of x) if (v === null) s.push(null); return s; })(${a})`,
  }),
  scalarFn({
    name: 'array_join',
    arity: [2, 3],
    coerce: (args, ctx) => castArgs('array_join', args, [new ArrayType(new StringType()), 'string', 'string'], ctx),
    result: new StringType(),
    gen: ([a, sep, rep]) => `${a}.filter((x) => x !== null || ${rep === undefined ? 'false' : 'true'}).map((x) => x === null ? ${rep ?? '""'} : x).join(${sep})`,
  }),
  scalarFn({
    name: 'array_max',
    arity: [1, 1],
    inputs: ['array'],
    result: (args) => elementType(args),
    nullable: true,
    gen: ([a], g, call) => `${a}.reduce((m, x) => x === null ? m : m === null || $h.compareValues(x, m, ${g.constant(elementType(call.args))}) > 0 ? x : m, null)`,
  }),
  scalarFn({
    name: 'array_min',
    arity: [1, 1],
    inputs: ['array'],
    result: (args) => elementType(args),
    nullable: true,
    gen: ([a], g, call) => `${a}.reduce((m, x) => x === null ? m : m === null || $h.compareValues(x, m, ${g.constant(elementType(call.args))}) < 0 ? x : m, null)`,
  }),
  scalarFn({
    name: 'slice',
    arity: [3, 3],
    inputs: ['array', INT, INT],
    result: (args) => args[0]!.dataType,
    gen: ([a, s, l]) => `((arr, st, len) => { const i = st > 0 ? st - 1 : arr.length + st; return i < 0 ? [] : arr.slice(i, i + len); })(${a}, ${s}, ${l})`,
  }),
  scalarFn({
    name: 'flatten',
    arity: [1, 1],
    inputs: ['array'],
    result: (args) => elementType(args),
    gen: ([a]) => `(${a}.includes(null) ? null : [].concat(...${a}))`,
  }),
  scalarFn({ name: 'map_keys', arity: [1, 1], inputs: ['map'], result: (args) => new ArrayType((args[0]!.dataType as MapType).keyType, false), gen: ([m]) => `[...${m}.keys()]` }),
  scalarFn({
    name: 'map_values',
    arity: [1, 1],
    inputs: ['map'],
    result: (args) => new ArrayType((args[0]!.dataType as MapType).valueType, true),
    gen: ([m]) => `[...${m}.values()]`,
  }),
  scalarFn({
    name: 'map_contains_key',
    arity: [2, 2],
    coerce: (args) => [args[0]!, implicitCastTo(args[1]!, (args[0]!.dataType as MapType).keyType)],
    result: BOOL,
    gen: ([m, k]) => `${m}.has(${k})`,
  }),
  scalarFn({
    name: 'sequence',
    arity: [2, 3],
    coerce: (args, ctx) => castArgs('sequence', args, ['integral'], ctx),
    result: (args) => new ArrayType(args[0]!.dataType, false),
    gen: ([a, b, s]) => `((x, y, st) => { const o = []; if (st === 0) return o; for (let i = x; st > 0 ? i <= y : i >= y; i += st) o.push(i); return o; })(Number(${a}), Number(${b}), ${s === undefined ? `(Number(${a}) <= Number(${b}) ? 1 : -1)` : `Number(${s})`})`,
  }),
];
