/** The Parquet file format: Spark's `parquet` source, through hyparquet (read) and hyparquet-writer (write). */
import { closeSync } from 'node:fs';
import { SparkArgumentError } from '../../errors.js';
import { StructField, StructType } from '../../types/data-types.js';
import { checkFileOptionKeys, registerFormatOptions } from '../files/common-options.js';
import type { FileFormat } from '../files/file-format.js';
import { compatibleParquetSchemas } from './merge.js';
import { openParquet, readParquetRows } from './read.js';
import { parquetSchemaOf, sparkSchemaOf } from './schema.js';
import { parquetCodec, prepareParquetWrite } from './write.js';

/** Every option the Parquet source knows. */
export const PARQUET_OPTIONS = ['mergeSchema', 'compression', 'parquet.compression', 'datetimeRebaseMode', 'int96RebaseMode'] as const;
registerFormatOptions('parquet', PARQUET_OPTIONS);

/** Spark's Parquet source. */
export const parquetFormat: FileFormat = {
  name: 'parquet',
  checkOptions(options, use) {
    checkFileOptionKeys('parquet', options);
    options.getBoolean('mergeSchema', false);
    if (use === 'write' || use === 'writeStream') parquetCodec(options, () => undefined);
  },
  inferSchema(files, options, session) {
    const merge = options.getBoolean('mergeSchema', (session.conf('spark.sql.parquet.mergeSchema') ?? 'false') === 'true');
    // Spark reads the footer of one file unless asked to merge (the first, as listed).
    const targets = merge ? files : files.slice(0, 1);
    let schema: StructType | null = null;
    for (const f of targets) {
      const file = openParquet(f.path, f.size);
      try {
        const s = sparkSchemaOf(file.metadata, file.tree);
        schema = schema === null ? s : compatibleParquetSchemas(schema, s);
      } finally {
        closeSync(file.fd);
      }
    }
    return schema;
  },
  isSplittable: () => false,
  checkSchema(schema, use) {
    if (use === 'write') parquetSchemaOf(schema);
    for (const f of schema.fields) {
      if (f.name === '' || /[ ,;{}()\n\t=]/.test(f.name)) {
        if (use === 'write') {
          throw new SparkArgumentError('INVALID_ARGUMENT', {
            message: `[INVALID_COLUMN_NAME_AS_PATH] The datasource Parquet cannot save the column ${'`'}${f.name}${'`'} because its name contains some characters that are not allowed in file paths. Please, use an alias to rename it.`,
          });
        }
      }
    }
  },
  prepareRead({ dataSchema }) {
    return (split, emit) => {
      if (split.start > 0) return;
      const file = openParquet(split.path, split.fileSize);
      try {
        readParquetRows(file, dataSchema, emit);
      } finally {
        closeSync(file.fd);
      }
    };
  },
  prepareWrite: prepareParquetWrite,
};

