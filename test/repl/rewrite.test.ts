import { describe, expect, it } from 'vitest';
import { RewriteError, rewriteTopLevel } from '../../src/repl/rewrite.js';

const none = new Set<string>();
const lines = (s: string): number => s.split('\n').length;

describe('rewriteTopLevel', () => {
  it.each([
    ['const a = 1;', 'var a; void ((a = 1));', ['a']],
    ['let a = 1, b = 2;', 'var a, b; void ((a = 1), (b = 2));', ['a', 'b']],
    ['let a;', 'var a; void ((a = undefined));', ['a']],
    ['const { b, c: [d], ...e } = f;', 'var b, d, e; void (({ b, c: [d], ...e } = f));', ['b', 'd', 'e']],
    ['class A {\n}', 'var A; void (A = class A {\n});', ['A']],
    ['function f() {\n}', 'var f; function f() {\n}', ['f']],
    ['import d, { x as y } from "m";', 'var d, y; void (d = __tsparkInteropDefault(require("m")), y = require("m").x);', ['d', 'y']],
    ['import * as ns from "m";', 'var ns; void (ns = require("m"));', ['ns']],
    ['import "m";', 'void require("m");', []],
    ['export const k = 1;', 'var k; void ((k = 1));', ['k']],
    ['export {};', '', []],
    ['x + 1;', 'x + 1;', []],
  ])('%j becomes %j', (js, expected, declared) => {
    const r = rewriteTopLevel(js, none);
    expect(r.code).toBe(expected);
    expect(r.declared).toEqual(declared);
    expect(r.async).toBe(false);
  });

  it('wraps top-level await and returns the last expression boxed, so a promise is not awaited', () => {
    const r = rewriteTopLevel('const v = await p;\nv + 1;', none);
    expect(r.async).toBe(true);
    expect(r.code).toBe('var v; (async () => { void ((v = await p));\nreturn { value: (v + 1) };\n})()');
  });

  it('publishes function declarations made inside an async wrapper', () => {
    const r = rewriteTopLevel('await 0;\nfunction g() {}', none);
    expect(r.code.startsWith('var g; (async () => { globalThis.g = g;')).toBe(true);
  });

  it('does not treat await inside a function as top-level', () => {
    expect(rewriteTopLevel('async function h() { await 1; }', none).async).toBe(false);
    expect(rewriteTopLevel('for await (const x of y) {}', none).async).toBe(true);
  });

  it('routes import() through the helper', () => {
    expect(rewriteTopLevel('import("node:fs");', none).code).toBe('__tsparkImport("node:fs");');
  });

  it('never adds or removes a line', () => {
    for (const js of ['const a = {\n  b: 1\n};', 'import {\n  a\n} from "m";', 'await x;\nconst y = 2;\ny;']) {
      const r = rewriteTopLevel(js, none);
      const extra = r.async ? 1 : 0; // the closing `})()` of the async wrapper
      expect(lines(r.code)).toBe(lines(js) + extra);
    }
  });

  it('maps offsets in the rewritten code back to the input', () => {
    const js = 'const a = foo();';
    const r = rewriteTopLevel(js, none);
    expect(r.toInputOffset(r.code.indexOf('foo'))).toBe(js.indexOf('foo'));
  });

  it('refuses protected names and export lists with a RewriteError', () => {
    expect(() => rewriteTopLevel('const process = 1;', new Set(['process']))).toThrow(RewriteError);
    expect(() => rewriteTopLevel('const k = 1; export { k };', none)).toThrow(/export statements are not supported/);
    expect(() => rewriteTopLevel('export default 1;', none)).toThrow(RewriteError);
  });
});
