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
  'explain-extended': "the analysed plan of a view differs (Spark shows View (…) and the view's casts)",
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

/** Expression ids and plan ids (`name#7165`, `plan_id=48340`) count per session: blanked before plans are compared. */
function blankIds(v: unknown): unknown {
  return typeof v === 'string' ? v.replace(/#\d+/g, '#').replace(/plan_id=\d+/g, 'plan_id=') : v;
}

/** Errors are compared by error class: Spark 4's texts differ from 3.5's, which the local engine keeps. */
function comparable(a: Answer, explain: boolean): unknown {
  if (!a.ok) return { ok: false, errorClass: a.errorClass };
  return explain ? { ...a, rows: a.rows.map((r) => r.map(blankIds)) } : a;
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
      const explain = /^\s*EXPLAIN\b/i.test(statement.sql);
      expect(comparable(local, explain)).toEqual(comparable(remote, explain));
    });
  }
});
