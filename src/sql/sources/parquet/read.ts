/**
 * Reading Parquet synchronously with hyparquet's decoders (DataFrame actions are synchronous,
 * hyparquet's own read API is async): the footer and each column chunk are read with
 * `readSync`, one row group at a time, decoded by hyparquet's `readColumn` and assembled by
 * `assembleNested`; values are then turned into tspark's internal form (long as number|bigint,
 * decimal as the exact unscaled bigint, timestamps as µs from INT96 / MILLIS / MICROS / NANOS,
 * dates as days). Memory is bounded by one row group.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Compressors, DecodedArray, FileMetaData, ParquetParsers, SchemaTree } from 'hyparquet';
import type { ColumnDecoder } from 'hyparquet/src/types.js';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import { assembleNested } from 'hyparquet/src/assemble.js';
import { readColumn } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { getTreePath } from 'hyparquet/src/schema.js';
import { SparkRuntimeException } from '../../errors.js';
import type { DataType, StructType } from '../../types/data-types.js';
import { toLong } from '../../types/values.js';
import { qualified } from '../files/paths.js';

/** An open Parquet file: its footer and schema tree. */
export interface ParquetFile {
  readonly path: string;
  readonly fd: number;
  readonly metadata: FileMetaData;
  readonly tree: SchemaTree;
}

function corrupt(path: string, why: string): SparkRuntimeException {
  return new SparkRuntimeException('FILE_READ_FAILED', { path: qualified(path), message: `It is not a Parquet file (${why}); remove it from the input or read it with the right format.` });
}

/** Opens a file and reads its footer. */
export function openParquet(path: string, size: number): ParquetFile {
  const fd = openSync(path, 'r');
  try {
    if (size < 12) throw corrupt(path, `only ${size} bytes`);
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, size - 8);
    if (tail.toString('latin1', 4) !== 'PAR1') throw corrupt(path, 'no PAR1 magic at its end');
    const metaLen = tail.readUInt32LE(0);
    if (metaLen + 12 > size) throw corrupt(path, 'footer length out of range');
    const buf = new ArrayBuffer(metaLen + 8);
    readSync(fd, new Uint8Array(buf), 0, metaLen + 8, size - metaLen - 8);
    const metadata = parquetMetadata(buf);
    return { path, fd, metadata, tree: parquetSchema(metadata) };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Decompressors beyond hyparquet's built-in snappy: gzip and brotli through node:zlib. */
const COMPRESSORS: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
  LZ4_RAW: () => {
    throw new Error('LZ4_RAW-compressed Parquet is not supported by tspark; write the file with snappy, gzip or no compression');
  },
  ZSTD: () => {
    throw new Error('ZSTD-compressed Parquet is not supported by tspark on Node 20; write the file with snappy, gzip or no compression');
  },
};
void inflateSync;

/** Parsers that keep values raw: timestamps as µs numbers, dates as days. */
const PARSERS: ParquetParsers = {
  ...DEFAULT_PARSERS,
  timestampFromMilliseconds: (ms: bigint) => Number(ms) * 1000,
  timestampFromMicroseconds: (us: bigint) => Number(us),
  timestampFromNanoseconds: (ns: bigint) => Number(ns / 1000n) - (ns % 1000n < 0n ? 1 : 0),
  dateFromDays: (d: number) => d,
};

/** Converts one assembled value into its internal form for the Spark type. */
type ValueConverter = (v: unknown) => unknown;

function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  if (b.length > 0 && b[0]! & 0x80) v -= 1n << BigInt(8 * b.length);
  return v;
}

/** The converter for a Spark type. */
export function valueConverter(t: DataType): ValueConverter {
  switch (t.kind) {
    case 'long':
      return (v) => (v === undefined || v === null ? null : toLong(v as number | bigint));
    case 'decimal':
      return (v) => {
        if (v === undefined || v === null) return null;
        if (typeof v === 'bigint') return v;
        if (typeof v === 'number') return BigInt(v);
        return bytesToBigInt(v as Uint8Array);
      };
    case 'binary':
      return (v) => (v === undefined || v === null ? null : new Uint8Array(v as Uint8Array));
    case 'float':
    case 'double':
    case 'integer':
    case 'short':
    case 'byte':
      return (v) => (v === undefined || v === null ? null : Number(v));
    case 'array': {
      const el = valueConverter(t.elementType);
      return (v) => (v === undefined || v === null ? null : (v as unknown[]).map(el));
    }
    case 'map': {
      const key = t.keyType.kind === 'string' ? (k: string): unknown => k : (k: string): unknown => mapKey(k, t.keyType);
      const val = valueConverter(t.valueType);
      return (v) => {
        if (v === undefined || v === null) return null;
        const m = new Map<unknown, unknown>();
        if (v instanceof Map) for (const [k, x] of v) m.set(k, val(x));
        else for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(key(k), val(x));
        return m;
      };
    }
    case 'struct': {
      const names = t.fields.map((f) => f.name);
      const convs = t.fields.map((f) => valueConverter(f.dataType));
      return (v) => {
        if (v === undefined || v === null) return null;
        const o = v as Record<string, unknown>;
        return names.map((n, i) => convs[i]!(o[n]));
      };
    }
    default:
      return (v) => (v === undefined ? null : v);
  }
}

