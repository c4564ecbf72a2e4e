/**
 * Writing JSON Lines as Spark's `JacksonGenerator`: one object per row in schema order, NULL
 * fields left out (`ignoreNullFields`, default true; NULLs inside arrays are kept), numbers as
 * the JVM prints them with `NaN` / `Infinity` as strings, dates and timestamps as text by
 * `dateFormat` / `timestampFormat`, binary as base64, maps as objects.
 */
import type { DataType } from '../../types/data-types.js';
import type { FileWriter, PreparedWrite, WriteSetup } from '../files/file-format.js';
import { OutputFile } from '../files/output-file.js';
import { atomicText, type TextFormats } from '../files/value-text.js';
import { writeFormats } from '../csv/write.js';
import { jsonOptions } from './options.js';
import { jsonString } from './parse.js';

/** JSON text of one non-null value. */
export function valueJson(v: unknown, t: DataType, f: TextFormats, ignoreNull: boolean): string {
  switch (t.kind) {
    case 'struct': {
      const row = v as unknown[];
      const parts: string[] = [];
      t.fields.forEach((field, i) => {
        const x = row[i];
        if (x === null || x === undefined) {
          if (!ignoreNull) parts.push(`${jsonString(field.name)}:null`);
          return;
        }
        parts.push(`${jsonString(field.name)}:${valueJson(x, field.dataType, f, ignoreNull)}`);
      });
      return `{${parts.join(',')}}`;
    }
    case 'array':
      return `[${(v as unknown[]).map((x) => (x === null || x === undefined ? 'null' : valueJson(x, t.elementType, f, ignoreNull))).join(',')}]`;
    case 'map': {
      const parts: string[] = [];
      for (const [k, x] of v as Map<unknown, unknown>) {
        const key = jsonString(atomicText(k, t.keyType, f));
        parts.push(`${key}:${x === null || x === undefined ? 'null' : valueJson(x, t.valueType, f, ignoreNull)}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'boolean':
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'decimal':
      return atomicText(v, t, f);
    case 'double':
    case 'float': {
      const n = v as number;
      return Number.isFinite(n) ? atomicText(v, t, f) : `"${atomicText(v, t, f)}"`;
    }
    default:
      return jsonString(atomicText(v, t, f));
  }
}

/** The JSON writer factory for one schema. */
export function prepareJsonWrite(setup: WriteSetup): PreparedWrite {
  const o = jsonOptions(setup.options, setup.session);
  const formats = writeFormats(o);
  const schema = setup.dataSchema;
  const eol = o.lineSep ?? '\n';
  return {
    extension: o.compression === 'gzip' ? '.json.gz' : '.json',
    open(path: string): FileWriter {
      const out = new OutputFile(path, o.compression === 'gzip');
      return {
        write: (row) => out.write(valueJson(row, schema, formats, o.ignoreNullFields) + eol),
        close: () => out.close(),
      };
    },
  };
}
