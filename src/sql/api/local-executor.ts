/**
 * The local engine as a session's executor: plans are analysed here (so a wrong column fails at
 * the call) and run by src/sql/exec on the session's SparkContext.
 */
import type { PStreamSource, RPlan } from '../analysis/resolved.js';
import { planChildren } from '../analysis/resolved.js';
import type { RDD } from '../engine.js';
import { streamingActionError } from '../exec/streaming-hooks.js';
import { SparkArgumentError } from '../errors.js';
import { explainString } from '../format/explain.js';
import { treeString } from '../format/schema-tree.js';
import { showString } from '../format/show.js';
import type { ExplainMode, LogicalPlan } from '../plan/relations.js';
import type { RowPartitions } from '../sources/contract.js';
import { SourceOptions } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
import { StructField, StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import type { SessionExecutor, WriteSpec } from './session-executor.js';
import type { SparkSession } from './session.js';

/** Runs a session's DataFrames on the local engine. */
export class LocalSessionExecutor implements SessionExecutor {
  readonly kind = 'local' as const;

  constructor(private readonly session: SparkSession) {}

  check(plan: LogicalPlan): void {
    this.session.analyze(plan);
  }

  schema(plan: LogicalPlan): StructType {
    return new StructType(this.session.analyze(plan).output.map((a) => new StructField(a.name, a.dataType, a.nullable)));
  }

  isStreaming(plan: LogicalPlan): boolean {
    return findStreamSource(this.session.analyze(plan)) !== undefined;
  }

  /** The analysed plan of a batch action; a streaming DataFrame is refused with Spark's message. */
  private batch(plan: LogicalPlan): RPlan {
    const p = this.session.analyze(plan);
    const src = findStreamSource(p);
    if (src !== undefined) throw streamingActionError(src);
    return p;
  }

  collect(plan: LogicalPlan): InternalRow[] {
    return this.session.sqlExecutions.run('collect', this.batch(plan), (p) => this.session.executor().collect(p));
  }

  take(plan: LogicalPlan, n: number, description = 'take'): InternalRow[] {
    return this.session.sqlExecutions.run(description, this.batch(plan), (p) => this.session.executor().take(p, n));
  }

  *iterate(plan: LogicalPlan): Iterable<InternalRow> {
    const rdd = this.rdd(plan, 'toLocalIterator');
    for (let i = 0; i < rdd.getNumPartitions(); i++) {
      const part: InternalRow[] = [];
      rdd.iterate(i, (r) => part.push(r));
      yield* part;
    }
  }

  showString(plan: LogicalPlan, n: number, truncate: number, vertical: boolean): string {
    const rows = this.take(plan, n + 1, 'show');
    return showString(this.schema(plan), rows, n, truncate, vertical, this.session.conf.getOption('spark.sql.session.timeZone')!);
  }

  explainString(plan: LogicalPlan, mode: ExplainMode): string {
    const conf = this.session.conf;
    return explainString(plan, this.session.analyze(plan), mode, Number(conf.getOption('spark.sql.shuffle.partitions')), conf.flag('spark.sql.adaptive.enabled'));
  }

  treeString(plan: LogicalPlan, level?: number): string {
    return treeString(this.schema(plan), level);
  }

  rdd(plan: LogicalPlan, what: string): RDD<InternalRow> {
    void what;
    return this.session.executor().rdd(this.batch(plan));
  }

  persist(plan: LogicalPlan, cache: boolean): void {
    this.session.cachePlan(plan, cache);
  }

  isCached(plan: LogicalPlan): boolean {
    return this.session.isCached(plan);
  }

  write(plan: LogicalPlan, spec: WriteSpec): void {
    if (spec.table) {
      throw new SparkArgumentError('NOT_IMPLEMENTED', { feature: `${spec.table.method}("${spec.table.name}") (no metastore; write to a path, or use createOrReplaceTempView)` });
    }
    const provider = findDataSource(spec.format);
    const write = provider.write?.bind(provider);
    if (write === undefined) throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: spec.format, operation: 'writing' });
    const opts = new SourceOptions(spec.options);
    provider.checkOptions?.(opts, 'write');
    this.session.sqlExecutions.run(`write.${spec.format}`, this.batch(plan), (p) => {
      const rdd = this.session.executor().rdd(p);
      const data: RowPartitions = { schema: this.schema(plan), numPartitions: rdd.getNumPartitions(), readPartition: (i, emit) => rdd.iterate(i, emit) };
      write(
        { format: spec.format, ...(spec.path === undefined ? {} : { path: spec.path }), mode: spec.mode, options: opts, partitionBy: [...spec.partitionBy], session: this.session.sourceSession() },
        data,
      );
    });
  }
}

function findStreamSource(p: RPlan): PStreamSource | undefined {
  if (p.k === 'streamSource') return p;
  for (const c of planChildren(p)) {
    const hit = findStreamSource(c);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
