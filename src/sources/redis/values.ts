/**
 * Row values as hash fields and back. spark-redis writes each value's text (`String.valueOf`);
 * tspark does the same, with dates as `2024-02-29`, timestamps as UTC
 * `2024-02-29 12:34:56.123456` and binary values as their raw bytes (Redis strings hold bytes).
 * Reading parses the text back as the schema's type.
 */
import type { DataType } from '../../sql/types/data-types.js';
import { formatUnscaled } from '../../sql/types/values.js';
import { formatDate, formatTimestamp, parseDate, parseTimestamp } from '../jdbc/datetime-text.js';
import { toDecimal, toIntIn, toLongValue } from '../jdbc/dialect.js';

/** Encodes one non-null internal value of type `t` for HSET. */
export function encoder(t: DataType): (v: unknown) => string | Uint8Array {
  switch (t.kind) {
    case 'binary':
      return (v) => v as Uint8Array;
    case 'decimal':
      return (v) => formatUnscaled(v as bigint, t.scale);
    case 'date':
      return (v) => formatDate(v as number);
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => formatTimestamp(v as number);
    case 'array':
    case 'map':
    case 'struct':
      return (v) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Map ? Object.fromEntries(x) : x));
    default:
      return (v) => String(v);
  }
}

/** Decodes a hash field's bytes as type `t`; undefined when the text is not a value of `t`. */
export function decoder(t: DataType): (bytes: Uint8Array) => unknown {
  const text = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  switch (t.kind) {
    case 'binary':
      return (b) => new Uint8Array(b);
    case 'boolean':
      return (b) => {
        const s = text(b).trim().toLowerCase();
        return s === 'true' ? true : s === 'false' ? false : undefined;
      };
    case 'byte':
      return (b) => toIntIn(text(b), -128, 127) ?? undefined;
    case 'short':
      return (b) => toIntIn(text(b), -32768, 32767) ?? undefined;
    case 'integer':
      return (b) => toIntIn(text(b), -2147483648, 2147483647) ?? undefined;
    case 'long':
      return (b) => toLongValue(text(b)) ?? undefined;
    case 'float':
    case 'double': {
      const round = t.kind === 'float' ? Math.fround : (x: number) => x;
      return (b) => {
        const s = text(b).trim();
        const n = Number(s);
        return s === '' || (Number.isNaN(n) && s !== 'NaN') ? undefined : round(n);
      };
    }
    case 'decimal':
      return (b) => toDecimal(text(b), t) ?? undefined;
    case 'date':
      return (b) => parseDate(text(b)) ?? undefined;
    case 'timestamp':
    case 'timestamp_ntz':
      return (b) => parseTimestamp(text(b)) ?? undefined;
    case 'string':
      return (b) => text(b);
    default:
      return () => undefined;
  }
}
