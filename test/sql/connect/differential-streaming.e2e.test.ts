/**
 * The differential suite, Structured Streaming part: the same streaming programs, written once
 * against the public API, run on the local engine and on the real Spark Connect server, each into
 * a memory sink; once both have processed everything, the two sink tables must agree. File
 * sources (JSON lines in a directory both read) make the input identical and complete; a socket
 * program (the guide's windowed count with a watermark, event times in the lines) reads the same
 * lines from a real loopback server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { functions as F, type DataFrame, type SparkSession } from '../../../src/sql/index.js';
import { answer, openPair, type SessionPair } from './differential.js';
import { sinkTable, untilDone, WINDOWED_LINES, windowedCounts } from './windowed.js';
import { LineServer } from './line-server.js';
import { describeRemote } from './remote.js';

describeRemote('the same Structured Streaming programs on the local engine and on Spark (differential)', () => {
  let pair: SessionPair;
  let dir: string;
  const schema = 'ts TIMESTAMP, word STRING, n INT';

  beforeAll(() => {
    pair = openPair('differential-streaming');
    dir = mkdtempSync(join(tmpdir(), 'tspark-diffstream-'));
    const rows = (batch: number): string =>
      ['spark', 'apache', 'spark', 'kafka', 'flink', 'spark', 'apache']
        .map((word, i) => JSON.stringify({ ts: `2024-01-01T12:00:${String(batch * 10 + i).padStart(2, '0')}.000Z`, word, n: batch * 7 + i }))
        .join('\n');
    for (let b = 0; b < 3; b++) writeFileSync(join(dir, `part-${b}.json`), `${rows(b)}\n`);
  });
  afterAll(() => {
    pair?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const files = (s: SparkSession): DataFrame => s.readStream.schema(schema).json(dir);

  /** Each program: the streaming DataFrame and its output mode. */
  const programs: Record<string, { build: (s: SparkSession) => DataFrame; mode: 'append' | 'complete' }> = {
    'select and filter (append)': {
      build: (s) => {
        const d = files(s);
        return d.filter(d.col('n').mod(3).notEqual(0)).select(F.upper(d.col('word')).alias('w'), d.col('n').multiply(2).alias('n2'));
      },
      mode: 'append',
    },
    'word count (complete)': {
      build: (s) => files(s).groupBy('word').agg(F.count('*').alias('c'), F.sum('n').alias('s')),
      mode: 'complete',
    },
    'tumbling-window count with a watermark (complete)': {
      build: (s) => {
        const d = files(s);
        return d.withWatermark('ts', '30 seconds').groupBy(F.window(d.col('ts'), '10 seconds'), d.col('word')).count();
      },
      mode: 'complete',
    },
    'stream-static join (append)': {
      build: (s) => {
        const kinds = s.createDataFrame([['spark', 'engine'], ['kafka', 'log'], ['flink', 'engine']], ['word', 'kind']);
        return files(s).join(kinds, 'word').select('word', 'kind', 'n');
      },
      mode: 'append',
    },
  };

  let serial = 0;
  for (const [name, program] of Object.entries(programs)) {
    it(name, async () => {
      const table = `diff_stream_${serial++}`;
      const run = async (s: SparkSession): Promise<unknown> => {
        const q = program.build(s).writeStream.format('memory').queryName(table).outputMode(program.mode).start();
        try {
          await q.processAllAvailable();
          return answer(() => sinkTable(s, table), { ordered: false });
        } finally {
          await q.stop();
        }
      };
      const local = await run(pair.local);
      const remote = await run(pair.remote);
      expect(local).toEqual(remote);
      expect((remote as { ok: boolean }).ok).toBe(true);
    });
  }

  it("the guide's windowed word count with a watermark, from a socket (complete, into memory)", async () => {
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
          // Each word falls in two sliding windows: every word has arrived when the counts sum to twice the words.
          const counted = (): boolean => Number(s.table(table).agg(F.sum('count')).collect()[0]?.[0] ?? 0) === 2 * total;
          await untilDone(q, counted);
          return answer(() => sinkTable(s, table), { ordered: false });
        } finally {
          await q.stop();
        }
      };
      const local = await run(pair.local, 'diff_windowed_local');
      const remote = await run(pair.remote, 'diff_windowed_remote');
      expect(local).toEqual(remote);
      expect((remote as { ok: boolean }).ok).toBe(true);
    } finally {
      server.close();
    }
  });
});
