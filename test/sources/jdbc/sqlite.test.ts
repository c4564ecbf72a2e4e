// The jdbc provider against real SQLite files (better-sqlite3), through the data-source contract:
// Spark's save modes and messages (recorded with PySpark 3.5 in fixtures/spark35-jdbc.json), the
// column types of CREATE TABLE, round trips of every type, upserts, partitioned reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import {
  BinaryType,
  BooleanType,
  ByteType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
} from '../../../src/sql/types/data-types.js';
import { jdbcSource } from '../../../src/sources/jdbc/provider.js';
import { closeIdleConnections } from '../../../src/sources/jdbc/pool.js';
import { partitionsOf, readAll, readRequest, writeRequest } from '../../support/row-partitions.js';
import { spark35 } from './spark35.js';


const dir = mkdtempSync(join(tmpdir(), 'tspark-sqlite-'));
let file: string;
let url: string;
let n = 0;

beforeEach(() => {
  file = join(dir, `t${++n}.db`);
  url = `jdbc:sqlite:${file}`;
});

afterAll(() => {
  closeIdleConnections();
  rmSync(dir, { recursive: true, force: true });
});

const write = (options: Record<string, string | number | boolean>, mode: 'error' | 'append' | 'overwrite' | 'ignore', schema: StructType, rows: unknown[][]) =>
  jdbcSource.write!(writeRequest('jdbc', mode, { url, ...options }), partitionsOf(schema, rows));
const read = (options: Record<string, string | number | boolean>) => jdbcSource.createBatchScan!(readRequest('jdbc', { url, ...options }));
const sqlite = () => new Database(file, { readonly: true });

/** The SparkError `fn` throws. */
function sparkError(fn: () => unknown): SparkError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SparkError) return err;
    throw err;
  }
  throw new Error('expected a SparkError');
}

const counts = new StructType([new StructField('word', new StringType()), new StructField('count', new LongType(), false)]);

