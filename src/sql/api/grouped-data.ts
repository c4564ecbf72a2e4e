/**
 * GroupedData: `df.groupBy(cols)` awaiting its aggregates: `agg(…)` (Columns or
 * `{ column: "function" }`), `count()` (a `count` column), `sum`/`avg`/`mean`/`min`/`max` of
 * numeric columns (all of them when none are named), and `pivot(col, values?)`.
 */
import { Column, toColumn } from '../column.js';
import { SparkArgumentError } from '../errors.js';
import type { Expression } from '../plan/expressions.js';
import type { GroupStateTimeout, GroupType } from '../plan/relations.js';
import type { Row } from '../row.js';
import { StructType } from '../types/data-types.js';
import { parseSchema } from '../types/ddl.js';
import type { GroupState } from '../streaming/group-state.js';
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

  /**
   * Arbitrary state per group (Scala's `flatMapGroupsWithState`, pyspark's
   * `applyInPandasWithState`): `func(key, rows, state)` returns the rows to emit (an array or a
   * generator) for each key's new rows, and for keys that time out. `key` is the tuple of
   * grouping values; `state` a GroupState kept between micro-batches.
   */
  flatMapGroupsWithState<S = unknown>(
    func: (key: unknown[], rows: IterableIterator<Row>, state: GroupState<S>) => Iterable<unknown> | null | undefined,
    outputStructType: StructType | string,
    outputMode: 'append' | 'update' = 'update',
    timeoutConf: GroupStateTimeout = 'NoTimeout',
  ): DataFrame {
    return this.withState(func as (k: unknown[], r: IterableIterator<unknown>, s: unknown) => unknown, outputStructType, outputMode, timeoutConf, false, 'flatMapGroupsWithState');
  }

  /** As `flatMapGroupsWithState` with exactly one output row per call (update mode only, as Spark). */
  mapGroupsWithState<S = unknown>(func: (key: unknown[], rows: IterableIterator<Row>, state: GroupState<S>) => unknown, outputStructType: StructType | string, timeoutConf: GroupStateTimeout = 'NoTimeout'): DataFrame {
    return this.withState(func as (k: unknown[], r: IterableIterator<unknown>, s: unknown) => unknown, outputStructType, 'update', timeoutConf, true, 'mapGroupsWithState');
  }

  private withState(
    func: (k: unknown[], r: IterableIterator<unknown>, s: unknown) => unknown,
    outputStructType: StructType | string,
    outputMode: string,
    timeoutConf: string,
    isMap: boolean,
    api: string,
  ): DataFrame {
    if (typeof func !== 'function') throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${api}: "func" must be a function (key, rows, state) => …; got ${typeof func}` });
    const schema = typeof outputStructType === 'string' ? parseSchema(outputStructType) : outputStructType;
    if (!(schema instanceof StructType)) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${api}: "outputStructType" must be a StructType or DDL text such as "user STRING, n BIGINT"` });
    const mode = String(outputMode).toLowerCase();
    if (mode !== 'append' && mode !== 'update') {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${api}: "outputMode" must be "append" or "update" (the operation's output mode); got ${JSON.stringify(outputMode)}` });
    }
    const timeouts = ['NoTimeout', 'ProcessingTimeTimeout', 'EventTimeTimeout'];
    const timeout = timeouts.find((t) => t.toLowerCase() === String(timeoutConf).toLowerCase());
    if (timeout === undefined) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${api}: "timeoutConf" must be one of ${timeouts.join(', ')}; got ${JSON.stringify(timeoutConf)}` });
    }
    return this.df.sparkSession.dataFrame({
      kind: 'groupsWithState',
      input: this.df.plan,
      grouping: this.grouping,
      spec: { func, outputSchema: schema, outputMode: mode, timeout: timeout as GroupStateTimeout, isMap },
    });
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
