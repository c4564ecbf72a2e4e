import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConnectClient } from '../../../src/sql/connect/client.js';
import type { Relation } from '../../../src/sql/connect/proto.js';
import { RemoteListenerBus, type RemoteListenerEvent } from '../../../src/sql/connect/listener-bus.js';
import { RemoteStreamingQuery, RemoteStreamingQueryManager } from '../../../src/sql/connect/streaming.js';
import { toProtoRelation } from '../../../src/sql/connect/translate/relations.js';
import { attr, call, lit } from '../../../src/sql/plan/build.js';
import type { LogicalPlan } from '../../../src/sql/plan/relations.js';
import { describeRemote, newClient } from './remote.js';

/** `spark.readStream.format("rate").option("rowsPerSecond", n).load()`, as Spark Connect relations. */
function rateStream(rowsPerSecond: number): Relation {
  return { read: { data_source: { format: 'rate', options: { rowsPerSecond: String(rowsPerSecond) } }, is_streaming: true } };
}

/** `.groupBy().agg(count(*) as n, sum(value) as total)` on the rate stream. */
function countAll(input: Relation): Relation {
  const call = (name: string, arg: object) => ({ unresolved_function: { function_name: name, arguments: [arg] } });
  return {
    aggregate: {
      input,
      group_type: 'GROUP_TYPE_GROUPBY',
      grouping_expressions: [],
      aggregate_expressions: [
        { alias: { expr: call('count', { unresolved_star: {} }), name: ['n'] } },
        { alias: { expr: call('sum', { unresolved_attribute: { unparsed_identifier: 'value' } }), name: ['total'] } },
      ],
    },
  };
}

/** Rows a progress report counted: Spark 4.0's JSON carries them per source. */
function inputRows(p: Record<string, unknown>): number {
  return (p['sources'] as Array<{ numInputRows: number }>).reduce((n, s) => n + s.numInputRows, 0);
}

