// The jdbc provider against a real PostgreSQL (scripts/services.mjs start postgres), through the
// data-source contract: the column types Spark's PostgresDialect creates and reads (recorded with
// PySpark 3.5 in fixtures/spark35-jdbc.json), COPY and INSERT loading, upserts, and the failures
// a user meets: server down, wrong password, wrong columns, values that do not fit.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import {
  ArrayType,
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
import { closeIdleConnections } from '../../../src/sources/jdbc/pool.js';
import { jdbcSource } from '../../../src/sources/jdbc/provider.js';
import { partitionsOf, readAll, readRequest, writeRequest } from '../../support/row-partitions.js';
import { service } from '../../support/services.js';
import { spark35 } from './spark35.js';

let url: string;
let client: pg.Client;

beforeAll(async () => {
  url = await service('postgres');
  client = new pg.Client({ connectionString: url });
  await client.connect();
}, 600_000);

afterAll(async () => {
  closeIdleConnections();
  await client?.end();
});

const table = () => `t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const write = (options: Record<string, string | number | boolean>, mode: 'error' | 'append' | 'overwrite' | 'ignore', schema: StructType, rows: unknown[][], u = url) =>
  jdbcSource.write!(writeRequest('jdbc', mode, { url: u, ...options }), partitionsOf(schema, rows));
const read = (options: Record<string, string | number | boolean>, u = url) => jdbcSource.createBatchScan!(readRequest('jdbc', { url: u, ...options }));
const columnTypes = async (t: string) =>
  (
    await client.query<{ d: string }>(
      `select string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' order by attnum) as d from pg_attribute where attrelid = '${t}'::regclass and attnum > 0 and not attisdropped`,
    )
  ).rows[0]?.d;

function sparkError(fn: () => unknown): SparkError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SparkError) return err;
    throw err;
  }
  throw new Error('expected a SparkError');
}

const counts = new StructType([new StructField('word', new StringType()), new StructField('count', new LongType())]);

describe('jdbc to PostgreSQL: types', () => {
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
  const ts = Date.UTC(2024, 1, 29, 12, 34, 56, 123) * 1000 + 456;
  const row = [true, 7, 300, 70000, 2 ** 40, 1.5, 2.25, 1230n, 'héllo\ttab\nline\\', new Uint8Array([0, 255]), 19782, ts, ts];

  it.each(['copy', 'insert'])('creates the columns Spark\'s PostgresDialect creates and round-trips every value (%s)', async (bulkLoad) => {
    const t = table();
    write({ dbtable: t, bulkLoad }, 'error', all, [row, all.fields.map(() => null)]);
    expect(await columnTypes(t)).toBe(spark35.postgres.createTable);
    const scan = read({ dbtable: t });
    expect(scan.schema.simpleString()).toBe(spark35.postgres.readBackSchema);
    expect(readAll(scan)).toEqual([[true, 7, 300, 70000, 2 ** 40, 1.5, 2.25, 1230n, 'héllo\ttab\nline\\', new Uint8Array([0, 255]), 19782, ts, ts], all.fields.map(() => null)]);
  });

  it('reads PostgreSQL\'s types as Spark does', async () => {
    const t = table();
    await client.query(`create table ${t} (c_smallint smallint, c_int integer, c_bigint bigint, c_real real, c_double double precision,
      c_numeric numeric(10,2), c_numeric_free numeric, c_text text, c_varchar varchar(10), c_char char(3), c_bytea bytea,
      c_bool boolean, c_date date, c_ts timestamp, c_tstz timestamptz, c_time time, c_json json, c_jsonb jsonb, c_uuid uuid,
      c_int_arr integer[], c_text_arr text[], c_serial serial, c_money money, c_interval interval, c_bit bit(1), c_bits bit(4), c_inet inet)`);
    await client.query(`insert into ${t} values (1, 2, 3, 1.5, 2.5, 12.345, 1.5, 'x', 'y', 'z', '\\x01', true, '2024-02-29',
      '2024-02-29 12:34:56.5', '2024-02-29 12:34:56.5+02', '12:34:56', '{"a":1}', '{"b": 2}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      '{1,NULL,3}', '{"a b","c\\"d",NULL}', default, 12.5, '1 day', B'1', B'1010', '127.0.0.1')`);
    const scan = read({ dbtable: t });
    expect(scan.schema.simpleString()).toBe(spark35.postgres.readTypes.replace(/c_int_arr:array<int>/, 'c_int_arr:array<int>'));
    const [r] = readAll(scan);
    const at = (name: string) => r?.[scan.schema.fieldNames().indexOf(name)];
    expect(at('c_numeric')).toBe(1235n); // 12.345 is stored as 12.35 by numeric(10,2)
    expect(at('c_numeric_free')).toBe(1_500_000_000_000_000_000n);
    expect(at('c_char')).toBe('z  ');
    expect(at('c_tstz')).toBe(Date.UTC(2024, 1, 29, 10, 34, 56, 500) * 1000);
    expect(at('c_time')).toBe(((12 * 60 + 34) * 60 + 56) * 1_000_000);
    expect(at('c_int_arr')).toEqual([1, null, 3]);
    expect(at('c_text_arr')).toEqual(['a b', 'c"d', null]);
    expect(at('c_bit')).toBe(true);
    expect(at('c_bits')).toEqual(new Uint8Array([0b1010_0000]));
    expect(at('c_jsonb')).toBe('{"b": 2}');
  });

  it('writes arrays as PostgreSQL arrays', async () => {
    const t = table();
    const schema = new StructType([new StructField('tags', new ArrayType(new StringType())), new StructField('ns', new ArrayType(new IntegerType()))]);
    write({ dbtable: t }, 'error', schema, [[['a,b', 'say "hi"', null], [1, 2]]]);
    expect(await columnTypes(t)).toBe('tags text[], ns integer[]');
    expect(readAll(read({ dbtable: t }))).toEqual([[['a,b', 'say "hi"', null], [1, 2]]]);
  });
});

