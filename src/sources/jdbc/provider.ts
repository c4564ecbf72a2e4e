/**
 * The `jdbc` data source (also `format("sqlite")`): SQLite files embedded, PostgreSQL over the
 * network, with Spark's options and save modes. See docs/SINKS.md.
 */
import type { DataSourceProvider } from '../../sql/sources/contract.js';
import { SparkArgumentError } from '../../sql/errors.js';
import { parseJdbcOptions } from './options.js';
import { createJdbcScan } from './scan.js';
import { writeJdbc } from './write.js';

/** The provider registered as `jdbc` (aliases `sqlite`, `postgresql`). */
export const jdbcSource: DataSourceProvider = {
  name: 'jdbc',
  aliases: ['sqlite', 'postgresql', 'org.apache.spark.sql.jdbc'],
  checkOptions(options, use) {
    if (use === 'readStream' || use === 'writeStream') {
      throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', {
        provider: 'jdbc',
        operation: use === 'readStream' ? 'streamed reading' : 'streamed writing (use foreachBatch with df.write.format("jdbc"))',
      });
    }
    // The url may come from save(path) with format("sqlite"); checked again with it at write/read time.
    if (options.has('url')) parseJdbcOptions(options, use);
  },
  createBatchScan: createJdbcScan,
  write(request, data) {
    writeJdbc(request, data);
  },
};
