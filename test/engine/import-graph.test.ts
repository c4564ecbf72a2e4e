/**
 * The engine's shape, checked: no import circle among its files at run time, and the engine
 * imports nothing from the shell, the UI or the CLI tools (docs/DESIGN.md).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles, runtimeImportGraph, tsFilesUnder } from '../support/import-graph.js';

const root = path.resolve(import.meta.dirname, '../..');
const engine = path.join(root, 'src/engine');
const rel = (f: string): string => path.relative(root, f);

describe('the engine’s run-time imports', () => {
  it('have no circle', async () => {
    const graph = await runtimeImportGraph(tsFilesUnder(engine), root);
    expect(importCircles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  it('reach nothing of the shell, the UI or the CLI tools', async () => {
    // Every file the engine loads, with what it loads in turn (esbuild follows the imports).
    const everything = [...tsFilesUnder(path.join(root, 'src'))];
    const graph = await runtimeImportGraph(everything, root);
    const seen = new Set<string>();
    const visit = (f: string): void => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const g of graph.get(f) ?? []) visit(g);
    };
    for (const f of tsFilesUnder(engine)) visit(f);
    const outside = [...seen].map(rel).filter((f) => !f.startsWith('src/engine/') && !f.startsWith('src/sources/') && f !== 'src/version.ts');
    expect(outside).toEqual([]);
    // esbuild walks every file of src/ (the generated Spark Connect types included): seconds on
    // an idle machine, past vitest's default on a loaded one.
  }, 120_000);

  it('finds a circle when there is one (the check can fail)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tspark-circle-'));
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nimport type { T } from './c.js';\nexport const a = (): number => b() + 1;\nexport type U = T;\n");
    writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = (): number => (a ? 1 : 0);\n");
    // c imports a only as a type: erased, so not a run-time circle.
    writeFileSync(path.join(dir, 'c.ts'), "import type { U } from './a.js';\nexport type T = U | number;\n");
    const graph = await runtimeImportGraph(tsFilesUnder(dir), dir);
    expect(importCircles(graph).map((c) => c.map((f) => path.basename(f)))).toEqual([['a.ts', 'b.ts']]);
  });
});
