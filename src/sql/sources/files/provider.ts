/**
 * A {@link DataSourceProvider} for a file format: batch reads through {@link FileScan}, batch
 * writes through {@link writeFiles}. The streaming file source and sink (issue 13) are built on
 * the same format's per-file reader and writer (`file-format.ts`).
 */
import type { DataSourceProvider } from '../contract.js';
import type { FileFormat } from './file-format.js';
import { FileScan } from './scan.js';
import { writeFiles } from './write-job.js';

/** The provider of one file format, registered under its name and `org.apache.spark.sql.<name>`. */
export function fileSourceProvider(format: FileFormat, aliases: readonly string[] = []): DataSourceProvider & { readonly format: FileFormat } {
  return {
    name: format.name,
    aliases: [`org.apache.spark.sql.${format.name}`, ...aliases],
    format,
    checkOptions: (options, use) => format.checkOptions(options, use),
    createBatchScan: (request) => new FileScan(format, request),
    write: (request, data) => writeFiles(format, request, data),
  };
}
