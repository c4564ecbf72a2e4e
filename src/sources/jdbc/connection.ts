/**
 * What the jdbc source needs of a database connection, synchronously (DataFrame actions are
 * synchronous): SQLite answers at once (better-sqlite3), PostgreSQL through a worker thread
 * (`postgres-connection.ts`). Values cross this interface in the database client's own form
 * (`db-values.ts` converts them from and to Spark's internal values).
 */
import type { JdbcDialect } from './dialect.js';

/** One column of a result or a table, as the database describes it. */
export interface DbColumn {
  readonly name: string;
  /** The database's type name, lower case: `integer`, `numeric`, `text`, `timestamp without time zone`, or a SQLite declared type. */
  readonly typeName: string;
  /** numeric(p, s) and varchar(n) modifiers, when the database reports them. */
  readonly precision?: number;
  readonly scale?: number;
  readonly nullable: boolean;
}

/** A prepared bulk write: the table, its columns in order, and how to treat key conflicts. */
export interface InsertPlan {
  /** The table name as the user gave it (already quoted if they quoted it). */
  readonly table: string;
  /** Quoted column names, in the order of the row values. */
  readonly columns: readonly string[];
  /** Quoted key columns: rows whose keys exist replace the other columns (INSERT … ON CONFLICT … DO UPDATE). */
  readonly upsertKeys: readonly string[];
  /** Rows per statement or per COPY chunk. */
  readonly batchSize: number;
  /** PostgreSQL: COPY when true, multi-row INSERTs otherwise. */
  readonly copy: boolean;
}

/** One open connection; every method blocks until the database answered. */
export interface JdbcConnection {
  readonly dialect: JdbcDialect;
  /** Runs a statement without results; returns the rows it changed. */
  execute(sql: string): number;
  /** The columns of `SELECT * FROM relation` (a table name, or `(query) alias`), without reading rows. */
  describe(relation: string): DbColumn[];
  /** Runs a query and pushes each row (values in the client's form) to `emit`. */
  query(sql: string, emit: (row: readonly unknown[]) => void): void;
  /** Starts a bulk write of rows (values already in the client's form); `finish` returns the row count. */
  startInsert(plan: InsertPlan): BulkWriter;
  begin(): void;
  commit(): void;
  rollback(): void;
  close(): void;
}

/** Rows go in with `add`; `finish` waits until all are written. */
export interface BulkWriter {
  add(row: readonly unknown[]): void;
  finish(): number;
}
