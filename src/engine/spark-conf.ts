/**
 * SparkConf: key-value settings for a SparkContext, as pyspark's. Values are strings, as in
 * Spark; `new SparkContext(conf)` copies them, and `sc.getConf()` returns a copy, so changing a
 * conf after the context exists has no effect (Spark's rule).
 *
 * @example
 * const conf = new SparkConf().setAppName("kafka").set("spark.streaming.kafka.maxRatePerPartition", "1000")
 * const sc = new SparkContext(conf)
 */
import { check, describeValue, nonEmptyString, rule } from './checks.js';
import { IllegalArgumentError } from './errors.js';

const KEY = nonEmptyString('a setting name such as "spark.app.name"');
const VALUE = rule('a string, number or boolean', (v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
const PAIRS = rule('an array of [key, value] pairs', (v): v is ReadonlyArray<readonly [string, unknown]> => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2));

/** Settings for a SparkContext: `new SparkConf().setMaster("local[2]").set(key, value)`. */
export class SparkConf {
  readonly #settings = new Map<string, string>();

  /** `loadDefaults` is accepted for pyspark's signature; tspark reads no system properties. */
  constructor(loadDefaults = true) {
    void loadDefaults;
  }

  /** Sets `key` to `value` (kept as a string, as Spark keeps it); returns this conf for chaining. */
  set(key: string, value: string | number | boolean): this {
    check('SparkConf.set', 'key', key, KEY);
    check('SparkConf.set', 'value', value, VALUE);
    this.#settings.set(key, String(value));
    return this;
  }

  /** Sets `key` only when it has no value yet. */
  setIfMissing(key: string, value: string | number | boolean): this {
    if (!this.#settings.has(key)) this.set(key, value);
    return this;
  }

  /** Sets `spark.master` (`local[2]`). */
  setMaster(value: string): this {
    return this.set('spark.master', value);
  }

  /** Sets `spark.app.name`. */
  setAppName(value: string): this {
    return this.set('spark.app.name', value);
  }

  /** Sets every `[key, value]` pair. */
  setAll(pairs: ReadonlyArray<readonly [string, string | number | boolean]>): this {
    check('SparkConf.setAll', 'pairs', pairs, PAIRS);
    for (const [k, v] of pairs) this.set(k, v);
    return this;
  }

  /** The value of `key`, or `defaultValue` (undefined when not given) if it is not set. */
  get(key: string, defaultValue?: string): string | undefined {
    return this.#settings.get(key) ?? defaultValue;
  }

  /** Every setting as `[key, value]` pairs, sorted by key. */
  getAll(): Array<[string, string]> {
    return [...this.#settings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** True when `key` has a value. */
  contains(key: string): boolean {
    return this.#settings.has(key);
  }

  /** One `key=value` line per setting, as Spark's `toDebugString`. */
  toDebugString(): string {
    return this.getAll()
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  }

  /** A copy with the same settings. */
  clone(): SparkConf {
    return new SparkConf().setAll(this.getAll());
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<SparkConf ${this.#settings.size} setting${this.#settings.size === 1 ? '' : 's'}>`;
  }
}

/** Reads a numeric setting, refusing a value that is not a number with the setting's name. */
export function confNumber(conf: SparkConf, key: string, fallback: number, min = 0): number {
  const raw = conf.get(key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min) {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `SparkConf: "${key}" must be a number >= ${min}; got ${describeValue(raw)}`);
  }
  return n;
}

/** Reads a boolean setting ("true"/"false", any case), refusing anything else with the setting's name. */
export function confBoolean(conf: SparkConf, key: string, fallback: boolean): boolean {
  const raw = conf.get(key);
  if (raw === undefined) return fallback;
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `SparkConf: "${key}" must be "true" or "false"; got ${describeValue(raw)}`);
}
