/**
 * What the analyser needs from the session: confs, the catalog of views, UDFs, data-source
 * scans, and the cache. Kept as an interface so the analyser does not depend on SparkSession.
 */
import type { LogicalPlan, DataSourceRead } from '../plan/relations.js';
import type { BatchScan, DataSourceProvider } from '../sources/contract.js';
import type { StructType } from '../types/data-types.js';
import type { DataType } from '../types/data-types.js';

/** A UDF registered in the session (`spark.udf.register`). */
export interface SessionUdf {
  readonly name: string;
  readonly fn: (...args: unknown[]) => unknown;
  readonly returnType: DataType;
  readonly deterministic: boolean;
}

/** The session as the analyser sees it. */
export interface AnalyzerContext {
  readonly ansi: boolean;
  readonly caseSensitive: boolean;
  readonly timeZone: string;
  conf(key: string): string | undefined;
  /** A temp view (`["v"]`) or global temp view (`["global_temp", "v"]`), or undefined. */
  lookupView(name: readonly string[]): LogicalPlan | undefined;
  lookupUdf(name: string): SessionUdf | undefined;
  /** The scan of a data-source read (schema inferred once per read node). */
  scanFor(read: DataSourceRead): BatchScan;
  /** The schema and provider of a streaming read (`spark.readStream…load()`), checked as Spark's sourceSchema. */
  streamSourceFor(read: DataSourceRead): { readonly schema: StructType; readonly provider: DataSourceProvider };
  /** The cache key when `plan` is cached (`df.cache()`), else undefined. */
  cacheKeyOf(plan: LogicalPlan): object | undefined;
  readonly shufflePartitions: number;
  readonly defaultParallelism: number;
}
