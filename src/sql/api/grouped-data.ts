/**
 * GroupedData: `df.groupBy(cols)` awaiting its aggregates: `agg(…)` (Columns or
 * `{ column: "function" }`), `count()` (a `count` column), `sum`/`avg`/`mean`/`min`/`max` of
 * numeric columns (all of them when none are named), and `pivot(col, values?)`.
 */
import { Column, toColumn } from '../column.js';
import { SparkArgumentError } from '../errors.js';
import type { Expression } from '../plan/expressions.js';
import type { GroupType } from '../plan/relations.js';
import { isNumeric } from '../types/data-types.js';
import { toLiteralExpression } from '../literals.js';
import type { DataFrame } from './dataframe.js';

/** A grouping of a DataFrame. */
export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly grouping: readonly Expression[],
    private readonly groupType: GroupType,
    private readonly pivotSpec?: { column: Expression; values: readonly Expression[] },
  ) {}

  /** Aggregates per group; the grouping columns come first. */
  agg(...exprs: Array<Column | Record<string, string>>): DataFrame {
    const aggs: Expression[] = [];
    for (const e of exprs) {
      if (e instanceof Column) aggs.push(e.expr);
      else if (typeof e === 'object' && e !== null) {
        for (const [col, fn] of Object.entries(e)) {
          const name = fn.toLowerCase() === 'mean' ? 'avg' : fn;
          aggs.push({ kind: 'function', name, args: [col === '*' ? { kind: 'star' } : toColumn(col).expr] });
        }
      } else throw new SparkArgumentError('NOT_COLUMN', { arg_name: 'exprs', arg_type: typeof e });
    }
    if (aggs.length === 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'agg: give at least one aggregate expression' });
    return this.build(aggs);
  }

  private build(aggs: readonly Expression[]): DataFrame {
    const session = this.df.sparkSession;
    const plan = this.df.plan;
    if (this.pivotSpec) {
      return session.dataFrame({
        kind: 'aggregate',
        input: plan,
        groupType: 'pivot',
        grouping: this.grouping,
        aggregates: [...this.grouping, ...aggs],
        pivot: { column: this.pivotSpec.column, values: this.pivotSpec.values },
      });
    }
    return session.dataFrame({ kind: 'aggregate', input: plan, groupType: this.groupType, grouping: this.grouping, aggregates: [...this.grouping, ...aggs] });
  }

  /** Rows per group, in a column named `count`. */
  count(): DataFrame {
    return this.build([{ kind: 'alias', child: { kind: 'function', name: 'count', args: [toLiteralExpression(1)] }, names: ['count'] }]);
  }

  private numeric(fn: string, cols: string[]): DataFrame {
    const schema = this.df.schema;
    const names = cols.length > 0 ? cols : schema.fields.filter((f) => isNumeric(f.dataType)).map((f) => f.name);
    for (const n of names) {
      const f = schema.fields.find((x) => x.name === n);
      if (f && !isNumeric(f.dataType)) {
        throw new SparkArgumentError('INVALID_ARGUMENT', { message: `"${n}" is not a numeric column. Aggregation function can only be applied on a numeric column.` });
      }
    }
    return this.build(names.map((n) => ({ kind: 'function', name: fn, args: [toColumn(n).expr] })));
  }

  /** Sum of numeric columns. */
  sum(...cols: string[]): DataFrame {
    return this.numeric('sum', cols);
  }
  /** Average of numeric columns (named `avg(x)`). */
  avg(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  /** Same as `avg`. */
  mean(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  /** Minimum of numeric columns. */
  min(...cols: string[]): DataFrame {
    return this.numeric('min', cols);
  }
  /** Maximum of numeric columns. */
  max(...cols: string[]): DataFrame {
    return this.numeric('max', cols);
  }

  /** One output column per value of `pivotCol` (the distinct values, sorted, when not given). */
  pivot(pivotCol: string | Column, values?: readonly unknown[]): GroupedData {
    const column = toColumn(pivotCol).expr;
    let vals = values;
    if (vals === undefined) {
      const c = new Column(column);
      const rows = this.df.select(c).distinct().orderBy(c).limit(10001).collect();
      if (rows.length > 10000) {
        throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'The pivot column has more than 10000 distinct values; give the values explicitly' });
      }
      vals = rows.map((r) => r[0]);
    }
    return new GroupedData(this.df, this.grouping, 'pivot', { column, values: vals.map((v) => toLiteralExpression(v)) });
  }
}
