/**
 * Statement text → command plan: views, SET / RESET, SHOW, DESCRIBE, CACHE, EXPLAIN, and
 * NOT_IMPLEMENTED for the Spark statements tspark does not run.
 */
import { describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import type { Command, LogicalPlan } from '../../../src/sql/plan/index.js';
import { parsePlan } from '../../../src/sql/parser/index.js';
import { attr, binary, filter, lit, oneRow, project, table } from './support/builders.js';

const cmd = (command: Command): LogicalPlan => ({ kind: 'command', command });
const select1 = project(oneRow, lit(1));

const cases: ReadonlyArray<readonly [string, LogicalPlan]> = [
  [
    'CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1',
    cmd({ kind: 'createView', name: ['v'], plan: select1, replace: true, global: false, ifNotExists: false, sqlText: 'SELECT 1' }),
  ],
  [
    'CREATE TEMP VIEW adults AS SELECT name FROM people WHERE age > 21;',
    cmd({
      kind: 'createView',
      name: ['adults'],
      plan: project(filter(table('people'), binary('>', attr('age'), lit(21))), attr('name')),
      replace: false,
      global: false,
      ifNotExists: false,
      sqlText: 'SELECT name FROM people WHERE age > 21',
    }),
  ],
  [
    'CREATE GLOBAL TEMPORARY VIEW g AS SELECT 1',
    cmd({ kind: 'createView', name: ['g'], plan: select1, replace: false, global: true, ifNotExists: false, sqlText: 'SELECT 1' }),
  ],
  [
    "CREATE TEMP VIEW v (a COMMENT 'first', b) AS SELECT 1, 2",
    cmd({ kind: 'createView', name: ['v'], plan: project(oneRow, lit(1), lit(2)), replace: false, global: false, ifNotExists: false, columns: ['a', 'b'], sqlText: 'SELECT 1, 2' }),
  ],
  ['DROP VIEW IF EXISTS v', cmd({ kind: 'dropView', name: ['v'], ifExists: true })],
  ['DROP VIEW global_temp.v', cmd({ kind: 'dropView', name: ['global_temp', 'v'], ifExists: false })],
  ['DROP TABLE t', cmd({ kind: 'dropView', name: ['t'], ifExists: false })],
  ['SET', cmd({ kind: 'setConf' })],
  ['SET -v', cmd({ kind: 'setConf', key: '-v' })],
  ['SET spark.sql.shuffle.partitions', cmd({ kind: 'setConf', key: 'spark.sql.shuffle.partitions' })],
  ['SET spark.sql.shuffle.partitions=4', cmd({ kind: 'setConf', key: 'spark.sql.shuffle.partitions', value: '4' })],
  ['set spark.sql.shuffle.partitions = 4 ;', cmd({ kind: 'setConf', key: 'spark.sql.shuffle.partitions', value: '4' })],
  ['SET spark.sql.session.timeZone = America/Los_Angeles', cmd({ kind: 'setConf', key: 'spark.sql.session.timeZone', value: 'America/Los_Angeles' })],
  ['SET `a b` = `c d`', cmd({ kind: 'setConf', key: 'a b', value: 'c d' })],
  ["SET TIME ZONE 'UTC'", cmd({ kind: 'setConf', key: 'spark.sql.session.timeZone', value: 'UTC' })],
  ['RESET', cmd({ kind: 'resetConf' })],
  ['RESET spark.sql.shuffle.partitions', cmd({ kind: 'resetConf', key: 'spark.sql.shuffle.partitions' })],
  ['SHOW TABLES', cmd({ kind: 'showTables' })],
  ['SHOW TABLES IN global_temp', cmd({ kind: 'showTables', database: 'global_temp' })],
  ["SHOW TABLES FROM db LIKE 'p*'", cmd({ kind: 'showTables', database: 'db', pattern: 'p*' })],
  ["show tables 'p*'", cmd({ kind: 'showTables', pattern: 'p*' })],
  ['SHOW FUNCTIONS', cmd({ kind: 'showFunctions' })],
  ["SHOW FUNCTIONS LIKE 'a*'", cmd({ kind: 'showFunctions', pattern: 'a*' })],
  ['SHOW COLUMNS IN t', cmd({ kind: 'showColumns', table: ['t'] })],
  ['SHOW COLUMNS FROM t IN db', cmd({ kind: 'showColumns', table: ['db', 't'] })],
  ['DESCRIBE t', cmd({ kind: 'describe', table: ['t'], extended: false })],
  ['DESC TABLE EXTENDED global_temp.t', cmd({ kind: 'describe', table: ['global_temp', 't'], extended: true })],
  ['DESCRIBE QUERY SELECT 1', cmd({ kind: 'describe', query: select1, extended: false })],
  ['DESCRIBE SELECT 1', cmd({ kind: 'describe', query: select1, extended: false })],
  ['CACHE TABLE t', cmd({ kind: 'cacheTable', name: ['t'], lazy: false })],
  ['CACHE LAZY TABLE c AS SELECT 1', cmd({ kind: 'cacheTable', name: ['c'], plan: select1, lazy: true })],
  ['UNCACHE TABLE IF EXISTS t', cmd({ kind: 'uncacheTable', name: ['t'], ifExists: true })],
  ['CLEAR CACHE', cmd({ kind: 'clearCache' })],
  ['EXPLAIN SELECT 1', cmd({ kind: 'explain', plan: select1, mode: 'simple' })],
  ['EXPLAIN EXTENDED SELECT 1', cmd({ kind: 'explain', plan: select1, mode: 'extended' })],
  ['EXPLAIN FORMATTED SELECT 1', cmd({ kind: 'explain', plan: select1, mode: 'formatted' })],
];

describe('commands', () => {
  it.each(cases)('%s', (sql, expected) => {
    expect(parsePlan(sql)).toEqual(expected);
  });

  it.each([
    ['INSERT INTO t VALUES (1)', 'The INSERT statement'],
    ['CREATE TABLE t (a INT)', 'CREATE TABLE'],
    ['CREATE VIEW v AS SELECT 1', 'CREATE VIEW without TEMPORARY'],
    ['ALTER TABLE t ADD COLUMN b INT', 'The ALTER statement'],
    ['USE db', 'The USE statement'],
    ['SHOW DATABASES', 'SHOW DATABASES'],
    ['SELECT * FROM t NATURAL JOIN u', 'NATURAL JOIN'],
    ['SELECT * FROM explode(array(1, 2))', 'The table-valued function explode'],
  ])('%s is NOT_IMPLEMENTED with a message that names it', (sql, feature) => {
    try {
      parsePlan(sql);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SparkError);
      expect((e as SparkError).errorClass).toBe('NOT_IMPLEMENTED');
      expect((e as SparkError).message).toContain(feature);
      expect((e as SparkError).message).toContain('is not implemented in tspark yet');
    }
  });
});
