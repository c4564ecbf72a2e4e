/**
 * `spark.catalog`: temporary views of the session and global temporary views (shared by the
 * sessions of one SparkContext, reached as `global_temp.name`). View names are
 * case-insensitive, as Spark's.
 */
import type { SparkContext } from '../engine.js';
import { AnalysisException, quoteId } from '../errors.js';
import type { LogicalPlan } from '../plan/relations.js';

const globalViews = new WeakMap<SparkContext, Map<string, LogicalPlan>>();

/** A table or view as `listTables` returns it. */
export class Table {
  constructor(
    readonly name: string,
    readonly catalog: string | null,
    readonly namespace: readonly string[],
    readonly description: string | null,
    readonly tableType: string,
    readonly isTemporary: boolean,
  ) {}
  toString(): string {
    const ns = `[${this.namespace.map((n) => `'${n}'`).join(', ')}]`;
    return `Table(name='${this.name}', catalog=${this.catalog === null ? 'None' : `'${this.catalog}'`}, namespace=${ns}, description=None, tableType='${this.tableType}', isTemporary=${this.isTemporary ? 'True' : 'False'})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** What the catalog needs from its session. */
export interface CatalogHost {
  readonly sparkContext: SparkContext;
  /** Caches (or uncaches) a view's plan. */
  cachePlan(plan: LogicalPlan, cache: boolean): void;
  isCachedPlan(plan: LogicalPlan): boolean;
  clearCache(): void;
}

/** The session's catalog of views. */
export class Catalog {
  private readonly views = new Map<string, { name: string; plan: LogicalPlan }>();

  constructor(private readonly host: CatalogHost) {}

  private get globals(): Map<string, LogicalPlan> {
    let g = globalViews.get(this.host.sparkContext);
    if (g === undefined) {
      g = new Map();
      globalViews.set(this.host.sparkContext, g);
    }
    return g;
  }

  /** @internal Creates or replaces a temp view; `replace=false` on an existing name is TEMP_TABLE_OR_VIEW_ALREADY_EXISTS. */
  createTempView(name: string, plan: LogicalPlan, replace: boolean, global: boolean): void {
    const key = name.toLowerCase();
    const exists = global ? this.globals.has(key) : this.views.has(key);
    if (exists && !replace) {
      throw new AnalysisException('TEMP_TABLE_OR_VIEW_ALREADY_EXISTS', { relationName: global ? `\`global_temp\`.${quoteId(name)}` : quoteId(name) });
    }
    if (global) this.globals.set(key, plan);
    else this.views.set(key, { name, plan });
  }

  /** @internal A view's plan by (multi-part) name. */
  lookup(name: readonly string[]): LogicalPlan | undefined {
    if (name.length === 1) return this.views.get(name[0]!.toLowerCase())?.plan;
    if (name.length === 2 && name[0]!.toLowerCase() === 'global_temp') return this.globals.get(name[1]!.toLowerCase());
    return undefined;
  }

  /** The current database (always `default`). */
  currentDatabase(): string {
    return 'default';
  }

  /** The current catalog (always `spark_catalog`). */
  currentCatalog(): string {
    return 'spark_catalog';
  }

  /** Tables and views: the session's temporary views (and `global_temp`'s with that database). */
  listTables(dbName?: string): Table[] {
    if (dbName !== undefined && dbName.toLowerCase() === 'global_temp') {
      return [...this.globals.keys()].sort().map((n) => new Table(n, null, ['global_temp'], null, 'TEMPORARY', true));
    }
    return [...this.views.values()].map((v) => v.name.toLowerCase()).sort().map((n) => new Table(n, null, [], null, 'TEMPORARY', true));
  }

  /** True when a table or view of that name exists. */
  tableExists(tableName: string, dbName?: string): boolean {
    const parts = dbName ? [dbName, tableName] : tableName.split('.');
    return this.lookup(parts) !== undefined;
  }

  /** Drops a temporary view: true if it existed. */
  dropTempView(viewName: string): boolean {
    const key = viewName.toLowerCase();
    const v = this.views.get(key);
    if (v) this.host.cachePlan(v.plan, false);
    return this.views.delete(key);
  }

  /** Drops a global temporary view: true if it existed. */
  dropGlobalTempView(viewName: string): boolean {
    return this.globals.delete(viewName.toLowerCase());
  }

  private plan(tableName: string): LogicalPlan {
    const p = this.lookup(tableName.split('.'));
    if (p === undefined) throw new AnalysisException('TABLE_OR_VIEW_NOT_FOUND', { relationName: quoteId(tableName) });
    return p;
  }

  /** Caches a view's data. */
  cacheTable(tableName: string): void {
    this.host.cachePlan(this.plan(tableName), true);
  }

  /** Drops a view's cached data. */
  uncacheTable(tableName: string): void {
    this.host.cachePlan(this.plan(tableName), false);
  }

  /** True when the view's data is cached. */
  isCached(tableName: string): boolean {
    return this.host.isCachedPlan(this.plan(tableName));
  }

  /** Drops all cached data. */
  clearCache(): void {
    this.host.clearCache();
  }

  /** No-op (kept for pyspark compatibility: tspark has no table metadata to refresh). */
  refreshTable(tableName: string): void {
    void tableName;
  }
}
