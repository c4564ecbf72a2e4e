import { describe, expect, it } from 'vitest';
import { installStackMapping, mapPosition, registerEntryMap } from '../../src/repl/stack.js';
import { transformEntry } from '../../src/repl/transform.js';

describe('stack mapping', () => {
  it('maps a position in generated code back to the TypeScript line and column', () => {
    const r = transformEntry('const a: number = 1\nconst b: string = "x"; foo()\n', 'REPL90.ts');
    if (r.kind !== 'ok') throw new Error('transform failed');
    registerEntryMap('REPL90.ts', r.map, r.code, r.code, (o) => o);
    // esbuild puts each statement on its own line: find where `foo()` went.
    const jsLines = r.code.split('\n');
    const i = jsLines.findIndex((l) => l.includes('foo'));
    const at = mapPosition('REPL90.ts', i + 1, jsLines[i]!.indexOf('foo') + 1);
    expect(at).toEqual({ line: 2, column: 'const b: string = "x"; '.length + 1 });
  });

  it('is unknown for an entry it never saw', () => {
    expect(mapPosition('REPL999999.ts', 1, 1)).toBeUndefined();
  });

  it('formats stacks without frames of tspark itself', () => {
    installStackMapping();
    const e = new Error('x');
    expect(e.stack!.startsWith('Error: x')).toBe(true);
    expect(e.stack).not.toMatch(/src[/\\]repl[/\\]/);
  });
});
