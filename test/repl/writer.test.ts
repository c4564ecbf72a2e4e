import { describe, expect, it } from 'vitest';
import { createWriter, hideAsyncIds } from '../../src/repl/writer.js';

describe('the result writer', () => {
  it('inspects values, with colour only when asked', () => {
    expect(createWriter(false)({ a: 1 })).toBe('{ a: 1 }');
    expect(createWriter(true)({ a: 1 })).toContain('\x1b[33m1\x1b[39m');
  });

  it('falls back to a plain message when inspection throws', () => {
    const hostile = { [Symbol.for('nodejs.util.inspect.custom')]: () => { throw new Error('i'); } };
    expect(createWriter(false)(hostile)).toBe('[value could not be displayed: i]');
  });

  it('shows an error as its stack', () => {
    const e = new Error('x');
    e.stack = 'Error: x\n    at REPL1.ts:1:1';
    expect(createWriter(false)(e)).toBe('Error: x\n    at REPL1.ts:1:1');
  });

  it('hides the async ids the REPL domain attaches, and folds a short value back on one line', () => {
    expect(hideAsyncIds('Promise {\n  2,\n  [Symbol(async_id_symbol)]: 178,\n  [Symbol(trigger_async_id_symbol)]: 171\n}')).toBe('Promise { 2 }');
    expect(hideAsyncIds('{ a: 1 }')).toBe('{ a: 1 }');
    const coloured = 'Promise {\n  \x1b[33m2\x1b[39m,\n  [\x1b[32mSymbol(async_id_symbol)\x1b[39m]: \x1b[33m2\x1b[39m,\n  [\x1b[32mSymbol(trigger_async_id_symbol)\x1b[39m]: \x1b[33m1\x1b[39m\n}';
    expect(hideAsyncIds(coloured)).toBe('Promise { \x1b[33m2\x1b[39m }');
  });
});
