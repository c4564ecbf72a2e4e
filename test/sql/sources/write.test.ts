/**
 * df.write for csv / json / text compared file by file with what PySpark 3.5 wrote for the same
 * rows (test/sql/sources/pyspark/expected/write.json), plus save modes and Spark's messages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnalysisException, SparkError } from '../../../src/sql/errors.js';
import type { RowPartitions, SaveMode } from '../../../src/sql/sources/contract.js';
import { SourceOptions } from '../../../src/sql/sources/options.js';
import { findDataSource } from '../../../src/sql/sources/registry.js';
import type { DataType, StructType } from '../../../src/sql/types/data-types.js';
import { parseSchema } from '../../../src/sql/types/ddl.js';
import { Decimal } from '../../../src/sql/types/values.js';
import { cleanup, recorded, session, tempDir } from './helpers.js';

interface WriteCase {
  name: string;
  format: string;
  options?: Record<string, string>;
  partitionBy?: string[];
  conf?: Record<string, string>;
  schema: string;
  rows: unknown[][];
  expected: { files: Record<string, string> };
}

/** A recorded Python value (as record.py stored it) in tspark's internal form. */
function internal(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'double':
    case 'float': {
      if (typeof v === 'object') {
        const s = (v as { double: string }).double;
        return s === 'nan' ? NaN : s === 'inf' ? Infinity : -Infinity;
      }
      return t.kind === 'float' ? Math.fround(v as number) : v;
    }
    case 'long':
      return typeof v === 'object' ? BigInt((v as { long: string }).long) : v;
    case 'decimal': {
      const d = Decimal.parse(v as string)!;
      return d.unscaled * 10n ** BigInt(t.scale - d.scale);
    }
    case 'date':
      return Math.floor(Date.parse(`${v as string}T00:00:00Z`) / 86_400_000);
    case 'timestamp': {
      const [sec, frac = ''] = (v as string).split('.');
      return Date.parse(`${sec!.replace(' ', 'T')}Z`) * 1000 + Number(frac.padEnd(6, '0'));
    }
    case 'array':
      return (v as unknown[]).map((x) => internal(x, t.elementType));
    case 'map':
      return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, internal(x, t.valueType)]));
    case 'struct':
      return (v as unknown[]).map((x, i) => internal(x, t.fields[i]!.dataType));
    default:
      return v;
  }
}

/** Rows in one partition, as a DataFrame's plan would give them. */
export function partitionsOf(schema: StructType, rows: unknown[][], numPartitions = 1): RowPartitions {
  const parts: unknown[][][] = Array.from({ length: numPartitions }, () => []);
  rows.forEach((r, i) => parts[Math.floor((i * numPartitions) / Math.max(1, rows.length))]!.push(r));
  return { schema, numPartitions, readPartition: (i, emit) => parts[i]!.forEach((r) => emit(r)) };
}

