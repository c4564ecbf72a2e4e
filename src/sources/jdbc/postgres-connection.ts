/**
 * A synchronous PostgreSQL connection: pg runs in a worker thread (`postgres-worker.ts`) and
 * each call blocks until its answer. Bulk writes stream: rows are encoded into COPY text (or
 * INSERT parameters) here while the worker sends the previous chunk.
 */
import { BlockingWorker } from '../blocking/blocking-worker.js';
import type { BulkWriter, DbColumn, InsertPlan, JdbcConnection } from './connection.js';
import type { JdbcDialect } from './dialect.js';
import { postgresDialect } from './postgres-dialect.js';
import { pgTypeInfo } from './postgres-types.js';
import type { PgConnectArgs, PgRows } from './postgres-worker.js';

/** Opens a connection (blocking); connection errors are thrown as the worker got them. */
export function openPostgres(args: PgConnectArgs): JdbcConnection {
  const worker = new BlockingWorker(new URL('./postgres-worker.js', import.meta.url));
  try {
    worker.call('connect', args);
  } catch (err) {
    worker.close();
    throw err;
  }
  return new PostgresConnection(worker);
}

class PostgresConnection implements JdbcConnection {
  readonly dialect: JdbcDialect = postgresDialect;
  constructor(private readonly worker: BlockingWorker) {}

  execute(sql: string): number {
    return this.worker.call<number>('execute', sql);
  }

  describe(relation: string): DbColumn[] {
    const r = this.worker.call<PgRows>('query', `SELECT * FROM ${relation} WHERE 1=0`);
    return r.fields.map((f) => ({ name: f.name, nullable: true, ...pgTypeInfo(f.typeOid, f.typeMod) }));
  }

  query(sql: string, emit: (row: readonly unknown[]) => void): void {
    const r = this.worker.call<PgRows>('query', sql);
    for (const row of r.rows) emit(row);
  }

  startInsert(plan: InsertPlan): BulkWriter {
    return plan.copy && plan.upsertKeys.length === 0 ? new CopyWriter(this.worker, plan) : new InsertWriter(this.worker, plan, this.dialect);
  }

  begin(): void {
    this.execute('BEGIN');
  }
  commit(): void {
    this.execute('COMMIT');
  }
  rollback(): void {
    this.execute('ROLLBACK');
  }
  close(): void {
    try {
      this.worker.call('close', undefined, 5000);
    } finally {
      this.worker.close();
    }
  }
}

/** COPY … FROM STDIN in text format, sent in chunks of `batchSize` rows. */
class CopyWriter implements BulkWriter {
  private chunk: string[] = [];
  private count = 0;
  constructor(
    private readonly worker: BlockingWorker,
    private readonly plan: InsertPlan,
  ) {
    worker.call('copyStart', `COPY ${plan.table} (${plan.columns.join(', ')}) FROM STDIN`);
  }
  add(row: readonly unknown[]): void {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      line += (i === 0 ? '' : '\t') + (v === null ? '\\N' : copyEscape(v as string));
    }
    this.chunk.push(line);
    this.count++;
    if (this.chunk.length >= this.plan.batchSize) this.flush();
  }
  finish(): number {
    this.flush();
    this.worker.call('copyEnd');
    return this.count;
  }
  private flush(): void {
    if (this.chunk.length === 0) return;
    this.worker.post('copyChunk', this.chunk.join('\n') + '\n');
    this.chunk = [];
  }
}

/** Multi-row INSERT statements with text parameters; with upsert keys, `ON CONFLICT … DO UPDATE`. */
class InsertWriter implements BulkWriter {
  private values: (string | null)[] = [];
  private rows = 0;
  private count = 0;
  private readonly rowsPerStatement: number;
  private readonly keyIndexes: number[];
  /** Keys in the statement being built: ON CONFLICT cannot touch one row twice in a statement. */
  private readonly keysInStatement = new Set<string>();
  constructor(
    private readonly worker: BlockingWorker,
    private readonly plan: InsertPlan,
    private readonly dialect: JdbcDialect,
  ) {
    // PostgreSQL allows 65535 parameters in one statement.
    this.rowsPerStatement = Math.max(1, Math.min(plan.batchSize, Math.floor(65535 / Math.max(1, plan.columns.length))));
    this.keyIndexes = plan.upsertKeys.map((k) => plan.columns.indexOf(k));
  }
  add(row: readonly unknown[]): void {
    if (this.keyIndexes.length > 0) {
      // A key already in this statement ends it, so the later row updates the earlier one.
      const key = JSON.stringify(this.keyIndexes.map((i) => row[i]));
      if (this.keysInStatement.has(key)) this.flush();
      this.keysInStatement.add(key);
    }
    for (const v of row) this.values.push(v as string | null);
    this.rows++;
    this.count++;
    if (this.rows >= this.rowsPerStatement) this.flush();
  }
  finish(): number {
    this.flush();
    // The posts' results (and failures) are in once a call has been answered.
    this.worker.call('execute', 'SELECT 1');
    return this.count;
  }
  private flush(): void {
    if (this.rows === 0) return;
    const sql = this.dialect.insertStatement(this.plan, this.rows, (i) => `$${i + 1}`);
    this.worker.post('insert', { sql, values: this.values });
    this.values = [];
    this.rows = 0;
    this.keysInStatement.clear();
  }
}

/** COPY text format escapes: backslash, and the tab, newline and carriage return that delimit. */
export function copyEscape(text: string): string {
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
