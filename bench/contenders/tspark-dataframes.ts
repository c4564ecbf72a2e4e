/**
 * B9's tspark contender: DataFrame queries over generated rows in memory, in one process.
 * `groupBy`: `range(N).select(id % 1000 AS k).groupBy(k).count()`; `join`: N facts
 * (`id % D` as key) joined with D dimension rows on the key, counted; `interactive`:
 * `createDataFrame` of 1,000 rows then `groupBy().count()` shown (the shell's path, output
 * discarded); `csv` (with `--csv PATH`): the file read with a header and a user schema,
 * `groupBy(key).agg(count(*), sum(value))`. Each query runs `--rounds` times after one warm-up; medians are reported with
 * the results, which the harness checks.
 */
import { Args } from '../lib/args.js';
import { emitReport, maxRssMB } from '../lib/report.js';
import { median } from '../lib/stats.js';

const args = new Args();
const rows = args.num('rows', 10_000_000);
const dims = args.num('dims', 100_000);
const rounds = args.num('rounds', 3);
const csvPath = args.str('csv', '');
const csvSchema = args.str('csv-schema', 'id BIGINT, key STRING, value DOUBLE, ts TIMESTAMP, flag BOOLEAN');

// The SQL API is not in the public entry yet (src/index.ts is bound at merge); load it directly.
const sqlPath = new URL('../../src/sql/index.js', import.meta.url).href;
const enginePath = new URL('../../src/sql/engine.js', import.meta.url).href;
let sql: typeof import('../../src/sql/index.js');
let engine: typeof import('../../src/sql/engine.js');
try {
  sql = (await import(sqlPath)) as typeof import('../../src/sql/index.js');
  engine = (await import(enginePath)) as typeof import('../../src/sql/engine.js');
} catch (e) {
  emitReport({ name: 'tspark', unavailable: `the SQL API does not load: ${e instanceof Error ? e.message : String(e)}` });
  process.exit(0);
}
const F = sql.functions;
const spark = new sql.SparkSession(new engine.SparkContext('local[2]', 'bench-dataframes'), { out: () => undefined });

function time<T>(f: () => T): [number, T] {
  const t = performance.now();
  const r = f();
  return [performance.now() - t, r];
}

const groupBy = (): number => spark.range(rows).select(F.col('id').mod(1000).alias('k')).groupBy('k').count().collect().reduce((n, r) => n + Number(r['count']), 0);
const join = (): number => {
  const facts = spark.range(rows).select(F.col('id'), F.col('id').mod(dims).alias('k'));
  const d = spark.range(dims).select(F.col('id').alias('k'), F.col('id').multiply(2).alias('v'));
  return facts.join(d, 'k').count();
};
const small = Array.from({ length: 1000 }, (_x, i) => [`w${i % 37}`, i]);
const interactive = (): number => {
  const df = spark.createDataFrame(small, ['word', 'n']);
  return df.groupBy('word').count().showString().length;
};

const csv = (): number =>
  spark.read
    .option('header', 'true')
    .schema(csvSchema)
    .csv(csvPath)
    .groupBy('key')
    .agg(F.count('*').alias('n'), F.sum('value').alias('s'))
    .collect()
    .reduce((n, r) => n + Number(r['n']), 0);

const out: Record<string, number | number[]> = {};
const queries: [string, () => number, number][] = [
  ['groupBy', groupBy, rounds],
  ['join', join, rounds],
  ['interactive', interactive, 50],
];
// The CSV query reads ~1 GB per run: at most 3 timed rounds (the peers do the same).
if (csvPath) queries.push(['csv', csv, Math.min(rounds, 3)]);
for (const [name, f, n] of queries) {
  f(); // warm-up (compilation; the file into the page cache), not timed
  const times: number[] = [];
  let result = 0;
  for (let i = 0; i < n; i++) {
    const [ms, r] = time(f);
    times.push(ms);
    result = r;
  }
  out[`${name}Ms`] = median(times);
  out[`${name}Times`] = times;
  out[`${name}Result`] = result;
}
emitReport({ name: 'tspark', maxRssMB: maxRssMB(), extra: out });
