import { describe, expect, it } from 'vitest';
import { filterCandidates, isPublicCandidate } from '../../src/repl/completion.js';

describe('completion candidates', () => {
  it.each([
    ['ssc.start', true],
    ['ssc._jobs', false],
    ['ssc.__proto__', false],
    ['ssc.hasOwnProperty', false],
    ['ssc.constructor', false],
    ['ssc.#secret', false],
    ['', true],
  ])('%s is public: %s', (candidate, expected) => {
    expect(isPublicCandidate(candidate)).toBe(expected);
  });

  it('keeps top-level names, and hides internal member names of tspark classes', () => {
    const internal = new Set(['scheduler', 'ssc']);
    expect(isPublicCandidate('ssc', internal)).toBe(true);
    expect(isPublicCandidate('hasOwnProperty', internal)).toBe(true);
    expect(isPublicCandidate('ssc.scheduler', internal)).toBe(false);
    expect(isPublicCandidate('lines.ssc', internal)).toBe(false);
    expect(isPublicCandidate('__tsparkImport', internal)).toBe(false);
  });

  it('drops hidden members and tidies group separators', () => {
    expect(filterCandidates(['o._a', 'o.b', '', 'o.toString', 'o.valueOf', '', 'o.c', 'o.b'])).toEqual(['o.b', '', 'o.c']);
  });
});
