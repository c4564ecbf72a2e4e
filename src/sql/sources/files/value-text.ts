/**
 * Values as text in the files Spark writes (CSV fields, JSON strings, partition directory
 * names): numbers as the JVM prints them (`1.0E10`, `-0.0`), decimals with their scale, dates
 * and timestamps by pattern in the session time zone (CSV/JSON) or as `CAST(… AS STRING)`
 * (partition directories).
 */
import type { DataType } from '../../types/data-types.js';
import type { DatePattern } from '../../types/date-pattern.js';
import { formatDate, formatTimestamp } from '../../types/datetime.js';
import { javaDouble, javaFloat } from '../../types/java-format.js';
import { decimalText } from './java-parse.js';

/** How dates and timestamps are written. */
export interface TextFormats {
  readonly date: DatePattern;
  readonly timestamp: DatePattern;
  readonly timestampNTZ: DatePattern;
  readonly timeZone: string;
}

/** Text of a non-null atomic value in a CSV or JSON file. */
export function atomicText(v: unknown, t: DataType, f: TextFormats): string {
  switch (t.kind) {
    case 'string':
      return v as string;
    case 'double':
      return javaDouble(v as number);
    case 'float':
      return javaFloat(v as number);
    case 'decimal':
      return decimalText(v as bigint, t.scale);
    case 'date':
      return f.date.formatDate(v as number);
    case 'timestamp':
      return f.timestamp.formatTimestamp(v as number, f.timeZone);
    case 'timestamp_ntz':
      return f.timestampNTZ.formatTimestamp(v as number, 'UTC');
    case 'binary':
      return Buffer.from(v as Uint8Array).toString('base64');
    default:
      return String(v);
  }
}

/** Text of a value as `CAST(v AS STRING)` gives it (partition directory names); null stays null. */
export function castText(v: unknown, t: DataType, timeZone: string): string | null {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as number, timeZone);
    case 'timestamp_ntz':
      return formatTimestamp(v as number, 'UTC');
    case 'double':
      return javaDouble(v as number);
    case 'float':
      return javaFloat(v as number);
    case 'decimal':
      return decimalText(v as bigint, t.scale);
    default:
      return String(v);
  }
}
