/**
 * Errors: Spark's error classes, codes and messages at the call that introduced the mistake,
 * and the shell-facing guarantee that a bad call leaves the session usable.
 */
import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../src/sql/engine.js';
import { AnalysisException, SparkArgumentError, SparkSession, functions as F } from '../../src/sql/index.js';

function session(): SparkSession {
  return new SparkSession(new SparkContext('local[2]', 'errors'), { out: () => undefined });
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('analysis errors', () => {
  it('fails at select with UNRESOLVED_COLUMN, suggestions, and the plan after ";"', () => {
    const spark = session();
    const df = spark.createDataFrame([['a', 1, 'x']], ['name', 'age', 'city']);
    const e = thrown(() => df.select('nme')) as AnalysisException;
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.code).toBe('ERR_SQL_ANALYSIS');
    expect(e.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(e.getSqlState()).toBe('42703');
    expect(e.getMessageParameters()).toEqual({ objectName: '`nme`', proposal: '`name`, `age`, `city`' });
    expect(e.message.split('\n')[0]).toBe(
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `nme` cannot be resolved. Did you mean one of the following? [`name`, `age`, `city`].;',
    );
    expect(e.message.split('\n')[1]).toBe("'Project ['nme]");
    // The session stays usable.
    expect(df.select('name').count()).toBe(1);
    spark.stop();
  });

  it('orders at most five suggestions by edit distance, as Spark', () => {
    const spark = session();
    const cols = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
    const df = spark.createDataFrame([cols.map((_c, i) => i)], cols);
    const e = thrown(() => df.select('zzz')) as AnalysisException;
    const proposal = e.getMessageParameters()['proposal']!.split(', ');
    expect(proposal).toHaveLength(5);
    // Closest first (ties keep column order; Spark's tie order follows a hash set and varies).
    expect(proposal.slice(0, 2).sort()).toEqual(['`eta`', '`zeta`']);
    expect(proposal[2]).toBe('`beta`');
    spark.stop();
  });

  it('names unknown functions, type mismatches and non-Columns with their classes', () => {
    const spark = session();
    const df = spark.createDataFrame([[1, 'a']], ['n', 's']);
    expect((thrown(() => df.select(F.call('nope', df.n!))) as AnalysisException).errorClass).toBe('UNRESOLVED_ROUTINE');
    expect((thrown(() => df.select(df.n!.plus(F.array(F.lit(1))))) as AnalysisException).errorClass).toBe('DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES');
    const notCol = thrown(() => df.withColumn('x', 1 as never)) as SparkArgumentError;
    expect(notCol.code).toBe('ERR_SQL_ARGUMENT');
    expect(notCol.errorClass).toBe('NOT_COLUMN');
    expect(() => `${String(df.n!.valueOf())}`).toThrow(/col\.plus\(1\)/);
    spark.stop();
  });

  it('refuses a stopped session with the engine\'s stopped-context error', () => {
    const spark = session();
    spark.stop();
    expect(() => spark.range(3)).toThrow(/stopped SparkContext/);
  });
});
