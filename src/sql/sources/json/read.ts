/**
 * Reading JSON: JSON Lines (one record a line; blank lines skipped) or, with `multiLine`, one
 * record a file; a record that is an array of objects gives one row per object. Inference
 * merges the records' types and adds the corrupt-record column when a record is malformed
 * (PERMISSIVE); reading converts records into rows with Spark's handling per mode.
 */
import { SparkRuntimeException } from '../../errors.js';
import { StringType, StructField, StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { SourceSession } from '../contract.js';
import type { FileInfo, FileSplit, ReadSetup, SplitReader } from '../files/file-format.js';
import { BadRecord, FailureSafe, corruptColumnIndex } from '../files/parse-mode.js';
import { lineBlocks, readWholeText, splitLines } from '../files/text-blocks.js';
import type { SourceOptions } from '../options.js';
import { structConverter, type Failure } from './convert.js';
import { canonicalize, inferObject, mergeTypes } from './infer.js';
import { jsonOptions, type JsonOptions } from './options.js';
import { JsonObject, JsonParser, type JsonNode } from './parse.js';

/** Calls `sink` with the text of every record of the split (lines, or the whole file with multiLine). */
export function forEachJsonRecord(split: FileSplit, o: JsonOptions, sink: (text: string) => void): void {
  if (o.multiLine) {
    if (split.start > 0) return;
    const text = readWholeText(split.path, split.fileSize, 'JSON multiLine');
    if (text.trim().length > 0) sink(text);
    return;
  }
  for (const block of lineBlocks(split, o.lineSep)) {
    const lines = splitLines(block, o.lineSep);
    for (let i = 0; i < lines.length; i++) sink(lines[i]!);
  }
}

/** Outcome of parsing one record: objects to turn into rows, nothing (blank), or malformed. */
type Parsed = { kind: 'rows'; objects: JsonObject[] } | { kind: 'blank' } | { kind: 'bad'; error: Error };

function parseRecord(parser: JsonParser, text: string): Parsed {
  let node: JsonNode | undefined;
  try {
    node = parser.parse(text);
  } catch (e) {
    return { kind: 'bad', error: e as Error };
  }
  if (node === undefined || node === null) return { kind: 'blank' };
  if (node instanceof JsonObject) return { kind: 'rows', objects: [node] };
  if (Array.isArray(node) && node.every((x) => x instanceof JsonObject)) return { kind: 'rows', objects: node as JsonObject[] };
  return {
    kind: 'bad',
    error: new SparkRuntimeException('MALFORMED_JSON', { message: 'Parsing JSON arrays as structs is forbidden, or the record is not a JSON object.' }),
  };
}

/** Infers the schema of JSON files. */
export function inferJsonSchema(files: readonly FileInfo[], options: SourceOptions, session: SourceSession): StructType {
  const o = jsonOptions(options, session);
  const parser = new JsonParser(o.features);
  let root: StructType = new StructType([]);
  let corrupt = false;
  for (const f of files) {
    forEachJsonRecord({ path: f.path, start: 0, length: f.size, fileSize: f.size }, o, (text) => {
      const p = parseRecord(parser, text);
      if (p.kind === 'blank') return;
      if (p.kind === 'bad') {
        if (o.mode === 'FAILFAST') throw new SparkRuntimeException('_LEGACY_ERROR_TEMP_2165', { failFastMode: 'FAILFAST' }, { cause: p.error, context: `\nCaused by: ${p.error.message}` });
        if (o.mode === 'PERMISSIVE') corrupt = true;
        return;
      }
      for (const obj of p.objects) root = mergeTypes(root, inferObject(obj, o)) as StructType;
    });
  }
  const canon = canonicalize(root, o.dropFieldIfAllNull);
  let fields = canon === undefined ? [] : [...(canon as StructType).fields];
  if (corrupt && !fields.some((x) => x.name === o.corruptColumn)) {
    fields.push(new StructField(o.corruptColumn, new StringType(), true));
    fields = fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return new StructType(fields);
}

/** The reader of JSON splits into rows of `dataSchema`. */
export function prepareJsonRead(setup: ReadSetup): SplitReader {
  const o = jsonOptions(setup.options, setup.session);
  const schema = setup.dataSchema;
  const corrupt = corruptColumnIndex(schema, o.corruptColumn);
  const dataSchema = new StructType(schema.fields.filter((_f, i) => i !== corrupt));
  const failure: Failure = { error: null };
  const convert = structConverter(dataSchema, o, failure);
  const safe = new FailureSafe(o.mode, schema.fields.length, corrupt);
  const parser = new JsonParser(o.features);
  return (split, emit) => {
    forEachJsonRecord(split, o, (text) => {
      const p = parseRecord(parser, text);
      if (p.kind === 'blank') return;
      if (p.kind === 'bad') {
        const row = safe.bad(new BadRecord(null, text, p.error));
        if (row !== null) emit(row);
        return;
      }
      for (const obj of p.objects) {
        failure.error = null;
        const values: InternalRow = convert(obj);
        if (failure.error === null) emit(safe.good(values));
        else {
          const row = safe.bad(new BadRecord(values, text, failure.error));
          if (row !== null) emit(row);
        }
      }
    });
  };
}
