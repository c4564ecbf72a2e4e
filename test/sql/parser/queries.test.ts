/**
 * Query text → logical plan, against the plan builders: SELECT lists and aliases, FROM
 * (tables, subqueries, VALUES, range), joins, WHERE, GROUP BY / HAVING, ORDER BY, LIMIT,
 * DISTINCT, set operations, CTEs, named windows, LATERAL VIEW, hints.
 */
import { describe, expect, it } from 'vitest';
import type { LogicalPlan } from '../../../src/sql/plan/index.js';
import { parsePlan } from '../../../src/sql/parser/index.js';
import { alias, attr, binary, call, filter, join, limit, lit, not, oneRow, project, sort, sortOrder, star, subqueryAlias, table } from './support/builders.js';

const t = table('t');
const a = attr('a');
const b = attr('b');

const cases: ReadonlyArray<readonly [string, LogicalPlan]> = [
  ['SELECT 1', project(oneRow, lit(1))],
  ['SELECT * FROM people', project(table('people'), star())],
  ['SELECT a, b AS x, c y FROM t', project(t, a, alias(b, 'x'), alias(attr('c'), 'y'))],
  ['select A from T', project(table('T'), attr('A'))],
  ['SELECT t.*, t.a FROM t', project(t, star('t'), attr('t', 'a'))],
  ['SELECT * FROM global_temp.people', project(table('global_temp', 'people'), star())],
  ['SELECT * FROM `my db`.`my table`', project(table('my db', 'my table'), star())],
  ['SELECT a FROM t WHERE a > 1', project(filter(t, binary('>', a, lit(1))), a)],
  ['SELECT a FROM t AS s', project(subqueryAlias(t, 's'), a)],
  ['SELECT a FROM t s', project(subqueryAlias(t, 's'), a)],
  // a dangling clause keyword is the table's alias, as in Spark
  ['SELECT * FROM t WHERE', project(subqueryAlias(t, 'WHERE'), star())],
  ['SELECT a FROM t ORDER BY a DESC NULLS FIRST, b', sort(project(t, a), sortOrder(a, 'desc', 'first'), sortOrder(b))],
  ['SELECT a FROM t LIMIT 10', limit(project(t, a), 10)],
  ['SELECT a FROM t LIMIT ALL', project(t, a)],
  ['SELECT a FROM t LIMIT 10 OFFSET 5', limit({ kind: 'offset', input: project(t, a), n: 5 }, 10)],
  ['SELECT a FROM t SORT BY a', { kind: 'sort', input: project(t, a), order: [sortOrder(a)], global: false }],
  ['SELECT a FROM t DISTRIBUTE BY a', { kind: 'repartition', input: project(t, a), exprs: [a], shuffle: true }],
  ['SELECT DISTINCT a FROM t', { kind: 'deduplicate', input: project(t, a) }],
  ['SELECT ALL a FROM t', project(t, a)],
  [
    'SELECT a, count(*) AS n FROM t GROUP BY a HAVING count(*) > 1',
    {
      kind: 'aggregate',
      input: t,
      groupType: 'groupBy',
      grouping: [a],
      aggregates: [a, alias(call('count', lit(1)), 'n')],
      having: binary('>', call('count', lit(1)), lit(1)),
    },
  ],
  ['SELECT a FROM t GROUP BY 1', { kind: 'aggregate', input: t, groupType: 'groupBy', grouping: [lit(1)], aggregates: [a] }],
  ['SELECT a FROM t GROUP BY ROLLUP(a, b)', { kind: 'aggregate', input: t, groupType: 'rollup', grouping: [a, b], aggregates: [a] }],
  ['SELECT a FROM t GROUP BY a, b WITH CUBE', { kind: 'aggregate', input: t, groupType: 'cube', grouping: [a, b], aggregates: [a] }],
  [
    'SELECT count(*) FROM t HAVING count(*) > 0',
    { kind: 'aggregate', input: t, groupType: 'groupBy', grouping: [], aggregates: [call('count', lit(1))], having: binary('>', call('count', lit(1)), lit(0)) },
  ],
  // FROM forms
  ['SELECT * FROM (SELECT a FROM t) s', project(subqueryAlias(project(t, a), 's'), star())],
  ['SELECT * FROM (SELECT a FROM t)', project(subqueryAlias(project(t, a), '__auto_generated_subquery_name'), star())],
  ['SELECT * FROM (SELECT 1, 2) AS s(x, y)', project(subqueryAlias({ kind: 'toDF', input: project(oneRow, lit(1), lit(2)), names: ['x', 'y'] }, 's'), star())],
  ['SELECT * FROM range(5)', project({ kind: 'range', start: 0, end: 5, step: 1 }, star())],
  ['SELECT * FROM range(1, 10, 2, 3) r', project(subqueryAlias({ kind: 'range', start: 1, end: 10, step: 2, numPartitions: 3 }, 'r'), star())],
  ["VALUES (1, 'a'), (2, 'b')", { kind: 'inlineTable', rows: [[lit(1), lit('a')], [lit(2), lit('b')]], names: ['col1', 'col2'] }],
  ['SELECT * FROM VALUES 1, 2 AS v(x)', project(subqueryAlias({ kind: 'inlineTable', rows: [[lit(1)], [lit(2)]], names: ['x'] }, 'v'), star())],
  ['TABLE t', t],
  ['FROM t SELECT a', project(t, a)],
  ['(SELECT a FROM t)', project(t, a)],
  // joins
  ['SELECT * FROM t JOIN u ON t.id = u.id', project(join(t, table('u'), 'inner', binary('=', attr('t', 'id'), attr('u', 'id'))), star())],
  ['SELECT * FROM t LEFT OUTER JOIN u USING (id, k)', project(join(t, table('u'), 'left', ['id', 'k']), star())],
  ['SELECT * FROM t RIGHT JOIN u ON x', project(join(t, table('u'), 'right', attr('x')), star())],
  ['SELECT * FROM t FULL OUTER JOIN u ON x', project(join(t, table('u'), 'full', attr('x')), star())],
  ['SELECT * FROM t LEFT SEMI JOIN u ON x', project(join(t, table('u'), 'semi', attr('x')), star())],
  ['SELECT * FROM t ANTI JOIN u ON x', project(join(t, table('u'), 'anti', attr('x')), star())],
  ['SELECT * FROM t CROSS JOIN u', project(join(t, table('u'), 'cross'), star())],
  ['SELECT * FROM t, u', project(join(t, table('u'), 'inner'), star())],
  ['SELECT * FROM t, u JOIN v ON x', project(join(join(t, table('u'), 'inner'), table('v'), 'inner', attr('x')), star())],
  ['SELECT * FROM (t JOIN u ON x) j', project(subqueryAlias(join(t, table('u'), 'inner', attr('x')), 'j'), star())],
  // set operations: INTERSECT first, then UNION / EXCEPT left to right
  [
    'SELECT a FROM t UNION SELECT a FROM u',
    { kind: 'setOp', op: 'union', left: project(t, a), right: project(table('u'), a), all: false, byName: false, allowMissingColumns: false },
  ],
  [
    'SELECT a FROM t UNION ALL SELECT a FROM u EXCEPT SELECT a FROM v INTERSECT SELECT a FROM w',
    {
      kind: 'setOp',
      op: 'except',
      left: { kind: 'setOp', op: 'union', left: project(t, a), right: project(table('u'), a), all: true, byName: false, allowMissingColumns: false },
      right: { kind: 'setOp', op: 'intersect', left: project(table('v'), a), right: project(table('w'), a), all: false, byName: false, allowMissingColumns: false },
      all: false,
      byName: false,
      allowMissingColumns: false,
    },
  ],
  // CTEs
  [
    'WITH x AS (SELECT 1), y(c) AS (SELECT 2) SELECT * FROM x, y',
    {
      kind: 'with',
      input: project(join(table('x'), table('y'), 'inner'), star()),
      definitions: [
        { name: 'x', plan: project(oneRow, lit(1)) },
        { name: 'y', plan: project(oneRow, lit(2)), columns: ['c'] },
      ],
    },
  ],
  // subqueries in expressions
  [
    'SELECT * FROM t WHERE a IN (SELECT b FROM u) AND NOT EXISTS (SELECT 1)',
    project(
      filter(t, binary('and', { kind: 'inSubquery', child: a, plan: project(table('u'), b) }, not({ kind: 'exists', plan: project(oneRow, lit(1)) }))),
      star(),
    ),
  ],
  // LATERAL VIEW and hints
  [
    'SELECT * FROM t LATERAL VIEW OUTER explode(arr) e AS x',
    project({ kind: 'generate', input: t, generator: call('explode', attr('arr')), outer: true, aliases: ['x'], qualifier: 'e' }, star()),
  ],
  ['SELECT /*+ BROADCAST(u) */ * FROM t', { kind: 'hint', input: project(t, star()), name: 'BROADCAST', parameters: [attr('u')] }],
];

