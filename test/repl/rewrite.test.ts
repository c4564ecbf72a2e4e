import { describe, expect, it } from 'vitest';
import { RewriteError, rewriteTopLevel } from '../../src/repl/rewrite.js';

const none = new Set<string>();
const lines = (s: string): number => s.split('\n').length;

describe('rewriteTopLevel', () => {
  it.each([
    ['const a = 1;', 'void ((a = 1));', ['a']],
    ['let a = 1, b = 2;', 'void ((a = 1), (b = 2));', ['a', 'b']],
    ['let a;', 'void ((a = undefined));', ['a']],
    ['const { b, c: [d], ...e } = f;', 'void (({ b, c: [d], ...e } = f));', ['b', 'd', 'e']],
    ['class A {\n}', 'void (A = class A {\n});', ['A']],
    ['function f() {\n}', 'var f; function f() {\n}', ['f']],
    ['import d, { x as y } from "m";', 'void (d = __tsparkInteropDefault(__tsparkRequire("m")), y = __tsparkRequire("m").x);', ['d', 'y']],
    ['import * as ns from "m";', 'void (ns = __tsparkRequire("m"));', ['ns']],
    ['import "m";', 'void __tsparkRequire("m");', []],
    ['export const k = 1;', 'void ((k = 1));', ['k']],
    ['"use strict";\nconst a = 1;', 'var a; "use strict";\nvoid ((a = 1));', ['a']],
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
    expect(r.code).toBe('(async () => { void ((v = await p));\nreturn { value: (v + 1) };\n})()');
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

  it('waits for ssc.awaitTermination() called without await, as pyspark blocks', () => {
    const r = rewriteTopLevel('ssc.start();\nssc.awaitTermination();', none);
    expect(r.async).toBe(true);
    expect(r.code).toBe('(async () => { ssc.start();\nreturn { value: (await ssc.awaitTermination()) };\n})()');
    expect(rewriteTopLevel('const p = ssc.awaitTermination();', none).async).toBe(false);
  });

  it('leaves out imports from "tspark" of names the shell binds already', () => {
    const bound = { alreadyBound: new Set(['SparkContext', 'StreamingContext']) };
    expect(rewriteTopLevel('import { SparkContext, StreamingContext } from "tspark";', none, bound).code).toBe('');
    expect(rewriteTopLevel('import { StreamingContext as SC, DStream } from "tspark";', none, bound).code).toBe(
      'void (SC = __tsparkRequire("tspark").StreamingContext, DStream = __tsparkRequire("tspark").DStream);',
    );
  });

  it('warns about a parenthesised comma expression as an arrow body', () => {
    const r = rewriteTopLevel('words.map((w) => (w, 1));', none);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.message).toBe("(w, 1) is JavaScript's comma operator and gives only 1: a pair is [w, 1]");
    expect(rewriteTopLevel('words.map((w) => [w, 1]);', none).warnings).toHaveLength(0);
  });

  it('finds arguments written like Python keyword arguments', () => {
    const r = rewriteTopLevel('ds.updateStateByKey(f, initialRDD = rdd);', none);
    expect(r.keywordArguments).toEqual([{ pos: 23, name: 'initialRDD', callee: 'ds.updateStateByKey', index: 2 }]);
  });
});
