import { describe, expect, it } from 'vitest';
import { formatBatchTime, formatRecord } from '../../../src/index.js';
import { newContext } from '../../support/run-batches.js';

describe('pprint', () => {
  it('prints the seeds\' word count in pyspark\'s exact shape', async () => {
    const { ssc, clock, out } = newContext(1, 'local[1]');
    const lines = ssc.queueStream([['I Like spark', 'you Like Python', 'he Like JAva'], []]);
    const counts = lines
      .flatMap((line) => line.split(' '))
      .map((word) => [word, 1])
      .reduceByKey((a, b) => a + b);
    counts.pprint();
    ssc.start();
    await clock.advance(2000);
    const dashes = '-'.repeat(43);
    expect(out.join('').split('\n')).toEqual([
      dashes,
      `Time: ${formatBatchTime(1000)}`,
      dashes,
      "[ 'I', 1 ]",
      "[ 'Like', 3 ]",
      "[ 'spark', 1 ]",
      "[ 'you', 1 ]",
      "[ 'Python', 1 ]",
      "[ 'he', 1 ]",
      "[ 'JAva', 1 ]",
      '',
      dashes,
      `Time: ${formatBatchTime(2000)}`,
      dashes,
      '',
      '',
    ]);
    ssc.stop(true);
  });

  it('prints the first num records and "..." when there are more', async () => {
    const { ssc, clock, out } = newContext();
    ssc.queueStream([[1, 2, 3, 4]]).pprint(2);
    ssc.start();
    await clock.advance(1000);
    expect(out.join('').split('\n').slice(3)).toEqual(['1', '2', '...', '', '']);
    ssc.stop(true);
  });

  it('writes batch times like Python str(datetime), with microseconds only for fractions', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5).getTime();
    expect(formatBatchTime(t)).toBe('2024-01-02 03:04:05');
    expect(formatBatchTime(t + 500)).toBe('2024-01-02 03:04:05.500000');
  });

  it('writes strings as they are and other records in inspect style on one line', () => {
    expect(formatRecord('hello world')).toBe('hello world');
    expect(formatRecord(['a', 1])).toBe("[ 'a', 1 ]");
    expect(formatRecord({ a: [1, 2] })).toBe('{ a: [ 1, 2 ] }');
    expect(formatRecord(null)).toBe('null');
    const hostile = { [Symbol.for('nodejs.util.inspect.custom')]: () => { throw new Error('nope'); } };
    expect(formatRecord(hostile)).toBe('[record could not be displayed: nope]');
  });
});
