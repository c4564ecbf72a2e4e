import { describe, expect, it } from 'vitest';
import { byteColumnToIndex, isAtEnd, transformEntry } from '../../src/repl/transform.js';

describe('transformEntry', () => {
  it.each([
    ['function f(a: number) {\n', 'incomplete'],
    ['const o = {\n', 'incomplete'],
    ['class A {\n', 'incomplete'],
    ['x.\n', 'incomplete'],
    ['const s = `line1\n', 'incomplete'],
    ['x = 1 /* open\n', 'incomplete'],
    ["const q = 'abc\n", 'error'],
    ['const = 3\n', 'error'],
    ['const a: number = 1\n', 'ok'],
    ['interface P { x: number }\n', 'ok'],
  ])('%j is %s', (source, kind) => {
    expect(transformEntry(source, 'REPL1.ts').kind).toBe(kind);
  });

  it('keeps an import that is unused on its own line (verbatimModuleSyntax)', () => {
    const r = transformEntry('import fs from "node:fs"\n', 'REPL1.ts');
    expect(r.kind === 'ok' && r.code).toContain('import fs from "node:fs"');
  });

  it('keeps non-ASCII text as it is', () => {
    const r = transformEntry('const s = "café"\n', 'REPL1.ts');
    expect(r.kind === 'ok' && r.code).toContain('café');
  });

  it('gives a source map naming the entry', () => {
    const r = transformEntry('const a: number = 1\n', 'REPL7.ts');
    expect(r.kind === 'ok' && JSON.parse(r.map).sources).toEqual(['REPL7.ts']);
  });
});

describe('isAtEnd', () => {
  it('is true for a diagnostic at the very end of the input, false elsewhere', () => {
    expect(isAtEnd('abc\n', { text: 'x', line: 2, column: 0, lineText: '' })).toBe(true);
    expect(isAtEnd('abc\n', { text: 'x', line: 1, column: 3, lineText: 'abc' })).toBe(false);
    expect(isAtEnd('abc\n', { text: 'Unexpected end of file', line: 1, column: 0, lineText: 'abc' })).toBe(true);
  });
});

describe('byteColumnToIndex', () => {
  it('converts UTF-8 byte columns to string indices', () => {
    expect(byteColumnToIndex('const s = "😀😀"; const = 1', 28)).toBe(24);
    expect(byteColumnToIndex('é=', 2)).toBe(1);
  });
});
