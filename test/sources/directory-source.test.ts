import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile, appendFile, rename, symlink, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import type { PollContext } from '../../src/engine/source.js';
import { DirectorySource } from '../../src/sources/directory-source.js';

let root: string;
let dir: string;
let outside: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tspark-dir-'));
  dir = path.join(root, 'in');
  outside = path.join(root, 'staging');
  await mkdir(dir);
  await mkdir(outside);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function context() {
  const warnings: string[] = [];
  const statuses: string[] = [];
  const ctx: PollContext = {
    clock: new ManualClock(0),
    status: (state, message) => statuses.push(`${state}: ${message ?? ''}`),
    warn: (m) => warnings.push(m),
  };
  return { ctx, warnings, statuses };
}

/** A wall clock the test moves: file times are compared to it. */
function wall(startMs = Date.now()) {
  let now = startMs;
  return { now: () => now, set: (ms: number) => (now = ms) };
}

async function mtime(file: string): Promise<number> {
  return (await stat(file)).mtimeMs;
}

describe('DirectorySource.text (textFileStream)', () => {
  it('fails at creation, with the path and what to do, when the directory does not exist', () => {
    const missing = path.join(root, 'nope');
    expect(() => DirectorySource.text(missing)).toThrow(
      expect.objectContaining({ code: 'ERR_PATH_NOT_FOUND', message: expect.stringMatching(/does not exist .*mkdir -p/) }),
    );
  });

  it('fails at creation when the path is a file', async () => {
    await writeFile(path.join(root, 'f.txt'), 'x');
    expect(() => DirectorySource.text(path.join(root, 'f.txt'))).toThrow(/is a file, not a directory/);
  });

  it('ignores files present at start and reads a file moved in, in the batch that finds it', async () => {
    await writeFile(path.join(dir, 'old.txt'), 'old\n');
    const clock = wall();
    const src = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx, statuses } = context();
    await src.start(ctx);
    expect(statuses).toEqual([`connected: watching ${dir} for new files`]);
    expect(await src.poll(1000, ctx)).toEqual([]);

    await writeFile(path.join(outside, 'new.txt'), 'to be\r\nor not\rto be\n');
    clock.set((await mtime(path.join(outside, 'new.txt'))) + 5000);
    await rename(path.join(outside, 'new.txt'), path.join(dir, 'new.txt'));
    expect(await src.poll(2000, ctx)).toEqual([['to be', 'or not', 'to be']]);
    expect(await src.poll(3000, ctx)).toEqual([]);
  });

  it('does not count files present at start as new when the first poll comes before start has finished', async () => {
    await writeFile(path.join(dir, 'old.txt'), 'old\n');
    const src = DirectorySource.text(dir, { wallClock: wall(Date.now() + 60_000).now });
    const { ctx } = context();
    void src.start(ctx); // the engine does not await start()
    expect(await src.poll(1000, ctx)).toEqual([]);
  });

  it('waits for a file written in place until it stops changing for a batch', async () => {
    const clock = wall();
    const src = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx } = context();
    await src.start(ctx);
    const file = path.join(dir, 'growing.txt');
    await writeFile(file, 'line 1\nline');
    clock.set(await mtime(file)); // just written
    expect(await src.poll(1000, ctx)).toEqual([]);
    await appendFile(file, ' 2\nline 3\n');
    clock.set(await mtime(file));
    expect(await src.poll(2000, ctx)).toEqual([]);
    expect(await src.poll(3000, ctx)).toEqual([['line 1', 'line 2', 'line 3']]);
  });

  it('reads a file in place once its modification time is older than quietMs', async () => {
    const clock = wall();
    const src = DirectorySource.text(dir, { wallClock: clock.now, quietMs: 500 });
    const { ctx } = context();
    await src.start(ctx);
    const file = path.join(dir, 'a.txt');
    await writeFile(file, 'a\n');
    clock.set((await mtime(file)) + 499);
    expect(await src.poll(1000, ctx)).toEqual([]);
    await writeFile(path.join(dir, 'b.txt'), 'b\n');
    clock.set((await mtime(file)) + 10_000);
    // a.txt: unchanged since the last poll; b.txt: old enough. One partition each, in name order.
    expect(await src.poll(2000, ctx)).toEqual([['a'], ['b']]);
  });

  it('ignores names starting with "." or "_" and sub-directories', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx } = context();
    await src.start(ctx);
    await writeFile(path.join(dir, '.hidden'), 'h\n');
    await writeFile(path.join(dir, '_SUCCESS'), 's\n');
    await writeFile(path.join(dir, '.part.txt.crc'), 'c\n');
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'deep.txt'), 'd\n');
    await writeFile(path.join(dir, 'seen.txt'), 'seen\n');
    expect(await src.poll(1000, ctx)).toEqual([['seen']]);
  });

  it('reads a file once, even if it is appended to later', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx } = context();
    await src.start(ctx);
    await writeFile(path.join(dir, 'f.txt'), 'one\n');
    expect(await src.poll(1000, ctx)).toEqual([['one']]);
    await appendFile(path.join(dir, 'f.txt'), 'two\n');
    expect(await src.poll(2000, ctx)).toEqual([]);
  });

  it('waits for an empty file to get data', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx, warnings } = context();
    await src.start(ctx);
    await writeFile(path.join(dir, 'touched.txt'), '');
    expect(await src.poll(1000, ctx)).toEqual([]);
    expect(await src.poll(2000, ctx)).toEqual([]);
    await writeFile(path.join(dir, 'touched.txt'), 'now\n');
    expect(await src.poll(3000, ctx)).toEqual([['now']]);
    expect(warnings).toEqual([]);
  });

  it('reports a file that cannot be read, skips it, and goes on', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx, warnings } = context();
    await src.start(ctx);
    await symlink('loop', path.join(dir, 'loop')); // a symlink to itself: ELOOP on every read
    await writeFile(path.join(dir, 'good.txt'), 'good\n');
    expect(await src.poll(1000, ctx)).toEqual([['good']]);
    expect(warnings).toEqual([`cannot read file loop in ${dir} (ELOOP); it was skipped`]);
    expect(await src.poll(2000, ctx)).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('says once that the directory went away, and again when it is back', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx, statuses, warnings } = context();
    await src.start(ctx);
    await rm(dir, { recursive: true });
    expect(await src.poll(1000, ctx)).toEqual([]);
    expect(await src.poll(2000, ctx)).toEqual([]);
    await mkdir(dir);
    await writeFile(path.join(dir, 'back.txt'), 'back\n');
    expect(await src.poll(3000, ctx)).toEqual([['back']]);
    expect(statuses.slice(1)).toEqual([
      `retrying: cannot list ${dir} (ENOENT); batches get no files from it until it is back`,
      `connected: ${dir} can be read again; watching it for new files`,
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports invalid UTF-8 and long lines in a file and keeps the lines', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.text(dir, { wallClock: clock.now, maxLineBytes: 4 });
    const { ctx, warnings } = context();
    await src.start(ctx);
    await writeFile(path.join(dir, 'bad.txt'), Buffer.from([0x61, 0xff, 0x0a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x0a]));
    expect(await src.poll(1000, ctx)).toEqual([['a\uFFFD', 'abcd']]);
    expect(warnings).toEqual([
      'file bad.txt: 1 byte sequence not valid UTF-8 became "\uFFFD" (text files must be UTF-8)',
      'file bad.txt: 1 line longer than 4 bytes cut to that length; raise the "maxLineBytes" option of textFileStream to keep longer lines',
    ]);
  });

  it('snapshots the files read so a restored stream does not read them again', async () => {
    const clock = wall(Date.now() + 60_000);
    const first = DirectorySource.text(dir, { wallClock: clock.now });
    const { ctx } = context();
    await first.start(ctx);
    await writeFile(path.join(dir, 'a.txt'), 'a\n');
    expect(await first.poll(1000, ctx)).toEqual([['a']]);
    const snap = JSON.parse(JSON.stringify(first.snapshot())) as unknown;
    await writeFile(path.join(dir, 'b.txt'), 'b\n');

    const second = DirectorySource.text(dir, { wallClock: clock.now });
    second.restore(snap);
    await second.start(ctx);
    expect(await second.poll(2000, ctx)).toEqual([['b']]);
    expect(() => second.restore({ nope: 1 })).toThrow(/cannot restore/);
  });

  it('rejects unknown and bad options by name', () => {
    expect(() => DirectorySource.text(dir, { quiet: 1 } as never)).toThrow(/textFileStream: unknown option "quiet"/);
    expect(() => DirectorySource.text(dir, { quietMs: -1 })).toThrow(/"quietMs" must be a number of milliseconds >= 0; got -1/);
  });
});

