/**
 * JSON functions: `from_json` (a schema in DDL; unparsable text gives a struct of NULLs, as
 * Spark's PERMISSIVE mode, or fails the query in FAILFAST mode), `to_json` (NULL fields omitted), `get_json_object` (`$.a.b[0]`).
 */
import { AnalysisException } from '../errors.js';
import { type DataType, StringType, type StructType } from '../types/data-types.js';
import { parseSchema } from '../types/ddl.js';
import { formatWithPattern } from '../types/date-pattern.js';
import { parseDate, parseTimestamp } from '../types/datetime.js';
import { javaDouble, javaFloat } from '../types/java-format.js';
import { Decimal, formatUnscaled, longFromBigInt } from '../types/values.js';
import { formatDate } from '../types/datetime.js';
import { rescale } from '../codegen/casts.js';
import type { RExpr } from '../analysis/resolved.js';
import { malformedError } from '../sources/files/parse-mode.js';
import { literalValue, scalarFn } from './define.js';
import type { ScalarFunction } from './function.js';

/** A parsed JSON value as an internal value of `t` (NULL when it does not fit). */
export function jsonToInternal(v: unknown, t: DataType, tz: string): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'string':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'byte':
    case 'short':
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? v : null;
    case 'long':
      return typeof v === 'number' && Number.isInteger(v) ? (Number.isSafeInteger(v) ? v : longFromBigInt(BigInt(v))) : null;
    case 'float':
    case 'double':
      return typeof v === 'number' ? v : typeof v === 'string' && /^(NaN|[+-]?Infinity)$/.test(v) ? Number(v) : null;
    case 'decimal': {
      const d = typeof v === 'number' ? Decimal.fromNumber(v) : typeof v === 'string' ? Decimal.parse(v) : null;
      return d === null ? null : rescale(d.unscaled, d.scale, t.scale);
    }
    case 'timestamp':
      return typeof v === 'string' ? parseTimestamp(v, tz) : null;
    case 'date':
      return typeof v === 'string' ? parseDate(v) : null;
    case 'array':
      return Array.isArray(v) ? v.map((x) => jsonToInternal(x, t.elementType, tz)) : null;
    case 'map':
      return typeof v === 'object' && !Array.isArray(v) ? new Map(Object.entries(v as object).map(([k, x]) => [k, jsonToInternal(x, t.valueType, tz)])) : null;
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) return null;
      const o = v as Record<string, unknown>;
      return t.fields.map((f) => jsonToInternal(o[f.name], f.dataType, tz));
    }
    default:
      return null;
  }
}

/** An internal value of `t` as a JavaScript value ready for JSON.stringify (NULL struct fields dropped). */
export function internalToJson(v: unknown, t: DataType, tz: string): unknown {
  if (v === null) return null;
  switch (t.kind) {
    case 'long':
      return typeof v === 'bigint' ? new RawJson(String(v)) : v;
    case 'double':
      return Number.isFinite(v) ? new RawJson(javaDouble(v as number)) : javaDouble(v as number);
    case 'float':
      return Number.isFinite(v) ? new RawJson(javaFloat(v as number)) : javaFloat(v as number);
    case 'decimal':
      return new RawJson(formatUnscaled(v as bigint, t.scale));
    case 'timestamp':
      return formatWithPattern(v as number, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", tz);
    case 'date':
      return formatDate(v as number);
    case 'binary':
      return Buffer.from(v as Uint8Array).toString('base64');
    case 'array':
      return (v as unknown[]).map((x) => internalToJson(x, t.elementType, tz));
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const [k, x] of v as Map<unknown, unknown>) o[String(k)] = internalToJson(x, t.valueType, tz);
      return o;
    }
    case 'struct': {
      const o: Record<string, unknown> = {};
      (v as unknown[]).forEach((x, i) => {
        if (x !== null) o[t.fields[i]!.name] = internalToJson(x, t.fields[i]!.dataType, tz);
      });
      return o;
    }
    default:
      return v;
  }
}

