/**
 * Smoke test of B11 (not a timing test): the built harness runs the Structured Streaming
 * benchmark on small data — the quick example over a real generator socket with its totals
 * checked, the 100 ms trigger latency run, and the windowed-state run over the rate source —
 * and writes its JSON results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = resolve(root, 'dist/bench');

describe('B11 smoke run', () => {
  it('runs the quick example with exact totals, the latency run and the windowed-state run', () => {
    expect(existsSync(`${dist}/run.js`), 'build first: npm run build').toBe(true);
    const r = spawnSync(process.execPath, [`${dist}/run.js`, '--smoke', 'b11'], { encoding: 'utf8', timeout: 170_000 });
    expect(r.stdout).not.toContain('WRONG TOTALS');
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const b11 = JSON.parse(readFileSync(resolve(root, 'bench/results/b11-smoke.json'), 'utf8')) as {
      incorrect: string[];
      data: {
        quickExample: { runs: { contender: string; correct: boolean }[] };
        latency: { contender: string; lines: number }[];
        window: { runs: { name: string; rssMB: number[]; stateRows: number[]; rowsRead?: number }[] };
      };
    };
    expect(b11.incorrect).toEqual([]);
    for (const name of ['tspark', 'floor']) expect(b11.data.quickExample.runs.find((x) => x.contender === name)?.correct).toBe(true);
    const lat = b11.data.latency.find((x) => x.contender === 'tspark');
    expect(lat?.lines).toBeGreaterThan(0);
    const win = b11.data.window.runs.find((x) => x.name === 'tspark');
    expect(win?.rowsRead).toBeGreaterThan(0);
    expect(win?.rssMB.length).toBeGreaterThan(5);
    // The watermark evicts windows: state stays bounded by keys × open windows.
    expect(Math.max(...(win?.stateRows ?? [Infinity]))).toBeLessThanOrEqual(5000);
  }, 180_000);
});
