/**
 * The CREATE TABLE a write issues for a new table, as Spark's `JdbcUtils.createTable`:
 * `CREATE TABLE t ("word" TEXT, "count" BIGINT NOT NULL) <createTableOptions>`, the dialect's
 * type for each column unless `createTableColumnTypes` names one, and (tspark) a primary key on
 * the `upsertKeys` so later upserts have the unique index they need.
 */
import { AnalysisException } from '../../sql/errors.js';
import type { StructType } from '../../sql/types/data-types.js';
import { parseDataType } from '../../sql/types/ddl.js';
import type { JdbcDialect } from './dialect.js';
import type { JdbcOptions } from './options.js';

/** The CREATE TABLE statement for `schema`. */
export function createTableStatement(dialect: JdbcDialect, table: string, schema: StructType, o: JdbcOptions): string {
  const userTypes = columnTypes(o.createTableColumnTypes, schema);
  const keys = new Set(o.upsertKeys.map((k) => k.toLowerCase()));
  const columns = schema.fields.map((f) => {
    const type = userTypes.get(f.name.toLowerCase()) ?? dialect.createType(f.dataType);
    // Key columns cannot hold NULL in a primary key.
    const notNull = !f.nullable || keys.has(f.name.toLowerCase());
    return `${dialect.quoteIdentifier(f.name)} ${type}${notNull ? ' NOT NULL' : ''}`;
  });
  if (keys.size > 0) {
    const keyNames = o.upsertKeys.map((k) => schema.fields.find((f) => f.name.toLowerCase() === k.toLowerCase())?.name ?? k);
    columns.push(`PRIMARY KEY (${keyNames.map((k) => dialect.quoteIdentifier(k)).join(', ')})`);
  }
  const suffix = o.createTableOptions.trim();
  return `CREATE TABLE ${table} (${columns.join(', ')})${suffix === '' ? '' : ` ${suffix}`}`;
}

/** `createTableColumnTypes` ("name VARCHAR(20), n BIGINT") by lower-case column name, checked against the DataFrame. */
function columnTypes(text: string | undefined, schema: StructType): Map<string, string> {
  const out = new Map<string, string>();
  if (text === undefined || text.trim() === '') return out;
  for (const entry of splitTopLevel(text)) {
    const m = /^\s*(`[^`]+`|[^\s`]+)\s+(.+?)\s*$/s.exec(entry);
    if (!m) {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `createTableColumnTypes: expected "column TYPE" entries separated by commas; got ${JSON.stringify(entry.trim())}`,
      });
    }
    const name = (m[1] ?? '').replace(/^`|`$/g, '');
    const typeText = m[2] ?? '';
    if (!schema.fields.some((f) => f.name.toLowerCase() === name.toLowerCase())) {
      throw new AnalysisException('_LEGACY_ERROR_TEMP_1171', { col: name, schema: schema.simpleString() });
    }
    if (out.has(name.toLowerCase())) {
      throw new AnalysisException('LEGACY_ANALYSIS', { message: `Found duplicate column(s) in the createTableColumnTypes option value: \`${name}\`` });
    }
    // Parsed to check it is a Spark type (a typo fails here, not in the database); written as
    // Spark writes it: the type's catalog string, with char/varchar lengths kept.
    const parsed = parseDataType(typeText);
    const charType = /^\s*((?:var)?char)\s*\(\s*(\d+)\s*\)\s*$/i.exec(typeText);
    out.set(name.toLowerCase(), charType ? `${(charType[1] ?? '').toLowerCase()}(${charType[2]})` : parsed.simpleString());
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '<') depth++;
    else if (c === ')' || c === '>') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== '');
}
