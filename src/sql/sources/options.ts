/**
 * Data-source options as the user gave them (`.option("header", true)`), with Spark's rules:
 * keys are case-insensitive, values are strings, typed getters check the value at the boundary
 * and name the option, the rule and the value when it is wrong.
 */
import { SparkArgumentError } from '../errors.js';

/** A value `.option(k, v)` accepts; stored as its string, as Spark does. */
export type OptionValue = string | number | boolean;

/** Options with case-insensitive keys; the original spelling is kept for messages and the remote mode. */
export class SourceOptions {
  private readonly byLower = new Map<string, { key: string; value: string }>();

  constructor(options: Readonly<Record<string, OptionValue>> = {}) {
    for (const [k, v] of Object.entries(options)) this.byLower.set(k.toLowerCase(), { key: k, value: optionString(v) });
  }

  /** The value of `key` (any case), or undefined. */
  get(key: string): string | undefined {
    return this.byLower.get(key.toLowerCase())?.value;
  }

  /** True when `key` (any case) was given. */
  has(key: string): boolean {
    return this.byLower.has(key.toLowerCase());
  }

  /** The user's keys as given, with their values. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { key, value } of this.byLower.values()) out[key] = value;
    return out;
  }

  /** The keys as given. */
  keys(): string[] {
    return [...this.byLower.values()].map((e) => e.key);
  }

  /** `true`/`false` (any case); anything else is an error naming the option. */
  getBoolean(key: string, dflt: boolean): boolean {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const l = v.trim().toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
    throw invalid(key, 'must be true or false', v);
  }

  /** An integer, at least `min` when given. */
  getInt(key: string, dflt: number, min = Number.MIN_SAFE_INTEGER): number {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n < min) throw invalid(key, min > Number.MIN_SAFE_INTEGER ? `must be an integer >= ${min}` : 'must be an integer', v);
    return n;
  }

  /** One of `allowed` (compared case-insensitively; the canonical spelling is returned). */
  getEnum<T extends string>(key: string, allowed: readonly T[], dflt: T): T {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const hit = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
    if (hit === undefined) throw invalid(key, `must be one of ${allowed.join(', ')}`, v);
    return hit;
  }

  /** A string of exactly one character (a separator, a quote), or `\t`-style escapes. */
  getChar(key: string, dflt: string): string {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const un = v === '\\t' ? '\t' : v === '\\n' ? '\n' : v === '\\u0000' ? '\u0000' : v;
    if (un.length !== 1) throw invalid(key, 'must be a single character', v);
    return un;
  }

  /** Rejects keys outside `known` (compared case-insensitively) and outside the given prefixes. */
  checkKnown(where: string, known: readonly string[], prefixes: readonly string[] = []): void {
    const lower = new Set(known.map((k) => k.toLowerCase()));
    for (const { key } of this.byLower.values()) {
      const l = key.toLowerCase();
      if (lower.has(l) || prefixes.some((p) => l.startsWith(p.toLowerCase()))) continue;
      throw new SparkArgumentError('INVALID_ARGUMENT', {
        message: `${where}: unknown option "${key}"; known options are ${known.map((k) => `"${k}"`).join(', ')}`,
      });
    }
  }
}

/** How an option value becomes a string: booleans as `true`/`false`, numbers in plain digits. */
export function optionString(v: OptionValue): string {
  return typeof v === 'string' ? v : String(v);
}

function invalid(key: string, rule: string, value: string): SparkArgumentError {
  return new SparkArgumentError('INVALID_ARGUMENT', { message: `option "${key}" ${rule}; got ${JSON.stringify(value)}` });
}
