/** Numbers as Python's str() writes them (StatCounter's text). */
import { describe, expect, it } from 'vitest';
import { pythonFloat, pythonNumber } from '../../src/engine/python-format.js';

describe('pythonFloat (repr of a Python float)', () => {
  it.each([
    [7, '7.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [1.5, '1.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1.632993161855452, '1.632993161855452'],
    [1e20, '1e+20'],
    [2.5e19, '2.5e+19'],
    [1e16, '1e+16'],
    [1234567890123456, '1234567890123456.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-3.25e-7, '-3.25e-07'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%s → %s', (x, text) => {
    expect(pythonFloat(x)).toBe(text);
  });
});

describe('pythonNumber', () => {
  it('writes integers as ints and everything else as floats', () => {
    expect([pythonNumber(9), pythonNumber(-3), pythonNumber(1.5), pythonNumber(1e20), pythonNumber(-Infinity)]).toEqual(['9', '-3', '1.5', '1e+20', '-inf']);
  });
});
