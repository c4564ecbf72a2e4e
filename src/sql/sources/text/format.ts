/**
 * The text file format: Spark's `text` source. Reading gives one `value: string` row per line
 * (`\n`, `\r\n`, `\r`, or `lineSep`), or one per file with `wholetext`; writing takes exactly
 * one string column and writes each value followed by the line separator (NULL as an empty
 * line, as Spark).
 */
import { SparkArgumentError } from '../../errors.js';
import { StringType, StructField, StructType } from '../../types/data-types.js';
import { checkEncoding, checkFileOptionKeys, checkLineSep, registerFormatOptions } from '../files/common-options.js';
import type { FileFormat, FileWriter } from '../files/file-format.js';
import { OutputFile } from '../files/output-file.js';
import { isCompressed, lineBlocks, readWholeText, splitLines, splittableLineSep } from '../files/text-blocks.js';
import { compressionOf } from '../csv/options.js';
import { unsupportedType } from '../csv/convert.js';

/** Every option the text source knows. */
export const TEXT_OPTIONS = ['wholetext', 'lineSep', 'compression', 'codec', 'encoding'] as const;
registerFormatOptions('text', TEXT_OPTIONS);

/** The text source's schema. */
export const TEXT_SCHEMA = new StructType([new StructField('value', new StringType(), true)]);

/** Spark's text source. */
export const textFormat: FileFormat = {
  name: 'text',
  checkOptions(options) {
    checkFileOptionKeys('text', options);
    checkEncoding(options);
    checkLineSep(options, 'text', false);
    options.getBoolean('wholetext', false);
    compressionOf(options);
  },
  inferSchema: () => TEXT_SCHEMA,
  isSplittable: (options, path) => !options.getBoolean('wholetext', false) && !isCompressed(path) && splittableLineSep(options.get('lineSep')),
  checkSchema(schema, use) {
    if (use === 'write' && schema.fields.length !== 1) {
      const bad = schema.fields.find((f) => f.dataType.kind !== 'string') ?? schema.fields[1];
      if (bad !== undefined && bad.dataType.kind !== 'string') throw unsupportedType('Text', bad.name, bad.dataType);
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Text data source supports only a single column, and you have ${schema.fields.length} columns.` });
    }
    for (const f of schema.fields) if (f.dataType.kind !== 'string') throw unsupportedType('Text', f.name, f.dataType);
  },
  prepareRead({ options, dataSchema }) {
    const wholetext = options.getBoolean('wholetext', false);
    const lineSep = checkLineSep(options, 'text', false);
    const width = dataSchema.fields.length;
    const row = width === 1 ? (v: string): unknown[] => [v] : (v: string): unknown[] => [v, ...new Array<null>(width - 1).fill(null)];
    return (split, emit) => {
      if (wholetext) {
        if (split.start === 0) emit(row(readWholeText(split.path, split.fileSize, 'text wholetext')));
        return;
      }
      for (const block of lineBlocks(split, lineSep)) {
        const lines = splitLines(block, lineSep);
        for (let i = 0; i < lines.length; i++) emit(row(lines[i]!));
      }
    };
  },
  prepareWrite({ options }) {
    const sep = checkLineSep(options, 'text', false) ?? '\n';
    const gzip = compressionOf(options) === 'gzip';
    return {
      extension: gzip ? '.txt.gz' : '.txt',
      open(path: string): FileWriter {
        const out = new OutputFile(path, gzip);
        return {
          write: (r) => out.write(`${(r[0] as string | null) ?? ''}${sep}`),
          close: () => out.close(),
        };
      },
    };
  },
};
