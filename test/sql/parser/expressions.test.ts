/**
 * Expression text → expression tree, against the plan builders: precedence and associativity,
 * predicates, CASE, CAST, function calls, windows, lambdas, subscripts, aliases. The shapes are
 * the ones Spark's parser builds (checked against PySpark in pyspark.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/sql/plan/index.js';
import { parseExpression } from '../../../src/sql/parser/index.js';
import { ArrayType, DecimalType, DoubleType, IntegerType, StringType } from '../../../src/sql/types/data-types.js';
import { alias, attr, binary, call, lit, not, sortOrder, star } from './support/builders.js';

const a = attr('a');
const b = attr('b');
const c = attr('c');

const cases: ReadonlyArray<readonly [string, Expression]> = [
  // arithmetic: * / % DIV bind tighter than + - ||, all left-associative
  ['a + b * c', binary('+', a, binary('*', b, c))],
  ['a - b - c', binary('-', binary('-', a, b), c)],
  ['(a + b) * c', binary('*', binary('+', a, b), c)],
  ['a DIV b % c', binary('%', binary('div', a, b), c)],
  ['a div b', binary('div', a, b)],
  ['-a * b', binary('*', { kind: 'unary', op: 'negate', child: a }, b)],
  ['~a', { kind: 'unary', op: '~', child: a }],
  ['+a', { kind: 'unary', op: 'positive', child: a }],
  ['-1', lit(-1)],
  ['2 - -1', binary('-', lit(2), lit(-1))],
  ['a -1', binary('-', a, lit(1))],
  // || is concat, at the level of + and -
  ['a || b || c', call('concat', call('concat', a, b), c)],
  ['a + b || c', call('concat', binary('+', a, b), c)],
  // bitwise: & over ^ over |, all above comparison
  ['a & b | c', binary('|', binary('&', a, b), c)],
  ['a | b = c', binary('=', binary('|', a, b), c)],
  // comparison
  ['a = b', binary('=', a, b)],
  ['a == b', binary('=', a, b)],
  ['a <> b', not(binary('=', a, b))],
  ['a != b', not(binary('=', a, b))],
  ['a <=> b', binary('<=>', a, b)],
  ['a < b AND b >= c', binary('and', binary('<', a, b), binary('>=', b, c))],
  ['a = b = c', binary('=', binary('=', a, b), c)],
  // boolean: NOT over AND over OR; AND/OR chains are balanced as Spark builds them
  ['NOT a = b', not(binary('=', a, b))],
  ['!a', not(a)],
  ['a OR b AND c', binary('or', a, binary('and', b, c))],
  ['a AND b AND c AND attr', binary('and', binary('and', a, b), binary('and', c, attr('attr')))],
  ['a AND b AND c', binary('and', binary('and', a, b), c)],
  ['NOT a AND b', binary('and', not(a), b)],
  // predicates
  ['a BETWEEN 1 AND 2', binary('and', binary('>=', a, lit(1)), binary('<=', a, lit(2)))],
  ['a NOT BETWEEN 1 AND 2', not(binary('and', binary('>=', a, lit(1)), binary('<=', a, lit(2))))],
  ['a IN (1, 2)', { kind: 'in', child: a, list: [lit(1), lit(2)] }],
  ['a NOT IN (1)', not({ kind: 'in', child: a, list: [lit(1)] })],
  ["a LIKE 'x%'", call('like', a, lit('x%'))],
  ["a NOT LIKE 'x%'", not(call('like', a, lit('x%')))],
  ["a LIKE 'x/%' ESCAPE '/'", call('like', a, lit('x/%'), lit('/'))],
  ["a ILIKE 'x'", call('ilike', a, lit('x'))],
  ["a RLIKE '^x'", call('rlike', a, lit('^x'))],
  ['a IS NULL', call('isnull', a)],
  ['a IS NOT NULL', call('isnotnull', a)],
  ['NOT a IS NULL', not(call('isnull', a))],
  ['a IS TRUE', binary('<=>', a, lit(true))],
  ['a IS NOT FALSE', not(binary('<=>', a, lit(false)))],
  ['a IS DISTINCT FROM b', not(binary('<=>', a, b))],
  ['a IS NOT DISTINCT FROM b', binary('<=>', a, b)],
  // CASE: the operand form becomes equality conditions
  ["CASE WHEN a THEN 'x' ELSE 'y' END", { kind: 'caseWhen', branches: [[a, lit('x')]], otherwise: lit('y') }],
  ['CASE a WHEN 1 THEN 2 END', { kind: 'caseWhen', branches: [[binary('=', a, lit(1)), lit(2)]] }],
  // CAST
  ['CAST(a AS DOUBLE)', { kind: 'cast', child: a, to: new DoubleType(), mode: 'default' }],
  ['TRY_CAST(a AS INT)', { kind: 'cast', child: a, to: new IntegerType(), mode: 'try' }],
  ['CAST(a AS ARRAY<STRING>)', { kind: 'cast', child: a, to: new ArrayType(new StringType(), true), mode: 'default' }],
  ['CAST(a AS DECIMAL(10, 2))', { kind: 'cast', child: a, to: new DecimalType(10, 2), mode: 'default' }],
  ['cast(a as varchar(3))', { kind: 'cast', child: a, to: new StringType(), mode: 'default' }],
  // function calls
  ['upper(name)', call('upper', attr('name'))],
  ['count(*)', call('count', lit(1))],
  ['count(t.*)', call('count', star('t'))],
  ['count(DISTINCT a)', { kind: 'function', name: 'count', args: [a], distinct: true }],
  ['count(ALL a)', call('count', a)],
  ['sum(a) FILTER (WHERE b > 1)', { kind: 'function', name: 'sum', args: [a], filter: binary('>', b, lit(1)) }],
  ['first(a IGNORE NULLS)', { kind: 'function', name: 'first', args: [a], ignoreNulls: true }],
  ['last(a) IGNORE NULLS', { kind: 'function', name: 'last', args: [a], ignoreNulls: true }],
  ['db.f(1)', call('db.f', lit(1))],
  ['mask(a, upperChar => \'X\')', call('mask', a, { kind: 'namedArgument', name: 'upperChar', value: lit('X') })],
  ['struct(a, b AS c)', call('struct', a, alias(b, 'c'))],
  ['(a, b)', call('struct', a, b)],
  ['extract(YEAR FROM ts)', call('extract', lit('YEAR'), attr('ts'))],
  ["substring('abc' FROM 2 FOR 1)", call('substring', lit('abc'), lit(2), lit(1))],
  ['substring(s, 2)', call('substring', attr('s'), lit(2))],
  ["trim(BOTH 'x' FROM s)", call('trim', lit('x'), attr('s'))],
  ['trim(LEADING FROM s)', call('ltrim', attr('s'))],
  ['trim(s)', call('trim', attr('s'))],
  ["position('a' IN s)", call('locate', lit('a'), attr('s'))],
  // window functions
  [
    'rank() OVER (PARTITION BY a ORDER BY b DESC)',
    { kind: 'window', function: call('rank'), spec: { partitionBy: [a], orderBy: [sortOrder(b, 'desc')] } },
  ],
  [
    'sum(a) OVER (ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
    {
      kind: 'window',
      function: call('sum', a),
      spec: { partitionBy: [], orderBy: [sortOrder(b)], frame: { type: 'rows', lower: { kind: 'unboundedPreceding' }, upper: { kind: 'currentRow' } } },
    },
  ],
  [
    'avg(a) OVER (ORDER BY b RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING)',
    {
      kind: 'window',
      function: call('avg', a),
      spec: { partitionBy: [], orderBy: [sortOrder(b)], frame: { type: 'range', lower: { kind: 'offset', value: lit(-2) }, upper: { kind: 'offset', value: lit(1) } } },
    },
  ],
  [
    'lag(a) OVER (ORDER BY b ROWS 3 PRECEDING)',
    {
      kind: 'window',
      function: call('lag', a),
      spec: { partitionBy: [], orderBy: [sortOrder(b)], frame: { type: 'rows', lower: { kind: 'offset', value: lit(-3) }, upper: { kind: 'currentRow' } } },
    },
  ],
  // lambdas: parameters become lambda variables inside the body
  [
    'transform(arr, x -> x + 1)',
    call('transform', attr('arr'), { kind: 'lambda', params: ['x'], body: binary('+', { kind: 'lambdaVariable', name: 'x' }, lit(1)) }),
  ],
  [
    'aggregate(arr, 0, (acc, x) -> acc + x)',
    call('aggregate', attr('arr'), lit(0), {
      kind: 'lambda',
      params: ['acc', 'x'],
      body: binary('+', { kind: 'lambdaVariable', name: 'acc' }, { kind: 'lambdaVariable', name: 'x' }),
    }),
  ],
  // names, stars, subscripts and fields
  ['t.a.b', attr('t', 'a', 'b')],
  ['`a b`.`c.d`', attr('a b', 'c.d')],
  ['*', star()],
  ['t.*', star('t')],
  ['arr[0]', { kind: 'extractValue', child: attr('arr'), key: lit(0) }],
  ["m['k'].f", { kind: 'extractValue', child: { kind: 'extractValue', child: attr('m'), key: lit('k') }, key: lit('f') }],
  ['current_date', attr('current_date')],
  // aliases, as selectExpr takes them
  ['age * 2 AS dbl', alias(binary('*', attr('age'), lit(2)), 'dbl')],
  ['age * 2 dbl', alias(binary('*', attr('age'), lit(2)), 'dbl')],
  ['upper(name) AS `Upper Name`', alias(call('upper', attr('name')), 'Upper Name')],
  ['posexplode(arr) AS (p, v)', alias(call('posexplode', attr('arr')), 'p', 'v')],
];

describe('expressions', () => {
  it.each(cases)('%s', (sql, expected) => {
    expect(parseExpression(sql)).toEqual(expected);
  });

  it('reads keywords in any case and keeps the spelling of names', () => {
    expect(parseExpression('Upper(NaMe) aS Up')).toEqual(alias(call('Upper', attr('NaMe')), 'Up'));
    expect(parseExpression('a iS nOt NuLl')).toEqual(call('isnotnull', a));
    expect(parseExpression('CaSe WhEn a ThEn 1 EnD')).toEqual({ kind: 'caseWhen', branches: [[a, lit(1)]] });
  });

  it('lets keywords be column names, as Spark does outside ANSI mode', () => {
    expect(parseExpression('date + year')).toEqual(binary('+', attr('date'), attr('year')));
    expect(parseExpression('count')).toEqual(attr('count'));
    expect(parseExpression('order.user')).toEqual(attr('order', 'user'));
  });

  it('reads a scalar subquery inside an expression', () => {
    const e = parseExpression('(SELECT max(a) FROM t) + 1');
    expect(e).toEqual(
      binary(
        '+',
        { kind: 'scalarSubquery', plan: { kind: 'project', input: { kind: 'table', name: ['t'] }, exprs: [call('max', a)] } },
        lit(1),
      ),
    );
  });
});
