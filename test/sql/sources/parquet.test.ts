/**
 * Parquet both ways against real PySpark 3.5: files PySpark wrote (INT96 and TIMESTAMP_MICROS
 * timestamps, snappy and gzip, every type incl. nested) read by tspark give PySpark's rows; files
 * tspark wrote (test/sql/sources/pyspark/parquet/tspark-*.parquet, made by this test with
 * TSPARK_RECORD_PARQUET=1) were read back by PySpark in record.py with the same rows and types.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import { SourceOptions } from '../../../src/sql/sources/options.js';
import { findDataSource } from '../../../src/sql/sources/registry.js';
import type { StructType } from '../../../src/sql/types/data-types.js';
import { fromJson } from '../../../src/sql/types/ddl.js';
import { cleanup, decodeValue, encodeRows, readAll, recorded, scan, session, tempDir, writeInputs } from './helpers.js';

const DIR = fileURLToPath(new URL('./pyspark/parquet/', import.meta.url));

interface ParquetRecording {
  schema: string;
  sparkSchema: unknown;
  rows: unknown[];
  tspark: Record<string, { schema: unknown; rows: unknown[] } | { error: unknown }>;
}
const rec = recorded<ParquetRecording>('parquet');
const sparkSchema = fromJson(rec.sparkSchema) as StructType;

function writeParquet(path: string, options: Record<string, string> = {}): void {
  const rows = rec.rows.map((r) => decodeValue(r, sparkSchema) as unknown[]);
  findDataSource('parquet').write!(
    { format: 'parquet', path, mode: 'overwrite', options: new SourceOptions(options), partitionBy: [], session: session() },
    { schema: sparkSchema, numPartitions: 1, readPartition: (_i, emit) => rows.forEach((r) => emit(r)) },
  );
}

describe('parquet: files written by PySpark 3.5', () => {
  for (const name of ['spark-int96', 'spark-micros', 'spark-gzip']) {
    it(`reads ${name}.parquet with PySpark's schema and rows`, () => {
      const s = scan('parquet', [join(DIR, `${name}.parquet`)]);
      expect(s.schema.jsonValue()).toEqual(rec.sparkSchema);
      expect(encodeRows(readAll(s), s.schema)).toEqual(rec.rows);
    });
  }

  it('reads a directory of part files with partition columns', () => {
    const dir = tempDir();
    try {
      writeInputs(dir, { 't/_SUCCESS': '' });
      for (const k of ['1', '2']) {
        const d = join(dir, 't', `k=${k}`);
        writeInputs(d, { '.keep': '' });
        copyFileSync(join(DIR, 'spark-micros.parquet'), join(d, 'part-00000.snappy.parquet'));
      }
      const s = scan('parquet', [join(dir, 't')]);
      expect(s.schema.fieldNames().at(-1)).toBe('k');
      const rows = readAll(s);
      expect(rows.length).toBe(rec.rows.length * 2);
      expect(new Set(rows.map((r) => r.at(-1)))).toEqual(new Set([1, 2]));
    } finally {
      cleanup(dir);
    }
  });

  it('reads a user schema subset by name, missing columns as NULL', () => {
    const s = scan('parquet', [join(DIR, 'spark-int96.parquet')], {}, 's STRING, nope INT, l BIGINT');
    const rows = readAll(s);
    expect(rows[0]).toEqual(['héllo', null, 9007199254740993n]);
  });

  it('names a file that is not Parquet', () => {
    const dir = tempDir();
    try {
      writeInputs(dir, { 'bad.parquet': 'not parquet at all' });
      let err: unknown;
      try {
        readAll(scan('parquet', [join(dir, 'bad.parquet')]));
      } catch (e) {
        err = e;
      }
      expect((err as SparkError).errorClass).toBe('FILE_READ_FAILED');
      expect((err as SparkError).message).toContain('bad.parquet');
    } finally {
      cleanup(dir);
    }
  });
});

describe('parquet: files written by tspark, read back by PySpark 3.5', () => {
  const cases: [string, Record<string, string>][] = [
    ['tspark-snappy.parquet', {}],
    ['tspark-gzip.parquet', { compression: 'gzip' }],
    ['tspark-none.parquet', { compression: 'none' }],
  ];
  for (const [name, options] of cases) {
    it(`${name}: PySpark read the same rows and types`, () => {
      const dir = tempDir();
      try {
        writeParquet(join(dir, 'out'), options);
        const parts = findPart(join(dir, 'out'));
        if (process.env['TSPARK_RECORD_PARQUET'] === '1') copyFileSync(parts, join(DIR, name));
        // What PySpark read from the committed file (record.py), and the file is what tspark writes today.
        const back = rec.tspark[name];
        expect(back, `run record.py parquet after TSPARK_RECORD_PARQUET=1`).toBeDefined();
        expect(back).toEqual({ schema: rec.sparkSchema, rows: rec.rows });
        expect(readFileSync(parts)).toEqual(readFileSync(join(DIR, name)));
        // And tspark reads its own file back identically.
        const s = scan('parquet', [parts]);
        expect(encodeRows(readAll(s), s.schema)).toEqual(rec.rows);
      } finally {
        cleanup(dir);
      }
    });
  }
});

function findPart(dir: string): string {
  const f = readdirSync(dir).find((n) => n.startsWith('part-'));
  if (f === undefined || !existsSync(join(dir, f)) || statSync(join(dir, f)).size === 0) throw new Error(`no part file in ${dir}`);
  return join(dir, f);
}
