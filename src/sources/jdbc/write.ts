/**
 * `df.write.format("jdbc")…save()`, with Spark's save modes (`JdbcRelationProvider`): when the
 * table exists, `error` refuses, `ignore` does nothing, `append` inserts by column name, and
 * `overwrite` truncates (with `truncate`) or drops and recreates it; a missing table is created
 * from the DataFrame's schema. Unlike Spark, which commits each partition on its own, the whole
 * save is one transaction: a failure leaves the table as it was.
 */
import { AnalysisException } from '../../sql/errors.js';
import type { BatchWriteRequest, RowPartitions, SaveMode } from '../../sql/sources/contract.js';
import { StructField, StructType } from '../../sql/types/data-types.js';
import type { DbColumn, JdbcConnection } from './connection.js';
import { createTableStatement } from './create-table.js';
import { isNoSuchTable, jdbcError } from './errors.js';
import { type JdbcOptions, parseJdbcOptions } from './options.js';
import { acquire, release } from './pool.js';

/** What a save did, for logs and tests. */
export interface JdbcWriteResult {
  readonly rows: number;
  readonly created: boolean;
}

/** The provider's `write`: checks the options, then saves `data` as `request.mode` says. */
export function writeJdbc(request: BatchWriteRequest, data: RowPartitions): JdbcWriteResult {
  const o = parseJdbcOptions(request.options, 'write', request.path);
  return saveTable(o, request.mode, data);
}

/** Saves `data` into `o.table` (the options already checked). */
export function saveTable(o: JdbcOptions, mode: SaveMode, data: RowPartitions): JdbcWriteResult {
  const table = o.table ?? '';
  const conn = acquire(o);
  let healthy = true;
  try {
    const existing = columnsOf(conn, o, table);
    if (existing !== undefined && mode === 'error') {
      throw new AnalysisException('_LEGACY_ERROR_TEMP_1288', {
        tableName: table,
        hint: ' Use mode("append") to add rows, mode("overwrite") to replace them, or another "dbtable".',
      });
    }
    if (existing !== undefined && mode === 'ignore') return { rows: 0, created: false };
    conn.begin();
    try {
      let tableColumns = existing;
      let created = false;
      if (existing === undefined || (mode === 'overwrite' && !o.truncate)) {
        if (existing !== undefined) conn.execute(`DROP TABLE ${table}`);
        const ddl = createTableStatement(conn.dialect, table, data.schema, o);
        try {
          conn.execute(ddl);
        } catch (err) {
          throw jdbcError(err, o.target, { kind: 'create', table }, `The statement was: ${ddl}`);
        }
        tableColumns = undefined;
        created = true;
      } else if (mode === 'overwrite') {
        conn.execute(conn.dialect.truncateStatement(table, o.cascadeTruncate));
      }
      const rows = insertRows(conn, o, table, data, tableColumns);
      conn.commit();
      return { rows, created };
    } catch (err) {
      try {
        conn.rollback();
      } catch {
        healthy = false;
      }
      throw err;
    }
  } catch (err) {
    if (!(err instanceof AnalysisException)) healthy = false;
    throw jdbcError(err, o.target, { kind: 'write', table });
  } finally {
    release(conn, healthy);
  }
}

/** The table's columns, or undefined when it does not exist (other failures are thrown). */
function columnsOf(conn: JdbcConnection, o: JdbcOptions, table: string): DbColumn[] | undefined {
  try {
    return conn.describe(table);
  } catch (err) {
    if (isNoSuchTable(err)) return undefined;
    throw jdbcError(err, o.target, { kind: 'load', table });
  }
}

/**
 * Inserts every partition's rows. The column list follows the DataFrame's order with the
 * table's spelling (Spark's `getInsertStatement`, case-insensitive); a DataFrame column the
 * table lacks is Spark's "Column … not found in schema".
 */
function insertRows(conn: JdbcConnection, o: JdbcOptions, table: string, data: RowPartitions, tableColumns: DbColumn[] | undefined): number {
  const dialect = conn.dialect;
  const fields = data.schema.fields;
  const names = fields.map((f) => {
    if (tableColumns === undefined) return f.name;
    const hit = tableColumns.find((c) => c.name.toLowerCase() === f.name.toLowerCase());
    if (hit === undefined) {
      const tableSchema = new StructType(tableColumns.map((c) => new StructField(c.name, dialect.readType(c, o.preferTimestampNTZ))));
      throw new AnalysisException('_LEGACY_ERROR_TEMP_1156', {
        colName: f.name,
        tableSchema: tableSchema.simpleString(),
        hint: ` Select the table's columns before writing (df.select(...)), or write with mode("overwrite") to recreate "${table}".`,
      });
    }
    return hit.name;
  });
  const keys = o.upsertKeys.map((k) => {
    const at = names.findIndex((n) => n.toLowerCase() === k.toLowerCase());
    if (at < 0) {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `upsertKeys: column ${k} is not a column of the DataFrame (${data.schema.simpleString()}); name key columns the DataFrame has.`,
      });
    }
    return dialect.quoteIdentifier(names[at] ?? k);
  });
  const converters = fields.map((f) => dialect.toDb(f.dataType));
  const writer = conn.startInsert({
    table,
    columns: names.map((n) => dialect.quoteIdentifier(n)),
    upsertKeys: keys,
    batchSize: o.bulkLoad === 'insert' ? o.batchSize : Math.max(o.batchSize, 10_000),
    copy: o.bulkLoad !== 'insert',
  });
  const n = fields.length;
  const out: unknown[] = new Array<unknown>(n);
  for (let p = 0; p < data.numPartitions; p++) {
    data.readPartition(p, (row) => {
      for (let i = 0; i < n; i++) {
        const v = row[i];
        out[i] = v === null || v === undefined ? null : (converters[i] as (v: unknown) => unknown)(v);
      }
      writer.add(out);
    });
  }
  return writer.finish();
}
