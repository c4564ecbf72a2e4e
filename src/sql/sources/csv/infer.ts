/**
 * CSV schema inference, as Spark's `CSVInferSchema`: each column walks up int → long →
 * decimal (integers too long for a long) → double → date (strict `yyyy-MM-dd`, or
 * `dateFormat`) → timestamp → boolean → string, starting from the type inferred so far;
 * columns merge with Spark's CSV rules (int + double = double, date + timestamp = timestamp,
 * anything + string = string); a column with no values is string.
 */
import {
  BooleanType,
  DateType,
  DecimalType,
  DoubleType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  TimestampType,
  type DataType,
} from '../../types/data-types.js';
import { DatePattern } from '../../types/date-pattern.js';
import { parseTimestamp } from '../../types/datetime.js';
import { javaBigDecimal, javaBoolean, javaDouble, javaInt, javaLong } from '../files/java-parse.js';
import { fastTimestamp } from '../files/fast-datetime.js';
import type { CsvReadOptions } from './options.js';

const ISO_DATE = new DatePattern('yyyy-MM-dd');

/** Per-column inference state over many records. */
export class CsvInference {
  readonly types: DataType[] = [];
  private readonly dateOk: (v: string) => boolean;
  private readonly tsOk: (v: string) => boolean;

  constructor(
    private readonly o: CsvReadOptions,
    width: number,
  ) {
    for (let i = 0; i < width; i++) this.types.push(new NullType());
    const df = o.dateFormat ?? ISO_DATE;
    this.dateOk = (v) => df.parseDate(v) !== null;
    const tf = o.timestampFormat;
    const tz = o.timeZone;
    this.tsOk = tf
      ? (v) => tf.parseTimestamp(v, tz) !== null
      : (v) => {
          const f = fastTimestamp(v, tz);
          return f === undefined ? parseTimestamp(v, tz) !== null : f !== null;
        };
  }

  /** Takes one record's tokens into account (extra tokens are ignored, missing ones leave a column as it is). */
  add(tokens: readonly (string | null)[]): void {
    const n = Math.min(tokens.length, this.types.length);
    for (let i = 0; i < n; i++) {
      const v = tokens[i];
      if (v === null || v === undefined || v === '') continue;
      const t = this.types[i]!;
      if (t.kind === 'string') continue;
      this.types[i] = compatible(t, this.inferField(t, v)) ?? new StringType();
    }
  }

  /** The inferred column types (no values: string). */
  result(): DataType[] {
    return this.types.map((t) => (t.kind === 'null' ? new StringType() : t));
  }

  private inferField(soFar: DataType, v: string): DataType {
    switch (soFar.kind) {
      case 'null':
      case 'integer':
        return this.tryInt(v);
      case 'long':
        return this.tryLong(v);
      case 'decimal':
        return this.tryDecimal(v);
      case 'double':
        return this.tryDouble(v);
      case 'date':
        return this.tryDate(v);
      case 'timestamp':
        return this.tryTimestamp(v);
      case 'boolean':
        return this.tryBoolean(v);
      default:
        return new StringType();
    }
  }

  private tryInt(v: string): DataType {
    return javaInt(v) !== null ? new IntegerType() : this.tryLong(v);
  }

  private tryLong(v: string): DataType {
    return javaLong(v) !== null ? new LongType() : this.tryDecimal(v);
  }

  private tryDecimal(v: string): DataType {
    const d = javaBigDecimal(v);
    // Values with a fraction are left to double; negative scales are not allowed in a DecimalType.
    if (d !== null && d.scale === 0 && d.precision <= 38) return new DecimalType(d.precision, 0);
    return this.tryDouble(v);
  }

  private tryDouble(v: string): DataType {
    if (javaDouble(v) !== null || v === this.o.nanValue || v === this.o.positiveInf || v === this.o.negativeInf) return new DoubleType();
    if (this.o.preferDecimal) {
      const d = javaBigDecimal(v);
      if (d !== null && d.scale >= 0 && d.precision <= 38) return new DecimalType(Math.max(d.precision, d.scale), d.scale);
    }
    return this.o.prefersDate ? this.tryDate(v) : this.tryTimestamp(v);
  }

  private tryDate(v: string): DataType {
    return this.dateOk(v) ? new DateType() : this.tryTimestamp(v);
  }

  private tryTimestamp(v: string): DataType {
    return this.tsOk(v) ? new TimestampType() : this.tryBoolean(v);
  }

  private tryBoolean(v: string): DataType {
    return javaBoolean(v) !== null ? new BooleanType() : new StringType();
  }
}

/** Spark's `CSVInferSchema.compatibleType`: the tightest common type, then the CSV-specific rules; undefined = string. */
export function compatible(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === b.kind && a.kind !== 'decimal') return a;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  const order = ['integer', 'long', 'double'];
  const ia = order.indexOf(a.kind);
  const ib = order.indexOf(b.kind);
  if (ia >= 0 && ib >= 0) return ia > ib ? a : b;
  if (a.kind === 'string' || b.kind === 'string') return new StringType();
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    const scale = Math.max(a.scale, b.scale);
    const range = Math.max(a.precision - a.scale, b.precision - b.scale);
    return range + scale > 38 ? new DoubleType() : new DecimalType(range + scale, scale);
  }
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    const d = (a.kind === 'decimal' ? a : b) as DecimalType;
    const o = a.kind === 'decimal' ? b : a;
    if (o.kind === 'double') return new DoubleType();
    if (o.kind === 'integer') return compatible(new DecimalType(10, 0), d);
    if (o.kind === 'long') return compatible(new DecimalType(20, 0), d);
    return undefined;
  }
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) return new TimestampType();
  return undefined;
}
