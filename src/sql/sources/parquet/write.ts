/**
 * Writing Parquet with hyparquet-writer in Spark's layout (`schema.ts`) and Spark's schema in
 * the footer, so that Spark reads the exact types back. Rows are buffered and written one row
 * group at a time (bounded memory); compression is snappy by default as Spark's
 * (`compression`: snappy, gzip, none/uncompressed).
 */
import { gzipSync } from 'node:zlib';
import { ParquetWriter } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer/src/node.js';
import { SparkArgumentError } from '../../errors.js';
import type { DataType, StructType } from '../../types/data-types.js';
import type { FileWriter, PreparedWrite, WriteSetup } from '../files/file-format.js';
import type { SourceOptions } from '../options.js';
import { SPARK_SCHEMA_KEY, parquetSchemaOf } from './schema.js';

/** Rows per row group. */
const ROW_GROUP_ROWS = 100_000;

type Codec = 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED';

/** The `compression` option (else `spark.sql.parquet.compression.codec`, else snappy). */
export function parquetCodec(options: SourceOptions, conf: (k: string) => string | undefined): Codec {
  const v = (options.get('compression') ?? options.get('parquet.compression') ?? conf('spark.sql.parquet.compression.codec') ?? 'snappy').toLowerCase();
  if (v === 'snappy') return 'SNAPPY';
  if (v === 'gzip') return 'GZIP';
  if (v === 'none' || v === 'uncompressed') return 'UNCOMPRESSED';
  throw new SparkArgumentError('INVALID_ARGUMENT', {
    message: `Codec [${v}] is not available. Available codecs are snappy, gzip, none, uncompressed (tspark writes Parquet without lz4, brotli, zstd).`,
  });
}

/** A value as hyparquet-writer takes it for the Spark type (structs as objects, longs and timestamps as bigint). */
function writerValue(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'struct': {
      const o: Record<string, unknown> = {};
      t.fields.forEach((f, i) => (o[f.name] = writerValue((v as unknown[])[i], f.dataType)));
      return o;
    }
    case 'array':
      return (v as unknown[]).map((x) => writerValue(x, t.elementType));
    case 'map': {
      const m = new Map<unknown, unknown>();
      for (const [k, x] of v as Map<unknown, unknown>) m.set(writerValue(k, t.keyType), writerValue(x, t.valueType));
      return m;
    }
    default:
      return v;
  }
}

/** The Parquet writer factory for one schema. */
export function prepareParquetWrite(setup: WriteSetup): PreparedWrite {
  const schema: StructType = setup.dataSchema;
  const codec = parquetCodec(setup.options, (k) => setup.session.conf(k));
  const elements = parquetSchemaOf(schema);
  const ext = codec === 'SNAPPY' ? '.snappy.parquet' : codec === 'GZIP' ? '.gz.parquet' : '.parquet';
  const types = schema.fields.map((f) => f.dataType);
  return {
    extension: ext,
    open(path: string): FileWriter {
      const writer = fileWriter(path);
      const pq = new ParquetWriter({
        writer,
        schema: elements,
        codec,
        compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) },
        kvMetadata: [{ key: SPARK_SCHEMA_KEY, value: schema.json() }],
        createdBy: 'tspark (hyparquet-writer)',
      });
      let rows: unknown[][] = [];
      const flush = (): void => {
        if (rows.length === 0) return;
        const columnData = schema.fields.map((f, c) => ({ name: f.name, data: rows.map((r) => writerValue(r[c], types[c]!)) }));
        void pq.write({ columnData, rowGroupSize: rows.length });
        rows = [];
      };
      return {
        write(row) {
          rows.push(row);
          if (rows.length >= ROW_GROUP_ROWS) flush();
        },
        close() {
          flush();
          void pq.finish();
        },
      };
    },
  };
}
