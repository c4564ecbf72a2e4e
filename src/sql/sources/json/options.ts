/** The JSON options with Spark 3.5's names and defaults (`JSONOptions.scala`). */
import { DatePattern } from '../../types/date-pattern.js';
import { SparkArgumentError } from '../../errors.js';
import type { SourceSession } from '../contract.js';
import type { SourceOptions } from '../options.js';
import { checkEncoding, checkLineSep, sessionTimeZone } from '../files/common-options.js';
import { corruptColumnName, parseModeOf, type ParseMode } from '../files/parse-mode.js';
import { compressionOf } from '../csv/options.js';
import type { JsonFeatures } from './parse.js';

/** Every option the JSON source knows. */
export const JSON_OPTIONS = [
  'samplingRatio', 'primitivesAsString', 'prefersDecimal', 'allowComments', 'allowUnquotedFieldNames',
  'allowSingleQuotes', 'allowNumericLeadingZeros', 'allowNonNumericNumbers', 'allowBackslashEscapingAnyCharacter',
  'allowUnquotedControlChars', 'mode', 'columnNameOfCorruptRecord', 'dateFormat', 'timestampFormat',
  'timestampNTZFormat', 'multiLine', 'lineSep', 'encoding', 'charset', 'dropFieldIfAllNull', 'locale',
  'inferTimestamp', 'prefersDate', 'enableDateTimeParsingFallback', 'compression', 'codec', 'ignoreNullFields',
  'timeZone', 'pretty',
] as const;

/** JSON settings for reading and writing. */
export interface JsonOptions {
  readonly features: JsonFeatures;
  readonly primitivesAsString: boolean;
  readonly prefersDecimal: boolean;
  readonly dropFieldIfAllNull: boolean;
  readonly inferTimestamp: boolean;
  readonly multiLine: boolean;
  readonly lineSep: string | undefined;
  readonly mode: ParseMode;
  readonly corruptColumn: string;
  readonly dateFormat: DatePattern | null;
  readonly timestampFormat: DatePattern | null;
  readonly timestampNTZFormat: DatePattern | null;
  readonly timeZone: string;
  readonly ignoreNullFields: boolean;
  readonly compression: 'none' | 'gzip';
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

/** Reads and checks the JSON options. */
export function jsonOptions(options: SourceOptions, session: Pick<SourceSession, 'conf'>): JsonOptions {
  checkEncoding(options);
  const b = (k: string, d: boolean): boolean => options.getBoolean(k, d);
  return {
    features: {
      allowComments: b('allowComments', false),
      allowUnquotedFieldNames: b('allowUnquotedFieldNames', false),
      allowSingleQuotes: b('allowSingleQuotes', true),
      allowNumericLeadingZeros: b('allowNumericLeadingZeros', false),
      allowNonNumericNumbers: b('allowNonNumericNumbers', true),
      allowBackslashEscapingAnyCharacter: b('allowBackslashEscapingAnyCharacter', false),
      allowUnquotedControlChars: b('allowUnquotedControlChars', false),
    },
    primitivesAsString: b('primitivesAsString', false),
    prefersDecimal: b('prefersDecimal', false),
    dropFieldIfAllNull: b('dropFieldIfAllNull', false),
    inferTimestamp: b('inferTimestamp', false),
    multiLine: b('multiLine', false),
    lineSep: checkLineSep(options, 'JSON', false),
    mode: parseModeOf(options),
    corruptColumn: corruptColumnName(options, session),
    dateFormat: pattern(options, 'dateFormat'),
    timestampFormat: pattern(options, 'timestampFormat'),
    timestampNTZFormat: pattern(options, 'timestampNTZFormat'),
    timeZone: sessionTimeZone(options, session),
    ignoreNullFields: b('ignoreNullFields', (session.conf('spark.sql.jsonGenerator.ignoreNullFields') ?? 'true') === 'true'),
    compression: compressionOf(options),
  };
}
