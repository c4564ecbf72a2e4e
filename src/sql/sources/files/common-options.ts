/**
 * Options every file format shares: the generic file-source options (paths, listing,
 * streaming), the session time zone, encoding and line separator checks, and the check of
 * unknown keys. An option of another file format is accepted (tutorials set `header` on a JSON
 * read, and Spark ignores it); a key no file format knows is an error naming it, so typos such
 * as `inferSchma` do not pass silently.
 */
import { SparkArgumentError } from '../../errors.js';
import { defaultTimeZone } from '../../types/datetime.js';
import type { SourceSession } from '../contract.js';
import type { SourceOptions } from '../options.js';

/** Options of Spark's file sources that every format accepts. */
export const FILE_SOURCE_OPTIONS = [
  'path', 'paths', 'basePath', 'pathGlobFilter', 'recursiveFileLookup', 'modifiedBefore', 'modifiedAfter',
  'ignoreCorruptFiles', 'ignoreMissingFiles', 'maxRecordsPerFile', 'partitionOverwriteMode',
  // Streaming file source / sink (issue 13).
  'maxFilesPerTrigger', 'maxBytesPerTrigger', 'latestFirst', 'fileNameOnly', 'maxFileAge', 'cleanSource',
  'sourceArchiveDir', 'checkpointLocation', 'queryName',
] as const;

const allKnown = new Set<string>(FILE_SOURCE_OPTIONS.map((k) => k.toLowerCase()));
const formatOptions = new Map<string, readonly string[]>();

/** Registers a file format's own options, so that other file formats accept them too. */
export function registerFormatOptions(format: string, keys: readonly string[]): void {
  formatOptions.set(format, keys);
  for (const k of keys) allKnown.add(k.toLowerCase());
}

/** Rejects keys that no file format knows, naming the key and the format's own options. */
export function checkFileOptionKeys(format: string, options: SourceOptions): void {
  for (const key of options.keys()) {
    if (allKnown.has(key.toLowerCase())) continue;
    const own = formatOptions.get(format) ?? [];
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: `${format}: unknown option "${key}"; the ${format} source knows ${own.map((k) => `"${k}"`).join(', ')} and the file-source options ${FILE_SOURCE_OPTIONS.slice(0, 11).map((k) => `"${k}"`).join(', ')}`,
    });
  }
}

/** The time zone values are read and written in: the `timeZone` option, else the session's. */
export function sessionTimeZone(options: SourceOptions, session: Pick<SourceSession, 'conf'>): string {
  return options.get('timeZone') ?? session.conf('spark.sql.session.timeZone') ?? defaultTimeZone();
}

/** Only UTF-8 is supported: other encodings are refused by name. */
export function checkEncoding(options: SourceOptions): void {
  const enc = options.get('encoding') ?? options.get('charset');
  if (enc === undefined) return;
  const l = enc.toLowerCase().replace(/[-_]/g, '');
  if (l === 'utf8') return;
  throw new SparkArgumentError('INVALID_ARGUMENT', {
    message: `option "encoding" must be UTF-8 (tspark reads and writes UTF-8 text only); got ${JSON.stringify(enc)}`,
  });
}

/** The `lineSep` option: non-empty, one character for CSV (as Spark requires); undefined means any of `\n`, `\r\n`, `\r`. */
export function checkLineSep(options: SourceOptions, format: string, singleChar: boolean): string | undefined {
  const v = options.get('lineSep');
  if (v === undefined) return undefined;
  if (v === '') throw new SparkArgumentError('INVALID_ARGUMENT', { message: "requirement failed: 'lineSep' cannot be an empty string." });
  if (singleChar && [...v].length !== 1) {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: `requirement failed: 'lineSep' can contain only 1 character (${format}); got ${JSON.stringify(v)}` });
  }
  return v;
}
