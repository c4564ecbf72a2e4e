/**
 * `node dist/bench/df-cpu.js join|groupBy|csv [--root DIR] [--runs 5] [--mb 100]`: runs one of
 * B9's DataFrame queries in this process and prints wall and CPU time per run. CPU time is what
 * to compare before and after an engine change on a shared machine (wall time measures the
 * neighbours too); `--root` points at another checkout's build (e.g. main's) for the "before".
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Args } from './lib/args.js';
import { CSV_SCHEMA, cachedCsv } from './lib/csv-data.js';

const which = process.argv[2] ?? 'join';
const args = new Args(process.argv.slice(3));
const root = resolve(args.str('root', resolve(fileURLToPath(import.meta.url), '../../..')));
const runs = args.num('runs', 5);
const sql = (await import(`${root}/dist/src/sql/index.js`)) as typeof import('../src/sql/index.js');
const engine = (await import(`${root}/dist/src/sql/engine.js`)) as typeof import('../src/sql/engine.js');
const F = sql.functions;
const spark = new sql.SparkSession(new engine.SparkContext('local[2]', 'df-cpu'), { out: () => undefined });

const queries: Record<string, () => number> = {
  join: () => {
    const facts = spark.range(10_000_000).select(F.col('id'), F.col('id').mod(100_000).alias('k'));
    const d = spark.range(100_000).select(F.col('id').alias('k'), F.col('id').multiply(2).alias('v'));
    return facts.join(d, 'k').count();
  },
  groupBy: () => spark.range(10_000_000).select(F.col('id').mod(1000).alias('k')).groupBy('k').count().collect().length,
  csv: () => {
    const csv = cachedCsv(args.num('mb', 100), (m) => console.log(m));
    return spark.read.option('header', 'true').schema(CSV_SCHEMA).csv(csv.path).groupBy('key').agg(F.count('*').alias('n'), F.sum('value').alias('s')).collect().reduce((n, r) => n + Number(r['n']), 0);
  },
};
const q = queries[which];
if (q === undefined) throw new Error(`unknown query ${which}; one of ${Object.keys(queries).join(', ')}`);
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = q();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(`${which} (${root}): result ${result}, ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);
}
