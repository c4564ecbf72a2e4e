/**
 * The CSV options, read once and checked at the boundary, with Spark 3.5's names and defaults
 * (`CSVOptions.scala`). Reading and writing differ in a few defaults (whitespace trimming,
 * `emptyValue`), as in Spark.
 */
import { SparkArgumentError } from '../../errors.js';
import { DatePattern } from '../../types/date-pattern.js';
import type { SourceSession } from '../contract.js';
import type { SourceOptions } from '../options.js';
import { corruptColumnName, parseModeOf, type ParseMode } from '../files/parse-mode.js';
import { sessionTimeZone, checkEncoding, checkLineSep } from '../files/common-options.js';

/** CSV settings shared by reading and writing. */
export interface CsvOptions {
  readonly sep: string;
  /** The quote character, or '' when quoting is off (`quote` set to the empty string). */
  readonly quote: string;
  readonly escape: string;
  /** The comment character, or '' for none. */
  readonly comment: string;
  readonly header: boolean;
  readonly nullValue: string;
  readonly emptyValue: string;
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
  /** The user's patterns; null means Spark's default (lenient on read). */
  readonly dateFormat: DatePattern | null;
  readonly timestampFormat: DatePattern | null;
  readonly timestampNTZFormat: DatePattern | null;
  readonly ignoreLeadingWhiteSpace: boolean;
  readonly ignoreTrailingWhiteSpace: boolean;
  readonly lineSep: string | undefined;
  readonly timeZone: string;
}

/** Read-only settings. */
export interface CsvReadOptions extends CsvOptions {
  readonly inferSchema: boolean;
  readonly enforceSchema: boolean;
  readonly multiLine: boolean;
  readonly mode: ParseMode;
  readonly corruptColumn: string;
  readonly prefersDate: boolean;
  readonly preferDecimal: boolean;
}

/** Write-only settings. */
export interface CsvWriteOptions extends CsvOptions {
  readonly quoteAll: boolean;
  readonly escapeQuotes: boolean;
  readonly compression: 'none' | 'gzip';
}

/** Every option the CSV source knows (read and write). */
export const CSV_OPTIONS = [
  'sep', 'delimiter', 'encoding', 'charset', 'quote', 'escape', 'charToEscapeQuoteEscaping', 'comment', 'header',
  'enforceSchema', 'inferSchema', 'samplingRatio', 'ignoreLeadingWhiteSpace', 'ignoreTrailingWhiteSpace', 'nullValue',
  'emptyValue', 'nanValue', 'positiveInf', 'negativeInf', 'dateFormat', 'timestampFormat', 'timestampNTZFormat',
  'maxColumns', 'maxCharsPerColumn', 'unescapedQuoteHandling', 'mode', 'columnNameOfCorruptRecord', 'multiLine',
  'locale', 'lineSep', 'prefersDate', 'preferDate', 'prefersDecimal', 'enableDateTimeParsingFallback', 'quoteAll',
  'escapeQuotes', 'compression', 'codec', 'timeZone',
] as const;

/** A delimiter as Spark's `CSVExprUtils.toDelimiterStr`: `\t`, `\u0001`-style escapes, any length >= 1. */
function delimiter(options: SourceOptions): string {
  const raw = options.get('sep') ?? options.get('delimiter') ?? ',';
  if (raw === '') throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'Delimiter cannot be empty string' });
  if (raw === '\\') throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'Single backslash is prohibited. It has special meaning as beginning of an escape sequence. To get the backslash character, pass a string with two backslashes as the delimiter.' });
  return raw.replace(/\\(t|r|b|f|"|'|\\|u[0-9a-fA-F]{4})/g, (_m, e: string) => {
    if (e.startsWith('u')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' } as Record<string, string>)[e]!;
  });
}

function char(options: SourceOptions, key: string, dflt: string): string {
  const v = options.get(key);
  if (v === undefined) return dflt;
  if (v === '') return '';
  if (v.length !== 1) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${key} cannot be more than one character` });
  return v;
}

function pattern(options: SourceOptions, key: string): DatePattern | null {
  const v = options.get(key);
  if (v === undefined) return null;
  try {
    return new DatePattern(v);
  } catch (e) {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: `option "${key}": ${(e as Error).message}` });
  }
}

function common(options: SourceOptions, session: Pick<SourceSession, 'conf'>, write: boolean): CsvOptions {
  checkEncoding(options);
  const lineSep = checkLineSep(options, 'CSV', true);
  return {
    sep: delimiter(options),
    quote: char(options, 'quote', '"'),
    escape: char(options, 'escape', '\\'),
    comment: char(options, 'comment', ''),
    header: options.getBoolean('header', false),
    nullValue: options.get('nullValue') ?? '',
    emptyValue: options.get('emptyValue') ?? (write ? '""' : ''),
    nanValue: options.get('nanValue') ?? 'NaN',
    positiveInf: options.get('positiveInf') ?? 'Inf',
    negativeInf: options.get('negativeInf') ?? '-Inf',
    dateFormat: pattern(options, 'dateFormat'),
    timestampFormat: pattern(options, 'timestampFormat'),
    timestampNTZFormat: pattern(options, 'timestampNTZFormat'),
    ignoreLeadingWhiteSpace: options.getBoolean('ignoreLeadingWhiteSpace', write),
    ignoreTrailingWhiteSpace: options.getBoolean('ignoreTrailingWhiteSpace', write),
    lineSep,
    timeZone: sessionTimeZone(options, session),
  };
}

/** The CSV reader's settings. */
export function csvReadOptions(options: SourceOptions, session: Pick<SourceSession, 'conf'>): CsvReadOptions {
  const c = common(options, session, false);
  const multiLine = options.getBoolean('multiLine', false);
  return {
    ...c,
    inferSchema: options.getBoolean('inferSchema', false),
    enforceSchema: options.getBoolean('enforceSchema', true),
    multiLine,
    mode: parseModeOf(options),
    corruptColumn: corruptColumnName(options, session),
    prefersDate: options.getBoolean('prefersDate', options.getBoolean('preferDate', true)),
    preferDecimal: options.getBoolean('prefersDecimal', false),
  };
}

/** The CSV writer's settings. */
export function csvWriteOptions(options: SourceOptions, session: Pick<SourceSession, 'conf'>): CsvWriteOptions {
  const c = common(options, session, true);
  return {
    ...c,
    quoteAll: options.getBoolean('quoteAll', false),
    escapeQuotes: options.getBoolean('escapeQuotes', true),
    compression: compressionOf(options),
  };
}

/** The `compression` (or `codec`) option of the text formats: none or gzip. */
export function compressionOf(options: SourceOptions): 'none' | 'gzip' {
  const v = (options.get('compression') ?? options.get('codec') ?? 'none').toLowerCase();
  if (v === 'none' || v === 'uncompressed') return 'none';
  if (v === 'gzip') return 'gzip';
  throw new SparkArgumentError('INVALID_ARGUMENT', {
    message: `Codec [${v}] is not available. Known codecs are none, uncompressed, gzip (tspark writes text formats uncompressed or with gzip).`,
  });
}
