/**
 * The `redis` data source (also `org.apache.spark.sql.redis`, spark-redis's name): rows as
 * hashes, written and read back. See docs/SINKS.md.
 */
import { SparkArgumentError } from '../../sql/errors.js';
import type { DataSourceProvider } from '../../sql/sources/contract.js';
import { REDIS_OPTIONS } from './options.js';
import { createRedisScan } from './scan.js';
import { writeRedis } from './write.js';

/** The provider registered as `redis`. */
export const redisSource: DataSourceProvider = {
  name: 'redis',
  aliases: ['org.apache.spark.sql.redis'],
  checkOptions(options, use) {
    if (use === 'readStream' || use === 'writeStream') {
      throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', {
        provider: 'redis',
        operation: use === 'readStream' ? 'streamed reading' : 'streamed writing (use foreachBatch with df.write.format("redis"))',
      });
    }
    options.checkKnown('redis', REDIS_OPTIONS);
  },
  createBatchScan: createRedisScan,
  write(request, data) {
    writeRedis(request, data);
  },
};
