/**
 * `spark.catalog` of a remote session: each call is a Spark Connect `catalog` relation run on the
 * server (its databases, tables, temporary views and cache), and temporary views of DataFrames are
 * made with CreateDataFrameViewCommand.
 */
import { Catalog, Table } from '../../api/catalog.js';
import type { LogicalPlan } from '../../plan/relations.js';
import type { Catalog as ProtoCatalog } from '../generated/types/spark/connect/Catalog.js';
import type { RemoteSessionExecutor } from './executor.js';
import { refuseRemote } from './refusals.js';

/** The server session's catalog. */
export class RemoteCatalog extends Catalog {
  constructor(private readonly remote: RemoteSessionExecutor) {
    super({
      get sparkContext(): never {
        return refuseRemote('sparkContext');
      },
      cachePlan: (plan, cache) => remote.persist(plan, cache),
      isCachedPlan: (plan) => remote.isCached(plan),
      clearCache: () => void run(remote, { clear_cache: {} }),
    });
  }

  override createTempView(name: string, plan: LogicalPlan, replace: boolean, global: boolean): void {
    this.remote.createView(plan, name, replace, global);
  }

  /** Views live on the server: the local analyser never sees them. */
  override lookup(name: readonly string[]): LogicalPlan | undefined {
    void name;
    return undefined;
  }

  override currentDatabase(): string {
    return String(run(this.remote, { current_database: {} })[0]?.[0] ?? '');
  }

  override currentCatalog(): string {
    return String(run(this.remote, { current_catalog: {} })[0]?.[0] ?? '');
  }

  override listTables(dbName?: string): Table[] {
    const rows = run(this.remote, { list_tables: dbName !== undefined ? { db_name: dbName } : {} });
    return rows.map(
      ([name, catalog, namespace, description, tableType, isTemporary]) =>
        new Table(String(name), (catalog as string | null) ?? null, (namespace as string[] | null) ?? [], (description as string | null) ?? null, String(tableType), isTemporary === true),
    );
  }

  override tableExists(tableName: string, dbName?: string): boolean {
    return run(this.remote, { table_exists: { table_name: tableName, ...(dbName !== undefined ? { db_name: dbName } : {}) } })[0]?.[0] === true;
  }

  override dropTempView(viewName: string): boolean {
    return run(this.remote, { drop_temp_view: { view_name: viewName } })[0]?.[0] === true;
  }

  override dropGlobalTempView(viewName: string): boolean {
    return run(this.remote, { drop_global_temp_view: { view_name: viewName } })[0]?.[0] === true;
  }

  override cacheTable(tableName: string): void {
    run(this.remote, { cache_table: { table_name: tableName } });
  }

  override uncacheTable(tableName: string): void {
    run(this.remote, { uncache_table: { table_name: tableName } });
  }

  override isCached(tableName: string): boolean {
    return run(this.remote, { is_cached: { table_name: tableName } })[0]?.[0] === true;
  }

  override clearCache(): void {
    run(this.remote, { clear_cache: {} });
  }

  override refreshTable(tableName: string): void {
    run(this.remote, { refresh_table: { table_name: tableName } });
  }
}

function run(remote: RemoteSessionExecutor, catalog: ProtoCatalog): unknown[][] {
  return remote.run({ catalog }).rows;
}