function mapKey(k: string, t: DataType): unknown {
  switch (t.kind) {
    case 'integer':
    case 'short':
    case 'byte':
    case 'double':
    case 'float':
    case 'date':
    case 'timestamp':
      return Number(k);
    case 'long':
      return toLong(BigInt(k));
    case 'boolean':
      return k === 'true';
    default:
      return k;
  }
}

/**
 * Reads every row of `file` in the columns of `schema` (matched by name, case-insensitively; a
 * column the file lacks is NULL), pushing rows into `emit`.
 */
export function readParquetRows(file: ParquetFile, schema: StructType, emit: (row: unknown[]) => void): void {
  const { metadata, tree, fd } = file;
  const width = schema.fields.length;
  const tops = schema.fields.map((f) => tree.children.find((c) => c.element.name === f.name) ?? tree.children.find((c) => c.element.name.toLowerCase() === f.name.toLowerCase()));
  const convs = schema.fields.map((f) => valueConverter(f.dataType));
  for (const rg of metadata.row_groups) {
    const rows = Number(rg.num_rows);
    const columns: (DecodedArray | undefined)[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const top = tops[c];
      if (top === undefined) continue;
      const leaves = rg.columns.filter((ch) => ch.meta_data?.path_in_schema[0] === top.element.name);
      const sub = new Map<string, DecodedArray>();
      for (const ch of leaves) {
        const meta = ch.meta_data!;
        const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
        const length = Number(meta.total_compressed_size);
        const buf = new ArrayBuffer(length);
        readSync(fd, new Uint8Array(buf), 0, length, start);
        const schemaPath = getTreePath(tree, meta.path_in_schema);
        const leaf = schemaPath[schemaPath.length - 1]!;
        const sparkType = leafSparkType(schema.fields[c]!.dataType, meta.path_in_schema.slice(1), top);
        const element = { ...leaf.element };
        if (element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL') {
          // Exact decimals: take the raw unscaled value (hyparquet would give a float).
          delete element.converted_type;
          delete element.logical_type;
        }
        const decoder: ColumnDecoder = {
          pathInSchema: meta.path_in_schema,
          type: meta.type,
          element,
          schemaPath,
          codec: meta.codec,
          parsers: PARSERS,
          compressors: COMPRESSORS,
          utf8: sparkType === 'string',
        };
        let data: DecodedArray[];
        try {
          data = readColumn({ view: new DataView(buf), offset: 0 }, { groupStart: 0, selectStart: 0, selectEnd: rows, groupRows: rows }, decoder).data;
        } catch (e) {
          throw new SparkRuntimeException('FILE_READ_FAILED', { path: qualified(file.path), message: (e as Error).message }, { cause: e });
        }
        sub.set(meta.path_in_schema.join('.'), flat(data));
      }
      if (top.children.length === 0) columns[c] = sub.get(top.element.name);
      else {
        assembleNested(sub, top, PARSERS);
        columns[c] = sub.get(top.path.join('.'));
      }
    }
    for (let r = 0; r < rows; r++) {
      const row = new Array<unknown>(width);
      for (let c = 0; c < width; c++) {
        const col = columns[c];
        row[c] = col === undefined ? null : convs[c]!(col[r]);
      }
      emit(row);
    }
  }
}

function flat(chunks: DecodedArray[]): DecodedArray {
  if (chunks.length === 1) return chunks[0]!;
  const out: unknown[] = [];
  for (const ch of chunks) for (let i = 0; i < ch.length; i++) out.push(ch[i]);
  return out;
}

/** The Spark kind of the leaf at `path` under a top-level column (to know which leaves are strings). */
function leafSparkType(t: DataType, path: readonly string[], top: SchemaTree): string {
  let cur: DataType = t;
  let node = top;
  for (const name of path) {
    const child = node.children.find((c) => c.element.name === name);
    if (child === undefined) break;
    node = child;
    if (cur.kind === 'struct') cur = cur.fields.find((f) => f.name === name)?.dataType ?? cur;
    else if (cur.kind === 'array' && (name === 'element' || name === 'item' || name === 'array')) cur = cur.elementType;
    else if (cur.kind === 'map' && name === 'key') cur = cur.keyType;
    else if (cur.kind === 'map' && name === 'value') cur = cur.valueType;
  }
  return cur.kind;
}
