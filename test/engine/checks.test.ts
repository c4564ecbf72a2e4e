/** The boundary checks: rules, the one message shape, and options read key by key. */
import { describe, expect, it } from 'vitest';
import {
  OptionReader,
  check,
  describeValue,
  durationMs,
  integerIn,
  isFunction,
  nonEmptyString,
  numPartitions,
  oneOf,
  optional,
  positiveInteger,
  seconds,
  wholeNumber,
  type Rule,
} from '../../src/engine/checks.js';

describe('describeValue: every message shows a value one way', () => {
  it.each([
    ['a string, quoted', '5', '"5"'],
    ['a number', 5, '5'],
    ['an object, as JSON', { a: 1 }, '{"a":1}'],
    ['an array, as JSON', [1, 'x'], '[1,"x"]'],
    ['a named function', function f() {}, 'function f'],
    ['an anonymous function', () => undefined, 'function (anonymous)'],
    ['undefined', undefined, 'undefined'],
    ['a bigint', 3n, '3n'],
    ['NaN', Number.NaN, 'null'],
  ])('%s', (_, value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('shows an object JSON cannot write as text', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('[object Object]');
  });
});

describe('rules', () => {
  it.each([
    [positiveInteger, 1, true],
    [positiveInteger, 0, false],
    [positiveInteger, 1.5, false],
    [positiveInteger, '2', false],
    [wholeNumber, 0, true],
    [wholeNumber, -1, false],
    [isFunction, () => 1, true],
    [isFunction, 'f', false],
    [seconds, 0.5, true],
    [seconds, 0, false],
    [seconds, Number.POSITIVE_INFINITY, false],
    [integerIn(1, 65535), 65535, true],
    [integerIn(1, 65535), 65536, false],
    [nonEmptyString('a path'), ' ', false],
    [nonEmptyString('a path'), 'x', true],
    [oneOf('cut', 'drop'), 'drop', true],
    [oneOf('cut', 'drop'), 'skip', false],
  ])('%o accepts %o: %s', (rule, value, ok) => {
    expect(rule.test(value)).toBe(ok);
  });

  it('describe themselves for the message', () => {
    expect(oneOf('cut', 'drop').mustBe).toBe('"cut" or "drop"');
    expect(oneOf('a', 'b', 'c').mustBe).toBe('one of "a", "b", "c"');
    expect(integerIn(0, 65535).mustBe).toBe('an integer from 0 to 65535');
  });
});

describe('check: one message shape', () => {
  it.each([
    ['pprint', 'num', -1, wholeNumber, 'pprint: "num" must be a whole number >= 0; got -1', 'ERR_INVALID_ARGUMENT'],
    ['map', 'f', 42, isFunction, 'map: "f" must be a function; got 42', 'ERR_INVALID_ARGUMENT'],
    ['repartition', 'numPartitions', '5', positiveInteger, 'repartition: "numPartitions" must be a positive integer; got "5"', 'ERR_INVALID_ARGUMENT'],
    ['window', 'windowDuration', 0, seconds, 'window: "windowDuration" must be a positive number of seconds (durations are in seconds, as in pyspark); got 0', 'ERR_INVALID_DURATION'],
    ['', 'port', 70000, integerIn(0, 65535), '"port" must be an integer from 0 to 65535; got 70000', 'ERR_INVALID_ARGUMENT'],
  ] as Array<[string, string, unknown, Rule<unknown>, string, string]>)('%s(%s = %o)', (method, param, value, rule, message, code) => {
    expect(() => check(method, param, value, rule)).toThrow(expect.objectContaining({ name: 'IllegalArgumentError', message, code }));
  });

  it('returns the value when it obeys the rule; optional lets undefined and null through', () => {
    expect(check('m', 'p', 3, positiveInteger)).toBe(3);
    expect(optional('m', 'p', undefined, positiveInteger)).toBeUndefined();
    expect(optional('m', 'p', null, positiveInteger)).toBeUndefined();
    expect(() => optional('m', 'p', 0, positiveInteger)).toThrow('m: "p" must be a positive integer; got 0');
  });

  it('checks numPartitions at the call', () => {
    expect(numPartitions('repartition', 2)).toBe(2);
    expect(() => numPartitions('repartition', 0)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringContaining('"numPartitions"') }));
  });
});

describe('durationMs: seconds as pyspark takes them', () => {
  it.each([
    [1, 1000],
    [0.5, 500],
    [1.0005, 1000],
    [0.001, 1],
  ])('%s s is %s ms', (s, ms) => {
    expect(durationMs('m', 'd', s)).toBe(ms);
  });

  it('refuses less than a millisecond, and what is not a positive number', () => {
    expect(() => durationMs('m', 'd', 0.0001)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DURATION', message: 'm: "d" must be at least 1 ms; got 0.0001 s' }));
    expect(() => durationMs('m', 'd', '1')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DURATION' }));
  });
});

describe('OptionReader: the known keys are the keys the checks read', () => {
  interface Options {
    size?: number;
    mode?: 'a' | 'b';
  }

  it('reads each key through its rule; absent keys are undefined', () => {
    const o = new OptionReader<Options>('make', { size: 2 });
    expect(o.get('size', positiveInteger)).toBe(2);
    expect(o.get('mode', oneOf('a', 'b'))).toBeUndefined();
    o.done();
  });

  it('refuses a key no check read, naming it and the known ones', () => {
    const o = new OptionReader<Options>('make', { size: 2, sise: 3 } as Options);
    o.get('size', positiveInteger);
    o.get('mode', oneOf('a', 'b'));
    expect(() => o.done()).toThrow(
      expect.objectContaining({ code: 'ERR_UNKNOWN_OPTION', message: 'make: unknown option "sise"; known options are "size", "mode"' }),
    );
  });

  it('refuses a bad value in the one message shape, and options that are not an object', () => {
    expect(() => new OptionReader<Options>('make', { size: 0 }).get('size', positiveInteger)).toThrow('make: "size" must be a positive integer; got 0');
    expect(() => new OptionReader<Options>('make', 5 as Options)).toThrow('make: "options" must be an object; got 5');
    expect(() => new OptionReader<Options>('make', undefined).done()).not.toThrow();
  });
});
