/**
 * Column: an expression to be evaluated per row, built by `F.col("age")`, `df.age`,
 * `df["age"]`. pyspark's Python operators are Scala Column's method names here: `plus`,
 * `minus`, `multiply`, `divide`, `mod`, `equalTo`, `notEqual`, `eqNullSafe`, `gt`, `geq`, `lt`,
 * `leq`, `and`, `or` (and `F.not`). Values where a Column is expected become literals, as in
 * pyspark (`df.age.plus(1)`).
 */
import { inspect } from 'node:util';
import { SparkArgumentError } from './errors.js';
import type { BinaryOperator, CastMode, Expression, SortOrder } from './plan/expressions.js';
import type { WindowSpec } from './api/window.js';
import { exprToSql } from './plan/to-sql.js';
import type { DataType } from './types/data-types.js';
import { parseDataType } from './types/ddl.js';
import { toLiteralExpression } from './literals.js';

/** A Column, or a column name where pyspark accepts a string. */
export type ColumnOrName = Column | string;

/** Anything pyspark turns into a Column: a Column, or a plain value that becomes a literal. */
export type ColumnOrValue = Column | string | number | boolean | bigint | Date | null | readonly unknown[];


/** Parses a column name as Spark does: dots separate parts, backticks quote (`` `a.b`.c ``); `*` and `t.*` are stars. */
export function parseColumnName(name: string, planId?: number): Expression {
  if (name === '*') return planId === undefined ? { kind: 'star' } : { kind: 'star', planId };
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (quoted) {
      if (c === '`') {
        if (name[i + 1] === '`') {
          cur += '`';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '`') {
      quoted = true;
      wasQuoted = true;
    } else if (c === '.') {
      parts.push(cur);
      cur = '';
      wasQuoted = false;
    } else cur += c;
  }
  if (quoted) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Syntax error in attribute name: ${name}` });
  if (cur === '*' && !wasQuoted && parts.length > 0) return { kind: 'star', target: parts, ...(planId === undefined ? {} : { planId }) };
  parts.push(cur);
  return planId === undefined ? { kind: 'attribute', name: parts } : { kind: 'attribute', name: parts, planId };
}

/** A Column from a Column or a name. */
export function toColumn(c: ColumnOrName, param = 'col'): Column {
  if (c instanceof Column) return c;
  if (typeof c === 'string') return new Column(parseColumnName(c));
  throw new SparkArgumentError('NOT_COLUMN_OR_STR', { arg_name: param, arg_type: pyType(c) });
}

/** A Column from a Column or any value (a literal). */
export function toColumnOrLiteral(v: unknown): Column {
  return v instanceof Column ? v : new Column(toLiteralExpression(v));
}

/** pyspark's name of a value's type in messages (`int`, `str`, `list` …). */
export function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'function') return 'function';
  return (v as object).constructor?.name ?? 'object';
}

function typeOf(t: DataType | string): DataType {
  return typeof t === 'string' ? parseDataType(t) : t;
}

/** A column expression; immutable, every method returns a new Column. */
export class Column {
  constructor(
    /** The unresolved expression this column stands for. */
    readonly expr: Expression,
  ) {}

  private bin(op: BinaryOperator, other: unknown): Column {
    return new Column({ kind: 'binary', op, left: this.expr, right: toColumnOrLiteral(other).expr });
  }

  /** `this + other` (pyspark `+`). */
  plus(other: unknown): Column {
    return this.bin('+', other);
  }
  /** `this - other`. */
  minus(other: unknown): Column {
    return this.bin('-', other);
  }
  /** `this * other`. */
  multiply(other: unknown): Column {
    return this.bin('*', other);
  }
  /** `this / other` (always fractional, as Spark's `/`). */
  divide(other: unknown): Column {
    return this.bin('/', other);
  }
  /** `this % other` (the dividend's sign). */
  mod(other: unknown): Column {
    return this.bin('%', other);
  }
  /** `this == other` (SQL `=`; NULL when either side is NULL). */
  equalTo(other: unknown): Column {
    return this.bin('=', other);
  }
  /** `this != other`. */
  notEqual(other: unknown): Column {
    return this.bin('!=', other);
  }
  /** `this <=> other`: equality where NULL equals NULL. */
  eqNullSafe(other: unknown): Column {
    return this.bin('<=>', other);
  }
  /** `this > other`. */
  gt(other: unknown): Column {
    return this.bin('>', other);
  }
  /** `this >= other`. */
  geq(other: unknown): Column {
    return this.bin('>=', other);
  }
  /** `this < other`. */
  lt(other: unknown): Column {
    return this.bin('<', other);
  }
  /** `this <= other`. */
  leq(other: unknown): Column {
    return this.bin('<=', other);
  }
  /** `this AND other` (three-valued). */
  and(other: unknown): Column {
    return this.bin('and', other);
  }
  /** `this OR other` (three-valued). */
  or(other: unknown): Column {
    return this.bin('or', other);
  }
  /** `NOT this` (pyspark `~col`; also `F.not`). */
  not(): Column {
    return new Column({ kind: 'unary', op: 'not', child: this.expr });
  }
  /** `-this` (pyspark `-col`). */
  negate(): Column {
    return new Column({ kind: 'unary', op: 'negate', child: this.expr });
  }
  /** Bitwise AND. */
  bitwiseAND(other: unknown): Column {
    return this.bin('&', other);
  }
  /** Bitwise OR. */
  bitwiseOR(other: unknown): Column {
    return this.bin('|', other);
  }
  /** Bitwise XOR. */
  bitwiseXOR(other: unknown): Column {
    return this.bin('^', other);
  }

  /** Names the column (several names for a generator: `posexplode(x).alias("pos", "val")`). */
  alias(...names: string[]): Column {
    if (names.length === 0 || names.some((n) => typeof n !== 'string')) throw new SparkArgumentError('NOT_STR', { arg_name: 'alias', arg_type: pyType(names[0]) });
    return new Column({ kind: 'alias', child: this.expr, names });
  }
  /** Same as `alias`. */
  name(...names: string[]): Column {
    return this.alias(...names);
  }
  /** Same as `alias` (Scala's `as`). */
  as(...names: string[]): Column {
    return this.alias(...names);
  }

  /** `CAST(this AS type)`; the type as a DataType or a name (`"int"`, `"decimal(10,2)"`). */
  cast(dataType: DataType | string): Column {
    return new Column({ kind: 'cast', child: this.expr, to: typeOf(dataType), mode: 'default' as CastMode });
  }
  /** Same as `cast`. */
  astype(dataType: DataType | string): Column {
    return this.cast(dataType);
  }
  /** `TRY_CAST`: NULL instead of an error under ANSI. */
  try_cast(dataType: DataType | string): Column {
    return new Column({ kind: 'cast', child: this.expr, to: typeOf(dataType), mode: 'try' });
  }

  private fn(name: string, ...args: Expression[]): Column {
    return new Column({ kind: 'function', name, args: [this.expr, ...args] });
  }

  /** `this IS NULL`. */
  isNull(): Column {
    return this.fn('isnull');
  }
  /** `this IS NOT NULL`. */
  isNotNull(): Column {
    return this.fn('isnotnull');
  }
  /** `isnan(this)`. */
  isNaN(): Column {
    return this.fn('isnan');
  }
  /** `this IN (values…)`; values or one array of values. */
  isin(...values: unknown[]): Column {
    const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    return new Column({ kind: 'in', child: this.expr, list: list.map((v) => toColumnOrLiteral(v).expr) });
  }
  /** SQL LIKE (`%`, `_`). */
  like(pattern: string): Column {
    return this.fn('like', toLiteralExpression(pattern));
  }
  /** Case-insensitive LIKE. */
  ilike(pattern: string): Column {
    return this.fn('ilike', toLiteralExpression(pattern));
  }
  /** A Java regex found anywhere in the value. */
  rlike(pattern: string): Column {
    return this.fn('rlike', toLiteralExpression(pattern));
  }
  /** Contains `other` (a string or column). */
  contains(other: unknown): Column {
    return this.fn('contains', toColumnOrLiteral(other).expr);
  }
  /** Starts with `other`. */
  startswith(other: unknown): Column {
    return this.fn('startswith', toColumnOrLiteral(other).expr);
  }
  /** Ends with `other`. */
  endswith(other: unknown): Column {
    return this.fn('endswith', toColumnOrLiteral(other).expr);
  }
  /** 1-based substring (`substr(pos, len)`). */
  substr(startPos: unknown, length: unknown): Column {
    return this.fn('substring', toColumnOrLiteral(startPos).expr, toColumnOrLiteral(length).expr);
  }
  /** `lower <= this AND this <= upper`. */
  between(lowerBound: unknown, upperBound: unknown): Column {
    return this.geq(lowerBound).and(this.leq(upperBound));
  }

  /** Adds a branch to a `F.when(…)` column. */
  when(condition: Column, value: unknown): Column {
    const e = this.expr;
    if (e.kind !== 'caseWhen' || e.otherwise !== undefined) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'when() can only be applied on a Column previously generated by when() function' });
    }
    return new Column({ ...e, branches: [...e.branches, [condition.expr, toColumnOrLiteral(value).expr]] });
  }
  /** The value when no branch of a `F.when(…)` column matched. */
  otherwise(value: unknown): Column {
    const e = this.expr;
    if (e.kind !== 'caseWhen') throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'otherwise() can only be applied on a Column previously generated by when()' });
    if (e.otherwise !== undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'otherwise() can only be applied once on a Column previously generated by when()' });
    return new Column({ ...e, otherwise: toColumnOrLiteral(value).expr });
  }

  private order(direction: 'asc' | 'desc', nulls?: 'first' | 'last'): Column {
    const o: SortOrder = { kind: 'sortOrder', child: this.expr.kind === 'sortOrder' ? this.expr.child : this.expr, direction, nulls: nulls ?? (direction === 'asc' ? 'first' : 'last') };
    return new Column(o);
  }
  /** Ascending, NULLs first. */
  asc(): Column {
    return this.order('asc');
  }
  /** Descending, NULLs last. */
  desc(): Column {
    return this.order('desc');
  }
  /** Ascending, NULLs first. */
  asc_nulls_first(): Column {
    return this.order('asc', 'first');
  }
  /** Ascending, NULLs last. */
  asc_nulls_last(): Column {
    return this.order('asc', 'last');
  }
  /** Descending, NULLs first. */
  desc_nulls_first(): Column {
    return this.order('desc', 'first');
  }
  /** Descending, NULLs last. */
  desc_nulls_last(): Column {
    return this.order('desc', 'last');
  }

  /** A struct's field. */
  getField(name: string): Column {
    return new Column({ kind: 'extractValue', child: this.expr, key: toLiteralExpression(name) });
  }
  /** An array's element (0-based) or a map's value. */
  getItem(key: unknown): Column {
    return new Column({ kind: 'extractValue', child: this.expr, key: toColumnOrLiteral(key).expr });
  }

  /** This aggregate or window function over a window (`F.row_number().over(w)`). */
  over(window: WindowSpec): Column {
    return new Column({ kind: 'window', function: this.expr, spec: window.spec });
  }

  /** pyspark's repr: `Column<'(age + 1)'>`. */
  toString(): string {
    return `Column<'${exprToSql(this.expr)}'>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /**
   * JavaScript operators do not apply to columns (`col + 1` would compare object identities);
   * this says which method to use, as pyspark refuses `if col:`.
   */
  valueOf(): never {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message:
        'Cannot use a Column with a JavaScript operator: use its methods instead, e.g. col.plus(1), col.minus(x), col.multiply(2), col.divide(2), col.gt(1), col.equalTo("a"), col.and(other), col.or(other), F.not(col) (see docs/SQL.md)',
    });
  }
}