/** A number already formatted as Java writes it (`1.0`), kept verbatim in the JSON text. */
class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value from `internalToJson`. */
export function stringifyJson(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(stringifyJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${JSON.stringify(k)}:${stringifyJson(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The `mode` option of from_json (its third argument, when a string literal), upper-cased; Spark treats an unknown mode as PERMISSIVE. */
function parseModeOf(args: readonly RExpr[]): string | undefined {
  const m = args[2] === undefined ? undefined : literalValue(args[2]);
  return typeof m === 'string' ? m.toUpperCase() : undefined;
}

/** from_json in FAILFAST mode: text that is not JSON fails with Spark's MALFORMED_RECORD_IN_PARSING (the record shown as the NULL row Spark prints). */
function fromJsonFailFast(text: string, t: DataType, tz: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw malformedError(t.kind === 'struct' ? t.fields.map(() => null) : [null], e instanceof Error ? e : new Error(String(e)));
  }
  const out = jsonToInternal(parsed, t, tz);
  if (out === null && t.kind === 'struct') return t.fields.map(() => null);
  return out;
}

function fromJson(text: string, t: DataType, tz: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return t.kind === 'struct' ? t.fields.map(() => null) : null;
  }
  const out = jsonToInternal(parsed, t, tz);
  if (out === null && t.kind === 'struct') return t.fields.map(() => null);
  return out;
}

/** `get_json_object` path steps: `$.a`, `$['a']`, `$.a[0]`, `$.a[*]` is not supported (NULL). */
function getJsonObject(text: string, path: string): string | null {
  if (!path.startsWith('$')) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const re = /\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g;
  let pos = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m.index !== pos) return null;
    pos = m.index + m[0].length;
    if (v === null || typeof v !== 'object') return null;
    const key = m[1] ?? m[3];
    v = key !== undefined ? (Array.isArray(v) ? undefined : (v as Record<string, unknown>)[key]) : Array.isArray(v) ? v[Number(m[2])] : undefined;
    if (v === undefined) return null;
  }
  if (pos !== path.length) return null;
  if (v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** JSON functions by name. */
export const JSON_FUNCTIONS: ScalarFunction[] = [
  scalarFn({
    name: 'from_json',
    arity: [2, 3],
    coerce: (args) => [...args],
    check: (args) => {
      if (typeof literalValue(args[1]!) !== 'string') {
        throw new AnalysisException('LEGACY_ANALYSIS', { message: 'from_json: the schema must be a DDL string literal or a StructType' });
      }
      // Spark's JsonToStructs refuses DROPMALFORMED (a row cannot vanish inside an expression).
      if (parseModeOf(args) === 'DROPMALFORMED') {
        throw new AnalysisException('LEGACY_ANALYSIS', { message: "from_json() doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST." });
      }
    },
    result: (args) => parseSchemaOrType(String(literalValue(args[1]!))),
    nullable: true,
    gen: ([s], g, call) =>
      `${g.constant(parseModeOf(call.args) === 'FAILFAST' ? fromJsonFailFast : fromJson)}(${s}, ${g.constant(call.dataType)}, ${JSON.stringify(g.options.timeZone)})`,
    sql: ([s]) => `from_json(${s})`,
  }),
  scalarFn({
    name: 'to_json',
    arity: [1, 2],
    coerce: (args) => [args[0]!],
    result: new StringType(),
    gen: ([v], g, call) => `${g.constant(stringifyJson)}(${g.constant(internalToJson)}(${v}, ${g.constant(call.args[0]!.dataType)}, ${JSON.stringify(g.options.timeZone)}))`,
  }),
  scalarFn({
    name: 'get_json_object',
    arity: [2, 2],
    inputs: ['string', 'string'],
    result: new StringType(),
    nullable: true,
    gen: ([s, p], g) => `${g.constant(getJsonObject)}(${s}, ${p})`,
  }),
];

function parseSchemaOrType(text: string): DataType {
  const s: StructType = parseSchema(text);
  return s.fields.length === 1 && s.fields[0]!.name === 'value' && !/^\s*value\b/i.test(text) ? s.fields[0]!.dataType : s;
}