describe('jdbc to SQLite: every type', () => {
  const all = new StructType([
    new StructField('b', new BooleanType()),
    new StructField('t', new ByteType()),
    new StructField('s', new ShortType()),
    new StructField('i', new IntegerType()),
    new StructField('l', new LongType()),
    new StructField('f', new FloatType()),
    new StructField('d', new DoubleType()),
    new StructField('dec', new DecimalType(10, 2)),
    new StructField('str', new StringType()),
    new StructField('bin', new BinaryType()),
    new StructField('dt', new DateType()),
    new StructField('ts', new TimestampType()),
    new StructField('ntz', new TimestampNTZType()),
  ]);
  // 2024-02-29 12:34:56.123456 UTC, as PySpark's probe row.
  const tsMicros = Date.UTC(2024, 1, 29, 12, 34, 56, 123) * 1000 + 456;
  const row = [true, 7, 300, 70000, 2 ** 40, 1.5, 2.25, 1230n, 'héllo', new Uint8Array([0, 255]), 19782, tsMicros, tsMicros];

  it("creates the table with the column types Spark's JDBC writer uses for SQLite", () => {
    write({ dbtable: 'probe_all' }, 'error', all, [row]);
    const db = sqlite();
    const ddl = (db.prepare("select sql from sqlite_master where name = 'probe_all'").get() as { sql: string }).sql;
    db.close();
    const types = (s: string) => [...s.matchAll(/"(\w+)" ([A-Z]+(?: PRECISION)?(?:\(\d+(?:,\d+)?\))?)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(types(ddl)).toEqual(types(spark35.sqlite.createTable));
  });

  it('stores values as Spark does where SQLite can read them back: 1/0, numbers, text, blobs, UTC times with milliseconds', () => {
    write({ dbtable: 'probe_all' }, 'error', all, [row]);
    const db = sqlite();
    const stored = db.prepare('select * from probe_all').raw(true).get() as unknown[];
    db.close();
    expect(stored).toEqual([1, 7, 300, 70000, 2 ** 40, 1.5, 2.25, 12.3, 'héllo', Buffer.from([0, 255]), '2024-02-29', '2024-02-29 12:34:56.123', '2024-02-29 12:34:56.123']);
  });

  it('reads the table back with the types it was written with (wider where SQLite has one type for two)', () => {
    write({ dbtable: 'probe_all' }, 'error', all, [row]);
    const scan = read({ dbtable: 'probe_all' });
    // INTEGER holds Spark's short, REAL its float, TIMESTAMP both timestamp types.
    expect(scan.schema.simpleString()).toBe('struct<b:boolean,t:tinyint,s:int,i:int,l:bigint,f:double,d:double,dec:decimal(10,2),str:string,bin:binary,dt:date,ts:timestamp,ntz:timestamp>');
    const tsMillis = Date.UTC(2024, 1, 29, 12, 34, 56, 123) * 1000;
    expect(readAll(scan)).toEqual([[true, 7, 300, 70000, 2 ** 40, 1.5, 2.25, 1230n, 'héllo', new Uint8Array([0, 255]), 19782, tsMillis, tsMillis]]);
  });

  it('reads a table a Spark job wrote (dates and timestamps as epoch milliseconds)', () => {
    const db = new Database(file);
    db.exec(spark35.sqlite.createTable);
    const stored = spark35.sqlite.storedRow ?? [];
    db.prepare('insert into probe_all (dt, ts, l, b) values (?, ?, ?, ?)').run(Number(stored[10]), Number(stored[11]), Number(stored[4]), 1);
    db.close();
    const [r] = readAll(read({ dbtable: 'probe_all' }));
    expect([r?.[0], r?.[4], r?.[10], r?.[11]]).toEqual([true, 2 ** 40, 19782, Date.UTC(2024, 1, 29, 12, 34, 56, 123) * 1000]);
  });

  it('keeps NULLs in every column', () => {
    write({ dbtable: 'nulls' }, 'error', all, [all.fields.map(() => null)]);
    expect(readAll(read({ dbtable: 'nulls' }))).toEqual([all.fields.map(() => null)]);
  });
});

describe('jdbc to SQLite: save modes', () => {
  const first = [['spark', 2], ['kafka', 1]];
  const rows = () => readAll(read({ query: 'select word, count from counts order by word' }));

  it('"error" (the default) refuses an existing table with Spark\'s message and writes nothing', () => {
    write({ dbtable: 'counts' }, 'error', counts, first);
    const e = sparkError(() => write({ dbtable: 'counts' }, 'error', counts, [['x', 9]]));
    expect(e.code).toBe('ERR_SQL_ANALYSIS');
    expect(e.errorClass).toBe('_LEGACY_ERROR_TEMP_1288');
    expect(e.message.startsWith(spark35.sqlite.errorIfExists.message.replace('probe_all', 'counts'))).toBe(true);
    expect(e.message).toContain('mode("append")');
    expect(rows()).toEqual([['kafka', 1], ['spark', 2]]);
  });

  it('"ignore" leaves an existing table as it is', () => {
    write({ dbtable: 'counts' }, 'error', counts, first);
    write({ dbtable: 'counts' }, 'ignore', counts, [['x', 9]]);
    expect(rows()).toEqual([['kafka', 1], ['spark', 2]]);
  });

  it('"append" inserts by column name, in any order and case, leaving out columns the DataFrame lacks', () => {
    const nullable = new StructType([new StructField('word', new StringType()), new StructField('count', new LongType())]);
    write({ dbtable: 'counts' }, 'error', nullable, first);
    const swapped = new StructType([new StructField('COUNT', new LongType()), new StructField('Word', new StringType())]);
    write({ dbtable: 'counts' }, 'append', swapped, [[5, 'flink']]);
    write({ dbtable: 'counts' }, 'append', new StructType([new StructField('word', new StringType())]), [['storm']]);
    expect(readAll(read({ query: 'select word, count from counts order by word' }))).toEqual([['flink', 5], ['kafka', 1], ['spark', 2], ['storm', null]]);
  });

  it('"append" with a column the table lacks is Spark\'s "Column … not found in schema"', () => {
    write({ dbtable: 'counts' }, 'error', counts, first);
    const extra = new StructType([...counts.fields, new StructField('extra', new IntegerType())]);
    const e = sparkError(() => write({ dbtable: 'counts' }, 'append', extra, [['x', 1, 1]]));
    expect(e.errorClass).toBe('_LEGACY_ERROR_TEMP_1156');
    expect(e.message).toMatch(/^Column extra not found in schema struct<word:string,count:bigint>\. Select the table's columns/);
    expect(spark35.sqlite.appendExtraColumn.message).toMatch(/^Column extra not found in schema /);
    expect(rows()).toEqual([['kafka', 1], ['spark', 2]]);
  });

  it('"overwrite" drops and recreates the table from the DataFrame\'s schema', () => {
    write({ dbtable: 'counts', createTableColumnTypes: 'word VARCHAR(20)' }, 'error', counts, first);
    write({ dbtable: 'counts' }, 'overwrite', counts, [['flink', 3]]);
    expect(rows()).toEqual([['flink', 3]]);
    const db = sqlite();
    expect((db.prepare("select sql from sqlite_master where name = 'counts'").get() as { sql: string }).sql).toBe('CREATE TABLE counts ("word" TEXT, "count" BIGINT NOT NULL)');
    db.close();
  });

  it('"overwrite" with truncate empties the table and keeps its definition (createTableColumnTypes as Spark writes them)', () => {
    write({ dbtable: 'counts', createTableColumnTypes: 'word VARCHAR(20), count INT' }, 'error', counts, first);
    write({ dbtable: 'counts', truncate: true }, 'overwrite', counts, [['flink', 3]]);
    expect(rows()).toEqual([['flink', 3]]);
    const db = sqlite();
    expect((db.prepare("select sql from sqlite_master where name = 'counts'").get() as { sql: string }).sql).toBe('CREATE TABLE counts ("word" varchar(20), "count" int NOT NULL)');
    db.close();
  });

  it('createTableColumnTypes naming a column the DataFrame lacks is Spark\'s error', () => {
    const e = sparkError(() => write({ dbtable: 'counts', createTableColumnTypes: 'nope INT' }, 'error', counts, first));
    expect(e.errorClass).toBe('_LEGACY_ERROR_TEMP_1171');
    expect(e.message).toBe(spark35.sqlite.badColumnTypes.message.replace('struct<i:int>', 'struct<word:string,count:bigint>'));
  });

  it('format("sqlite") takes the file as the save path', () => {
    jdbcSource.write!(writeRequest('sqlite', 'error', { dbtable: 'counts' }, file), partitionsOf(counts, first));
    expect(readAll(jdbcSource.createBatchScan!(readRequest('sqlite', { dbtable: 'counts' }, [file])))).toEqual([['spark', 2], ['kafka', 1]]);
  });
});

describe('jdbc to SQLite: upserts', () => {
  it('upsertKeys replaces the rows whose keys exist and inserts the others; the created table has the key as primary key', () => {
    write({ dbtable: 'totals', upsertKeys: 'word' }, 'append', counts, [['spark', 2], ['kafka', 1]]);
    write({ dbtable: 'totals', upsertKeys: 'word' }, 'append', counts, [['spark', 5], ['flink', 1], ['spark', 6]]);
    expect(readAll(read({ query: 'select word, count from totals order by word' }))).toEqual([['flink', 1], ['kafka', 1], ['spark', 6]]);
    const db = sqlite();
    expect((db.prepare("select sql from sqlite_master where name = 'totals'").get() as { sql: string }).sql).toContain('PRIMARY KEY ("word")');
    db.close();
  });

  it('upsertKeys on a table without a unique index on them says how to add one; nothing is written', () => {
    write({ dbtable: 'counts' }, 'error', counts, [['spark', 2]]);
    const e = sparkError(() => write({ dbtable: 'counts', upsertKeys: 'word' }, 'append', counts, [['spark', 5]]));
    expect(e.errorClass).toBe('FAILED_JDBC.WRITE');
    expect(e.message).toContain('CREATE UNIQUE INDEX');
    expect(readAll(read({ dbtable: 'counts' }))).toEqual([['spark', 2]]);
  });
});

describe('jdbc to SQLite: bad input', () => {
  it('a value that does not fit a STRICT table\'s column fails the whole save, which leaves the table unchanged', () => {
    const db = new Database(file);
    db.exec('CREATE TABLE strict_counts (word TEXT, count INTEGER) STRICT');
    db.close();
    const wrong = new StructType([new StructField('word', new StringType()), new StructField('count', new StringType())]);
    const e = sparkError(() => write({ dbtable: 'strict_counts' }, 'append', wrong, [['ok', '1'], ['bad', 'many']]));
    expect(e.code).toBe('ERR_SQL_EXECUTION');
    expect(e.errorClass).toBe('FAILED_JDBC.WRITE');
    expect(e.messageParameters.dbCode).toBe('SQLITE_CONSTRAINT_DATATYPE');
    expect(e.message).toContain('cast the DataFrame column');
    expect(readAll(read({ dbtable: 'strict_counts' }))).toEqual([]);
  });

  it('a file in a directory that does not exist cannot be opened, and the message says why', () => {
    url = `jdbc:sqlite:${join(dir, 'no', 'such', 'dir', 'x.db')}`;
    const e = sparkError(() => write({ dbtable: 'counts' }, 'error', counts, [['a', 1]]));
    expect(e.errorClass).toBe('FAILED_JDBC.CONNECT');
    expect(e.message).toContain('check that its directory exists');
  });

  it('a value the column type cannot hold on read names the column and the customSchema way out', () => {
    const db = new Database(file);
    db.exec("CREATE TABLE loose (n INTEGER); INSERT INTO loose VALUES (1), ('many')");
    db.close();
    const scan = read({ dbtable: 'loose' });
    const e = sparkError(() => readAll(scan));
    expect(e.message).toContain('column n of loose: "many" is not a valid int');
    expect(e.message).toContain('.option("customSchema", "n STRING")');
    expect(readAll(read({ dbtable: 'loose', customSchema: 'n STRING' }))).toEqual([['1'], ['many']]);
  });

  it.each([
    [{}, spark35.sqlite.noUrl.message],
    [{ url: 'jdbc:sqlite:x.db', query: 'select 1' }, spark35.sqlite.queryWrite.message],
    [{ url: 'jdbc:mysql://localhost/x', dbtable: 't' }, 'option "url": tspark\'s jdbc source speaks to SQLite and PostgreSQL'],
    [{ url: 'jdbc:sqlite:x.db', dbtable: 't', batchsize: 0 }, 'requirement failed: Invalid value `0` for parameter `batchsize`. The minimum value is 1.'],
    [{ url: 'jdbc:sqlite:x.db', dbtable: 't', nope: 1 }, 'jdbc: unknown option "nope"'],
  ])('checks the write options at the boundary: %j', (options, message) => {
    const e = sparkError(() => jdbcSource.write!(writeRequest('jdbc', 'append', options), partitionsOf(counts, [])));
    expect(e.code).toBe('ERR_SQL_ARGUMENT');
    expect(e.message.startsWith(message)).toBe(true);
  });

  it('checks the read options with Spark\'s messages', () => {
    const p = spark35.sqlite;
    expect(sparkError(() => read({ dbtable: 't', query: 'select 1' })).message).toBe(p.bothTableAndQuery.message);
    expect(sparkError(() => read({})).message).toBe(p.neitherTableNorQuery.message);
    expect(sparkError(() => read({ dbtable: 't', partitionColumn: 'i', lowerBound: 0, numPartitions: 2 })).message).toBe(p.partitionedRead.message);
  });
});

describe('jdbc from SQLite: queries and partitions', () => {
  const numbers = new StructType([new StructField('id', new IntegerType()), new StructField('name', new StringType())]);
  const rows = Array.from({ length: 10 }, (_, i) => [i + 1, `n${i + 1}`]);

  it('reads a query\'s result with the schema of its columns', () => {
    write({ dbtable: 'numbers' }, 'error', numbers, rows);
    const scan = read({ query: 'select id * 2 as twice, name from numbers where id <= 3 order by id' });
    expect(scan.schema.simpleString()).toBe('struct<twice:bigint,name:string>');
    expect(readAll(scan)).toEqual([[2, 'n1'], [4, 'n2'], [6, 'n3']]);
  });

  it('splits a read by partitionColumn with Spark\'s strides and reads every row once', () => {
    write({ dbtable: 'numbers' }, 'error', [numbers][0]!, [...rows, [null, 'none']]);
    const scan = read({ dbtable: 'numbers', partitionColumn: 'id', lowerBound: 1, upperBound: 8, numPartitions: 3 });
    expect(scan.numPartitions).toBe(3);
    expect(scan.describe()).toBe('JDBCRelation(numbers) [numPartitions=3]');
    const parts = Array.from({ length: 3 }, (_, p) => {
      const got: unknown[] = [];
      scan.readPartition(p, (r) => got.push(r[0]));
      return got.sort((a, b) => Number(a ?? -1) - Number(b ?? -1));
    });
    // stride = 8/3 - 1/3 = 2 (truncated): id < 3 or null | 3 <= id < 5 | id >= 5.
    expect(parts).toEqual([[null, 1, 2], [3, 4], [5, 6, 7, 8, 9, 10]]);
  });

  it('a string partition column is Spark\'s error', () => {
    write({ dbtable: 'numbers' }, 'error', numbers, rows);
    const e = sparkError(() => read({ dbtable: 'numbers', partitionColumn: 'name', lowerBound: 0, upperBound: 10, numPartitions: 2 }));
    expect(e.errorClass).toBe('_LEGACY_ERROR_TEMP_1287');
    expect(e.message).toBe(spark35.sqlite.badPartitionColumn.message);
  });

  it('a table that does not exist fails at load() with the database\'s message', () => {
    const e = sparkError(() => read({ dbtable: 'no_such_table' }));
    expect(e.errorClass).toBe('FAILED_JDBC.LOAD_TABLE');
    expect(e.message).toContain('no such table: no_such_table');
  });
});
