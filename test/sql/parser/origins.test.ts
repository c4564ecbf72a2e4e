/**
 * Positions of parsed nodes, for Spark's `; line L pos P` in analysis errors about SQL text.
 */
import { describe, expect, it } from 'vitest';
import type { Expression, LogicalPlan } from '../../../src/sql/plan/index.js';
import { originOf, originSuffix, parsePlan } from '../../../src/sql/parser/index.js';
import { attr, project, star, table } from './support/builders.js';

describe('origins', () => {
  it('records where columns, tables and SELECTs start, invisibly to equality and JSON', () => {
    const plan = parsePlan('SELECT name,\n  nme FROM peple') as Extract<LogicalPlan, { kind: 'project' }>;
    expect(plan).toEqual(project(table('peple'), attr('name'), attr('nme')));
    expect(JSON.stringify(plan)).not.toContain('line');
    expect(originOf(plan)).toMatchObject({ line: 1, col: 0 });
    expect(originOf(plan.exprs[1]!)).toMatchObject({ line: 2, col: 2 });
    expect(originSuffix(plan.input)).toBe('; line 2 pos 11');
  });

  it('places an operator where its left operand starts, as Spark does', () => {
    const plan = parsePlan('SELECT * FROM people WHERE age = array(1)') as Extract<LogicalPlan, { kind: 'project' }>;
    expect(plan.exprs).toEqual([star()]);
    const where = plan.input as Extract<LogicalPlan, { kind: 'filter' }>;
    expect(originSuffix(where.condition)).toBe('; line 1 pos 27');
    const call = (where.condition as Extract<Expression, { kind: 'binary' }>).right;
    expect(originSuffix(call)).toBe('; line 1 pos 33');
  });

  it('gives nodes built without SQL text no origin', () => {
    expect(originSuffix(attr('a'))).toBe('');
  });
});
