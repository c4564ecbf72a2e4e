/**
 * The differential suite, SQL part: every statement of the spark.sql corpus
 * (test/sql/parser/pyspark/e2e.sql, in order, on one session each) runs on the local engine and
 * on the real Spark Connect server, and the two answers must agree: column names, types, rows and
 * show() text, or the same error class. Real Spark (4.0, with Spark 3.5's non-ANSI semantics set)
 * is the oracle. Where the local engine still answers differently, the statement is listed in
 * LOCAL_DIFFERENCES with the reason and runs as `it.fails`, so fixing the engine fails the test
 * until its entry goes (the same gaps the recorded PySpark 3.5 answers show, see
 * test/sql/parser/e2e.test.ts, and docs/SQL.md).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DataFrame, SparkSession } from '../../../src/sql/index.js';
import { answer, openPair, type Answer, type SessionPair } from './differential.js';
import { describeRemote } from './remote.js';

interface Statement {
  readonly kind: 'run' | 'selectExpr' | 'filter';
  readonly sql: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const corpus = JSON.parse(readFileSync(join(here, '..', 'parser', 'pyspark', 'e2e-expected.json'), 'utf8')) as Record<string, Statement>;

/** Where the local engine answers differently from Spark, and why. */
const LOCAL_DIFFERENCES: Readonly<Record<string, string>> = {
  'auto-names': 'Spark names CAST(column AS type) after the column (`age`); tspark names it CAST(age AS STRING)',
  'cast-name': 'Spark names CAST(column AS type) after the column (`age`); tspark names it CAST(age AS STRING)',
  'case-insensitive': "Spark keeps the query's spelling of a column in the output name (`AGE`); tspark uses the column's own (`age`)",
  'interval-window': 'timestamp + INTERVAL is not yet supported by the analyser (DATATYPE_MISMATCH)',
  'current-date-bare': "a bare current_date: Spark's analyser falls back to the function when no column has the name; tspark's does not",
  extract: 'no extract function in the analyser (the parser gives EXTRACT(YEAR FROM d) as extract(...), as Spark does)',
  bitwise: 'unary ~ is missing from the operator table',
  'date-plus-int': 'DATE + INT is not coerced to date_add',
  'trim-position-like': "Spark SQL's two-argument trim/ltrim/rtrim take the characters first; tspark's take the string first",
  explain: 'the physical plan text differs (tspark prints its own plan)',
};

/** A statement as a DataFrame on one session. */
function run(spark: SparkSession, s: Statement): DataFrame {
  switch (s.kind) {
    case 'run':
      return spark.sql(s.sql);
    case 'selectExpr':
      return spark.table('people').selectExpr(...s.sql.split('\n'));
    default:
      return spark.table('people').filter(s.sql);
  }
}

/** Errors are compared by error class: Spark 4's texts differ from 3.5's, which the local engine keeps. */
function comparable(a: Answer): unknown {
  return a.ok ? a : { ok: false, errorClass: a.errorClass };
}

describeRemote('the spark.sql corpus on the local engine and on Spark (differential)', () => {
  let pair: SessionPair;
  beforeAll(() => {
    pair = openPair('differential-sql');
  });
  afterAll(() => pair?.stop());

  for (const [id, statement] of Object.entries(corpus)) {
    const known = LOCAL_DIFFERENCES[id];
    const test = known === undefined ? it : it.fails;
    test(`${id}${known ? ` (known: ${known})` : ''}`, () => {
      const ordered = /\border\s+by\b/i.test(statement.sql);
      const local = answer(() => run(pair.local, statement), { ordered });
      const remote = answer(() => run(pair.remote, statement), { ordered });
      expect(comparable(local)).toEqual(comparable(remote));
    });
  }
});
