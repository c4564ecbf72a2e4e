/**
 * Checks at the API boundary, in the style of esbuild's `lib/shared/common.ts`.
 *
 * A {@link Rule} says what a value must be; a value that breaks it is refused with one message
 * shape, `method: "param" must be <rule>; got <value>`, the value always rendered by
 * {@link describeValue}. Option objects are read key by key through an {@link OptionReader}, so
 * the known keys are exactly the keys the checks read: a key that nothing read is an
 * `ERR_UNKNOWN_OPTION` naming it. Where Spark has its own words for a mistake (window
 * multiples, lifecycle), the caller keeps them instead.
 */
import { type ErrorCode, IllegalArgumentError } from './errors.js';

/** What a value must be, with the code of a value that is not. */
export interface Rule<T> {
  /** The rule in words, completing "must be …": `a positive integer`. */
  readonly mustBe: string;
  readonly code: ErrorCode;
  test(value: unknown): value is T;
}

/** A rule from its words and its test. */
export function rule<T>(mustBe: string, test: (value: unknown) => value is T, code: ErrorCode = 'ERR_INVALID_ARGUMENT'): Rule<T> {
  return { mustBe, code, test };
}

/** Any function: user code the engine calls later. */
export type AnyFunction = (...args: never[]) => unknown;

export const isFunction: Rule<AnyFunction> = rule('a function', (v): v is AnyFunction => typeof v === 'function');
export const positiveInteger: Rule<number> = rule('a positive integer', (v): v is number => Number.isInteger(v) && (v as number) >= 1);
export const wholeNumber: Rule<number> = rule('a whole number >= 0', (v): v is number => Number.isInteger(v) && (v as number) >= 0);
export const isObject: Rule<object> = rule('an object', (v): v is object => typeof v === 'object' && v !== null);
export const isBoolean: Rule<boolean> = rule('true or false', (v): v is boolean => typeof v === 'boolean');
/** Durations are given in seconds, as in pyspark. */
export const seconds: Rule<number> = rule(
  'a positive number of seconds (durations are in seconds, as in pyspark)',
  (v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0,
  'ERR_INVALID_DURATION',
);

/** An integer in [min, max], described as `mustBe` (default: "an integer from min to max"). */
export function integerIn(min: number, max: number, mustBe = `an integer from ${min} to ${max}`): Rule<number> {
  return rule(mustBe, (v): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max);
}

/** A finite number >= `min`, described as `mustBe`. */
export function numberAtLeast(min: number, mustBe: string): Rule<number> {
  return rule(mustBe, (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min);
}

/** A string with something in it, described as `mustBe` ("a directory path"). */
export function nonEmptyString(mustBe: string): Rule<string> {
  return rule(mustBe, (v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** One of the given string literals: `"cut" or "drop"`. */
export function oneOf<const L extends string>(...values: readonly L[]): Rule<L> {
  const words = values.map((v) => JSON.stringify(v));
  const mustBe = words.length <= 2 ? words.join(' or ') : `one of ${words.join(', ')}`;
  return rule(mustBe, (v): v is L => typeof v === 'string' && (values as readonly string[]).includes(v));
}

/** Formats a value for an error message, the one way every message shows a value. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}

/** The one message shape: `method: "param" must be <rule>; got <value>` (no prefix when `method` is empty). */
export function mustBeMessage(method: string, param: string, mustBe: string, value: unknown): string {
  return `${method ? `${method}: ` : ''}"${param}" must be ${mustBe}; got ${describeValue(value)}`;
}

/** Returns `value` when it obeys `r`, else throws an IllegalArgumentError in the one message shape. */
export function check<T>(method: string, param: string, value: unknown, r: Rule<T>): T {
  if (!r.test(value)) throw new IllegalArgumentError(r.code, mustBeMessage(method, param, r.mustBe, value));
  return value;
}

/** As {@link check}, with `undefined` and `null` meaning "not given". */
export function optional<T>(method: string, param: string, value: unknown, r: Rule<T>): T | undefined {
  return value === undefined || value === null ? undefined : check(method, param, value, r);
}

/** Rejects a non-function where a function is expected, naming the method and parameter. */
export function checkFunction(method: string, param: string, f: unknown): void {
  check(method, param, f, isFunction);
}

/** `numPartitions`, checked at the call: the per-batch RDDs would only find out at batch time. */
export function numPartitions(method: string, value: unknown): number {
  return check(method, 'numPartitions', value, positiveInteger);
}

/** Seconds → ms with pyspark's truncation (`Duration(seconds * 1000)`), checked. */
export function durationMs(method: string, param: string, value: unknown): number {
  const s = check(method, param, value, seconds);
  const ms = Math.trunc(Math.round(s * 1e6) / 1e3);
  if (ms < 1) throw new IllegalArgumentError('ERR_INVALID_DURATION', `${method}: "${param}" must be at least 1 ms; got ${s} s`);
  return ms;
}

/**
 * Reads an options object key by key (esbuild's `getFlag`): each `get` checks one key and notes
 * it as known; `done()` then refuses any key no check read, naming it and the known ones.
 */
export class OptionReader<O extends object> {
  private readonly known: string[] = [];
  private readonly values: Record<string, unknown>;

  /** `options` must be an object; `undefined` reads as `{}`. */
  constructor(
    private readonly method: string,
    options: O | undefined,
  ) {
    this.values = { ...check(method, 'options', options ?? {}, isObject) };
  }

  /** The value of `key` (undefined when absent), checked by `r`. */
  get<K extends keyof O & string>(key: K, r: Rule<NonNullable<O[K]>>): O[K] | undefined {
    this.known.push(key);
    const v = this.values[key];
    return v === undefined ? undefined : (check(this.method, key, v, r) as O[K]);
  }

  /** Refuses the keys no `get` read. */
  done(): void {
    for (const key of Object.keys(this.values)) {
      if (!this.known.includes(key)) {
        throw new IllegalArgumentError(
          'ERR_UNKNOWN_OPTION',
          `${this.method}: unknown option "${key}"; known options are ${this.known.map((k) => `"${k}"`).join(', ')}`,
        );
      }
    }
  }
}