/** Files under `dir` (no .crc), names with the job UUID replaced, gz decompressed. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else {
        let data = readFileSync(p);
        if (n.endsWith('.gz')) data = gunzipSync(data);
        out[relative(dir, p).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, '<uuid>')] = data.toString('utf8');
      }
    }
  };
  walk(dir);
  return out;
}

function save(format: string, path: string, data: RowPartitions, mode: SaveMode = 'error', options: Record<string, string> = {}, partitionBy: string[] = [], conf: Record<string, string> = {}): void {
  findDataSource(format).write!({ format, path, mode, options: new SourceOptions(options), partitionBy, session: session(conf) }, data);
}

const { cases, modes } = recorded<{ cases: WriteCase[]; modes: Record<string, unknown>[] }>('write');

describe('write: files recorded from PySpark 3.5', () => {
  for (const c of cases) {
    it(c.name, () => {
      const dir = tempDir();
      try {
        const schema = parseSchema(c.schema);
        const rows = c.rows.map((r) => r.map((v, i) => internal(v, schema.fields[i]!.dataType)));
        const out = join(dir, 'out');
        save(c.format, out, partitionsOf(schema, rows), 'error', c.options ?? {}, c.partitionBy ?? [], c.conf ?? {});
        expect(filesOf(out)).toEqual(c.expected.files);
      } finally {
        cleanup(dir);
      }
    });
  }
});

describe('write: save modes', () => {
  it('behaves as Spark in each mode, in order, on an existing path', () => {
    const dir = tempDir();
    try {
      const schema = parseSchema('a INT');
      const data = partitionsOf(schema, [[1]]);
      const p = join(dir, 't');
      save('csv', p, data);
      for (const m of modes.filter((x) => 'mode' in x)) {
        const mode = m['mode'] as string;
        if (mode === 'bogus') continue;
        const canonical: SaveMode = mode === 'errorifexists' ? 'error' : (mode as SaveMode);
        if ('error' in m) {
          let err: unknown;
          try {
            save('csv', p, data, canonical);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AnalysisException);
          const exp = m['error'] as { errorClass: string; message: string };
          expect((err as SparkError).errorClass).toBe(exp.errorClass);
          expect((err as SparkError).message.replace(dir, '<base>')).toBe(exp.message);
        } else {
          save('csv', p, data, canonical);
          const names = readdirSync(p).sort().map((f) => (f.startsWith('part-') ? 'part' : f));
          expect(names).toEqual(m['files']);
        }
      }
    } finally {
      cleanup(dir);
    }
  });

  it("refuses types a format cannot hold with Spark's message", () => {
    const dir = tempDir();
    try {
      for (const m of modes.filter((x) => 'format' in x && 'error' in x)) {
        const schema = parseSchema(String(m['schema']).replace(/^struct<(.*)>$/, '$1').replace(/:/g, ' '));
        let err: unknown;
        try {
          save(m['format'] as string, join(dir, `u${m['format'] as string}${schema.fields.length}`), partitionsOf(schema, []));
        } catch (e) {
          err = e;
        }
        const exp = m['error'] as { errorClass: string; message: string };
        expect((err as SparkError).errorClass).toBe(exp.errorClass);
        expect((err as SparkError).message).toBe(exp.message);
      }
    } finally {
      cleanup(dir);
    }
  });

  it('overwrites only the partitions written with partitionOverwriteMode=dynamic, everything by default', () => {
    const dir = tempDir();
    try {
      const schema = parseSchema('k STRING, v INT');
      const p = join(dir, 't');
      save('json', p, partitionsOf(schema, [['a', 1], ['b', 2]]), 'error', {}, ['k']);
      save('json', p, partitionsOf(schema, [['b', 3]]), 'overwrite', { partitionOverwriteMode: 'dynamic' }, ['k']);
      const files = filesOf(p);
      expect(Object.entries(files).filter(([n]) => n.startsWith('k=')).map(([n, t]) => `${n.split('/')[0]}:${t.trim()}`).sort()).toEqual(['k=a:{"v":1}', 'k=b:{"v":3}']);
      save('json', p, partitionsOf(schema, [['c', 4]]), 'overwrite', {}, ['k']);
      expect(Object.keys(filesOf(p)).filter((n) => n.startsWith('k=')).map((n) => n.split('/')[0])).toEqual(['k=c']);
    } finally {
      cleanup(dir);
    }
  });

  it('leaves nothing behind when the job fails, and keeps the old output on a failed overwrite', () => {
    const dir = tempDir();
    try {
      const schema = parseSchema('a INT');
      const p = join(dir, 't');
      save('csv', p, partitionsOf(schema, [[1]]));
      const before = filesOf(p);
      const failing: RowPartitions = {
        schema,
        numPartitions: 2,
        readPartition: (i, emit) => {
          if (i === 1) throw new Error('task failed');
          emit([2]);
        },
      };
      expect(() => save('csv', p, failing, 'overwrite')).toThrow('task failed');
      expect(filesOf(p)).toEqual(before);
      expect(existsSync(join(p, '_temporary'))).toBe(false);
      expect(() => save('csv', join(dir, 'new'), failing)).toThrow('task failed');
      expect(existsSync(join(dir, 'new'))).toBe(false);
    } finally {
      cleanup(dir);
    }
  });
});
