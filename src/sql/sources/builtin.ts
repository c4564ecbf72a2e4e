/**
 * The built-in data sources, registered when this module is imported: the file formats csv,
 * json, text and parquet. `spark.read.format(name)` finds them through the registry.
 */
import { registerDataSource } from './registry.js';
import { fileSourceProvider } from './files/provider.js';
import { csvFormat } from './csv/format.js';

/** The provider of `csv`. */
export const csvSource = fileSourceProvider(csvFormat);

registerDataSource(csvSource);
