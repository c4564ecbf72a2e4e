/**
 * Reading CSV files: records of a split (lines, or multiLine records carried across chunks),
 * the header line, schema inference over files, and the conversion of tokens into rows with
 * Spark's handling of malformed records (wrong token count, unconvertible values) per mode.
 */
import { SparkArgumentError, SparkRuntimeException } from '../../errors.js';
import { StringType, StructField, StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { FileInfo, FileSplit, ReadSetup, SplitReader } from '../files/file-format.js';
import { BadRecord, FailureSafe, corruptColumnIndex } from '../files/parse-mode.js';
import { qualified } from '../files/paths.js';
import { lineBlocks, lineByteBlocks, splitLines, textChunks } from '../files/text-blocks.js';
import { CsvByteRows } from './byte-rows.js';
import { tokenConverter, type TokenConverter } from './convert.js';
import { CsvInference } from './infer.js';
import { csvReadOptions, type CsvReadOptions } from './options.js';
import { CsvTokenizer } from './tokenizer.js';
import type { SourceOptions } from '../options.js';
import type { SourceSession } from '../contract.js';

/** Receives each record: its tokens and where its raw text is (`text.slice(start, end)`, for the corrupt-record column). */
type RecordSink = (tokens: (string | null)[], text: string, start: number, end: number) => void;

/**
 * Calls `sink` for every record of the split, skipping blank and comment lines; `want[i]` false
 * lets the fast path leave token i null without cutting it out of the text (column pruning).
 */
export function forEachRecord(split: FileSplit, o: CsvReadOptions, tok: CsvTokenizer, sink: RecordSink, want?: readonly boolean[]): void {
  const comment = o.comment;
  if (!o.multiLine) {
    for (const block of lineBlocks(split, o.lineSep)) {
      if (tok.fastBlock(block, comment, sink, want)) continue;
      const lines = splitLines(block, o.lineSep);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.length === 0 || (comment !== '' && line.startsWith(comment))) continue;
        sink(tok.line(line), line, 0, line.length);
      }
    }
    return;
  }
  let carry = '';
  const chunks = textChunks(split.path, split.fileSize);
  let next = chunks.next();
  while (!next.done || carry.length > 0) {
    const final = next.done === true;
    const text = final ? carry : carry + next.value;
    let pos = 0;
    for (;;) {
      pos = skipBlankAndComments(text, pos, comment, o.lineSep, final);
      if (pos < 0) {
        pos = text.length;
        break;
      }
      if (pos >= text.length) break;
      const r = tok.record(text, pos, text.length, true, final);
      if (r === null) break;
      sink(r.values, text, pos, r.end);
      pos = r.next;
    }
    carry = text.slice(pos);
    if (final) break;
    next = chunks.next();
  }
}

/** Index of the next record start after blank lines and comment lines; -1 when the text ends inside a comment line. */
function skipBlankAndComments(text: string, pos: number, comment: string, lineSep: string | undefined, final: boolean): number {
  for (;;) {
    if (pos >= text.length) return pos;
    if (lineSep !== undefined ? text.startsWith(lineSep, pos) : text.charCodeAt(pos) === 10 || text.charCodeAt(pos) === 13) {
      pos += lineSep !== undefined ? lineSep.length : 1;
      continue;
    }
    if (comment !== '' && text.startsWith(comment, pos)) {
      const end = lineSep !== undefined ? text.indexOf(lineSep, pos) : nextLineEnd(text, pos);
      if (end < 0) return final ? text.length : -1;
      pos = end;
      continue;
    }
    return pos;
  }
}

function nextLineEnd(text: string, pos: number): number {
  const n = text.indexOf('\n', pos);
  const r = text.indexOf('\r', pos);
  return n < 0 ? r : r < 0 ? n : Math.min(n, r);
}

/** Spark's header names: empty (or nullValue) → `_c<i>`; duplicates (case-insensitively) get their index appended. */
export function headerNames(tokens: readonly (string | null)[], o: CsvReadOptions): string[] {
  const raw = tokens.map((t, i) => (t === null || t === '' || t === o.nullValue ? `_c${i}` : t));
  const counts = new Map<string, number>();
  for (const n of raw) counts.set(n.toLowerCase(), (counts.get(n.toLowerCase()) ?? 0) + 1);
  return raw.map((n, i) => ((counts.get(n.toLowerCase()) ?? 0) > 1 ? `${n}${i}` : n));
}

/** Infers the schema of CSV files (all records, as Spark's default samplingRatio of 1). */
export function inferCsvSchema(files: readonly FileInfo[], options: SourceOptions, session: SourceSession): StructType | null {
  const o = csvReadOptions(options, session);
  const tok = new CsvTokenizer(o);
  let names: string[] | undefined;
  let inference: CsvInference | undefined;
  for (const f of files) {
    let first = true;
    forEachRecord({ path: f.path, start: 0, length: f.size, fileSize: f.size }, o, tok, (tokens) => {
      if (names === undefined) {
        names = o.header ? headerNames(tokens, o) : tokens.map((_t, i) => `_c${i}`);
        inference = new CsvInference(o, names.length);
        first = false;
        if (o.header) return;
      } else if (first && o.header) {
        first = false;
        return;
      }
      first = false;
      if (o.inferSchema) inference!.add(tokens);
    });
  }
  if (names === undefined) return new StructType([]);
  const types = o.inferSchema ? inference!.result() : undefined;
  return new StructType(names.map((n, i) => new StructField(n, types ? types[i]! : new StringType(), true)));
}

