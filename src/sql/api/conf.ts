/**
 * `spark.conf`: the session's runtime configuration. Values are strings (as Spark stores them);
 * known SQL confs have Spark 3.5's defaults and are checked when set; an unknown key without
 * a default is SQL_CONF_NOT_FOUND, as Spark.
 */
import { SparkArgumentError } from '../errors.js';
import { defaultTimeZone, isValidTimeZone } from '../types/datetime.js';

interface ConfSpec {
  readonly dflt: () => string;
  readonly check?: (v: string) => string | undefined;
}

const bool = (v: string): string | undefined => (/^(true|false)$/i.test(v.trim()) ? undefined : 'must be true or false');
const posInt = (v: string): string | undefined => (/^\s*\d+\s*$/.test(v) && Number(v) > 0 ? undefined : 'must be a positive integer');

/** The SQL confs tspark knows, with Spark 3.5's defaults. */
export const KNOWN_CONFS: Readonly<Record<string, ConfSpec>> = {
  'spark.sql.shuffle.partitions': { dflt: () => '200', check: posInt },
  'spark.sql.ansi.enabled': { dflt: () => 'false', check: bool },
  'spark.sql.adaptive.enabled': { dflt: () => 'true', check: bool },
  'spark.sql.caseSensitive': { dflt: () => 'false', check: bool },
  'spark.sql.session.timeZone': { dflt: defaultTimeZone, check: (v) => (isValidTimeZone(v) ? undefined : 'must be a region-based zone ID (e.g. "Europe/Paris") or an offset (e.g. "+01:00")') },
  'spark.sql.autoBroadcastJoinThreshold': { dflt: () => '10485760b' },
  'spark.sql.columnNameOfCorruptRecord': { dflt: () => '_corrupt_record' },
  'spark.sql.execution.arrow.pyspark.enabled': { dflt: () => 'false', check: bool },
  'spark.sql.repl.eagerEval.enabled': { dflt: () => 'false', check: bool },
  'spark.sql.streaming.checkpointLocation': { dflt: () => '' },
  'spark.sql.streaming.schemaInference': { dflt: () => 'false', check: bool },
  'spark.sql.streaming.multipleWatermarkPolicy': { dflt: () => 'min', check: (v) => (/^(min|max)$/i.test(v.trim()) ? undefined : "must be 'min' or 'max'") },
  'spark.sql.streaming.noDataMicroBatches.enabled': { dflt: () => 'true', check: bool },
  'spark.sql.streaming.pollingDelay': { dflt: () => '10ms' },
  'spark.sql.streaming.noDataProgressEventInterval': { dflt: () => '10000ms' },
  'spark.sql.streaming.numRecentProgressUpdates': { dflt: () => '100', check: posInt },
  'spark.sql.streaming.minBatchesToRetain': { dflt: () => '100', check: posInt },
  'spark.sql.streaming.forceDeleteTempCheckpointLocation': { dflt: () => 'false', check: bool },
  'spark.sql.streaming.statefulOperator.checkCorrectness.enabled': { dflt: () => 'true', check: bool },
  'spark.sql.streaming.stopActiveRunOnRestart': { dflt: () => 'true', check: bool },
  'spark.sql.warehouse.dir': { dflt: () => 'spark-warehouse' },
  'spark.sql.legacy.timeParserPolicy': { dflt: () => 'EXCEPTION' },
};

/** The session's confs. */
export class RuntimeConfig {
  private readonly values = new Map<string, string>();

  constructor(initial: Iterable<readonly [string, string]> = []) {
    for (const [k, v] of initial) this.values.set(k, v);
  }

  /** Sets a conf (the value is stored as a string). */
  set(key: string, value: string | number | boolean): void {
    if (typeof key !== 'string' || key === '') throw new SparkArgumentError('NOT_STR', { arg_name: 'key', arg_type: typeof key });
    const v = String(value);
    const problem = KNOWN_CONFS[key]?.check?.(v);
    if (problem !== undefined) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `The value of ${key} ${problem}; got ${JSON.stringify(v)}` });
    }
    this.values.set(key, v);
  }

  /** The value of `key`: set, else the given default, else Spark's default, else SQL_CONF_NOT_FOUND. */
  get(key: string, defaultValue?: string | null): string | null {
    const v = this.values.get(key);
    if (v !== undefined) return v;
    if (defaultValue !== undefined) return defaultValue;
    const spec = KNOWN_CONFS[key];
    if (spec) return spec.dflt();
    throw new SparkArgumentError('SQL_CONF_NOT_FOUND', { sqlConf: `"${key}"` });
  }

  /** The effective value or undefined (never throws). */
  getOption(key: string): string | undefined {
    return this.values.get(key) ?? KNOWN_CONFS[key]?.dflt();
  }

  /** Removes a set value (back to the default). */
  unset(key: string): void {
    this.values.delete(key);
  }

  /** True for confs that can change at run time (all SQL confs). */
  isModifiable(key: string): boolean {
    return key.startsWith('spark.sql.');
  }

  /** Every conf that was set, as a plain object. */
  getAll(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  /** A copy for a new session (`newSession` starts from the same confs). */
  copy(): RuntimeConfig {
    return new RuntimeConfig(this.values);
  }

  /** @internal A boolean conf. */
  flag(key: string): boolean {
    return (this.getOption(key) ?? 'false').trim().toLowerCase() === 'true';
  }
}
