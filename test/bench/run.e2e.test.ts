/**
 * Smoke test of the benchmark suite (not a timing test): the built harness runs its small-data
 * version against a real generator process over loopback TCP, every consumer's totals are
 * checked against the generator's, and the JSON results are written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startGenerator } from '../../bench/lib/proc.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = resolve(root, 'dist/bench');

describe('benchmark suite smoke run', () => {
  it('runs B1, B2, B4 and B5 on small data with exact totals for every peer', () => {
    expect(existsSync(`${dist}/run.js`), 'build first: npm run build').toBe(true);
    const r = spawnSync(process.execPath, [`${dist}/run.js`, '--smoke', 'b1', 'b2', 'b4', 'b5'], { encoding: 'utf8', timeout: 50_000 });
    expect(r.stdout).not.toContain('WRONG TOTALS');
    expect(r.stdout).not.toContain('did not run');
    expect(r.status).toBe(0);
    for (const title of ['B1 ingest', 'B2 word count', 'B4 reduceByKeyAndWindow', 'B5 updateStateByKey']) expect(r.stdout).toContain(title);
    const b2 = JSON.parse(readFileSync(resolve(root, 'bench/results/b2-smoke.json'), 'utf8')) as {
      incorrect: string[];
      data: { plan: { words: number }; runs: { contender: string; correct: boolean; unavailable?: string }[] };
    };
    expect(b2.incorrect).toEqual([]);
    const floor = b2.data.runs.find((x) => x.contender === 'floor');
    expect(floor?.correct).toBe(true);
    // Every contender either counted exactly or says which engine piece it still waits for.
    for (const run of b2.data.runs) expect(run.correct || Boolean(run.unavailable)).toBe(true);
  }, 60_000);

  it('serves an armed generator connection once and refuses the next (Spark reconnects after a stream ends)', async () => {
    const gen = await startGenerator(`${dist}/generator/main.js`, ['--mode', 'full', '--mb', '0.25', '--armed']);
    try {
      const net = await import('node:net');
      const read = (): Promise<number> =>
        new Promise((res, rej) => {
          let n = 0;
          const s = net.connect(gen.plan.port, '127.0.0.1');
          s.on('data', (d: Buffer) => (n += d.length));
          s.on('close', () => res(n));
          s.on('error', rej);
        });
      await gen.arm();
      expect(await read()).toBe(gen.plan.bytes);
      expect(await read()).toBe(0);
    } finally {
      await gen.stop();
    }
  });
});
