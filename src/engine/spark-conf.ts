/**
 * SparkConf: the key-value settings of a SparkContext, as pyspark's. `sc.getConf()` returns a
 * copy holding what tspark's context is (`spark.master`, `spark.app.name`, `spark.app.id` …);
 * changing the copy changes nothing, as in pyspark.
 */
import { check, nonEmptyString } from './checks.js';

/** Settings as `key → value` strings: `new SparkConf().setMaster("local[2]").setAppName("app")`. */
export class SparkConf {
  readonly #values = new Map<string, string>();

  /** Sets `key` to `value` (kept as a string, as Spark keeps it). */
  set(key: string, value: unknown): this {
    check('SparkConf.set', 'key', key, nonEmptyString('a setting name such as "spark.app.name"'));
    this.#values.set(key, String(value));
    return this;
  }

  /** Sets every `[key, value]` pair. */
  setAll(pairs: Iterable<readonly [string, unknown]>): this {
    for (const [k, v] of pairs) this.set(k, v);
    return this;
  }

  /** `spark.master`. */
  setMaster(value: string): this {
    return this.set('spark.master', value);
  }

  /** `spark.app.name`. */
  setAppName(value: string): this {
    return this.set('spark.app.name', value);
  }

  /** The value of `key`, else `defaultValue` (undefined when not given; pyspark's None). */
  get(key: string, defaultValue?: string): string | undefined {
    return this.#values.get(key) ?? defaultValue;
  }

  /** Every `[key, value]`, sorted by key. */
  getAll(): Array<[string, string]> {
    return [...this.#values].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** True when `key` is set. */
  contains(key: string): boolean {
    return this.#values.has(key);
  }

  /** One `key=value` line per setting, as pyspark's `toDebugString`. */
  toDebugString(): string {
    return this.getAll()
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  }

  /** Shown by the REPL and `console.log`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<SparkConf ${this.getAll().length} settings>`;
  }
}
