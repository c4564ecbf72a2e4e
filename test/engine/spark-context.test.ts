import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock, SparkContext, StreamingContext, VERSION } from '../../src/index.js';
import { PushReceiver } from '../support/push-receiver.js';
import { expected } from './pyspark/expected.js';

describe('SparkContext', () => {
  it('takes its parallelism from local[N] and keeps pyspark\'s defaults', () => {
    const sc = new SparkContext('local[3]', 'app');
    expect([sc.master, sc.appName, sc.defaultParallelism, sc.defaultMinPartitions]).toEqual(['local[3]', 'app', 3, 2]);
    expect(new SparkContext().master).toBe('local[*]');
    expect(new SparkContext('local').defaultParallelism).toBe(1);
  });

  it('refuses a cluster master with a message that says what tspark runs', () => {
    expect(() => new SparkContext('spark://host:7077')).toThrow('"master" must be "local", "local[N]" or "local[*]"');
  });

  it('has broadcast variables and accumulators', () => {
    const sc = new SparkContext('local[2]');
    const b = sc.broadcast({ stop: new Set(['a']) });
    const acc = sc.accumulator(0);
    sc.parallelize(['a', 'b', 'c']).foreach((w) => {
      if (!b.value.stop.has(w)) acc.add(1);
    });
    expect(acc.value).toBe(2);
    b.destroy();
    expect(() => b.value).toThrow('after it was destroyed');
    expect(() => sc.accumulator('x')).toThrow('pass an AccumulatorParam');
  });

  it('refuses every method once stopped, and a second stop is harmless', () => {
    const sc = new SparkContext('local[2]');
    sc.stop();
    sc.stop();
    expect(() => sc.parallelize([1])).toThrow('Cannot call methods on a stopped SparkContext');
  });

  it('reports the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(new SparkContext('local[1]').version).toBe(pkg.version);
  });
});

describe('SparkContext members pyspark has', () => {
  const recorded = expected.sparkContext as Record<string, unknown>;

  it('applicationId is local-<start time>, as Spark names a local application', () => {
    const sc = new SparkContext('local[2]', 'ids');
    expect(sc.applicationId).toBe(`local-${sc.startTime}`);
    expect(sc.applicationId.replace(/\d+/, '<ms>')).toBe(recorded.applicationId);
  });

  it('uiWebUrl is undefined until the web UI shows the context', () => {
    expect(new SparkContext('local[2]').uiWebUrl).toBeUndefined();
  });

  it('getConf returns a copy of the settings with Spark’s keys', () => {
    const sc = new SparkContext('local[2]', 'conf-test');
    const conf = sc.getConf();
    expect(conf.get('spark.master')).toBe(recorded['getConf master']);
    expect(conf.get('spark.app.name')).toBe('conf-test');
    expect(conf.get('spark.app.id')).toBe(sc.applicationId);
    expect(conf.get('spark.nope')).toBeUndefined();
    expect(conf.get('spark.nope', 'dflt')).toBe(recorded['getConf missing default']);
    const keys = conf.getAll().map(([k]) => k);
    for (const k of keys) expect(recorded['getConf keys']).toContain(k);
    conf.set('spark.app.name', 'changed');
    expect(sc.getConf().get('spark.app.name')).toBe('conf-test');
  });

  it('setLogLevel takes Spark’s levels in any case and refuses others with Spark’s words', () => {
    const sc = new SparkContext('local[2]');
    expect(() => sc.setLogLevel('warn')).not.toThrow();
    expect((recorded['setLogLevel LOUD'] as { error: string }).error).toMatch(/Supplied level LOUD did not match one of: ALL,DEBUG,ERROR,FATAL,TRACE,WARN,INFO,OFF/);
    expect(() => sc.setLogLevel('LOUD')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: 'setLogLevel: Supplied level "LOUD" did not match one of: ALL, DEBUG, ERROR, FATAL, TRACE, WARN, INFO, OFF' }),
    );
  });

  it('setLogLevel("ERROR") also hides a stream source’s warnings; batch errors still show', async () => {
    const sc = new SparkContext('local[2]');
    sc.setLogLevel('ERROR');
    const errors: string[] = [];
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: (t) => errors.push(t) });
    const receiver = new PushReceiver();
    ssc.receiverStream(receiver).map((): number => {
      throw new Error('user code failed');
    }).pprint();
    ssc.start();
    await receiver.started;
    receiver.warn('1 byte sequence not valid UTF-8');
    receiver.push(['x']);
    await clock.advance(1000);
    ssc.stop();
    expect(errors.join('')).not.toContain('not valid UTF-8');
    expect(errors.join('')).toContain('user code failed');
  });
});

describe('sc.wholeTextFiles', () => {
  it('gives [file:/path, content] per file, hidden names skipped, as pyspark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-whole-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.txt'), 'a1\na2\n');
    writeFileSync(join(dir, 'in', 'b.txt'), 'b1');
    writeFileSync(join(dir, 'in', '_c.txt'), 'hidden\n');
    writeFileSync(join(dir, 'in', '.d.txt'), 'hidden\n');
    const sc = new SparkContext('local[2]');
    const got = sc.wholeTextFiles(join(dir, 'in')).collect().map(([p, text]) => [p.replace(dir, '<root>'), text]);
    expect(got).toEqual(expected.wholeTextFiles);
    expect(sc.wholeTextFiles(join(dir, 'in', '*.txt')).count()).toBe(2);
  });
});
