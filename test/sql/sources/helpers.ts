/**
 * Helpers of the data-source tests: a session, temp directories with input files, reading a
 * whole scan, and values encoded the way test/sql/sources/pyspark/record.py records PySpark's.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SparkContext } from '../../../src/sql/engine.js';
import '../../../src/sql/sources/builtin.js';
import type { BatchScan, SourceSession } from '../../../src/sql/sources/contract.js';
import { SourceOptions, type OptionValue } from '../../../src/sql/sources/options.js';
import { findDataSource } from '../../../src/sql/sources/registry.js';
import type { DataType, StructType } from '../../../src/sql/types/data-types.js';
import { parseSchema } from '../../../src/sql/types/ddl.js';
import type { InternalRow } from '../../../src/sql/types/values.js';

const sc = new SparkContext('local[2]', 'sources-test');

/** A session with SQL confs (session time zone UTC unless given). */
export function session(conf: Record<string, string> = {}): SourceSession {
  const all: Record<string, string> = { 'spark.sql.session.timeZone': 'UTC', ...conf };
  return { sparkContext: sc, conf: (k) => all[k] };
}

/** A fresh temp directory; removed by `cleanup`. */
export function tempDir(prefix = 'tspark-src-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a temp directory. */
export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes input files (text; `b64:` prefix for bytes; `.gz` names gzipped) under `base`. */
export function writeInputs(base: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(base, rel);
    mkdirSync(dirname(p), { recursive: true });
    let data: Buffer = content.startsWith('b64:') ? Buffer.from(content.slice(4), 'base64') : Buffer.from(content, 'utf8');
    if (rel.endsWith('.gz')) data = gzipSync(data);
    writeFileSync(p, data);
  }
}

/** A read request as `spark.read.format(f).options(o).schema(s).load(paths)` makes it. */
export function scan(format: string, paths: string[], options: Record<string, OptionValue> = {}, schema?: string | StructType | null, conf: Record<string, string> = {}): BatchScan {
  const userSchema = typeof schema === 'string' ? parseSchema(schema) : (schema ?? undefined);
  return findDataSource(format).createBatchScan!({
    format,
    paths,
    options: new SourceOptions(options),
    ...(userSchema !== undefined ? { userSchema } : {}),
    session: session(conf),
  });
}

/** Every row of a scan, partition by partition. */
export function readAll(s: BatchScan): InternalRow[] {
  const rows: InternalRow[] = [];
  for (let i = 0; i < s.numPartitions; i++) s.readPartition(i, (r) => rows.push(r));
  return rows;
}

/** An internal value in record.py's JSON form. */
export function encodeValue(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'struct':
      return (v as unknown[]).map((x, i) => encodeValue(x, t.fields[i]!.dataType));
    case 'array':
      return (v as unknown[]).map((x) => encodeValue(x, t.elementType));
    case 'map':
      return { map: [...(v as Map<unknown, unknown>)].map(([k, x]) => [encodeValue(k, t.keyType), encodeValue(x, t.valueType)]) };
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
      return typeof v === 'bigint' ? { long: v.toString() } : v;
    case 'double':
    case 'float': {
      const n = v as number;
      if (Number.isNaN(n)) return { double: 'NaN' };
      if (!Number.isFinite(n)) return { double: n > 0 ? 'Infinity' : '-Infinity' };
      return n;
    }
    case 'decimal':
      return { decimal: (v as bigint).toString() };
    case 'binary':
      return { binary: Buffer.from(v as Uint8Array).toString('base64') };
    default:
      return v;
  }
}

/** Rows in record.py's JSON form. */
export function encodeRows(rows: InternalRow[], schema: StructType): unknown[] {
  return rows.map((r) => encodeValue(r, schema));
}

/** One recorded read case. */
export interface RecordedRead {
  name: string;
  format: string;
  files: Record<string, string>;
  paths?: string[];
  options: Record<string, string>;
  schema: string | null;
  conf?: Record<string, string>;
  unordered?: boolean;
  expected: { schema: unknown; rows: unknown[] } | { error: { errorClass: string | null; message: string; causes?: { errorClass: string | null; message: string }[] } };
}

/** The recorded cases of one file of test/sql/sources/pyspark/expected/. */
export function recorded<T = RecordedRead[]>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./pyspark/expected/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** Sorts rows by their JSON text (for cases whose row order Spark does not fix). */
export function sortRows(rows: unknown[]): unknown[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** The inverse of {@link encodeValue}: a recorded value in tspark's internal form. */
export function decodeValue(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'struct':
      return (v as unknown[]).map((x, i) => decodeValue(x, t.fields[i]!.dataType));
    case 'array':
      return (v as unknown[]).map((x) => decodeValue(x, t.elementType));
    case 'map':
      return new Map((v as { map: [unknown, unknown][] }).map.map(([k, x]) => [decodeValue(k, t.keyType), decodeValue(x, t.valueType)]));
    case 'long':
      return typeof v === 'object' ? BigInt((v as { long: string }).long) : v;
    case 'double':
    case 'float': {
      if (typeof v !== 'object') return v;
      const s = (v as { double: string }).double;
      return s === 'NaN' ? NaN : s === 'Infinity' ? Infinity : -Infinity;
    }
    case 'decimal':
      return BigInt((v as { decimal: string }).decimal);
    case 'binary':
      return new Uint8Array(Buffer.from((v as { binary: string }).binary, 'base64'));
    default:
      return v;
  }
}
