/**
 * Spark's names of expressions (`toPrettySQL`): what an unaliased column is called
 * (`(age + 1)`, `upper(city)`, `count(1)`, `CASE WHEN (age > 40) THEN 1 END`), and the text of
 * expressions in messages. Attributes print bare, string literals without quotes, implicit
 * casts as their child.
 */
import { formatDate, formatTimestamp } from '../types/datetime.js';
import { javaDouble, javaFloat } from '../types/java-format.js';
import type { DataType } from '../types/data-types.js';
import { formatInterval } from '../types/to-string.js';
import { type Interval, formatUnscaled } from '../types/values.js';
import type { RExpr, RFrameBound, RSortOrder, RWindowSpec } from './resolved.js';

/** A literal's pretty text. */
export function literalSql(v: unknown, t: DataType): string {
  if (v === null || v === undefined) return 'NULL';
  switch (t.kind) {
    case 'string':
      return String(v);
    case 'double':
      return javaDouble(v as number);
    case 'float':
      return javaFloat(v as number);
    case 'decimal':
      return formatUnscaled(v as bigint, t.scale);
    case 'date':
      return `DATE '${formatDate(v as number)}'`;
    case 'timestamp':
      return `TIMESTAMP '${formatTimestamp(v as number, 'UTC')}'`;
    case 'interval':
      return `INTERVAL '${formatInterval(v as Interval)}'`;
    case 'binary':
      return `X'${Buffer.from(v as Uint8Array).toString('hex').toUpperCase()}'`;
    case 'array':
      return `array(${(v as unknown[]).map((x) => literalSql(x, t.elementType)).join(', ')})`;
    case 'map':
      return `map(${[...(v as Map<unknown, unknown>)].map(([k, x]) => `${literalSql(k, t.keyType)}, ${literalSql(x, t.valueType)}`).join(', ')})`;
    case 'struct':
      return `struct(${(v as unknown[]).map((x, i) => literalSql(x, t.fields[i]!.dataType)).join(', ')})`;
    default:
      return String(v);
  }
}

function boundSql(b: RFrameBound, upper: boolean): string {
  if (b === 'unboundedPreceding') return 'UNBOUNDED PRECEDING';
  if (b === 'unboundedFollowing') return 'UNBOUNDED FOLLOWING';
  if (b === 'currentRow') return 'CURRENT ROW';
  void upper;
  return b.sqlPreceding ? `${-b.offset} PRECEDING` : `${b.offset} FOLLOWING`;
}

/** How an attribute prints: its name (pretty names), or `name#id` (plan strings). */
export type AttrText = (a: { readonly name: string; readonly id: number; readonly dataType: DataType }) => string;

const bare: AttrText = (a) => a.name;

/** `ORDER BY` item text: `age DESC NULLS LAST`. */
export function sortOrderSql(o: RSortOrder, attr: AttrText = bare): string {
  return `${exprSql(o.child, attr)} ${o.direction.toUpperCase()} NULLS ${o.nulls.toUpperCase()}`;
}

/** A window spec's text, as Spark names window columns. */
export function windowSpecSql(s: RWindowSpec, attr: AttrText = bare): string {
  const parts: string[] = [];
  if (s.partitionBy.length > 0) parts.push(`PARTITION BY ${s.partitionBy.map((e) => exprSql(e, attr)).join(', ')}`);
  if (s.orderBy.length > 0) parts.push(`ORDER BY ${s.orderBy.map((o) => sortOrderSql(o, attr)).join(', ')}`);
  const f = s.frame;
  parts.push(`${f.type.toUpperCase()} BETWEEN ${boundSql(f.lower, false)} AND ${boundSql(f.upper, true)}`);
  return parts.join(' ');
}

/** The pretty SQL of an analysed expression (`attr` prints attributes: bare names by default). */
export function exprSql(e: RExpr, attr: AttrText = bare): string {
  const sub = (x: RExpr): string => exprSql(x, attr);
  switch (e.k) {
    case 'ref':
      return attr(e.attr);
    case 'lit':
      return literalSql(e.value, e.dataType);
    case 'alias':
      return sub(e.child);
    case 'cast':
      return e.implicit ? sub(e.child) : `${e.mode === 'try' ? 'TRY_CAST' : 'CAST'}(${sub(e.child)} AS ${e.dataType.sql()})`;
    case 'call': {
      const args = e.args.map(sub);
      return e.fn.sql ? e.fn.sql(args, e) : `${e.fn.name}(${args.join(', ')})`;
    }
    case 'agg': {
      const args = e.args.map(sub);
      const base = e.fn.sql ? e.fn.sql(args, e) : `${e.fn.name}(${args.join(', ')})`;
      const withDistinct = e.distinct ? base.replace('(', '(DISTINCT ') : base;
      return e.filter ? `${withDistinct} FILTER (WHERE ${sub(e.filter)})` : withDistinct;
    }
    case 'winfn': {
      const args = e.args.map(sub);
      return e.fn.sql ? e.fn.sql(args, e) : `${e.fn.name}(${args.join(', ')})`;
    }
    case 'over':
      return `${sub(e.fn)} OVER (${windowSpecSql(e.spec, attr)})`;
    case 'gen': {
      const args = e.args.map(sub);
      return e.fn.sql ? e.fn.sql(args, e) : `${e.fn.name}(${args.join(', ')})`;
    }
    case 'udf':
      return `${e.name}(${e.args.map(sub).join(', ')})`;
    case 'lambda':
      return `lambdafunction(${sub(e.body)}, ${e.params.map((p) => p.name).join(', ')})`;
    case 'scalarSubquery':
      return 'scalarsubquery()';
    case 'inSubquery':
      return e.child === undefined ? 'exists()' : `(${sub(e.child)} IN (listquery()))`;
  }
}
