import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConnectClient } from '../../../src/sql/connect/client.js';
import { SparkRemoteError } from '../../../src/sql/connect/errors.js';
import { ConnectClient as Client } from '../../../src/sql/connect/client.js';
import { describeRemote, newClient, serverUrlWith } from './remote.js';

describeRemote('ConnectClient against a real Spark Connect server', () => {
  let client: ConnectClient;
  beforeAll(async () => {
    client = newClient();
    // Timestamps below are written and read in UTC whatever the server's zone.
    await client.configSet({ 'spark.sql.session.timeZone': 'UTC' });
  });
  afterAll(async () => {
    await client.releaseSession();
  });

  it('runs SQL and returns rows with their schema', async () => {
    const r = await client.sql("select 1 as a, 'x' as b");
    expect(r.rows).toEqual([[1, 'x']]);
    expect(r.schema.fields.map((f) => [f.name, f.dataType.simpleString(), f.nullable])).toEqual([
      ['a', 'int', false],
      ['b', 'string', false],
    ]);
  });

  it('sends its session id and user: the server keeps one session per (user, session id)', async () => {
    // A fresh id each run: the server remembers released sessions and refuses their ids.
    const sessionId = randomUUID();
    const ada = Client.connect(serverUrlWith([`session_id=${sessionId}`, 'user_id=ada']));
    const ada2 = Client.connect(serverUrlWith([`session_id=${sessionId}`], undefined), { defaultUserId: 'ada' });
    const bob = Client.connect(serverUrlWith([`session_id=${sessionId}`, 'user_id=bob']));
    try {
      expect(ada.sessionId).toBe(sessionId);
      expect(ada.userContext).toEqual({ user_id: 'ada', user_name: 'ada' });
      expect(ada.clientType).toMatch(/^tspark\/\d+\.\d+\.\d+ os\/\w+ node\/\d+/);
      await ada.sql('create temporary view tspark_who as select 42 as answer');
      expect((await ada2.sql('select * from tspark_who')).rows).toEqual([[42]]);
      await expect(bob.sql('select * from tspark_who')).rejects.toMatchObject({ errorClass: 'TABLE_OR_VIEW_NOT_FOUND' });
      expect(ada.serverSideSessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(ada2.serverSideSessionId).toBe(ada.serverSideSessionId);
    } finally {
      ada2.close();
      await ada.releaseSession();
      await bob.releaseSession();
    }
  });

  it('decodes every type the Arrow path produces to the internal values a local query makes', async () => {
    const r = await client.sql(`select
      cast(1 as tinyint) t, cast(-2 as smallint) s, 2147483647 i, 9223372036854775807L l,
      cast(1.5 as float) f, 2.5d d, cast(-12.34 as decimal(10,2)) dec,
      cast('12345678901234567890.123' as decimal(38,3)) bigdec, cast(0.05 as decimal(5,3)) small,
      'héllo' st, X'00ff' bin, true bo, date'2024-02-29' dt,
      timestamp'2024-01-02 03:04:05.123456' ts, timestamp_ntz'1969-12-31 23:59:59.999' tsn,
      array(1, null, 3) arr, map('a', 1, 'b', null) m, named_struct('x', 1, 'y', array('p')) stc,
      cast(null as int) ni, null n, interval '1-2' year to month ym,
      interval '1 02:03:04.5' day to second dts`);
    expect(r.schema.fields.map((f) => `${f.name}:${f.dataType.simpleString()}`)).toEqual([
      't:tinyint', 's:smallint', 'i:int', 'l:bigint', 'f:float', 'd:double', 'dec:decimal(10,2)',
      'bigdec:decimal(38,3)', 'small:decimal(5,3)', 'st:string', 'bin:binary', 'bo:boolean', 'dt:date',
      'ts:timestamp', 'tsn:timestamp_ntz', 'arr:array<int>', 'm:map<string,int>',
      'stc:struct<x:int,y:array<string>>', 'ni:int', 'n:void',
      // tspark's types have no ANSI interval classes yet: both read as CalendarIntervalType.
      'ym:interval', 'dts:interval',
    ]);
    // src/sql/types/values.ts: long a safe number or a bigint, decimal unscaled, date in days,
    // timestamps in microseconds, struct an array, intervals { months, days, microseconds }.
    expect(r.rows).toEqual([
      [
        1, -2, 2147483647, 9223372036854775807n, 1.5, 2.5, -1234n, 12345678901234567890123n, 50n,
        'héllo', new Uint8Array([0, 255]), true, Date.UTC(2024, 1, 29) / 86_400_000,
        Date.UTC(2024, 0, 2, 3, 4, 5, 123) * 1000 + 456, -1000,
        [1, null, 3], new Map<string, number | null>([['a', 1], ['b', null]]), [1, ['p']],
        null, null, { months: 14, days: 0, microseconds: 0 }, { months: 0, days: 0, microseconds: 93_784_500_000 },
      ],
    ]);
  });

  it('keeps nulls in primitive columns and returns empty results with their schema', async () => {
    const r = await client.sql('select case when id % 2 = 0 then id end as maybe, cast(id as double) as d from range(5)');
    expect(r.rows).toEqual([[0, 0], [null, 1], [2, 2], [null, 3], [4, 4]]);
    const empty = await client.sql('select 1 as a where false');
    expect(empty.rows).toEqual([]);
    expect(empty.schema.fields.map((f) => f.name)).toEqual(['a']);
  });

  it('collects results larger than one Arrow batch in order', async () => {
    const r = await client.sql("select id, repeat('x', 100) as pad from range(100000)");
    expect(r.rows.length).toBe(100_000);
    expect(r.rows[0]).toEqual([0, 'x'.repeat(100)]);
    expect(r.rows[99_999]![0]).toBe(99_999);
    expect(r.rows.every((row, i) => row[0] === i)).toBe(true);
  });

  it('runs statements at once through SqlCommand, as spark.sql does, and returns the relation to read', async () => {
    const ddl = await client.sqlCommand('create or replace temporary view tspark_eager as select 5 as five');
    // The view exists before anything reads `ddl`.
    expect((await client.sql('select * from tspark_eager')).rows).toEqual([[5]]);
    expect((await client.collect(ddl)).rows).toEqual([]);
    const query = await client.sqlCommand('select 1 as x union all select 2');
    expect((await client.collect(query)).rows).toEqual([[1], [2]]);
    await expect(client.sqlCommand('selec 1')).rejects.toMatchObject({ code: 'ERR_SQL_PARSE', errorClass: 'PARSE_SYNTAX_ERROR' });
  });

  it('renders show() on the server, in Spark\'s exact text', async () => {
    const rel = { sql: { query: "select id, repeat('ab', cast(id as int) * 6) as s from range(3)" } };
    expect(await client.showString(rel, 2)).toBe(
      '+---+------------+\n' +
        '| id|           s|\n' +
        '+---+------------+\n' +
        '|  0|            |\n' +
        '|  1|abababababab|\n' +
        '+---+------------+\n' +
        // pyspark's show() prints this with print(), which adds the last newline.
        'only showing top 2 rows',
    );
    expect(await client.showString(rel, 1, false, true)).toBe('-RECORD 0--\n id  | 0   \n s   |     \nonly showing top 1 row');
  });

  it('answers AnalyzePlan: schema, explain, tree string, is_streaming, spark_version', async () => {
    const rel = { sql: { query: 'select id, id * 2 as twice from range(3) where id > 1' } };
    expect((await client.schema(rel)).simpleString()).toBe('struct<id:bigint,twice:bigint>');
    const simple = await client.explain(rel);
    expect(simple).toMatch(/^== Physical Plan ==\n/);
    expect(simple).toContain('Range (0, 3, step=1');
    const extended = await client.explain(rel, 'extended');
    expect(extended).toContain('== Parsed Logical Plan ==');
    expect(extended).toContain('== Optimized Logical Plan ==');
    expect(await client.treeString(rel)).toBe('root\n |-- id: long (nullable = false)\n |-- twice: long (nullable = false)\n');
    expect(await client.isStreaming(rel)).toBe(false);
    expect(await client.isStreaming({ read: { data_source: { format: 'rate' }, is_streaming: true } })).toBe(true);
    expect(await client.sparkVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gets, sets and unsets session configuration', async () => {
    expect(await client.configSet({ 'spark.tspark.test.key': 'v1' })).toEqual([]);
    expect(await client.configGet(['spark.tspark.test.key'])).toEqual(['v1']);
    // With a prefix the server returns the keys without it.
    expect((await client.configGetAll('spark.tspark.test.')).get('key')).toBe('v1');
    await client.configUnset(['spark.tspark.test.key']);
    expect(await client.configGetOption(['spark.tspark.test.key'])).toEqual([undefined]);
    const e = await client.configGet(['spark.tspark.test.key']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SparkRemoteError);
    expect(e).toMatchObject({ code: 'ERR_SQL_ANALYSIS', errorClass: 'SQL_CONF_NOT_FOUND' });
  });

  it('reports an unresolved column with Spark\'s error class, SQLSTATE and parameters in one line', async () => {
    const e = (await client.sql('select nope from range(1)').catch((x: unknown) => x)) as SparkRemoteError;
    expect(e).toBeInstanceOf(SparkRemoteError);
    expect(e.code).toBe('ERR_SQL_ANALYSIS');
    expect(e.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(e.sqlState).toBe('42703');
    expect(e.messageParameters).toEqual({ objectName: '`nope`', proposal: '`id`' });
    expect(e.message).toMatch(/^\[UNRESOLVED_COLUMN\.WITH_SUGGESTION\] A column, variable, or function parameter with name `nope` cannot be resolved\. Did you mean one of the following\? \[`id`\]\./);
    expect(e.message).not.toContain('\n');
    expect(e.exceptionClass).toBe('org.apache.spark.sql.catalyst.ExtendedAnalysisException');
    // FetchErrorDetails filled in the server's stack trace.
    expect(e.serverStackTrace).toContain('at org.apache.spark.sql');
  });

  it('reports a syntax error as PARSE_SYNTAX_ERROR with its position', async () => {
    const e = (await client.sql('selec 1').catch((x: unknown) => x)) as SparkRemoteError;
    expect(e).toMatchObject({ code: 'ERR_SQL_PARSE', errorClass: 'PARSE_SYNTAX_ERROR', sqlState: '42601' });
    expect(e.message).toBe("[PARSE_SYNTAX_ERROR] Syntax error at or near 'selec'. SQLSTATE: 42601 (line 1, pos 0)");
    expect(e.serverMessage).toContain('== SQL ==\nselec 1\n^^^');
  });

  it('reports a runtime failure as an execution error with its class', async () => {
    const e = (await client.sql('select 1 / 0').catch((x: unknown) => x)) as SparkRemoteError;
    expect(e).toMatchObject({ code: 'ERR_SQL_EXECUTION', errorClass: 'DIVIDE_BY_ZERO', sqlState: '22012' });
    expect(e.message).toMatch(/^\[DIVIDE_BY_ZERO\] Division by zero\./);
  });

  it('interrupts a running query by tag, and by AbortSignal', async () => {
    const long = { sql: { query: 'select sum(id) from range(0, 100000000000L)' } };
    const { responses } = client.executePlan({ root: long }, { tags: ['tspark-long'] });
    // The first response means the server registered the operation.
    const first = await responses.next();
    expect(first.done).toBe(false);
    const interrupted = await client.interrupt({ tag: 'tspark-long' });
    expect(interrupted.length).toBe(1);
    const e = await (async () => {
      for await (const _ of responses) void _;
    })().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_CONNECT_INTERRUPTED' });

    const controller = new AbortController();
    const run = client.executePlan({ root: long }, { signal: controller.signal });
    await run.responses.next();
    controller.abort();
    const e2 = await (async () => {
      for await (const _ of run.responses) void _;
    })().catch((x: unknown) => x);
    expect(e2).toMatchObject({ code: 'ERR_CONNECT_INTERRUPTED' });
    // The session is still usable.
    expect((await client.sql('select 2')).rows).toEqual([[2]]);
  });

  it('ends the session with ReleaseSession: its temp views are gone, and the client refuses more work', async () => {
    const c = newClient();
    await c.sql('create temporary view tspark_v as select 1 as a');
    expect((await c.sql('select * from tspark_v')).rows).toEqual([[1]]);
    const sessionId = c.sessionId;
    await c.releaseSession();
    await expect(c.sql('select 1')).rejects.toMatchObject({ code: 'ERR_CONNECT_SESSION_CLOSED' });
    // Coming back with the same session id: the server says the session is closed.
    const reuse = Client.connect(serverUrlWith([`session_id=${sessionId}`]));
    const e = await reuse.sql('select 1').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_CONNECT_SESSION_CLOSED', errorClass: 'INVALID_HANDLE.SESSION_CLOSED' });
    expect((e as Error).message).not.toContain('\n');
    reuse.close();
  });
});
