/**
 * Partition directories (`year=2024/city=Paris/part-….csv`), both ways, as Spark's
 * `PartitioningUtils` and `ExternalCatalogUtils`: discovery on read (columns from the
 * directory names, types inferred: int → long → decimal → double → timestamp → date →
 * string, merged across directories) and the directory names on write (escaped, NULL as
 * `__HIVE_DEFAULT_PARTITION__`).
 */
import { basename, dirname, relative, sep } from 'node:path';
import { SparkRuntimeException } from '../../errors.js';
import { DatePattern } from '../../types/date-pattern.js';
import { parseTimestamp } from '../../types/datetime.js';
import {
  DecimalType,
  DoubleType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  StructField,
  StructType,
  TimestampType,
  DateType,
  type DataType,
} from '../../types/data-types.js';
import { Decimal, toLong } from '../../types/values.js';
import type { ListedRoot } from './paths.js';

/** Spark's name for a NULL partition value. */
export const DEFAULT_PARTITION_NAME = '__HIVE_DEFAULT_PARTITION__';

/** The partition columns found under the roots and each file's values (internal values, in column order). */
export interface DiscoveredPartitions {
  readonly schema: StructType;
  /** The directory texts of each file's partition values (unescaped; null for the default partition), by file path. */
  readonly raw: Map<string, (string | null)[]>;
}

const ISO_DATE = new DatePattern('yyyy-MM-dd');

/**
 * Finds `k=v` directories between each root's base path and its files. All leaf directories
 * must name the same columns (Spark's "Conflicting partition column names detected").
 */
export function discoverPartitions(roots: readonly ListedRoot[], timeZone: string, inferTypes = true): DiscoveredPartitions {
  const raw = new Map<string, [string, string | null][]>();
  let names: string[] | undefined;
  let namesFrom = '';
  for (const root of roots) {
    for (const f of root.files) {
      const cols = parseDirs(root.basePath, dirname(f.path));
      const these = cols.map((c) => c[0]);
      if (names === undefined) {
        names = these;
        namesFrom = dirname(f.path);
      } else if (these.join('\u0000') !== names.join('\u0000')) {
        throw new SparkRuntimeException('CONFLICTING_PARTITION_COLUMN_NAMES', {
          paths: `\t${namesFrom}\n\t${dirname(f.path)}`,
        });
      }
      raw.set(f.path, cols);
    }
  }
  if (!names || names.length === 0) return { schema: new StructType([]), raw: new Map() };
  const types: DataType[] = names.map(() => new NullType());
  for (const cols of raw.values()) {
    cols.forEach(([, v], i) => {
      types[i] = widerPartitionType(types[i]!, inferTypes ? inferPartitionType(v) : v === null ? new NullType() : new StringType());
    });
  }
  const finalTypes = types.map((t) => (t.kind === 'null' ? new StringType() : t));
  const schema = new StructType(names.map((n, i) => new StructField(n, finalTypes[i]!, true)));
  void timeZone;
  const texts = new Map<string, (string | null)[]>();
  for (const [path, cols] of raw) texts.set(path, cols.map(([, v]) => v));
  return { schema, raw: texts };
}

/** Each file's partition values in the columns' final types (internal values). */
export function partitionValues(raw: Map<string, (string | null)[]>, schema: StructType, timeZone: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [path, texts] of raw) out.set(path, texts.map((v, i) => partitionValue(v, schema.fields[i]!.dataType, timeZone)));
  return out;
}

/** `k=v` segments from the base path down to `dir` (stopping at the first segment without `=`, from the leaf up). */
function parseDirs(base: string, dir: string): [string, string | null][] {
  const rel = relative(base, dir);
  if (rel === '' || rel.startsWith('..')) return [];
  const segs = rel.split(sep);
  const out: [string, string | null][] = [];
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i]!;
    const eq = s.indexOf('=');
    if (eq <= 0) break;
    const raw = s.slice(eq + 1);
    out.unshift([unescapePathName(s.slice(0, eq)), raw === DEFAULT_PARTITION_NAME ? null : unescapePathName(raw)]);
  }
  return out;
}

/** The type Spark infers for one partition directory value. */
export function inferPartitionType(raw: string | null): DataType {
  if (raw === null) return new NullType();
  if (/^[+-]?\d+$/.test(raw)) {
    const n = BigInt(raw);
    if (n >= -2147483648n && n <= 2147483647n) return new IntegerType();
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return new LongType();
    const digits = raw.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '').length;
    if (digits <= 38) return new DecimalType(digits, 0);
  }
  if (isJavaDouble(raw)) return new DoubleType();
  if (parseTimestamp(raw, 'UTC') !== null && /\d[ T]\d/.test(raw)) return new TimestampType();
  if (ISO_DATE.parseDate(raw) !== null) return new DateType();
  return new StringType();
}

function isJavaDouble(s: string): boolean {
  return /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/.test(s);
}

/** Spark's `findWiderTypeForPartitionColumn`: numeric widening, else string. */
function widerPartitionType(a: DataType, b: DataType): DataType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === b.kind && a.kind !== 'decimal') return a;
  const rank = (t: DataType): number => ({ integer: 1, long: 2, decimal: 3, double: 4 })[t.kind as string] ?? 0;
  if (rank(a) && rank(b)) {
    if (a.kind === 'decimal' && b.kind === 'decimal') return new DecimalType(Math.max(a.precision, b.precision), 0);
    if (a.kind === 'decimal' || b.kind === 'decimal') {
      const d = (a.kind === 'decimal' ? a : b) as DecimalType;
      const o = a.kind === 'decimal' ? b : a;
      if (o.kind === 'double') return new DoubleType();
      return new DecimalType(Math.max(d.precision, o.kind === 'long' ? 20 : 10), 0);
    }
    return rank(a) > rank(b) ? a : b;
  }
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) return new TimestampType();
  return new StringType();
}

/** The internal value of a partition directory value in its column's type. */
export function partitionValue(raw: string | null, t: DataType, timeZone: string): unknown {
  if (raw === null) return null;
  switch (t.kind) {
    case 'integer':
      return Number(raw);
    case 'long':
      return toLong(BigInt(raw));
    case 'decimal':
      return Decimal.parse(raw)?.unscaled ?? null;
    case 'double':
      return Number(raw.replace(/[fFdD]$/, ''));
    case 'timestamp':
      return parseTimestamp(raw, timeZone);
    case 'date':
      return ISO_DATE.parseDate(raw);
    default:
      return raw;
  }
}

const ESCAPED = new Set(['"', '#', '%', "'", '*', '/', ':', '=', '?', '\\', '\x7f', '{', '[', ']', '^']);

/** Spark's `escapePathName`: `%XX` for `/`, `=`, `:`, `%` and the other characters Hive escapes. */
export function escapePathName(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (ESCAPED.has(c) || (code >= 1 && code <= 0x1f)) out += '%' + code.toString(16).toUpperCase().padStart(2, '0');
    else out += c;
  }
  return out;
}

/** Spark's `unescapePathName`: `%XX` back to the character. */
export function unescapePathName(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The directory of one partition on write: `k1=v1/k2=v2` from the values' text (null as the default name). */
export function partitionDir(names: readonly string[], texts: readonly (string | null)[]): string {
  return names.map((n, i) => `${escapePathName(n)}=${texts[i] === null || texts[i] === '' ? DEFAULT_PARTITION_NAME : escapePathName(texts[i]!)}`).join('/');
}

/** The file name without directories, for messages. */
export function leafName(path: string): string {
  return basename(path);
}