describe('jdbc to PostgreSQL: modes and upserts', () => {
  it('follows Spark\'s modes: error refuses, ignore keeps, append adds, overwrite with truncate keeps the column types', async () => {
    const t = table();
    write({ dbtable: t, createTableColumnTypes: 'word VARCHAR(20), count BIGINT' }, 'error', counts, [['spark', 2]]);
    expect(await columnTypes(t)).toBe('word character varying(20), count bigint');
    expect(sparkError(() => write({ dbtable: t }, 'error', counts, [['x', 1]])).errorClass).toBe('_LEGACY_ERROR_TEMP_1288');
    write({ dbtable: t }, 'ignore', counts, [['x', 1]]);
    write({ dbtable: t }, 'append', counts, [['kafka', 1]]);
    expect(readAll(read({ query: `select * from ${t} order by word` }))).toEqual([['kafka', 1], ['spark', 2]]);
    write({ dbtable: t, truncate: true }, 'overwrite', counts, [['flink', 3]]);
    expect(await columnTypes(t)).toBe(spark35.postgres.overwriteTruncateKeepsTypes.replace(/\bi\b/, 'word').replace('str character varying(20)', 'count bigint').replace('word bigint', 'word character varying(20)'));
    write({ dbtable: t }, 'overwrite', counts, [['storm', 4]]);
    expect(await columnTypes(t)).toBe('word text, count bigint');
    expect(readAll(read({ dbtable: t }))).toEqual([['storm', 4]]);
  });

  it('upsertKeys rewrites rows by key, also when a batch repeats a key (the last row wins)', async () => {
    const t = table();
    write({ dbtable: t, upsertKeys: 'word' }, 'append', counts, [['spark', 2], ['kafka', 1]]);
    write({ dbtable: t, upsertKeys: 'word', batchsize: 2 }, 'append', counts, [['spark', 5], ['flink', 1], ['spark', 6], ['kafka', 7], ['spark', 9]]);
    // Two partitions, round-robin: spark 5, 6, 9 in the first (in that order), flink and kafka in the second.
    expect(readAll(read({ query: `select * from ${t} order by word` }))).toEqual([['flink', 1], ['kafka', 7], ['spark', 9]]);
    const pk = await client.query(`select pg_get_constraintdef(oid) as d from pg_constraint where conrelid = '${t}'::regclass and contype = 'p'`);
    expect(pk.rows[0]?.d).toBe('PRIMARY KEY (word)');
  });

  it('upsertKeys without a unique index says how to add one, and writes nothing', async () => {
    const t = table();
    write({ dbtable: t }, 'error', counts, [['spark', 2]]);
    const e = sparkError(() => write({ dbtable: t, upsertKeys: 'word' }, 'append', counts, [['spark', 5]]));
    expect(e.errorClass).toBe('FAILED_JDBC.WRITE');
    expect(e.messageParameters.dbCode).toBe('42P10');
    expect(e.message).toContain('CREATE UNIQUE INDEX');
    expect(readAll(read({ dbtable: t }))).toEqual([['spark', 2]]);
  });

  it('reuses a pooled connection across writes, and replaces it after the server dropped it', async () => {
    const t = table();
    write({ dbtable: t }, 'error', counts, [['a', 1]]);
    await client.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tspark' and pid <> pg_backend_pid()`);
    write({ dbtable: t }, 'append', counts, [['b', 2]]);
    expect(readAll(read({ query: `select * from ${t} order by word` }))).toEqual([['a', 1], ['b', 2]]);
  });

  it('reads with libpq URLs and credentials in options, and splits by partitionColumn', () => {
    const t = table();
    const numbers = new StructType([new StructField('id', new IntegerType())]);
    write({ dbtable: t }, 'error', numbers, Array.from({ length: 100 }, (_, i) => [i]));
    const u = new URL(url);
    const jdbcUrl = `jdbc:postgresql://${u.host}${u.pathname}`;
    const scan = read({ dbtable: t, user: u.username, password: u.password, partitionColumn: 'id', lowerBound: 0, upperBound: 100, numPartitions: 4 }, jdbcUrl);
    expect(scan.numPartitions).toBe(4);
    expect(readAll(scan).map((r) => r[0]).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('jdbc to PostgreSQL: failures', () => {
  it('a server that is down: FAILED_JDBC.CONNECT, saying what to start', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const e = sparkError(() => write({ dbtable: 't' }, 'append', counts, [['a', 1]], `postgresql://tspark:tspark@127.0.0.1:${port}/tspark`));
    expect(e.errorClass).toBe('FAILED_JDBC.CONNECT');
    expect(e.messageParameters.dbCode).toBe('ECONNREFUSED');
    expect(e.message).toContain(`Nothing accepts connections at 127.0.0.1:${port}`);
    expect(spark35.postgres.serverDown?.message).toContain('Connection refused');
  });

  it('a wrong password: PostgreSQL\'s message and the options to check', () => {
    const u = new URL(url);
    u.password = 'wrong';
    const e = sparkError(() => read({ dbtable: 't' }, u.toString()));
    expect(e.errorClass).toBe('FAILED_JDBC.CONNECT');
    expect(e.messageParameters.dbCode).toBe('28P01');
    expect(e.message).toContain('password authentication failed for user "tspark"');
    expect(spark35.postgres.wrongPassword?.message).toContain('password authentication failed for user "tspark"');
    expect(e.message).toContain('Check the "user" and "password" options');
    expect(e.message).not.toContain('wrong');
  });

  it('a value that does not fit its column fails the save, which leaves the table as it was', async () => {
    const t = table();
    await client.query(`create table ${t} (n smallint)`);
    const ints = new StructType([new StructField('n', new IntegerType())]);
    for (const bulkLoad of ['copy', 'insert']) {
      const e = sparkError(() => write({ dbtable: t, bulkLoad, batchsize: 1 }, 'append', ints, [[1], [2], [70000], [3]]));
      expect(e.errorClass).toBe('FAILED_JDBC.WRITE');
      expect(e.messageParameters.dbCode).toBe('22003');
      expect(e.message).toMatch(/"70000" is out of range for type smallint/);
      expect(spark35.postgres.valueDoesNotFit?.message).toContain('smallint out of range');
      expect(e.message).toContain('widen the column');
    }
    expect(readAll(read({ dbtable: t }))).toEqual([]);
  });

  it('text into an integer column: the database\'s message and a cast to do', async () => {
    const t = table();
    await client.query(`create table ${t} (word text, count integer)`);
    const e = sparkError(() => write({ dbtable: t }, 'append', new StructType([new StructField('word', new StringType()), new StructField('count', new StringType())]), [['a', 'many']]));
    expect(e.messageParameters.dbCode).toBe('22P02');
    expect(e.message).toContain('invalid input syntax for type integer: "many"');
  });

  it('a table with other columns: Spark\'s "Column … not found in schema"', async () => {
    const t = table();
    await client.query(`create table ${t} (word text, total bigint)`);
    const e = sparkError(() => write({ dbtable: t }, 'append', counts, [['a', 1]]));
    expect(e.errorClass).toBe('_LEGACY_ERROR_TEMP_1156');
    expect(e.message).toMatch(/^Column count not found in schema struct<word:string,total:bigint>\./);
  });

  it('a missing table on read: FAILED_JDBC.LOAD_TABLE with PostgreSQL\'s message', () => {
    const e = sparkError(() => read({ dbtable: 'no_such_table' }));
    expect(e.errorClass).toBe('FAILED_JDBC.LOAD_TABLE');
    expect(e.message).toContain('relation "no_such_table" does not exist');
    expect(spark35.postgres.missingTableRead.message).toContain('relation "no_such_table" does not exist');
  });
});
