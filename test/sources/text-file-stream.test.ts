import { mkdtemp, mkdir, rm, writeFile, rename, utimes, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { StreamingContext } from '../../src/engine/streaming-context.js';
import type { RDD } from '../../src/engine/rdd/rdd.js';
import { SparkContext } from '../../src/engine/spark-context.js';
import { waitFor } from '../support/wait.js';

let root: string;
let dir: string;
let staging: string;
let ssc: StreamingContext | undefined;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tspark-tfs-'));
  dir = path.join(root, 'in');
  staging = path.join(root, 'staging');
  await mkdir(dir);
  await mkdir(staging);
});
afterEach(async () => {
  ssc?.stop(true);
  ssc = undefined;
  await rm(root, { recursive: true, force: true });
});

function context() {
  const clock = new ManualClock(0);
  const messages: string[] = [];
  ssc = new StreamingContext(new SparkContext('local[2]', 'tfs-test'), 1, { clock, out: () => undefined, err: (t) => messages.push(t) });
  return { ssc, clock, messages };
}

/** Waits until the source has listed the directory as it was at start: files made after that are new. */
async function watching(ssc: StreamingContext): Promise<void> {
  await waitFor(() => ssc.sources()[0]?.state === 'connected', 'the directory to be watched');
}

/** Writes `text` in staging with a modification time 10 minutes ago, then moves it into the watched directory. */
async function moveIn(name: string, text: string | Uint8Array): Promise<void> {
  const from = path.join(staging, name);
  await writeFile(from, text);
  const old = new Date(Date.now() - 600_000);
  await utimes(from, old, old);
  await rename(from, path.join(dir, name));
}

describe('ssc.textFileStream through the engine', () => {
  it('reads a moved-in file in the batch that finds it, and a file written in place once it has stopped changing', async () => {
    await writeFile(path.join(dir, 'before-start.txt'), 'ignored\n');
    const { ssc, clock } = context();
    const batches: string[][] = [];
    ssc.textFileStream(dir, { quietMs: 60_000 }).foreachRDD((rdd: RDD<string>) => {
      batches.push(rdd.collect());
    });
    ssc.start();
    await watching(ssc);
    await clock.advance(1000); // batch 1: nothing new

    await moveIn('moved.txt', 'hello world\nhello files\n');
    await writeFile(path.join(dir, 'in-place.txt'), 'first half');
    await clock.advance(1000); // batch 2: the moved file; the fresh in-place file waits
    await appendFile(path.join(dir, 'in-place.txt'), ' and the rest\n');
    await clock.advance(1000); // batch 3: it changed since batch 2: waits again
    await clock.advance(1000); // batch 4: unchanged for a batch: read
    await clock.advance(1000); // batch 5: nothing is read twice

    expect(batches).toEqual([[], ['hello world', 'hello files'], [], ['first half and the rest'], []]);
    expect(ssc.sources()[0]).toMatchObject({ name: `textFileStream ${dir}`, recordsReceived: 3 });
  });

  it('counts words across files, one partition per file', async () => {
    const { ssc, clock } = context();
    const results: Array<Array<[string, number]>> = [];
    const partitions: number[] = [];
    const lines = ssc.textFileStream(dir);
    lines.foreachRDD((rdd: RDD<string>) => {
      partitions.push(rdd.getNumPartitions());
    });
    lines
      .flatMap((l) => l.split(' '))
      .map((w): [string, number] => [w, 1])
      .reduceByKey((a, b) => a + b)
      .foreachRDD((rdd: RDD<[string, number]>) => {
        results.push(rdd.collect().sort(([a], [b]) => (a < b ? -1 : 1)));
      });
    ssc.start();
    await watching(ssc);
    await moveIn('a.txt', 'to be or\n');
    await moveIn('b.txt', 'not to be\n');
    await clock.advance(1000);
    expect(results).toEqual([
      [
        ['be', 2],
        ['not', 1],
        ['or', 1],
        ['to', 2],
      ],
    ]);
    expect(partitions).toEqual([2]);
  });

  it('fails at creation with ERR_PATH_NOT_FOUND when the directory does not exist', () => {
    const { ssc } = context();
    expect(() => ssc.textFileStream(path.join(root, 'missing'))).toThrow(expect.objectContaining({ code: 'ERR_PATH_NOT_FOUND' }));
  });

  it('reports a file that cannot be read and goes on with the others', async () => {
    const { ssc, clock, messages } = context();
    const batches: string[][] = [];
    ssc.textFileStream(dir).foreachRDD((rdd: RDD<string>) => {
      batches.push(rdd.collect());
    });
    ssc.start();
    await watching(ssc);
    const { symlink } = await import('node:fs/promises');
    await symlink('loop', path.join(dir, 'loop'));
    await moveIn('ok.txt', 'fine\n');
    await clock.advance(1000);
    expect(batches).toEqual([['fine']]);
    expect(messages.join('')).toContain('cannot read file loop');
  });
});

describe('ssc.binaryRecordsStream through the engine', () => {
  it('gives fixed-length Uint8Array records and reports a file with a partial record', async () => {
    const { ssc, clock, messages } = context();
    const batches: number[][][] = [];
    ssc.binaryRecordsStream(dir, 2).foreachRDD((rdd: RDD<Uint8Array>) => {
      batches.push(rdd.collect().map((r) => [...r]));
    });
    ssc.start();
    await watching(ssc);
    await moveIn('r.bin', Uint8Array.from([1, 2, 3, 4, 5]));
    await clock.advance(1000);
    expect(batches).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(messages.join('')).toContain('its 5 bytes are not a multiple of recordLength 2; read 2 records and skipped the last 1 byte');
  });
});
