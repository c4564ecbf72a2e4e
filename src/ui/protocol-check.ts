/**
 * The validators the wire protocol is checked with: each builds a `Check<T>` that returns the
 * value typed or throws a `Refusal` naming the field, the rule and the value received. `object`
 * demands a checker for every key of T and refuses unknown keys, so a shape and its checker
 * cannot drift apart.
 */

/** A message (or field) refused, with the reason. */
export class Refusal extends Error {}

/** Checks an unknown value against a shape at `path`. */
export type Check<T> = (value: unknown, path: string) => T;

/** A finite number. */
export const num: Check<number> = (v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Refusal(`${path} must be a finite number; got ${show(v)}`);
  return v;
};

/** An integer >= 0. */
export const count: Check<number> = (v, path) => {
  const n = num(v, path);
  if (!Number.isInteger(n) || n < 0) throw new Refusal(`${path} must be an integer >= 0; got ${show(v)}`);
  return n;
};

/** A string. */
export const str: Check<string> = (v, path) => {
  if (typeof v !== 'string') throw new Refusal(`${path} must be a string; got ${show(v)}`);
  return v;
};

/** true or false. */
export const bool: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new Refusal(`${path} must be true or false; got ${show(v)}`);
  return v;
};

/** One of the given values. */
export function literal<const L extends readonly (string | number)[]>(...allowed: L): Check<L[number]> {
  return (v, path) => {
    if (!allowed.includes(v as L[number])) {
      throw new Refusal(`${path} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${show(v)}`);
    }
    return v as L[number];
  };
}

/** The checked value, or null. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (v, path) => (v === null ? null : check(v, path));
}

/** An array whose items all pass `check`. */
export function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) throw new Refusal(`${path} must be an array; got ${show(v)}`);
    return v.map((item, i) => check(item, `${path}[${i}]`));
  };
}

/** A record keyed by integer ids (JSON turns number keys into strings). */
export function idRecord(check: Check<number>): Check<Record<string, number>> {
  return (v, path) => {
    const o = plainObject(v, path);
    const out: Record<string, number> = {};
    for (const [k, value] of Object.entries(o)) {
      if (!/^(0|[1-9][0-9]*)$/.test(k)) throw new Refusal(`${path} keys must be stream ids; got ${JSON.stringify(k)}`);
      out[k] = check(value, `${path}.${k}`);
    }
    return out;
  };
}

/** A JSON object (not null, not an array). */
export function plainObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Refusal(`${path} must be an object; got ${show(v)}`);
  return v as Record<string, unknown>;
}

/** An object with exactly the keys of `shape`, each checked. */
export function object<T>(shape: { readonly [K in keyof T]-?: Check<T[K]> }): Check<T> {
  const keys = Object.keys(shape) as (keyof T & string)[];
  return (v, path) => {
    const o = plainObject(v, path);
    for (const k of Object.keys(o)) {
      if (!Object.hasOwn(shape, k)) throw new Refusal(`${path} has an unknown field "${k}"`);
    }
    const out: Partial<T> = {};
    for (const k of keys) out[k] = shape[k](o[k], `${path}.${k}`);
    return out as T;
  };
}

/** A short rendering of a refused value for the message. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s === undefined ? typeof v : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

