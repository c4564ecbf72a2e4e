/**
 * Parsed JSON values to typed values, as Spark's `JacksonParser.makeConverter`: numbers into
 * integral types only from integer literals that fit, doubles from any number and from the
 * strings `NaN` / `Infinity` / `-Infinity`, strings kept and any other value put in a string
 * column as its JSON text, dates and timestamps from strings (a number is seconds since the
 * epoch for a timestamp), structs from objects by field name. A value that does not convert
 * throws `[CANNOT_PARSE_JSON_FIELD]`; the other fields of the record keep their values.
 */
import { SparkRuntimeException } from '../../errors.js';
import type { DataType, StructType } from '../../types/data-types.js';
import { DatePattern } from '../../types/date-pattern.js';
import { parseDate, parseTimestamp } from '../../types/datetime.js';
import { decimalOf, javaDouble, javaIntIn, javaLong } from '../files/java-parse.js';
import type { JsonOptions } from './options.js';
import { JsonNumber, JsonObject, nodeText, type JsonNode } from './parse.js';

/** Converts one non-null parsed value. */
type NodeConverter = (n: JsonNode, field: string) => unknown;

const ISO_DATE = new DatePattern('yyyy-MM-dd');

function tokenType(n: JsonNode): string {
  if (n === null) return 'VALUE_NULL';
  if (typeof n === 'boolean') return n ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (typeof n === 'string') return 'VALUE_STRING';
  if (n instanceof JsonNumber) return n.isInt ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  return Array.isArray(n) ? 'START_ARRAY' : 'START_OBJECT';
}

function cannotParse(field: string, n: JsonNode, t: DataType): never {
  const value = typeof n === 'string' ? n : n instanceof JsonNumber ? n.text : nodeText(n);
  throw new SparkRuntimeException('CANNOT_PARSE_JSON_FIELD', {
    fieldName: `'${field}'`,
    fieldValue: value,
    jsonType: tokenType(n),
    dataType: `"${t.sql()}"`,
  });
}

/** Collects the first failure inside a record while the rest of it is converted. */
export interface Failure {
  error: Error | null;
}

/** The converter of a value of type `t`. */
export function nodeConverter(t: DataType, o: JsonOptions, fail: Failure): NodeConverter {
  switch (t.kind) {
    case 'string':
      return (n) => (typeof n === 'string' ? n : nodeText(n));
    case 'boolean':
      return (n, f) => (typeof n === 'boolean' ? n : cannotParse(f, n, t));
    case 'byte':
    case 'short':
    case 'integer': {
      const [min, max] = t.kind === 'byte' ? [-128, 127] : t.kind === 'short' ? [-32768, 32767] : [-2147483648, 2147483647];
      return (n, f) => (n instanceof JsonNumber && n.isInt ? (javaIntIn(n.text, min, max) ?? cannotParse(f, n, t)) : cannotParse(f, n, t));
    }
    case 'long':
      return (n, f) => (n instanceof JsonNumber && n.isInt ? (javaLong(n.text) ?? cannotParse(f, n, t)) : cannotParse(f, n, t));
    case 'float':
    case 'double': {
      const round = t.kind === 'float' ? Math.fround : (x: number): number => x;
      return (n, f) => {
        if (n instanceof JsonNumber) return round(numberValue(n.text));
        if (typeof n === 'string') {
          const special = specialDouble(n);
          if (special !== undefined) return round(special);
        }
        return cannotParse(f, n, t);
      };
    }
    case 'decimal':
      return (n, f) => {
        const text = n instanceof JsonNumber ? n.text : typeof n === 'string' && n.length > 0 ? n : undefined;
        return text === undefined ? cannotParse(f, n, t) : (decimalOf(text, t.precision, t.scale) ?? cannotParse(f, n, t));
      };
    case 'date': {
      const user = o.dateFormat;
      return (n, f) => {
        if (typeof n !== 'string') return cannotParse(f, n, t);
        const d = user ? user.parseDate(n) : (ISO_DATE.parseDate(n) ?? parseDate(n));
        return d ?? cannotParse(f, n, t);
      };
    }
    case 'timestamp': {
      const user = o.timestampFormat;
      return (n, f) => {
        if (n instanceof JsonNumber && n.isInt) return Number(javaLong(n.text) ?? cannotParse(f, n, t)) * 1_000_000;
        if (typeof n !== 'string') return cannotParse(f, n, t);
        const us = user ? user.parseTimestamp(n, o.timeZone) : parseTimestamp(n, o.timeZone);
        return us ?? cannotParse(f, n, t);
      };
    }
    case 'timestamp_ntz': {
      const user = o.timestampNTZFormat;
      return (n, f) => {
        if (typeof n !== 'string') return cannotParse(f, n, t);
        return (user ? user.parseTimestamp(n, 'UTC') : parseTimestamp(n, 'UTC')) ?? cannotParse(f, n, t);
      };
    }
    case 'binary':
      return (n, f) => (typeof n === 'string' ? new Uint8Array(Buffer.from(n, 'base64')) : cannotParse(f, n, t));
    case 'array': {
      const el = nodeConverter(t.elementType, o, fail);
      return (n, f) => (Array.isArray(n) ? n.map((x) => (x === null ? null : el(x, f))) : cannotParse(f, n, t));
    }
    case 'map': {
      // JSON object keys are strings: Spark reads maps with string keys only.
      const val = nodeConverter(t.valueType, o, fail);
      return (n, f) => {
        if (!(n instanceof JsonObject) || t.keyType.kind !== 'string') return cannotParse(f, n, t);
        const m = new Map<unknown, unknown>();
        n.keys.forEach((k, i) => {
          const v = n.values[i]!;
          m.set(k, v === null ? null : val(v, f));
        });
        return m;
      };
    }
    case 'struct': {
      const conv = structConverter(t, o, fail);
      return (n, f) => (n instanceof JsonObject ? conv(n) : cannotParse(f, n, t));
    }
    case 'null':
      return () => null;
    default:
      return (n, f) => cannotParse(f, n, t);
  }
}

function numberValue(text: string): number {
  const special = specialDouble(text);
  if (special !== undefined) return special;
  return javaDouble(text) ?? NaN;
}

function specialDouble(s: string): number | undefined {
  if (s === 'NaN') return NaN;
  if (s === 'Infinity' || s === '+Infinity' || s === 'INF' || s === '+INF') return Infinity;
  if (s === '-Infinity' || s === '-INF') return -Infinity;
  return undefined;
}

/**
 * The converter of an object into a row of `t`: unknown keys are skipped, a repeated key keeps
 * its last value, a field that fails becomes NULL and the failure is noted in `fail`.
 */
export function structConverter(t: StructType, o: JsonOptions, fail: Failure): (obj: JsonObject) => unknown[] {
  const index = new Map<string, number>();
  t.fields.forEach((f, i) => index.set(f.name, i));
  const convs = t.fields.map((f) => nodeConverter(f.dataType, o, fail));
  const width = t.fields.length;
  return (obj) => {
    const row: unknown[] = new Array(width).fill(null);
    const { keys, values } = obj;
    for (let k = 0; k < keys.length; k++) {
      const i = index.get(keys[k]!);
      if (i === undefined) continue;
      const v = values[k]!;
      if (v === null) {
        row[i] = null;
        continue;
      }
      try {
        row[i] = convs[i]!(v, keys[k]!);
      } catch (e) {
        row[i] = null;
        fail.error ??= e as Error;
      }
    }
    return row;
  };
}
