/**
 * Generators: `explode`/`explode_outer` (`col`, or `key`/`value` for maps), `posexplode`(`_outer`)
 * (`pos` first), `inline`(`_outer`) (a struct's fields), `stack`. Empty or NULL input emits
 * nothing, or one row of NULLs for the `_outer` forms.
 */
import type { RGen } from '../analysis/resolved.js';
import { AnalysisException } from '../errors.js';
import { type ArrayType, IntegerType, type MapType, type StructType } from '../types/data-types.js';
import type { GeneratorFunction, ResolveContext } from './function.js';
import { literalValue } from './define.js';
import type { RExpr } from '../analysis/resolved.js';

function notCollection(name: string, a: RExpr, ctx: ResolveContext): AnalysisException {
  return new AnalysisException('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', {
    sqlExpr: `"${name}(${ctx.sql(a)})"`,
    paramIndex: 'first',
    requiredType: '("ARRAY" or "MAP")',
    inputSql: `"${ctx.sql(a)}"`,
    inputType: `"${a.dataType.sql()}"`,
  });
}

function explodeFn(name: string, withPos: boolean, outer: boolean): GeneratorFunction {
  return {
    kind: 'generator',
    name,
    arity: [1, 1],
    resolve([a], ctx) {
      const t = a!.dataType;
      const pos = withPos ? [{ name: 'pos', dataType: new IntegerType(), nullable: outer }] : [];
      if (t.kind === 'array') {
        return { args: [a!], dataType: t, nullable: true, fields: [...pos, { name: 'col', dataType: (t as ArrayType).elementType, nullable: true }] };
      }
      if (t.kind === 'map') {
        const m = t as MapType;
        return {
          args: [a!],
          dataType: t,
          nullable: true,
          fields: [...pos, { name: 'key', dataType: m.keyType, nullable: outer }, { name: 'value', dataType: m.valueType, nullable: true }],
        };
      }
      throw notCollection(name, a!, ctx);
    },
    gen([a], g, call, emit, isOuter) {
      const v = g.temp();
      const i = g.temp();
      const isMap = call.args[0]!.dataType.kind === 'map';
      const nulls = call.fields.map(() => 'null');
      const orEmpty = outer || isOuter ? `else ${emit(nulls)}` : '';
      if (isMap) {
        const k = g.temp();
        const x = g.temp();
        const vals = withPos ? [i, k, x] : [k, x];
        return `${v} = ${a}; if (${v} !== null && ${v}.size > 0) { ${i} = 0; for ([${k}, ${x}] of ${v}) { ${emit(vals)} ${i}++; } } ${orEmpty}`;
      }
      const vals = withPos ? [i, `${v}[${i}]`] : [`${v}[${i}]`];
      return `${v} = ${a}; if (${v} !== null && ${v}.length > 0) { for (${i} = 0; ${i} < ${v}.length; ${i}++) { ${emit(vals)} } } ${orEmpty}`;
    },
  };
}

function inlineFn(name: string, outer: boolean): GeneratorFunction {
  return {
    kind: 'generator',
    name,
    arity: [1, 1],
    resolve([a], ctx) {
      const t = a!.dataType;
      if (t.kind !== 'array' || (t as ArrayType).elementType.kind !== 'struct') throw notCollection(name, a!, ctx);
      const st = (t as ArrayType).elementType as StructType;
      return { args: [a!], dataType: t, nullable: true, fields: st.fields.map((f) => ({ name: f.name, dataType: f.dataType, nullable: true })) };
    },
    gen([a], g, call: RGen, emit, isOuter) {
      const v = g.temp();
      const i = g.temp();
      const n = call.fields.length;
      const vals = Array.from({ length: n }, (_x, j) => `(${v}[${i}] === null ? null : ${v}[${i}][${j}])`);
      const orEmpty = outer || isOuter ? `else ${emit(call.fields.map(() => 'null'))}` : '';
      return `${v} = ${a}; if (${v} !== null && ${v}.length > 0) { for (${i} = 0; ${i} < ${v}.length; ${i}++) { ${emit(vals)} } } ${orEmpty}`;
    },
  };
}

const stack: GeneratorFunction = {
  kind: 'generator',
  name: 'stack',
  arity: [2, Infinity],
  resolve(args) {
    const n = Number(literalValue(args[0]!));
    const values = args.slice(1);
    const cols = Math.ceil(values.length / n);
    const fields = Array.from({ length: cols }, (_x, j) => ({ name: `col${j}`, dataType: values[j]!.dataType, nullable: true }));
    return { args: values, dataType: values[0]!.dataType, nullable: true, fields, extra: n };
  },
  gen(args, _g, call, emit) {
    const n = Number(call.extra);
    const cols = call.fields.length;
    const rows: string[] = [];
    for (let r = 0; r < n; r++) rows.push(emit(Array.from({ length: cols }, (_x, c) => args[r * cols + c] ?? 'null')));
    return rows.join(' ');
  },
};

/** Every generator by name. */
export const GENERATOR_FUNCTIONS: GeneratorFunction[] = [
  explodeFn('explode', false, false),
  explodeFn('explode_outer', false, true),
  explodeFn('posexplode', true, false),
  explodeFn('posexplode_outer', true, true),
  inlineFn('inline', false),
  inlineFn('inline_outer', true),
  stack,
];
