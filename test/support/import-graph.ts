/**
 * The run-time import graph of TypeScript sources, as the emitted JavaScript has it: esbuild
 * bundles the files and reports each file's imports in its metafile, after dropping imports
 * that are only used as types (they are erased from the output, so they cannot make a circle
 * at run time). Dynamic `import()` is lazy and left out.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** File → the files it imports at run time (absolute paths). */
export type ImportGraph = Map<string, string[]>;

/** Every `.ts` file under `dir` (not `.d.ts`). */
export function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsFilesUnder(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The run-time imports among `files` (imports of other files and packages are left out). */
export async function runtimeImportGraph(files: readonly string[], root: string): Promise<ImportGraph> {
  const result = await build({
    entryPoints: [...files],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    outdir: path.join(root, '.import-graph'),
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const wanted = new Set(files);
  const graph: ImportGraph = new Map(files.map((f) => [f, []]));
  for (const [input, meta] of Object.entries(result.metafile.inputs)) {
    const from = path.resolve(root, input);
    if (!wanted.has(from)) continue;
    const to = meta.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => path.resolve(root, i.path));
    graph.set(
      from,
      to.filter((f) => wanted.has(f)),
    );
  }
  return graph;
}

/** The import circles of `graph`: its strongly connected components of more than one file (or a file importing itself). */
export function importCircles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return circles;
}