describe('queries', () => {
  it.each(cases)('%s', (sql, expected) => {
    expect(parsePlan(sql)).toEqual(expected);
  });

  it('fills in named windows from the WINDOW clause', () => {
    const plan = parsePlan('SELECT sum(a) OVER w, rank() OVER (w) FROM t WINDOW w AS (PARTITION BY b ORDER BY a)');
    const spec = { partitionBy: [b], orderBy: [sortOrder(a)] };
    expect(plan).toEqual(
      project(t, { kind: 'window', function: call('sum', a), spec }, { kind: 'window', function: call('rank'), spec }),
    );
  });

  it('fills in a named window defined after ORDER BY, and one window defined by another', () => {
    const plan = parsePlan('SELECT sum(a) OVER w2 FROM t WINDOW w1 AS (ORDER BY a), w2 AS w1');
    expect(plan).toEqual(project(t, { kind: 'window', function: call('sum', a), spec: { partitionBy: [], orderBy: [sortOrder(a)] } }));
  });

  it('keys parsed statements the same in any letter case', () => {
    const lower = parsePlan('select a from t where a > 1 group by a order by a limit 1');
    const upper = parsePlan('SELECT a FROM t WHERE a > 1 GROUP BY a ORDER BY a LIMIT 1');
    const mixed = parsePlan('SeLeCt a FrOm t WhErE a > 1 GrOuP bY a OrDeR By a LiMiT 1');
    expect(lower).toEqual(upper);
    expect(mixed).toEqual(upper);
  });

  it('accepts trailing semicolons and comments', () => {
    expect(parsePlan('SELECT a FROM t; -- done')).toEqual(project(t, a));
    expect(parsePlan('/* head */ SELECT a FROM t;;')).toEqual(project(t, a));
  });
});