describe('DirectorySource paths, as Spark users write them', () => {
  it('watches the directories a glob matches, including ones that appear later (saveAsTextFiles output)', async () => {
    const out = path.join(root, 'out');
    await mkdir(path.join(out, 'wordcounts-1000'), { recursive: true });
    await writeFile(path.join(out, 'wordcounts-1000', 'part-00000'), 'old\n');
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.text(path.join(out, 'wordcounts-*'), { wallClock: clock.now });
    const { ctx, statuses } = context();
    await src.start(ctx);
    expect(statuses).toEqual([`connected: watching ${path.join(out, 'wordcounts-*')} for new files`]);
    await mkdir(path.join(out, 'wordcounts-2000'));
    await writeFile(path.join(out, 'wordcounts-2000', 'part-00000'), 'w1\nw2\n');
    await writeFile(path.join(out, 'wordcounts-2000', 'part-00001'), 'w3\n');
    await writeFile(path.join(out, 'wordcounts-2000', '_SUCCESS'), '');
    expect(await src.poll(1000, ctx)).toEqual([['w1', 'w2'], ['w3']]);
    expect(await src.poll(2000, ctx)).toEqual([]);
  });

  it('takes a glob of files (out/*/part-*), a comma list and file:// URLs', async () => {
    const clock = wall(Date.now() + 60_000);
    const other = path.join(root, 'other');
    await mkdir(other);
    const src = DirectorySource.text(`${path.join(root, '*', 'part-*')},file://${other}`, { wallClock: clock.now });
    const { ctx } = context();
    await src.start(ctx);
    await mkdir(path.join(root, 'job'));
    await writeFile(path.join(root, 'job', 'part-00000'), 'p\n');
    await writeFile(path.join(root, 'job', 'notes.txt'), 'not a part file\n');
    await writeFile(path.join(other, 'o.txt'), 'o\n');
    expect(await src.poll(1000, ctx)).toEqual([['p'], ['o']]);
  });

  it('refuses hdfs:// and other schemes with what it reads instead', () => {
    expect(() => DirectorySource.text('hdfs://namenode:8020/logs')).toThrow(
      expect.objectContaining({ code: 'ERR_UNSUPPORTED_SCHEME', message: expect.stringMatching(/^textFileStream: "hdfs:\/\/namenode:8020\/logs" is on hdfs:\/\/, which tspark cannot read: it reads local files only/) }),
    );
  });

  it('keeps the other files of a batch when one cannot be read', async () => {
    let calls = 0;
    const base = Date.now() + 60_000;
    // The wall clock is read between a file's stat and its read: the second time, the test
    // swaps b.txt for a directory, so reading it fails (EISDIR) after it was chosen.
    const src = DirectorySource.text(dir, {
      wallClock: () => {
        calls++;
        if (calls === 2) {
          rmSync(path.join(dir, 'b.txt'));
          mkdirSync(path.join(dir, 'b.txt'));
        }
        return base;
      },
    });
    const { ctx, warnings } = context();
    await src.start(ctx);
    await writeFile(path.join(dir, 'a.txt'), 'a\n');
    await writeFile(path.join(dir, 'b.txt'), 'b\n');
    await writeFile(path.join(dir, 'c.txt'), 'c\n');
    expect(await src.poll(1000, ctx)).toEqual([['a'], ['c']]);
    expect(warnings).toEqual([`cannot read file b.txt in ${dir} (EISDIR); it was skipped`]);
  });
});

