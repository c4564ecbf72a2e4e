/**
 * textFileStream and a file larger than a JavaScript string (≥ 512 MiB): read chunk by chunk,
 * every line kept, and the other file of the same poll read too. (Before, the whole file was
 * decoded as one string, which threw, and every file of that poll was lost for good.)
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import type { PollContext } from '../../src/engine/source.js';
import { DirectorySource } from '../../src/sources/directory-source.js';

const LINE = 64 * 1024; // bytes per line, newline included
const LINES = 8200; // 8200 × 64 KiB = 537,395,200 bytes > 512 MiB
let root: string | undefined;

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('DirectorySource.text and a file of more than 512 MiB', () => {
  it('reads every line, and the other file of the same poll', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tspark-large-'));
    const dir = path.join(root, 'in');
    await (await import('node:fs/promises')).mkdir(dir);
    const src = DirectorySource.text(dir, { wallClock: () => Date.now() + 60_000 });
    const warnings: string[] = [];
    const ctx: PollContext = { clock: new ManualClock(0), status: () => undefined, warn: (m) => warnings.push(m) };
    await src.start(ctx);

    const big = path.join(dir, 'big.log');
    const fd = openSync(big, 'w');
    const line = Buffer.alloc(LINE, 'x');
    line[LINE - 1] = 0x0a;
    for (let i = 0; i < LINES; i++) {
      line.write(String(i).padStart(8, '0'), 0, 'latin1'); // each line says which it is
      writeSync(fd, line);
    }
    closeSync(fd);
    await writeFile(path.join(dir, 'small.log'), 'small\n');

    const [bigLines, smallLines, ...rest] = await src.poll(1000, ctx);
    expect(rest).toEqual([]);
    expect(smallLines).toEqual(['small']);
    expect(bigLines).toHaveLength(LINES);
    expect(bigLines?.every((l, i) => l.length === LINE - 1 && l.startsWith(String(i).padStart(8, '0')))).toBe(true);
    expect(warnings).toEqual([]);
  }, 120_000);
});
