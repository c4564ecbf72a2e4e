/**
 * The files the UI serves, all from this package so the page works offline: the client bundle
 * (built with esbuild on first request and kept in memory, from the compiled `client/main.js`
 * in `dist/` or from `client/main.ts` when running from source), uPlot's stylesheet, and ours.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

let bundle: Promise<string> | undefined;

function clientEntry(): string {
  const compiled = fileURLToPath(new URL('./client/main.js', import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL('./client/main.ts', import.meta.url));
}

async function build(): Promise<string> {
  // Imported here so a shell started with --no-ui, or a UI nobody opens, never loads esbuild for it.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [clientEntry()],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'inline',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no client bundle');
  return file.text;
}

/** The page's script, bundled once per process; a failed build is retried on the next request. */
export function clientScript(): Promise<string> {
  if (bundle === undefined) {
    bundle = build();
    bundle.catch(() => {
      bundle = undefined;
    });
  }
  return bundle;
}

/** uPlot's stylesheet, from the installed package. */
export function uplotCss(): Promise<string> {
  const require = createRequire(import.meta.url);
  return readFile(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
}
