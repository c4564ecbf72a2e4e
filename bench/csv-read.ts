/**
 * `node dist/bench/csv-read.js [--mb 200] [--python /path/to/python-with-duckdb]`: reads a
 * generated CSV (written to a temp dir, removed after) through tspark's csv data source, with a
 * user schema and with header + inferSchema, and reports MB/s and peak RSS; beside DuckDB's
 * `read_csv` of the same file (the single-machine limit) when a Python with duckdb is given.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkContext } from '../src/sql/engine.js';
import '../src/sql/sources/builtin.js';
import { SourceOptions } from '../src/sql/sources/options.js';
import { findDataSource } from '../src/sql/sources/registry.js';
import { parseSchema } from '../src/sql/types/ddl.js';
import { Args } from './lib/args.js';
import { generateCsv } from './lib/csv-data.js';

const args = new Args(process.argv.slice(2));
const mb = args.num('mb', 200);
const python = args.str('python', '');

function readWith(path: string, options: Record<string, string>, schema?: string): { rows: number; sum: number; secs: number; cpuSecs: number } {
  const sc = new SparkContext('local[2]', 'csv-bench');
  const session = { sparkContext: sc, conf: (k: string) => (k === 'spark.sql.session.timeZone' ? 'UTC' : undefined) };
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const scan = findDataSource('csv').createBatchScan!({
    format: 'csv',
    paths: [path],
    options: new SourceOptions(options),
    ...(schema ? { userSchema: parseSchema(schema) } : {}),
    session,
  });
  const vi = scan.schema.fieldNames().indexOf('value');
  let rows = 0;
  let sum = 0;
  for (let p = 0; p < scan.numPartitions; p++) {
    scan.readPartition(p, (r) => {
      rows++;
      sum += r[vi] as number;
    });
  }
  const cpu = process.cpuUsage(c0);
  return { rows, sum, secs: Number(process.hrtime.bigint() - t0) / 1e9, cpuSecs: (cpu.user + cpu.system) / 1e6 };
}

const dir = mkdtempSync(join(tmpdir(), 'tspark-csv-bench-'));
try {
  const path = join(dir, 'data.csv');
  const n = generateCsv(path, mb * 1024 * 1024);
  const size = statSync(path).size / 1048576;
  console.log(`generated ${n} rows, ${size.toFixed(0)} MiB`);
  const typed = readWith(path, { header: 'true' }, 'id BIGINT, key STRING, value DOUBLE, ts TIMESTAMP, flag BOOLEAN');
  // CPU seconds too: on a shared machine the wall time measures the neighbours as well.
  console.log(`tspark csv, schema given:          ${(size / typed.secs).toFixed(1)} MB/s (${typed.secs.toFixed(2)} s, ${(size / typed.cpuSecs).toFixed(0)} MB per CPU-second, ${typed.rows} rows, sum ${typed.sum.toFixed(0)})`);
  const inferred = readWith(path, { header: 'true', inferSchema: 'true' });
  console.log(`tspark csv, header + inferSchema:  ${(size / inferred.secs).toFixed(1)} MB/s (${inferred.secs.toFixed(2)} s incl. the inference pass, ${(size / inferred.cpuSecs).toFixed(0)} MB per CPU-second)`);
  const strings = readWith(path, { header: 'true' });
  console.log(`tspark csv, all strings:           ${(size / strings.secs).toFixed(1)} MB/s (${strings.secs.toFixed(2)} s, ${(size / strings.cpuSecs).toFixed(0)} MB per CPU-second)`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (python) {
    const code = `import duckdb, time
t=time.time(); r=duckdb.sql("select count(*), sum(value) from read_csv('${path}', header=true)").fetchall(); d=time.time()-t
print(f"duckdb read_csv + sum: {${size}/d:.1f} MB/s ({d:.2f} s, {r[0][0]} rows)")`;
    const res = spawnSync(python, ['-c', code], { encoding: 'utf8' });
    console.log((res.stdout || res.stderr).trim());
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
