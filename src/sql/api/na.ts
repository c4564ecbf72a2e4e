/**
 * `df.na`: `fill(value, subset)` (only columns whose type matches the value: numbers fill
 * numeric columns, strings string columns, booleans boolean ones; or a `{column: value}`
 * object), `drop(how, thresh, subset)`, `replace(to_replace, value, subset)`.
 */
import { Column } from '../column.js';
import { SparkArgumentError } from '../errors.js';
import { isNumeric } from '../types/data-types.js';
import * as F from './functions.js';
import type { DataFrame } from './dataframe.js';

function quote(n: string): string {
  return `\`${n.replace(/`/g, '``')}\``;
}

function subsetOf(df: DataFrame, subset: string | readonly string[] | undefined): string[] {
  if (subset === undefined) return df.columns;
  return typeof subset === 'string' ? [subset] : [...subset];
}

/** NULL handling for a DataFrame. */
export class DataFrameNaFunctions {
  constructor(private readonly df: DataFrame) {}

  /** Replaces NULLs with `value` in matching columns, or per column with `{ column: value }`. */
  fill(value: unknown, subset?: string | readonly string[]): DataFrame {
    const schema = this.df.schema;
    const perColumn: Record<string, unknown> =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : Object.fromEntries(subsetOf(this.df, subset).map((n) => [n, value]));
    const cols = schema.fields.map((f) => {
      const c = F.col(quote(f.name));
      if (!(f.name in perColumn)) return c;
      const v = perColumn[f.name];
      const t = f.dataType;
      const fits =
        (typeof v === 'number' && isNumeric(t)) || (typeof v === 'string' && t.kind === 'string') || (typeof v === 'boolean' && t.kind === 'boolean') || (typeof v === 'bigint' && isNumeric(t));
      if (!fits) return c;
      return F.coalesce(c, F.lit(v).cast(t)).alias(f.name);
    });
    if (!['number', 'string', 'boolean', 'bigint', 'object'].includes(typeof value) || value === null) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `[NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR] Argument \`value\` should be a bool, dict, float, int or str, got ${value === null ? 'NoneType' : typeof value}.` });
    }
    return this.df.select(...cols);
  }

  /** Drops rows with NULLs: `how` "any" or "all", or fewer than `thresh` non-NULL values, among `subset`. */
  drop(how: 'any' | 'all' = 'any', thresh?: number, subset?: string | readonly string[]): DataFrame {
    if (how !== 'any' && how !== 'all') throw new SparkArgumentError('INVALID_ARGUMENT', { message: `how ('${String(how)}') should be 'any' or 'all'` });
    const names = subsetOf(this.df, subset);
    const need = thresh ?? (how === 'any' ? names.length : 1);
    const nonNull = names.map((n) => F.when(F.col(quote(n)).isNotNull(), 1).otherwise(0));
    const total = nonNull.reduce((a, b) => a.plus(b), F.lit(0) as Column);
    return this.df.filter(total.geq(need));
  }

  /** Replaces values (`replace(1, 2)`, `replace([1, 2], [3, 4])`, `replace({ a: "b" })`) in `subset`. */
  replace(toReplace: unknown, value?: unknown, subset?: string | readonly string[]): DataFrame {
    let pairs: Array<[unknown, unknown]>;
    if (typeof toReplace === 'object' && toReplace !== null && !Array.isArray(toReplace)) pairs = Object.entries(toReplace as Record<string, unknown>);
    else if (Array.isArray(toReplace)) {
      const vs = Array.isArray(value) ? value : toReplace.map(() => value);
      if (vs.length !== toReplace.length) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'to_replace and value lists should be of the same length' });
      pairs = toReplace.map((k, i) => [k, vs[i]]);
    } else pairs = [[toReplace, value]];
    const names = new Set(subsetOf(this.df, subset));
    const cols = this.df.schema.fields.map((f) => {
      const c = F.col(quote(f.name));
      if (!names.has(f.name)) return c;
      const matching = pairs.filter(([k]) => (typeof k === 'number' ? isNumeric(f.dataType) : typeof k === 'string' ? f.dataType.kind === 'string' : typeof k === 'boolean' ? f.dataType.kind === 'boolean' : false));
      if (matching.length === 0) return c;
      let e: Column | undefined;
      for (const [k, v] of matching) e = (e ? e.when(c.equalTo(k), v) : F.when(c.equalTo(k), v === null ? F.lit(null).cast(f.dataType) : F.lit(v).cast(f.dataType)));
      return e!.otherwise(c).alias(f.name);
    });
    return this.df.select(...cols);
  }
}
