import { describe, expect, it } from 'vitest';
import { runPiped } from './piped.js';

describe('evaluating TypeScript entries (piped, in memory)', () => {
  it('strips types and keeps bindings across lines', async () => {
    const r = await runPiped('const a: number = 1\na + 41\n');
    expect(r.out).toBe('42\n');
    expect(r.code).toBe(0);
  });

  it('lets a const be declared again, replacing the binding', async () => {
    const r = await runPiped('const x: number = 1\nconst x = 5\nx\n');
    expect(r.out).toBe('5\n');
  });

  it('does not block a name whose initialiser threw', async () => {
    const r = await runPiped('let y = boom()\nlet y = 7\ny\n');
    expect(r.out).toContain('Uncaught ReferenceError: boom is not defined');
    expect(r.out.trimEnd().endsWith('7')).toBe(true);
    expect(r.code).toBe(1);
  });

  it('redeclares classes and enums', async () => {
    const r = await runPiped('class A { m() { return 1 } }\nclass A { m() { return 2 } }\nnew A().m()\nenum C { R }\nenum C { R }\nC.R\n');
    expect(r.out).toBe('2\n0\n');
  });

  it('continues multi-line input until it is complete', async () => {
    const r = await runPiped('function add(a: number,\nb: number): number {\nreturn a + b\n}\nadd(2, 3)\ninterface Pt {\nx: number\n}\nconst p: Pt = { x: 1 }\np\nconst s = `line1\nline2`\ns\n');
    expect(r.out).toBe("5\n{ x: 1 }\n'line1\\nline2'\n");
  });

  it('reports an unterminated string at once, with the position and a caret', async () => {
    const r = await runPiped("const q = 'abc\n1 + 1\n");
    expect(r.out).toContain('REPL1.ts:1:15\nconst q = \'abc\n              ^\n');
    expect(r.out).toContain('SyntaxError: Unterminated string literal');
    expect(r.out.trimEnd().endsWith('2')).toBe(true);
  });

  it('places the caret by characters, not bytes, after non-ASCII text', async () => {
    const r = await runPiped('const s = "héllo😀"; const = 1\n');
    const lines = r.out.split('\n');
    const src = lines[1]!;
    const caret = lines[2]!;
    expect(src.slice(caret.indexOf('^'), caret.indexOf('^') + 1)).toBe('=');
  });

  it('reads `{ a: 1 }` as an object, not a block', async () => {
    const r = await runPiped('{ a: 1, b: 2 }\n');
    expect(r.out).toBe('{ a: 1, b: 2 }\n');
  });

  it('supports import on a line of its own, and drops type-only imports', async () => {
    const r = await runPiped('import { join } from "node:path"\njoin("a", "b")\nimport type { T } from "./nowhere"\nimport * as os from "node:os"\ntypeof os.cpus\n');
    expect(r.out).toBe("'a/b'\n'function'\n");
  });

  it('runs lines after a top-level await only once it has settled', async () => {
    const r = await runPiped('const v = await new Promise<number>((r) => setTimeout(() => r(42), 100))\nconsole.log("v is", v)\n');
    expect(r.out).toBe('v is 42\n');
  });

  it('shows a promise returned after an await instead of awaiting it', async () => {
    const r = await runPiped('await Promise.resolve(1); Promise.resolve(2)\n');
    expect(r.out).toBe('Promise { 2 }\n');
  });

  it('keeps _ and _error', async () => {
    const r = await runPiped('40 + 2\n_ + 1\nnull.x\n_error.constructor.name\n');
    expect(r.out.split('\n')[0]).toBe('42');
    expect(r.out.split('\n')[1]).toBe('43');
    expect(r.out).toContain("'TypeError'");
  });

  it('maps runtime error positions to the TypeScript the user typed', async () => {
    const r = await runPiped('function f(x: number) {\n  const y: string = "a"\n  if (x > 1) throw new Error("deep")\n  return y\n}\nf(5)\n');
    expect(r.out).toContain('Uncaught Error: deep\n    at f (REPL1.ts:3:20)');
    expect(r.out).not.toMatch(/node:(vm|repl|domain)|readline/);
  });

  it('maps the column on a line the rewrite changed', async () => {
    const r = await runPiped('await Promise.reject(new Error("nope"))\n');
    expect(r.out).toContain('Uncaught Error: nope\n    at REPL1.ts:1:22');
  });

  it('refuses to shadow a runtime global, and the global still works', async () => {
    const r = await runPiped('const process = 1\ntypeof process.version\n');
    expect(r.out).toContain("'process' is a runtime global");
    expect(r.out.trimEnd().endsWith("'string'")).toBe(true);
  });

  it('refuses to redeclare require, which imports rely on', async () => {
    const r = await runPiped('const require = 1\nimport { sep } from "node:path"\ntypeof sep\n');
    expect(r.out).toContain("'require' is a runtime global or a shell binding");
    expect(r.out.trimEnd().endsWith("'string'")).toBe(true);
  });

  it('refuses export lists with a message', async () => {
    const r = await runPiped('export default 1\nexport const m = 2\nm\n');
    expect(r.out).toContain('export statements are not supported in the shell');
    expect(r.out.trimEnd().endsWith('2')).toBe(true);
  });

  it('shows a value whose inspection throws as a fallback and goes on', async () => {
    const r = await runPiped('({ [Symbol.for("nodejs.util.inspect.custom")]() { throw new Error("i") } })\n1 + 1\n');
    expect(r.out).toBe('[value could not be displayed: i]\n2\n');
  });

  it('runs dynamic import() through the helper', async () => {
    const r = await runPiped('const m = await import("node:path")\nm.basename("/a/b.ts")\n');
    expect(r.out).toBe("'b.ts'\n");
  });

  it('exits 0 when every line succeeded and 1 when one failed, still running the rest', async () => {
    expect((await runPiped('1\n2\n')).code).toBe(0);
    const failed = await runPiped('1\nnope()\n3\n');
    expect(failed.code).toBe(1);
    expect(failed.out.trimEnd().endsWith('3')).toBe(true);
  });
});
