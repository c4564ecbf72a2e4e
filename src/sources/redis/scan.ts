/**
 * `spark.read.format("redis")`: the hashes under `<table>:*` (or `keys.pattern`) as rows. The
 * schema is the one the writer kept, or `.schema(…)`, or with `infer.schema` the fields of the
 * hashes, all strings (as spark-redis infers). The key column comes back from the key names.
 */
import { SparkArgumentError } from '../../sql/errors.js';
import type { BatchReadRequest, BatchScan } from '../../sql/sources/contract.js';
import { type DataType, StringType, StructField, StructType } from '../../sql/types/data-types.js';
import { fromJson } from '../../sql/types/ddl.js';
import { parseRedisOptions, type RedisOptions } from './options.js';
import { withRedis } from './redis-connection.js';
import { schemaKey } from './write.js';
import { decoder } from './values.js';

/** The provider's `createBatchScan`. */
export function createRedisScan(request: BatchReadRequest): BatchScan {
  const o = parseRedisOptions(request.options, 'read', request.paths[0], request.session);
  const table = o.table;
  const pattern = o.keysPattern ?? `${table ?? ''}:*`;
  const { schema, keyColumn } = resolveSchema(o, pattern, request.userSchema);
  const keyAt = keyColumn === undefined ? -1 : schema.fields.findIndex((f) => f.name === keyColumn);
  const decoders = schema.fields.map((f) => decoder(f.dataType));
  const prefix = table === undefined ? '' : `${table}:`;
  return {
    schema,
    numPartitions: o.numPartitions,
    describe: () => `RedisSourceRelation(${pattern}) [numPartitions=${o.numPartitions}]`,
    readPartition(index, emit) {
      withRedis(o, `read ${pattern}`, (c) => {
        const keys = c.scanAll(pattern, o.scanCount).filter((k) => k.startsWith('_spark:') === false && partitionOf(k, o.numPartitions) === index);
        for (let i = 0; i < keys.length; i += o.groupingSize) {
          const chunk = keys.slice(i, i + o.groupingSize);
          c.hashes(chunk).forEach((hash, j) => {
            if (hash === null) return;
            const key = chunk[j] ?? '';
            emit(schema.fields.map((f, col) => {
              const raw = col === keyAt ? Buffer.from(key.startsWith(prefix) ? key.slice(prefix.length) : key) : hash[f.name];
              if (raw === undefined) return null;
              const v = (decoders[col] as (b: Uint8Array) => unknown)(raw);
              if (v === undefined) {
                throw new SparkArgumentError('INVALID_ARGUMENT', {
                  message: `redis: field "${f.name}" of ${key} is ${JSON.stringify(Buffer.from(raw).toString('utf8').slice(0, 40))}, not a ${f.dataType.simpleString()}; read it with a schema that has ${f.name} STRING`,
                });
              }
              return v;
            }));
          });
        }
      });
    },
  };
}

function resolveSchema(o: RedisOptions, pattern: string, userSchema: StructType | undefined): { schema: StructType; keyColumn: string | undefined } {
  if (userSchema !== undefined) return { schema: userSchema, keyColumn: o.keyColumn };
  return withRedis(o, `read the schema of ${pattern}`, (c) => {
    if (!o.inferSchema && o.table !== undefined) {
      const stored = c.get(schemaKey(o.table));
      if (stored !== null) {
        const parsed = JSON.parse(stored) as { schema: unknown; keyColumn: string | null };
        return { schema: fromJson(parsed.schema) as StructType, keyColumn: o.keyColumn ?? parsed.keyColumn ?? undefined };
      }
    }
    if (!o.inferSchema) {
      throw new SparkArgumentError('UNABLE_TO_INFER_SCHEMA', { format: `redis (no schema kept at ${schemaKey(o.table ?? '')}: give .schema("…"), or .option("infer.schema", true) to read every field as a string)` });
    }
    // spark-redis looks at one hash; a hash leaves out its NULL fields, so tspark takes the
    // union of the fields of the first 100, in the order they appear.
    const sample = c.scanAll(pattern, o.scanCount).filter((k) => !k.startsWith('_spark:')).slice(0, 100);
    const names = [...new Set(c.hashes(sample).flatMap((h) => Object.keys(h ?? {})))].filter((n) => n !== o.keyColumn);
    const fields: StructField[] = names.map((n) => new StructField(n, new StringType() as DataType));
    if (o.keyColumn !== undefined) fields.unshift(new StructField(o.keyColumn, new StringType()));
    return { schema: new StructType(fields), keyColumn: o.keyColumn };
  });
}

/** A stable partition for a key (FNV-1a), so each key is read by exactly one partition. */
function partitionOf(key: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % n;
}
