/**
 * "Runs on a cluster", proven: the Spark Connect server of `spark-connect-cluster` (a standalone
 * master and two workers from the same pyspark install, on loopback, a token required) runs the
 * guide's windowed word count with a watermark from a real socket, and its result equals the
 * local engine's. That the work ran on the workers is read from the JVMs that ran the tasks:
 * executors (CoarseGrainedExecutorBackend), two of them, not the driver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions as F, type SparkSession } from '../../../src/sql/index.js';
import { answer, openPair, type SessionPair } from './differential.js';
import { LineServer } from './line-server.js';
import { clusterServer } from './server.js';
import { sinkTable, untilDone, WINDOWED_LINES, windowedCounts } from './windowed.js';

const found = await clusterServer();
const url = 'url' in found ? found.url : undefined;
if ('skip' in found) console.warn(`[test/sql/connect/cluster] skipping: ${found.skip}`);

describe.skipIf(url === undefined)('Structured Streaming on a standalone Spark cluster behind Spark Connect', () => {
  let pair: SessionPair;
  beforeAll(() => {
    pair = openPair('cluster', url);
  }, 120_000);
  afterAll(() => {
    pair?.stop();
  });

  it('runs on the cluster: the master is a spark:// URL and tasks run in two executors on the workers', () => {
    expect(pair.remote.conf.get('spark.master')).toMatch(/^spark:\/\/127\.0\.0\.1:\d+$/);
    // sun.java.command of the JVM that ran each task: executors name their backend and their id.
    const jvms = pair.remote
      .range(0, 64, 1, 16)
      .selectExpr("reflect('java.lang.System', 'getProperty', 'sun.java.command') AS jvm")
      .distinct()
      .collect()
      .map((r) => String(r[0]));
    expect(jvms.every((j) => j.startsWith('org.apache.spark.executor.CoarseGrainedExecutorBackend'))).toBe(true);
    const executorIds = new Set(jvms.map((j) => /--executor-id (\S+)/.exec(j)?.[1]));
    expect(executorIds.size).toBe(2);
  }, 120_000);

  it("the guide's windowed word count with a watermark from a socket: the cluster's result equals the local engine's", async () => {
    const server = new LineServer();
    const port = await server.listen();
    const total = WINDOWED_LINES.reduce((n, l) => n + l.split(' ').length - 1, 0);
    try {
      const run = async (s: SparkSession, table: string): Promise<unknown> => {
        const lines = s.readStream.format('socket').option('host', '127.0.0.1').option('port', port).load();
        const reader = server.nextReader();
        const q = windowedCounts(lines).writeStream.format('memory').queryName(table).outputMode('complete').start();
        try {
          await reader;
          server.send(WINDOWED_LINES);
          // Each word falls in two sliding windows: all have arrived when the counts sum to twice the words.
          const counted = (): boolean => Number(s.table(table).agg(F.sum('count')).collect()[0]?.[0] ?? 0) === 2 * total;
          await untilDone(q, counted);
          return answer(() => sinkTable(s, table), { ordered: false });
        } finally {
          await q.stop();
        }
      };
      const local = await run(pair.local, 'cluster_windowed_local');
      const remote = await run(pair.remote, 'cluster_windowed_remote');
      expect((remote as { ok: boolean }).ok).toBe(true);
      expect(remote).toEqual(local);
      expect((remote as { rows: unknown[] }).rows.length).toBeGreaterThan(8);
    } finally {
      server.close();
    }
  }, 240_000);
});
