/**
 * What happens to a record that does not parse, as Spark's `FailureSafeParser`:
 * - `PERMISSIVE` (default): the row is kept with what did parse (NULL elsewhere); when the
 *   schema has the corrupt-record column (`_corrupt_record`, or `columnNameOfCorruptRecord`),
 *   it holds the raw record, and is NULL on good rows;
 * - `DROPMALFORMED`: the row is dropped;
 * - `FAILFAST`: the read fails with `[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION]`.
 * Nothing is dropped silently in the default mode: a bad record is visible in its row.
 */
import { AnalysisException, SparkArgumentError, SparkRuntimeException, SparkError, quoteId } from '../../errors.js';
import type { StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { SourceSession } from '../contract.js';
import type { SourceOptions } from '../options.js';

/** Spark's parse modes. */
export type ParseMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

const MODES: readonly ParseMode[] = ['PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'];

/**
 * The `mode` option. Spark logs a warning and uses PERMISSIVE for an unknown mode; tspark
 * refuses it, since a misspelt FAILFAST would otherwise let bad records through unnoticed.
 */
export function parseModeOf(options: SourceOptions): ParseMode {
  return options.getEnum('mode', MODES, 'PERMISSIVE');
}

/** The corrupt-record column's name: the option, else `spark.sql.columnNameOfCorruptRecord`, else `_corrupt_record`. */
export function corruptColumnName(options: SourceOptions, session: Pick<SourceSession, 'conf'>): string {
  return options.get('columnNameOfCorruptRecord') ?? session.conf('spark.sql.columnNameOfCorruptRecord') ?? '_corrupt_record';
}

/** Index of the corrupt-record column in `schema` (-1 when absent); it must be a nullable string. */
export function corruptColumnIndex(schema: StructType, name: string): number {
  const i = schema.fields.findIndex((f) => f.name === name);
  if (i >= 0) {
    const f = schema.fields[i]!;
    if (f.dataType.kind !== 'string' || !f.nullable) throw new SparkArgumentError('_LEGACY_ERROR_TEMP_1097', {});
  }
  return i;
}

/** A record that did not parse: what did parse (data columns, NULL elsewhere), the raw text and why. */
export class BadRecord {
  constructor(
    readonly partial: InternalRow | null,
    readonly raw: string,
    readonly cause: Error,
  ) {}
}

/** Applies the parse mode to parsed records and writes rows in the output schema (data columns + corrupt column). */
export class FailureSafe {
  /** Where each data column goes in the output row. */
  private readonly positions: number[];
  constructor(
    readonly mode: ParseMode,
    /** Number of columns of the output row. */
    private readonly width: number,
    /** Index of the corrupt column in the output row, or -1. */
    readonly corruptIndex: number,
  ) {
    this.positions = [];
    for (let i = 0; i < width; i++) if (i !== corruptIndex) this.positions.push(i);
  }

  /** Output row of good data values (in data-column order). */
  good(values: InternalRow): InternalRow {
    if (this.corruptIndex < 0) return values;
    const out: InternalRow = new Array(this.width).fill(null);
    for (let i = 0; i < this.positions.length; i++) out[this.positions[i]!] = values[i] ?? null;
    return out;
  }

  /** The output row for a bad record, or null when the mode drops it; FAILFAST throws. */
  bad(rec: BadRecord): InternalRow | null {
    if (this.mode === 'DROPMALFORMED') return null;
    const values = rec.partial ?? new Array(this.positions.length).fill(null);
    const out = this.good(this.corruptIndex < 0 ? values : values.slice());
    if (this.corruptIndex >= 0) out[this.corruptIndex] = rec.raw;
    if (this.mode === 'FAILFAST') throw malformedError(out, rec.cause);
    return out;
  }
}

/** `[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION]` with the row as Spark prints an InternalRow (`[4,5]`). */
export function malformedError(row: InternalRow, cause: Error): SparkRuntimeException {
  const detail = cause instanceof SparkError ? cause.message : `${cause.name === 'Error' ? '' : cause.name + ': '}${cause.message}`;
  return new SparkRuntimeException(
    'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
    { badRecord: internalRowText(row), failFastMode: 'FAILFAST' },
    { cause, context: `\nCaused by: ${detail}` },
  );
}

/** An internal row as Spark's `InternalRow.toString`: `[1,null,abc]`. */
export function internalRowText(row: readonly unknown[]): string {
  return `[${row.map(valueText).join(',')}]`;
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return internalRowText(v);
  return String(v);
}

/** The error a value conversion raises, with the JVM's wording (`For input string: "x"`). */
export class ValueParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumberFormatException';
  }
}

/** A field that appears twice (names compared case-insensitively, as Spark's default analysis). */
export function checkDuplicateColumns(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    const l = n.toLowerCase();
    if (seen.has(l)) throw new AnalysisException('COLUMN_ALREADY_EXISTS', { columnName: quoteId(l) });
    seen.add(l);
  }
}
