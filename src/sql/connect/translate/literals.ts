/**
 * Literals (internal values of src/sql/types/values.ts, typed by a DataType) as Spark Connect's
 * `Expression.Literal`. 64-bit values travel as decimal strings, so nothing loses precision.
 */
import { TsparkError } from '../../../engine/errors.js';
import type { DataType } from '../../types/data-types.js';
import { formatUnscaled, type Interval } from '../../types/values.js';
import type { Expression } from '../proto.js';
import { toProtoType } from '../types.js';

type ProtoLiteral = NonNullable<Expression['literal']>;

/** A literal of `dataType` holding the internal value `value` (null for NULL). */
export function toProtoLiteral(value: unknown, dataType: DataType): ProtoLiteral {
  if (value === null || value === undefined) return { null: toProtoType(dataType) };
  switch (dataType.kind) {
    case 'null':
      return { null: toProtoType(dataType) };
    case 'boolean':
      return { boolean: Boolean(value) };
    case 'byte':
      return { byte: Number(value) };
    case 'short':
      return { short: Number(value) };
    case 'integer':
      return { integer: Number(value) };
    case 'long':
      return { long: String(value) };
    case 'float':
      return { float: Number(value) };
    case 'double':
      return { double: Number(value) };
    case 'decimal':
      return { decimal: { value: formatUnscaled(BigInt(value as bigint | number), dataType.scale), precision: dataType.precision, scale: dataType.scale } };
    case 'string':
      return { string: String(value) };
    case 'binary':
      return { binary: value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value)) };
    case 'date':
      return { date: Number(value) };
    case 'timestamp':
      return { timestamp: String(Math.round(Number(value))) };
    case 'timestamp_ntz':
      return { timestamp_ntz: String(Math.round(Number(value))) };
    case 'interval': {
      const i = value as Interval;
      return { calendar_interval: { months: i.months, days: i.days, microseconds: String(i.microseconds) } };
    }
    case 'array':
      return {
        array: {
          element_type: toProtoType(dataType.elementType),
          elements: (value as readonly unknown[]).map((v) => toProtoLiteral(v, dataType.elementType)),
        },
      };
    case 'map': {
      const entries = [...(value as ReadonlyMap<unknown, unknown>)];
      return {
        map: {
          key_type: toProtoType(dataType.keyType),
          value_type: toProtoType(dataType.valueType),
          keys: entries.map(([k]) => toProtoLiteral(k, dataType.keyType)),
          values: entries.map(([, v]) => toProtoLiteral(v, dataType.valueType)),
        },
      };
    }
    case 'struct':
      return {
        struct: {
          struct_type: toProtoType(dataType),
          elements: dataType.fields.map((f, i) => toProtoLiteral((value as readonly unknown[])[i], f.dataType)),
        },
      };
    default: {
      const never: never = dataType;
      throw new TsparkError('ERR_CONNECT_PROTOCOL', `no Spark Connect literal for type ${String(never)}`);
    }
  }
}
