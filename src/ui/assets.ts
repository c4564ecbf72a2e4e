/**
 * The files the UI serves, all from this package so the page works offline: the client bundle,
 * uPlot's stylesheet, and ours. `npm run build` writes the bundle to `client/app.bundle.js`
 * beside this file (scripts/build-ui.mjs); when it is missing (running from source, in tests)
 * it is built with esbuild on first request and kept in memory.
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

/** Where `npm run build` puts the bundle, next to the compiled server. */
export const PREBUILT_BUNDLE = fileURLToPath(new URL('./client/app.bundle.js', import.meta.url));

/** Bundles the client (uPlot included) into one browser script. */
export async function buildClientBundle(): Promise<string> {
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
    bundle = existsSync(PREBUILT_BUNDLE) ? readFile(PREBUILT_BUNDLE, 'utf8') : buildClientBundle();
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
