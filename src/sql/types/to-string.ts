/**
 * Internal values as text, as Spark's `CAST(x AS STRING)` and `show()` write them: doubles as
 * Java prints them, timestamps in the session zone, decimals with their scale, arrays
 * `[1, 2]`, maps `{a -> 1}`, structs `{1, z}`. `show()` differs only in how NULL reads inside
 * (`NULL`; the cast writes `null`) and in binary (`[61 62]`; the cast decodes UTF-8).
 */
import type { DataType } from './data-types.js';
import { formatDate, formatTimestamp } from './datetime.js';
import { javaDouble, javaFloat } from './java-format.js';
import { type Interval, formatUnscaled } from './values.js';

/** How values become text: the session zone, the text of a nested NULL, and whether binary is shown as hex. */
export interface ToStringOptions {
  readonly timeZone: string;
  readonly nullText: string;
  readonly binaryAsHex: boolean;
}

/** An interval as Spark prints a CalendarInterval: `1 months 2 days 3.5 seconds`. */
export function formatInterval(i: Interval): string {
  const parts: string[] = [];
  if (i.months !== 0) {
    const y = Math.trunc(i.months / 12);
    const m = i.months % 12;
    if (y !== 0) parts.push(`${y} years`);
    if (m !== 0) parts.push(`${m} months`);
  }
  if (i.days !== 0) parts.push(`${i.days} days`);
  if (i.microseconds !== 0) {
    let us = i.microseconds;
    const h = Math.trunc(us / 3_600_000_000);
    us -= h * 3_600_000_000;
    const mi = Math.trunc(us / 60_000_000);
    us -= mi * 60_000_000;
    if (h !== 0) parts.push(`${h} hours`);
    if (mi !== 0) parts.push(`${mi} minutes`);
    if (us !== 0) parts.push(`${formatUnscaled(BigInt(us), 6).replace(/\.?0+$/, '')} seconds`);
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}

/** A non-null internal value of type `t` as text. */
export function valueToString(v: unknown, t: DataType, o: ToStringOptions): string {
  switch (t.kind) {
    case 'string':
      return v as string;
    case 'double':
      return javaDouble(v as number);
    case 'float':
      return javaFloat(v as number);
    case 'decimal':
      return formatUnscaled(v as bigint, t.scale);
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as number, o.timeZone);
    case 'timestamp_ntz':
      return formatTimestamp(v as number, 'UTC');
    case 'binary':
      return o.binaryAsHex
        ? `[${[...(v as Uint8Array)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')}]`
        : new TextDecoder().decode(v as Uint8Array);
    case 'interval':
      return formatInterval(v as Interval);
    case 'array':
      return `[${(v as unknown[]).map((x) => (x === null ? o.nullText : valueToString(x, t.elementType, o))).join(', ')}]`;
    case 'map':
      return `{${[...(v as Map<unknown, unknown>)]
        .map(([k, x]) => `${valueToString(k, t.keyType, o)} -> ${x === null ? o.nullText : valueToString(x, t.valueType, o)}`)
        .join(', ')}}`;
    case 'struct':
      return `{${(v as unknown[]).map((x, i) => (x === null ? o.nullText : valueToString(x, t.fields[i]!.dataType, o))).join(', ')}}`;
    case 'null':
      return o.nullText;
    default:
      return String(v);
  }
}
