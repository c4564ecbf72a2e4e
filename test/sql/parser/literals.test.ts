/**
 * Literals with Spark's typing and values (internal representation): integer sizes, decimals
 * with their precision and scale, doubles and floats, strings with escapes, dates, timestamps in
 * the session time zone, binary, intervals.
 */
import { describe, expect, it } from 'vitest';
import type { Literal } from '../../../src/sql/plan/index.js';
import { parseExpression } from '../../../src/sql/parser/index.js';

function literalOf(sql: string, sessionTimeZone = 'UTC'): { value: unknown; type: string } {
  const e = parseExpression(sql, { sessionTimeZone });
  if (e.kind !== 'literal') throw new Error(`not a literal: ${sql}`);
  return { value: (e as Literal).value, type: (e as Literal).dataType.simpleString() };
}

const us = (iso: string): number => Date.parse(iso) * 1000;
const days = (iso: string): number => Date.parse(iso) / 86_400_000;

describe('literals', () => {
  it.each([
    ['1', 1, 'int'],
    ['2147483647', 2147483647, 'int'],
    ['2147483648', 2147483648, 'bigint'],
    ['-2147483648', -2147483648, 'int'],
    ['10000000000', 10000000000, 'bigint'],
    ['9223372036854775807', 9223372036854775807n, 'bigint'],
    ['9223372036854775808', 9223372036854775808n, 'decimal(19,0)'],
    ['1L', 1, 'bigint'],
    ['-9223372036854775808L', -9223372036854775808n, 'bigint'],
    ['1S', 1, 'smallint'],
    ['-128Y', -128, 'tinyint'],
    ['1.5', 15n, 'decimal(2,1)'],
    ['0.05', 5n, 'decimal(2,2)'],
    ['1.50', 150n, 'decimal(3,2)'],
    ['5.', 5n, 'decimal(1,0)'],
    ['.5', 5n, 'decimal(1,1)'],
    ['123.456BD', 123456n, 'decimal(6,3)'],
    ['1e3BD', 1000n, 'decimal(4,0)'],
    ['1.5D', 1.5, 'double'],
    ['1e10', 1e10, 'double'],
    ['1.5E-3', 0.0015, 'double'],
    ['1.1F', Math.fround(1.1), 'float'],
    ['00012', 12, 'int'],
  ] as const)('%s is %s of type %s', (sql, value, type) => {
    expect(literalOf(sql)).toEqual({ value, type });
  });

  it.each([
    ["'a'", 'a'],
    ['"b"', 'b'],
    ["'it\\'s'", "it's"],
    ["'a' 'b'", 'ab'],
    ["'tab\\there'", 'tab\there'],
    ["'new\\nline'", 'new\nline'],
    ["'\\u0041\\101'", 'AA'],
    ["'100\\%'", '100\\%'],
    ["'back\\\\slash'", 'back\\slash'],
    ["'\\q'", 'q'],
  ])('the string %s is %j', (sql, value) => {
    expect(literalOf(sql)).toEqual({ value, type: 'string' });
  });

  it('reads TRUE, FALSE and NULL', () => {
    expect(literalOf('TRUE')).toEqual({ value: true, type: 'boolean' });
    expect(literalOf('false')).toEqual({ value: false, type: 'boolean' });
    expect(literalOf('NULL')).toEqual({ value: null, type: 'void' });
  });

  it('reads DATE literals as day numbers', () => {
    expect(literalOf("DATE '2024-01-02'")).toEqual({ value: days('2024-01-02'), type: 'date' });
    expect(literalOf("DATE '2024-1-2'")).toEqual({ value: days('2024-01-02'), type: 'date' });
    expect(literalOf("DATE '2024'")).toEqual({ value: days('2024-01-01'), type: 'date' });
    expect(literalOf("DATE '1969-12-31'")).toEqual({ value: -1, type: 'date' });
  });

  it('reads TIMESTAMP literals as microseconds, in the session time zone unless the text has a zone', () => {
    expect(literalOf("TIMESTAMP '2024-01-01 10:00:00'")).toEqual({ value: us('2024-01-01T10:00:00Z'), type: 'timestamp' });
    expect(literalOf("TIMESTAMP '2024-01-01 10:00:00'", 'America/Los_Angeles').value).toBe(us('2024-01-01T18:00:00Z'));
    expect(literalOf("TIMESTAMP '2024-07-01 10:00:00'", 'Europe/Paris').value).toBe(us('2024-07-01T08:00:00Z'));
    expect(literalOf("TIMESTAMP '2024-01-01T10:00:00.123456Z'", 'Asia/Tokyo').value).toBe(us('2024-01-01T10:00:00Z') + 123456);
    expect(literalOf("TIMESTAMP '2024-01-01 10:00:00+02:00'").value).toBe(us('2024-01-01T08:00:00Z'));
    expect(literalOf("TIMESTAMP '2024-01-01 10:00:00 America/Los_Angeles'").value).toBe(us('2024-01-01T18:00:00Z'));
    expect(literalOf("TIMESTAMP '2024-01-02 3:4:5'").value).toBe(us('2024-01-02T03:04:05Z'));
    expect(literalOf("TIMESTAMP_NTZ '2024-01-01 10:00'", 'Asia/Tokyo')).toEqual({ value: us('2024-01-01T10:00:00Z'), type: 'timestamp_ntz' });
  });

  it('reads binary literals from hex', () => {
    expect(literalOf("X'0A1b'")).toEqual({ value: new Uint8Array([0x0a, 0x1b]), type: 'binary' });
    expect(literalOf("x'a'")).toEqual({ value: new Uint8Array([0x0a]), type: 'binary' });
  });

  it.each([
    ['INTERVAL 10 MINUTES', { months: 0, days: 0, microseconds: 600_000_000 }],
    ["INTERVAL '10' MINUTE", { months: 0, days: 0, microseconds: 600_000_000 }],
    ['INTERVAL -10 MINUTES', { months: 0, days: 0, microseconds: -600_000_000 }],
    ['INTERVAL 1 DAY 2 HOURS', { months: 0, days: 1, microseconds: 7_200_000_000 }],
    ["INTERVAL '1 day 2 hours'", { months: 0, days: 1, microseconds: 7_200_000_000 }],
    ['INTERVAL 1 YEAR 2 YEARS', { months: 36, days: 0, microseconds: 0 }],
    ["INTERVAL '1-2' YEAR TO MONTH", { months: 14, days: 0, microseconds: 0 }],
    ["INTERVAL '1 02:03:04.5' DAY TO SECOND", { months: 0, days: 1, microseconds: 7_384_500_000 }],
    ['INTERVAL 3 WEEKS', { months: 0, days: 21, microseconds: 0 }],
    ['INTERVAL 1.5 SECONDS', { months: 0, days: 0, microseconds: 1_500_000 }],
  ])('%s', (sql, value) => {
    expect(literalOf(sql)).toEqual({ value, type: 'interval' });
  });
});