describeRemote('Structured Streaming over Spark Connect (protocol level)', () => {
  let client: ConnectClient;
  beforeAll(() => {
    client = newClient();
  });
  afterAll(async () => {
    await client.releaseSession();
  });

  it('starts a rate-source query, reads its status and progress, and stops it', async () => {
    const name = `tspark_rate_${randomUUID().replace(/-/g, '')}`;
    const query = await RemoteStreamingQuery.start(client, {
      input: countAll(rateStream(50)),
      format: 'memory',
      query_name: name,
      output_mode: 'complete',
      processing_time_interval: '200 milliseconds',
    });
    const manager = new RemoteStreamingQueryManager(client);
    try {
      expect(query.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(query.runId).toMatch(/^[0-9a-f-]{36}$/);
      expect(query.name).toBe(name);
      // Spark sends the started event only to sessions with a listener bus (see the listener test).
      expect(query.startedEvent).toBeUndefined();
      expect(await query.isActive()).toBe(true);
      expect((await manager.active()).map((q) => q.id)).toContain(query.id);
      expect((await manager.get(query.id))?.runId).toBe(query.runId);

      // Wait (on the server) until batches with rows have run; no client-side sleeping.
      for (let i = 0; i < 50; i++) {
        await query.processAllAvailable();
        const rows = (await query.recentProgress()).reduce((n, p) => n + inputRows(p), 0);
        if (rows > 0) break;
      }
      const status = await query.status();
      expect(status.isActive).toBe(true);
      expect(typeof status.message).toBe('string');
      const last = await query.lastProgress();
      expect(last).toMatchObject({ id: query.id, runId: query.runId, name });
      expect(last!['batchId']).toEqual(expect.any(Number));
      expect(last!['sources']).toEqual([expect.objectContaining({ description: expect.stringContaining('RateStreamV2') })]);
      expect(last!['sink']).toEqual(expect.objectContaining({ description: expect.stringContaining('MemorySink') }));
      expect(await query.explain()).toContain('== Physical Plan ==');
      expect(await query.exception()).toBeNull();
      expect(await query.awaitTermination(1)).toBe(false);
      await expect(query.awaitTermination(0)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    } finally {
      await query.stop();
    }
    expect(await query.isActive()).toBe(false);
    expect(await query.awaitTermination(1)).toBe(true);
    expect((await manager.active()).map((q) => q.id)).not.toContain(query.id);

    // The memory sink holds what the batches counted: the rows the progress reports say came in,
    // and the sum of 0..n-1 (the rate source's values).
    const progress = await query.recentProgress();
    const input = progress.reduce((n, p) => n + inputRows(p), 0);
    const { rows } = await client.sql(`select n, total from ${name}`);
    expect(rows.length).toBe(1);
    const [n, total] = rows[0]! as [number, number];
    expect(n).toBeGreaterThan(0);
    expect(n).toBe(input);
    expect(total).toBe((n * (n - 1)) / 2);
  });

  it('a failing query: awaitTermination throws Spark\'s error, exception() reports it', async () => {
    // assert_true fails the first batch that has rows.
    const failing: Relation = {
      project: {
        input: rateStream(100),
        expressions: [{ expression_string: { expression: "assert_true(value < 0, 'tspark: value was not negative')" } }],
      },
    };
    const query = await RemoteStreamingQuery.start(client, { input: failing, format: 'memory', query_name: `tspark_fail_${randomUUID().replace(/-/g, '')}`, output_mode: 'append' });
    const e = await query.awaitTermination(60_000).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_STREAM_FAILED' });
    expect((e as Error).message).toContain('tspark: value was not negative');
    expect((e as Error).message).not.toContain('\n');
    const failure = await query.exception();
    expect(failure?.message).toContain('tspark: value was not negative');
    expect(await query.isActive()).toBe(false);
  });

  it('a query on a stream the server cannot start fails at start with Spark\'s error', async () => {
    const e = await RemoteStreamingQuery.start(client, {
      input: { read: { data_source: { format: 'no-such-format' }, is_streaming: true } },
      format: 'memory',
      query_name: 'tspark_never',
    }).catch((x: unknown) => x);
    expect(e).toMatchObject({ errorClass: 'DATA_SOURCE_NOT_FOUND' });
    expect((e as Error).message).toMatch(/^\[DATA_SOURCE_NOT_FOUND\] Failed to find the data source: no-such-format\./);
  });

  it('runs a translated tspark plan: rate → withWatermark → windowed count, with the watermark in its progress', async () => {
    const window = { kind: 'alias', child: call('window', attr('timestamp'), lit('1 second')), names: ['w'] } as const;
    const plan: LogicalPlan = {
      kind: 'aggregate',
      groupType: 'groupBy',
      grouping: [window],
      aggregates: [window, { kind: 'alias', child: call('count', lit(1)), names: ['n'] }],
      input: {
        kind: 'withWatermark',
        eventTime: 'timestamp',
        delay: '1 second',
        input: { kind: 'read', format: 'rate', options: { rowsPerSecond: '20', numPartitions: '1' }, paths: [], isStreaming: true },
      },
    };
    const name = `tspark_windowed_${randomUUID().replace(/-/g, '')}`;
    // One state partition keeps each stateful batch cheap on a small machine.
    await client.configSet({ 'spark.sql.shuffle.partitions': '1' });
    const query = await RemoteStreamingQuery.start(client, { input: toProtoRelation(plan), format: 'memory', query_name: name, output_mode: 'update', processing_time_interval: '500 milliseconds' });
    try {
      // Spark also runs no-data batches to move the watermark, so look over all recent reports.
      const withRows = async () => (await query.recentProgress()).filter((p) => inputRows(p) > 0);
      // Not processAllAvailable: a rate source has new rows whenever a batch takes over a second
      // (a loaded machine), so "all available" may never come. Wait on the query instead.
      for (let i = 0; i < 40 && (await withRows()).length === 0; i++) await query.awaitTermination(2000);
      const last = (await withRows()).pop()!;
      expect(last['eventTime']).toEqual(expect.objectContaining({ watermark: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }));
      const { rows, schema } = await client.sql(`select w.start, n from ${name}`);
      expect(schema.fieldNames()).toEqual(['start', 'n']);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await query.stop();
      await client.configUnset(['spark.sql.shuffle.partitions']);
    }
  }, 90_000);

  it('receives the listener events of a query (progress, then terminated) until the bus is closed', async () => {
    const events: RemoteListenerEvent[] = [];
    const waiters: Array<() => void> = [];
    const bus = await RemoteListenerBus.open(client, (e) => {
      events.push(e);
      for (const w of waiters.splice(0)) w();
    });
    const until = async (ok: () => boolean): Promise<void> => {
      while (!ok()) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    const query = await RemoteStreamingQuery.start(client, {
      input: countAll(rateStream(10)),
      format: 'memory',
      query_name: `tspark_events_${randomUUID().replace(/-/g, '')}`,
      output_mode: 'complete',
    });
    // With the bus registered, Spark reports QueryStartedEvent in the start result.
    expect(query.startedEvent).toEqual(expect.objectContaining({ id: query.id, runId: query.runId }));
    const ofQuery = (e: RemoteListenerEvent): boolean =>
      (e.type === 'progress' ? (e.event['progress'] as Record<string, unknown>)['id'] : e.event['id']) === query.id;
    try {
      await until(() => events.some((e) => e.type === 'progress' && ofQuery(e)));
      const progress = events.find((e) => e.type === 'progress' && ofQuery(e))!;
      expect(progress.event['progress']).toEqual(expect.objectContaining({ runId: query.runId, batchId: expect.any(Number) }));
    } finally {
      await query.stop();
    }
    await until(() => events.some((e) => e.type === 'terminated' && ofQuery(e)));
    expect(events.find((e) => e.type === 'terminated' && ofQuery(e))!.event).toEqual(expect.objectContaining({ id: query.id, runId: query.runId, exception: null }));
    await bus.close();
  }, 60_000);
});
