/**
 * Rows per operator for the web UI: actions run with counting filters give the same rows as
 * without, and each operator's count is what it emitted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/index.js';
import type { SqlExecutionEvent } from '../../../src/sql/api/sql-executions.js';
import { SparkSession, functions as F } from '../../../src/sql/index.js';

let sc: SparkContext | undefined;
afterEach(() => {
  sc?.stop();
  sc = undefined;
});

function session(): { spark: SparkSession; events: SqlExecutionEvent[] } {
  sc = new SparkContext('local[2]', 'plan-metrics');
  const spark = new SparkSession(sc, { out: () => undefined, err: () => undefined });
  const events: SqlExecutionEvent[] = [];
  spark.sqlExecutions.subscribe((e) => events.push(e));
  return { spark, events };
}

const rowsOf = (e: SqlExecutionEvent, name: string): Array<number | null> => e.plan.filter((n) => n.name === name).map((n) => n.rows);

describe('rows per operator', () => {
  it('counts a filter, an aggregate and their scan, and the result is unchanged', () => {
    const { spark, events } = session();
    const df = spark.createDataFrame([['a', 1], ['b', 2], ['a', 3], ['c', 4]], ['k', 'v']);
    const q = df.filter(F.col('v').gt(1)).groupBy('k').count().orderBy('k');
    const rows = q.collect().map((r) => [r[0], r[1]]);
    expect(rows).toEqual([['a', 1], ['b', 1], ['c', 1]]);
    const e = events.at(-1)!;
    expect(e.description).toBe('collect');
    expect(e.status).toBe('succeeded');
    expect(rowsOf(e, 'Scan ExistingRDD')).toEqual([4]);
    expect(rowsOf(e, 'Filter')).toEqual([3]);
    expect(rowsOf(e, 'HashAggregate')).toEqual([3]);
    expect(e.plan[0]!.rows).toBe(3);
    // The root's children point at the operator below it.
    expect(e.plan[0]!.children.length).toBe(1);
  });

  it('counts both sides of a join and a union', () => {
    const { spark, events } = session();
    const a = spark.createDataFrame([[1, 'x'], [2, 'y'], [3, 'z']], ['id', 'a']);
    const b = spark.createDataFrame([[1, 'p'], [3, 'q']], ['id', 'b']);
    expect(a.join(b, 'id').count()).toBe(2);
    const join = events.at(-1)!;
    expect(rowsOf(join, 'Join')).toEqual([2]);
    expect(rowsOf(join, 'Scan ExistingRDD').sort()).toEqual([2, 3]);
    expect(spark.range(5).union(spark.range(3)).collect().length).toBe(8);
    const union = events.at(-1)!;
    expect(rowsOf(union, 'Union')).toEqual([8]);
    expect(rowsOf(union, 'Range').sort()).toEqual([3, 5]);
  });

  it('describes show() as "show" and a failing action as failed, with its error', () => {
    const { spark, events } = session();
    spark.range(3).show();
    expect(events.at(-1)!.description).toBe('show');
    const bad = spark.range(3).select(F.udf((x: unknown) => {
      throw new Error(`no ${String(x)}`);
    }, 'int')(F.col('id')).alias('boom'));
    expect(() => bad.collect()).toThrow();
    expect(events.at(-1)!.status).toBe('failed');
    expect(events.at(-1)!.error).toContain('no 0');
  });

  it('posts nothing and counts nothing when nobody listens', () => {
    sc = new SparkContext('local[2]', 'plan-metrics');
    const spark = new SparkSession(sc, { out: () => undefined, err: () => undefined });
    const seen: SqlExecutionEvent[] = [];
    const off = spark.sqlExecutions.subscribe((e) => seen.push(e));
    off();
    expect(spark.range(10).count()).toBe(10);
    expect(seen).toEqual([]);
  });
});
