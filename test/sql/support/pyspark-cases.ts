/**
 * Runs a TypeScript twin of a case recorded from real PySpark (test/sql/pyspark/record.py) and
 * returns what it printed, in the same shape: `show()`/`printSchema()` text, Python-style
 * prints, and errors as `ERROR <errorClass>: <first line>`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparkContext } from '../../../src/sql/engine.js';
import { SparkSession } from '../../../src/sql/index.js';
import { SparkError } from '../../../src/sql/errors.js';
import { formatPyValue } from '../../../src/sql/types/py-repr.js';

const expected = JSON.parse(readFileSync(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'data', 'pyspark-expected.json'), 'utf8')) as Record<string, string>;

/** The recorded output of a case. */
export function expectedOutput(name: string): string {
  const v = expected[name];
  if (v === undefined) throw new Error(`no recorded output for case ${name}; run test/sql/pyspark/record.py`);
  return v;
}

/** With TSPARK_DUMP_CASES=dir, writes a case's output and the expected one there when they differ (for diffing). */
export function dumpOnMismatch(name: string, actual: string): string {
  const dir = process.env['TSPARK_DUMP_CASES'];
  if (dir && actual !== expected[name]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.actual`), actual);
    writeFileSync(join(dir, `${name}.expected`), expected[name] ?? '');
  }
  return actual;
}

const NO_SPARK_CLASS = new Set(['UNSUPPORTED_JOIN_TYPE', 'INVALID_ARGUMENT']);

/** Helpers a case uses to print as its Python twin prints. */
export interface CaseIO {
  readonly spark: SparkSession;
  /** Python's `print(a, b, …)`: strings as they are, other values as their repr. */
  print(...values: unknown[]): void;
  /** Python's print of a list of (name, type) tuples, as `df.dtypes` prints. */
  printTuples(list: ReadonlyArray<readonly unknown[]>): void;
  /** Runs `f`, printing an error as the recorder does. */
  attempt(f: () => unknown): void;
}

function repr(v: unknown): string {
  if (typeof v === 'string') return formatPyValue(v);
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  return formatPyValue(v);
}

/** Runs a case on a fresh session (UTC, local[2]) and returns its printed text. */
export function runCase(body: (io: CaseIO) => void): string {
  let out = '';
  const sc = new SparkContext('local[2]', 'cases');
  const spark = new SparkSession(sc, { out: (t) => (out += t) });
  spark.conf.set('spark.sql.session.timeZone', 'UTC');
  const io: CaseIO = {
    spark,
    print: (...values) => {
      out += values.map((v) => (typeof v === 'string' ? v : v === null ? 'None' : typeof v === 'boolean' ? (v ? 'True' : 'False') : Array.isArray(v) ? repr(v) : String(v))).join(' ') + '\n';
    },
    printTuples: (list) => {
      out += `[${list.map((t) => `(${t.map((x) => repr(x)).join(', ')})`).join(', ')}]\n`;
    },
    attempt: (f) => {
      try {
        f();
      } catch (e) {
        // Classes tspark adds where Spark raises a plain IllegalArgumentException print as pyspark shows them: None.
        const cls = e instanceof SparkError ? (NO_SPARK_CLASS.has(e.errorClass) ? 'None' : e.errorClass) : 'None';
        let first = (e instanceof Error ? e.message : String(e)).trim().split('\n')[0]!;
        if (first.endsWith(';')) first = first.slice(0, -1);
        out += `ERROR ${cls}: ${first}\n`;
      }
    },
  };
  try {
    body(io);
  } finally {
    sc.stop();
  }
  return out;
}
