/** The JSON file format: Spark's `json` source. */
import { checkFileOptionKeys, registerFormatOptions } from '../files/common-options.js';
import type { FileFormat } from '../files/file-format.js';
import { isCompressed, splittableLineSep } from '../files/text-blocks.js';
import { JSON_OPTIONS, jsonOptions } from './options.js';
import { inferJsonSchema, prepareJsonRead } from './read.js';
import { prepareJsonWrite } from './write.js';

registerFormatOptions('json', JSON_OPTIONS);

/** Spark's JSON source. */
export const jsonFormat: FileFormat = {
  name: 'json',
  checkOptions(options) {
    checkFileOptionKeys('json', options);
    jsonOptions(options, { conf: () => undefined });
  },
  inferSchema: inferJsonSchema,
  isSplittable: (options, path) => !options.getBoolean('multiLine', false) && !isCompressed(path) && splittableLineSep(options.get('lineSep')),
  prepareRead: prepareJsonRead,
  prepareWrite: prepareJsonWrite,
};
