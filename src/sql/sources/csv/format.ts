/** The CSV file format: Spark's `csv` source (read, write, and per file for streaming). */
import type { FileFormat } from '../files/file-format.js';
import { checkFileOptionKeys, registerFormatOptions } from '../files/common-options.js';
import { isCompressed } from '../files/text-blocks.js';
import { CSV_OPTIONS, csvReadOptions, csvWriteOptions } from './options.js';
import { inferCsvSchema, prepareCsvRead } from './read.js';
import { checkCsvSchema, prepareCsvWrite } from './write.js';
import { unsupportedType } from './convert.js';

registerFormatOptions('csv', CSV_OPTIONS);

/** Spark's CSV source. */
export const csvFormat: FileFormat = {
  name: 'csv',
  checkOptions(options, use) {
    checkFileOptionKeys('csv', options);
    const session = { conf: () => undefined };
    if (use === 'read' || use === 'readStream') csvReadOptions(options, session);
    else csvWriteOptions(options, session);
  },
  inferSchema: inferCsvSchema,
  isSplittable: (options, path) => !options.getBoolean('multiLine', false) && !isCompressed(path),
  checkSchema(schema, use) {
    if (use === 'write') checkCsvSchema(schema);
    else for (const f of schema.fields) if (['array', 'map', 'struct', 'binary', 'interval'].includes(f.dataType.kind)) throw unsupportedType('CSV', f.name, f.dataType);
  },
  prepareRead: prepareCsvRead,
  prepareWrite: prepareCsvWrite,
};
