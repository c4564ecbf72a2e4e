/**
 * Writing CSV as Spark does (`UnivocityGenerator` with Spark's settings): values trimmed of
 * surrounding whitespace by default, quoted when they hold the separator, the quote character
 * or a line break (every value with `quoteAll`), quotes inside escaped with `escape`; NULL as
 * `nullValue` (empty by default), the empty string as `emptyValue` (`""` by default); dates and
 * timestamps by `dateFormat` / `timestampFormat` (default `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`).
 */
import type { StructType } from '../../types/data-types.js';
import { DatePattern } from '../../types/date-pattern.js';
import type { FileWriter, PreparedWrite, WriteSetup } from '../files/file-format.js';
import { OutputFile } from '../files/output-file.js';
import { atomicText, type TextFormats } from '../files/value-text.js';
import { unsupportedType } from './convert.js';
import { csvWriteOptions, type CsvWriteOptions } from './options.js';

/** Spark's default timestamp pattern for writing CSV and JSON. */
export const DEFAULT_TIMESTAMP_WRITE = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
/** Spark's default timestamp_ntz pattern for writing. */
export const DEFAULT_TIMESTAMP_NTZ_WRITE = "yyyy-MM-dd'T'HH:mm:ss.SSS";

/** The formats values are written with, from the options or Spark's defaults. */
export function writeFormats(o: { dateFormat: DatePattern | null; timestampFormat: DatePattern | null; timestampNTZFormat: DatePattern | null; timeZone: string }): TextFormats {
  return {
    date: o.dateFormat ?? new DatePattern('yyyy-MM-dd'),
    timestamp: o.timestampFormat ?? new DatePattern(DEFAULT_TIMESTAMP_WRITE),
    timestampNTZ: o.timestampNTZFormat ?? new DatePattern(DEFAULT_TIMESTAMP_NTZ_WRITE),
    timeZone: o.timeZone,
  };
}

/** Checks that CSV can hold every column (atomic types only). */
export function checkCsvSchema(schema: StructType): void {
  for (const f of schema.fields) {
    const k = f.dataType.kind;
    if (k === 'array' || k === 'map' || k === 'struct' || k === 'binary' || k === 'interval') throw unsupportedType('CSV', f.name, f.dataType);
  }
}

/** Quotes and escapes field text. */
class FieldWriter {
  private readonly needsQuote: RegExp;
  private readonly quoteRe: RegExp;
  constructor(private readonly o: CsvWriteOptions) {
    const esc = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
    const triggers = [esc(o.sep), '\\n', '\\r'];
    if (o.quote !== '' && o.escapeQuotes) triggers.push(esc(o.quote));
    this.needsQuote = new RegExp(triggers.join('|'));
    this.quoteRe = o.quote === '' ? /$^/ : new RegExp(esc(o.quote), 'g');
  }

  field(text: string | null): string {
    const o = this.o;
    if (text === null) return o.quoteAll ? this.quoted(o.nullValue) : o.nullValue;
    let t = text;
    if (o.ignoreLeadingWhiteSpace) t = t.replace(/^[\x00-\x20]+/, '');
    if (o.ignoreTrailingWhiteSpace) t = t.replace(/[\x00-\x20]+$/, '');
    if (t === '') return o.quoteAll && o.emptyValue !== '""' ? this.quoted(o.emptyValue) : o.emptyValue;
    if (o.quote !== '' && (o.quoteAll || this.needsQuote.test(t))) return this.quoted(t);
    return t;
  }

  private quoted(t: string): string {
    const q = this.o.quote;
    return q + (this.o.escapeQuotes ? t.replace(this.quoteRe, this.o.escape + q) : t) + q;
  }
}

/** The CSV writer factory for one schema. */
export function prepareCsvWrite(setup: WriteSetup): PreparedWrite {
  const o = csvWriteOptions(setup.options, setup.session);
  const schema = setup.dataSchema;
  checkCsvSchema(schema);
  const formats = writeFormats(o);
  const fw = new FieldWriter(o);
  const types = schema.fields.map((f) => f.dataType);
  const eol = o.lineSep ?? '\n';
  const line = (values: readonly (string | null)[]): string => values.map((v) => fw.field(v)).join(o.sep) + eol;
  return {
    extension: o.compression === 'gzip' ? '.csv.gz' : '.csv',
    open(path: string): FileWriter {
      const out = new OutputFile(path, o.compression === 'gzip');
      if (o.header) out.write(line(schema.fieldNames()));
      return {
        write(row) {
          const texts = new Array<string | null>(types.length);
          for (let i = 0; i < types.length; i++) {
            const v = row[i];
            texts[i] = v === null || v === undefined ? null : atomicText(v, types[i]!, formats);
          }
          out.write(line(texts));
        },
        close: () => out.close(),
      };
    },
  };
}