/** The reader of CSV splits into rows of `dataSchema` (with the corrupt-record column where the schema has it). */
export function prepareCsvRead(setup: ReadSetup): SplitReader {
  const o = csvReadOptions(setup.options, setup.session);
  const schema = setup.dataSchema;
  const corrupt = corruptColumnIndex(schema, o.corruptColumn);
  const dataFields = schema.fields.filter((_f, i) => i !== corrupt);
  const converters: TokenConverter[] = dataFields.map((f) => tokenConverter(f.dataType, o, 'CSV', f.name));
  const nullable = dataFields.map((f) => f.nullable);
  const width = dataFields.length;
  const safe = new FailureSafe(o.mode, schema.fields.length, corrupt);
  const tok = new CsvTokenizer(o);

  return (split, emit, required) => {
    let headerPending = o.header && split.start === 0;
    // Column pruning as Spark's CSV reader: only PERMISSIVE without the corrupt-record column,
    // where a column the query never reads cannot change which rows come out.
    const want = required !== undefined && corrupt < 0 && o.mode === 'PERMISSIVE' ? required : undefined;
    const skip = want === undefined ? undefined : dataFields.map((_f, i) => want[i] === false);
    const handle: RecordSink = (tokens, text, start, end) => {
      if (headerPending) {
        headerPending = false;
        if (!o.enforceSchema) checkHeader(tokens, dataFields.map((f) => f.name), split.path, o);
        return;
      }
      // Tokens are converted in place: the token array becomes the row (one allocation per record).
      const count = tokens.length;
      const values: InternalRow = tokens;
      let cause: Error | null = null;
      for (let i = 0; i < width; i++) {
        if (skip !== undefined && skip[i]) {
          values[i] = null;
          continue;
        }
        const t = i < count ? tokens[i]! : null;
        if (t === null) {
          values[i] = null;
          if (!nullable[i]) cause ??= new SparkRuntimeException('MALFORMED_CSV_RECORD', { badRecord: text.slice(start, end) });
          continue;
        }
        try {
          values[i] = converters[i]!(t);
        } catch (e) {
          values[i] = null;
          cause ??= e as Error;
        }
      }
      if (count > width) values.length = width;
      if (count !== width) cause = new SparkRuntimeException('MALFORMED_CSV_RECORD', { badRecord: text.slice(start, end) });
      if (cause === null) {
        emit(corrupt < 0 ? values : safe.good(values));
        return;
      }
      const row = safe.bad(new BadRecord(values, text.slice(start, end), cause));
      if (row !== null) emit(row);
    };
    const bytes = corrupt < 0 ? CsvByteRows.create(o, dataFields.map((f) => f.dataType), skip, converters, nullable) : undefined;
    if (bytes !== undefined) {
      const slow = (line: string): void => handle(tok.line(line), line, 0, line.length);
      for (const block of lineByteBlocks(split, o.lineSep)) {
        if (bytes.block(block, emit, slow, headerPending)) continue;
        // A block with quotes or `\r`: the general path, line by line.
        const text = block.toString('utf8');
        if (tok.fastBlock(text, o.comment, handle, headerPending && !o.enforceSchema ? undefined : want)) continue;
        const lines = splitLines(text, o.lineSep);
        for (const line of lines) {
          if (line.length === 0 || (o.comment !== '' && line.startsWith(o.comment))) continue;
          handle(tok.line(line), line, 0, line.length);
        }
      }
      return;
    }
    forEachRecord(split, o, tok, handle, headerPending && !o.enforceSchema ? undefined : want);
  };
}

/** `enforceSchema=false`: the header's names must be the schema's (case-insensitively), as Spark's `CSVHeaderChecker`. */
function checkHeader(tokens: readonly (string | null)[], names: readonly string[], path: string, o: CsvReadOptions): void {
  const header = tokens.map((t, i) => t ?? `_c${i}`);
  let problem: { expected: string; found: string } | undefined;
  if (header.length !== names.length) problem = { expected: String(names.length), found: String(header.length) };
  else {
    for (let i = 0; i < names.length; i++) {
      if (header[i]!.toLowerCase() !== names[i]!.toLowerCase()) {
        problem = { expected: names[i]!, found: header[i]! };
        break;
      }
    }
  }
  void o;
  if (problem === undefined) return;
  throw new SparkArgumentError('CSV_HEADER_MISMATCH', {
    header: header.join(', '),
    schema: names.join(', '),
    expected: problem.expected,
    found: problem.found,
    file: qualified(path).replace(/^file:/, 'file://'),
  });
}
