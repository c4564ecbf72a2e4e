/**
 * The built-in data sources, registered when this module is imported: the file formats csv,
 * json, text and parquet. `spark.read.format(name)` finds them through the registry.
 */
import { registerDataSource } from './registry.js';
import { fileSourceProvider } from './files/provider.js';
import { csvFormat } from './csv/format.js';
import { jsonFormat } from './json/format.js';
import { textFormat } from './text/format.js';
import { parquetFormat } from './parquet/format.js';

/** The provider of `csv`. */
export const csvSource = fileSourceProvider(csvFormat);

/** The provider of `json`. */
export const jsonSource = fileSourceProvider(jsonFormat);

/** The provider of `text`. */
export const textSource = fileSourceProvider(textFormat);

/** The provider of `parquet`. */
export const parquetSource = fileSourceProvider(parquetFormat);

registerDataSource(csvSource);
registerDataSource(jsonSource);
registerDataSource(textSource);
registerDataSource(parquetSource);
