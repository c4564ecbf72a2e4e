/**
 * Plans in the shape the SQL parser produces (unresolved names, `count(*)`, HAVING, ordinals,
 * CTEs, subqueries, OVER, VALUES, commands), built by hand here, analysed and run: the contract
 * the parser builds on. Expected rows are what Spark 3.5 answers for the same SQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/sql/api/commands.js';
import { SparkContext } from '../../src/sql/engine.js';
import { SparkSession } from '../../src/sql/index.js';
import { attr, binary, call, lit, sortOrder } from '../../src/sql/plan/build.js';
import type { Expression, LogicalPlan } from '../../src/sql/plan/index.js';

let spark: SparkSession | undefined;
afterEach(() => spark?.stop());

function session(): SparkSession {
  spark = new SparkSession(new SparkContext('local[2]', 'parsed'), { out: () => undefined });
  spark
    .createDataFrame(
      'apache spark hadoop apache spark apache flink'.split(' ').map((w, i) => [w, i]),
      ['word', 'pos'],
    )
    .createOrReplaceTempView('words');
  return spark;
}

const words: LogicalPlan = { kind: 'table', name: ['words'] };
const countStar: Expression = { kind: 'function', name: 'count', args: [{ kind: 'star' }] };
const as = (child: Expression, name: string): Expression => ({ kind: 'alias', child, names: [name] });

function rows(s: SparkSession, plan: LogicalPlan): unknown[][] {
  return s.dataFrame(plan).collect().map((r) => [...r]);
}

describe('plans as the SQL parser builds them', () => {
  it('SELECT word, count(*) AS total FROM words GROUP BY word HAVING total > 1 ORDER BY count(*) DESC', () => {
    const s = session();
    const agg: LogicalPlan = {
      kind: 'aggregate',
      input: words,
      groupType: 'groupBy',
      grouping: [attr('word')],
      aggregates: [attr('word'), as(countStar, 'total')],
      having: binary('>', attr('total'), lit(1)),
    };
    const plan: LogicalPlan = { kind: 'sort', input: agg, order: [sortOrder(countStar, 'desc')], global: true };
    expect(s.dataFrame(plan).columns).toEqual(['word', 'total']);
    expect(rows(s, plan)).toEqual([
      ['apache', 3],
      ['spark', 2],
    ]);
  });

  it('GROUP BY 1 with ORDER BY 1, and a column the SELECT dropped in ORDER BY', () => {
    const s = session();
    const byOrdinal: LogicalPlan = {
      kind: 'sort',
      input: { kind: 'aggregate', input: words, groupType: 'groupBy', grouping: [lit(1)], aggregates: [attr('word'), as(call('max', attr('pos')), 'last')] },
      order: [sortOrder(lit(1))],
      global: true,
    };
    expect(rows(s, byOrdinal)).toEqual([
      ['apache', 5],
      ['flink', 6],
      ['hadoop', 2],
      ['spark', 4],
    ]);
    const dropped: LogicalPlan = {
      kind: 'sort',
      input: { kind: 'project', input: words, exprs: [attr('word')] },
      order: [sortOrder(attr('pos'), 'desc')],
      global: true,
    };
    expect(s.dataFrame(dropped).columns).toEqual(['word']);
    expect(rows(s, dropped).map((r) => r[0])).toEqual(['flink', 'apache', 'spark', 'apache', 'hadoop', 'spark', 'apache']);
  });

  it('WITH, a subquery in FROM with an alias, IN (SELECT …), and OVER (PARTITION BY … ORDER BY …)', () => {
    const s = session();
    const cte: LogicalPlan = {
      kind: 'with',
      definitions: [{ name: 'w', plan: { kind: 'filter', input: words, condition: binary('<', attr('pos'), lit(5)) } }],
      input: {
        kind: 'project',
        input: { kind: 'subqueryAlias', alias: 't', input: { kind: 'table', name: ['w'] } },
        exprs: [attr('t', 'word'), as({ kind: 'window', function: call('row_number'), spec: { partitionBy: [attr('word')], orderBy: [sortOrder(attr('pos'))] } }, 'rn')],
      },
    };
    expect(rows(s, cte)).toEqual([
      ['apache', 1],
      ['apache', 2],
      ['hadoop', 1],
      ['spark', 1],
      ['spark', 2],
    ]);
    const inSub: LogicalPlan = {
      kind: 'project',
      input: { kind: 'filter', input: words, condition: { kind: 'inSubquery', child: attr('pos'), plan: { kind: 'inlineTable', rows: [[lit(0)], [lit(6)]], names: ['p'] } } },
      exprs: [attr('word')],
    };
    expect(rows(s, inSub)).toEqual([['apache'], ['flink']]);
  });

  it('SELECT without FROM, and CREATE TEMP VIEW / SHOW TABLES as commands', () => {
    const s = session();
    expect(rows(s, { kind: 'project', input: { kind: 'oneRow' }, exprs: [binary('+', lit(1), lit(2)), as(lit('x'), 'y')] })).toEqual([[3, 'x']]);
    runCommand(s, { kind: 'createView', name: ['few'], plan: { kind: 'limit', input: words, n: 2 }, replace: false, global: false, ifNotExists: false });
    expect(s.table('few').count()).toBe(2);
    const tables = runCommand(s, { kind: 'showTables' }).collect().map((r) => [...r]);
    expect(tables).toEqual([
      ['', 'few', true],
      ['', 'words', true],
    ]);
  });
});
