/**
 * `df.write.format("redis")` as spark-redis's DataFrame source writes: each row is a hash at
 * `<table>:<key>`, the key being the `key.column` value (the column is not repeated inside the
 * hash) or a random id; NULL values are left out of the hash. A row whose key exists replaces
 * the old hash. The schema is kept at `_spark:<table>:schema` (as JSON; spark-redis keeps a
 * Java-serialized one) so `spark.read.format("redis")` gets the types back. Commands go in
 * pipelines of `iterator.grouping.size` rows, sent while the next group is encoded.
 */
import { randomUUID } from 'node:crypto';
import { AnalysisException, SparkArgumentError } from '../../sql/errors.js';
import type { BatchWriteRequest, RowPartitions, SaveMode } from '../../sql/sources/contract.js';
import { parseRedisOptions, type RedisOptions } from './options.js';
import { type RedisConnection, withRedis } from './redis-connection.js';
import type { RedisCommand } from './redis-worker.js';
import { encoder } from './values.js';

/** The key holding a table's schema. */
export const schemaKey = (table: string): string => `_spark:${table}:schema`;

/** The provider's `write`. */
export function writeRedis(request: BatchWriteRequest, data: RowPartitions): number {
  const o = parseRedisOptions(request.options, 'write', request.path, request.session);
  return saveRedis(o, request.mode, data);
}

/** Saves `data` as `o.table`'s hashes (the options already checked); returns the rows written. */
export function saveRedis(o: RedisOptions, mode: SaveMode, data: RowPartitions): number {
  const table = o.table ?? '';
  const fields = data.schema.fields;
  const keyAt = o.keyColumn === undefined ? -1 : fields.findIndex((f) => f.name === o.keyColumn);
  if (o.keyColumn !== undefined && keyAt < 0) {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: `redis: "key.column" ${JSON.stringify(o.keyColumn)} is not a column of the DataFrame (${data.schema.simpleString()})`,
    });
  }
  const encoders = fields.map((f) => encoder(f.dataType));
  return withRedis(o, `write table ${table}`, (c) => {
    const pattern = `${table}:*`;
    if (mode === 'error' || mode === 'ignore') {
      if (c.scanAll(pattern, o.scanCount).length > 0) {
        if (mode === 'ignore') return 0;
        throw new AnalysisException('_LEGACY_ERROR_TEMP_1288', {
          tableName: table,
          hint: ' (spark-redis: "SaveMode is set to ErrorIfExists and dataframe already exists in Redis and contains data.") Use mode("append") or mode("overwrite").',
        });
      }
    }
    if (mode === 'overwrite') deleteKeys(c, c.scanAll(pattern, o.scanCount), o.pipelineSize);
    c.exec([['set', schemaKey(table), JSON.stringify({ schema: data.schema.jsonValue(), keyColumn: o.keyColumn ?? null })]]);
    let group: RedisCommand[] = [];
    let rowsInGroup = 0;
    let written = 0;
    for (let p = 0; p < data.numPartitions; p++) {
      data.readPartition(p, (row) => {
        let id: string;
        if (keyAt >= 0) {
          const k = row[keyAt];
          if (k === null || k === undefined) {
            throw new SparkArgumentError('INVALID_ARGUMENT', { message: `redis: a row has NULL in the key column "${o.keyColumn ?? ''}"; filter those rows out or fill them first` });
          }
          id = String(encoders[keyAt]?.(k));
        } else id = randomUUID().replaceAll('-', '');
        const key = `${table}:${id}`;
        const hset: (string | Uint8Array)[] = ['hset', key];
        for (let i = 0; i < fields.length; i++) {
          const v = row[i];
          if (i === keyAt || v === null || v === undefined) continue;
          hset.push(fields[i]?.name ?? String(i), (encoders[i] as (v: unknown) => string | Uint8Array)(v));
        }
        group.push(['del', key]);
        if (hset.length > 2) group.push(hset);
        if (o.ttl > 0) group.push(['expire', key, String(o.ttl)]);
        written++;
        if (++rowsInGroup >= o.groupingSize) {
          c.post(group);
          group = [];
          rowsInGroup = 0;
        }
      });
    }
    if (group.length > 0) c.exec(group);
    return written;
  });
}

function deleteKeys(c: RedisConnection, keys: readonly string[], per: number): void {
  for (let i = 0; i < keys.length; i += per) c.exec([['del', ...keys.slice(i, i + per)]]);
}
