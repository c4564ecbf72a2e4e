/**
 * Smoke run of B14, the Kafka benchmark (not a timing test): the built harness fills a topic on
 * the real broker with the small corpus, and every contender's totals must match it exactly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { kafkaBootstrap } from '../support/kafka.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = resolve(root, 'dist/bench');
let bootstrap = '';

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

describe('B14 smoke run', () => {
  it('counts the topic exactly in every contender and in the 1→3 process scaling run', () => {
    expect(existsSync(`${dist}/run.js`), 'build first: npm run build').toBe(true);
    const r = spawnSync(process.execPath, [`${dist}/run.js`, '--smoke', 'b14'], { encoding: 'utf8', timeout: 170_000, env: { ...process.env, KAFKA_BOOTSTRAP: bootstrap } });
    expect(r.stdout).not.toContain('WRONG TOTALS');
    expect(r.stdout).toContain('B14 Kafka');
    expect(r.status).toBe(0);
    const b14 = JSON.parse(readFileSync(resolve(root, 'bench/results/b14-smoke.json'), 'utf8')) as { incorrect: string[]; data: { runs: Array<{ contender: string }> } };
    expect(b14.incorrect).toEqual([]);
    expect(new Set(b14.data.runs.map((x) => x.contender))).toEqual(new Set(['floor', 'floor+wc', 'fetch', 'fetch+wc', 'tspark', 'tspark ×1', 'tspark ×2', 'tspark ×3']));
  }, 180_000);
});
