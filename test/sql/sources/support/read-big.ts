/**
 * Child process of large-file.e2e.test.ts: reads the file given in argv through the csv/json/text
 * provider and prints the row count, a checksum and the peak RSS as JSON.
 */
import { SparkContext } from '../../../../src/sql/engine.js';
import '../../../../src/sql/sources/builtin.js';
import { SourceOptions } from '../../../../src/sql/sources/options.js';
import { findDataSource } from '../../../../src/sql/sources/registry.js';
import { parseSchema } from '../../../../src/sql/types/ddl.js';

const [format, path, schema, optionsJson] = process.argv.slice(2) as [string, string, string, string];
const sc = new SparkContext('local[2]', 'big');
const scan = findDataSource(format).createBatchScan!({
  format,
  paths: [path],
  options: new SourceOptions(JSON.parse(optionsJson) as Record<string, string>),
  ...(schema !== '-' ? { userSchema: parseSchema(schema) } : {}),
  session: { sparkContext: sc, conf: (k) => (k === 'spark.sql.session.timeZone' ? 'UTC' : undefined) },
});
let rows = 0;
let sum = 0;
for (let p = 0; p < scan.numPartitions; p++) {
  scan.readPartition(p, (r) => {
    rows++;
    const v = r[0];
    sum += typeof v === 'number' ? v : typeof v === 'string' ? v.length : 0;
  });
}
process.stdout.write(JSON.stringify({ rows, sum, partitions: scan.numPartitions, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
