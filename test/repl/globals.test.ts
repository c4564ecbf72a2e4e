import { describe, expect, it } from 'vitest';
import { installGlobals, RUNTIME_GLOBALS } from '../../src/repl/globals.js';
import { IMPORT_HELPER, INTEROP_HELPER } from '../../src/repl/rewrite.js';

describe('shell globals', () => {
  it('binds names that read the session afresh and refuse to be replaced', () => {
    let n = 0;
    installGlobals(new Map([['counterForTest', () => ++n]]), '.');
    const g = globalThis as Record<string, unknown>;
    expect(g['counterForTest']).toBe(1);
    expect(g['counterForTest']).toBe(2);
    expect(() => {
      g['counterForTest'] = 5;
    }).toThrow("'counterForTest' is bound by the shell and cannot be replaced; use another name");
  });

  it('installs the import and interop helpers the rewrite calls', async () => {
    installGlobals(undefined, '.');
    const g = globalThis as unknown as Record<string, (x: unknown) => unknown>;
    expect(g[INTEROP_HELPER]!({ __esModule: true, default: 7 })).toBe(7);
    expect(g[INTEROP_HELPER]!(8)).toBe(8);
    const path = (await g[IMPORT_HELPER]!('node:path')) as { basename(p: string): string };
    expect(path.basename('/a/b')).toBe('b');
  });

  it('knows the runtime globals user code may not redeclare', () => {
    for (const name of ['process', 'console', 'setTimeout', 'Buffer', 'Array']) expect(RUNTIME_GLOBALS.has(name)).toBe(true);
  });
});
