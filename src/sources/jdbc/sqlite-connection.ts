/**
 * An embedded SQLite database (better-sqlite3): synchronous by nature, so it needs no worker.
 * Files open in WAL mode, so a reader (`sqlite3 counts.db` in another terminal) never blocks a
 * streaming writer, with a busy timeout instead of an immediate "database is locked".
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { BulkWriter, DbColumn, InsertPlan, JdbcConnection } from './connection.js';
import type { JdbcDialect } from './dialect.js';
import { sqliteDialect } from './sqlite-dialect.js';

type DatabaseConstructor = typeof BetterSqlite3;

let constructorCache: DatabaseConstructor | undefined;

/** better-sqlite3, loaded on first use so the shell starts without loading a native module. */
function database(): DatabaseConstructor {
  constructorCache ??= createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
  return constructorCache;
}

/** Opens (creating if needed) the SQLite file `file` (`:memory:` for a private in-memory database). */
export function openSqlite(file: string, busyTimeoutMs: number): JdbcConnection {
  const db = new (database())(file, { timeout: busyTimeoutMs });
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  return new SqliteConnection(db);
}

class SqliteConnection implements JdbcConnection {
  readonly dialect: JdbcDialect = sqliteDialect;
  constructor(private readonly db: BetterSqlite3.Database) {}

  execute(sql: string): number {
    return this.db.prepare(sql).run().changes;
  }

  describe(relation: string): DbColumn[] {
    const columns = this.db.prepare(`SELECT * FROM ${relation} WHERE 1=0`).columns();
    // An expression (`count(*)`, `id * 2`) has no declared type: SQLite types values, not
    // columns, so the first row's value types stand for the column (as sqlite-jdbc does).
    let first: unknown[] | undefined;
    if (columns.some((c) => c.type === null)) {
      first = this.db.prepare(`SELECT * FROM ${relation} LIMIT 1`).raw(true).safeIntegers(true).get() as unknown[] | undefined;
    }
    return columns.map((c, i) => ({ name: c.name, nullable: true, ...(c.type === null ? valueType(first?.[i]) : declaredType(c.type)) }));
  }

  query(sql: string, emit: (row: readonly unknown[]) => void): void {
    const stmt = this.db.prepare(sql).raw(true).safeIntegers(true);
    for (const row of stmt.iterate() as IterableIterator<unknown[]>) emit(row);
  }

  startInsert(plan: InsertPlan): BulkWriter {
    const stmt = this.db.prepare(this.dialect.insertStatement(plan, 1, () => '?'));
    let count = 0;
    return {
      add(row) {
        stmt.run(row as unknown[]);
        count++;
      },
      finish: () => count,
    };
  }

  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }
  commit(): void {
    this.db.exec('COMMIT');
  }
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
  close(): void {
    this.db.close();
  }
}

/** The type name a value stands for when its column has no declared type. */
function valueType(v: unknown): Pick<DbColumn, 'typeName'> {
  if (typeof v === 'bigint' || typeof v === 'number') return { typeName: Number.isInteger(v) || typeof v === 'bigint' ? 'bigint' : 'double' };
  if (v instanceof Uint8Array) return { typeName: 'blob' };
  return { typeName: 'text' };
}

/** A SQLite declared type (`DECIMAL(10,2)`, `VARCHAR(10)`, none) as a type name with its modifiers. */
export function declaredType(declared: string | null): Pick<DbColumn, 'typeName' | 'precision' | 'scale'> {
  if (declared === null) return { typeName: '' };
  const m = /^\s*([^(]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(declared);
  if (!m) return { typeName: declared.toLowerCase() };
  return {
    typeName: (m[1] ?? '').toLowerCase(),
    ...(m[2] === undefined ? {} : { precision: Number(m[2]) }),
    ...(m[3] === undefined ? {} : { scale: Number(m[3]) }),
  };
}
