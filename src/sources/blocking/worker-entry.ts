/**
 * The file a worker thread runs. Built code (`dist/…/x.js`) runs as it is. Run from source (the
 * unit tests, `ts-node`), the `.js` beside the caller does not exist and Node cannot run the
 * `.ts` in a worker, so the `.ts` is bundled once per process with esbuild (already a dependency
 * of the shell) into `node_modules/.cache/tspark-workers/`, where the bundle's package imports
 * (`pg`, `ioredis`) resolve to the project's own node_modules.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundled = new Map<string, URL>();

/** The runnable file for worker module `moduleUrl` (given with its `.js` name). */
export function workerEntry(moduleUrl: URL): URL {
  const path = fileURLToPath(moduleUrl);
  if (existsSync(path)) return moduleUrl;
  const tsPath = path.replace(/\.js$/, '.ts');
  if (!existsSync(tsPath)) throw new Error(`worker module not found: ${path}`);
  const hit = bundled.get(tsPath);
  if (hit !== undefined) return hit;
  const url = bundleForWorker(tsPath);
  bundled.set(tsPath, url);
  return url;
}

interface EsbuildLike {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
}

function bundleForWorker(tsPath: string): URL {
  const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildLike;
  const out = esbuild.buildSync({
    entryPoints: [tsPath],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
  });
  const text = out.outputFiles[0]?.text ?? '';
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = join(projectRoot(tsPath), 'node_modules', '.cache', 'tspark-workers');
  mkdirSync(dir, { recursive: true });
  const name = tsPath.replace(/^.*[\\/]/, '').replace(/\.ts$/, '');
  const file = join(dir, `${name}-${hash}.mjs`);
  if (!existsSync(file)) {
    // Test files run in parallel processes: write aside, then rename, so no one runs half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return pathToFileURL(file);
}

function projectRoot(from: string): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}