describe('DirectorySource.binary (binaryRecordsStream)', () => {
  it('cuts each new file into records of recordLength bytes', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.binary(dir, 3, { wallClock: clock.now });
    const { ctx, warnings } = context();
    await src.start(ctx);
    await writeFile(path.join(dir, 'r.bin'), Uint8Array.from([1, 2, 3, 4, 5, 6]));
    const batch = await src.poll(1000, ctx);
    expect(batch).toEqual([[Uint8Array.from([1, 2, 3]), Uint8Array.from([4, 5, 6])]]);
    expect(batch[0]![0]).toBeInstanceOf(Uint8Array);
    expect(warnings).toEqual([]);
  });

  it('reports a file whose length is not a multiple of recordLength and keeps the whole records', async () => {
    const clock = wall(Date.now() + 60_000);
    const src = DirectorySource.binary(dir, 4, { wallClock: clock.now });
    const { ctx, warnings } = context();
    await src.start(ctx);
    await writeFile(path.join(dir, 'odd.bin'), Buffer.alloc(10, 7));
    expect(await src.poll(1000, ctx)).toEqual([[new Uint8Array(4).fill(7), new Uint8Array(4).fill(7)]]);
    expect(warnings).toEqual(['file odd.bin: its 10 bytes are not a multiple of recordLength 4; read 2 records and skipped the last 2 bytes']);
  });

  it('rejects a recordLength that is not a positive integer', () => {
    expect(() => DirectorySource.binary(dir, 0)).toThrow(/"recordLength" must be an integer number of bytes >= 1; got 0/);
    expect(() => DirectorySource.binary(dir, 2.5)).toThrow(/got 2.5/);
  });
});
