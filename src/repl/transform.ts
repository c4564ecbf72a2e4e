/**
 * TypeScript → JavaScript for one REPL entry, through esbuild's synchronous transform.
 * Synchronous on purpose: whether an entry is unfinished must be decided before readline
 * buffers the next line. esbuild's service starts on the first call (about 50 ms), not at start-up.
 */
import { createRequire } from 'node:module';
import type * as Esbuild from 'esbuild';

const require = createRequire(import.meta.url);

/** One esbuild diagnostic, reduced to what the shell shows. */
export interface Diagnostic {
  readonly text: string;
  /** 1-based line in the entry. */
  readonly line: number;
  /** 0-based column in UTF-8 bytes, as esbuild reports it. */
  readonly column: number;
  readonly lineText: string;
}

/** What became of one entry. */
export type TransformOutcome =
  | { readonly kind: 'ok'; readonly code: string; readonly map: string }
  | { readonly kind: 'incomplete'; readonly diagnostic: Diagnostic }
  | { readonly kind: 'error'; readonly diagnostic: Diagnostic };

let esbuild: typeof Esbuild | undefined;

function loadEsbuild(): typeof Esbuild {
  // Loaded on first use so that requiring the shell does not cost esbuild's start-up.
  esbuild ??= require('esbuild') as typeof Esbuild;
  return esbuild;
}

/** Starts esbuild's service (and `also`, e.g. loading the parser) in the background so the first entry does not wait. */
export function warmUp(also?: () => void): void {
  setImmediate(() => {
    try {
      also?.();
      loadEsbuild().transformSync('0', { loader: 'ts' });
    } catch {
      // The first real entry will report the problem.
    }
  });
}

function options(file: string): Esbuild.TransformOptions {
  return {
    loader: 'ts',
    // No `format`: import/export and top-level await pass through; rewrite.ts handles them.
    target: 'node20',
    sourcefile: file,
    sourcemap: 'external',
    sourcesContent: false,
    // The default ASCII output would turn `café` into `caf\u00E9` in fn.toString().
    charset: 'utf8',
    logLevel: 'silent',
    // Without it `import fs from "fs"` alone on a line compiles to nothing (evanw/esbuild#2367).
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  };
}

function isServiceDead(e: unknown): boolean {
  return e instanceof Error && /service (is no longer running|was stopped)/.test(e.message);
}

function diagnosticsOf(e: unknown): Diagnostic[] | undefined {
  if (!e || typeof e !== 'object' || !('errors' in e) || !Array.isArray(e.errors)) return undefined;
  return (e.errors as Esbuild.Message[]).map((m) => ({
    text: m.text,
    line: m.location?.line ?? 1,
    column: m.location?.column ?? 0,
    lineText: m.location?.lineText ?? '',
  }));
}

/**
 * True when every error sits exactly at the end of the input: the user has not finished typing
 * (an open brace, a template literal, a trailing dot), so the REPL should ask for another line.
 */
export function isAtEnd(source: string, d: Diagnostic): boolean {
  if (/end of file/.test(d.text)) return true;
  const lines = source.split('\n');
  const lastLine = lines[lines.length - 1] ?? '';
  return d.line === lines.length && d.column === Buffer.byteLength(lastLine);
}

/** Transforms one entry; `file` names it in positions and stacks (`REPL3.ts`). */
export function transformEntry(source: string, file: string): TransformOutcome {
  const build = loadEsbuild();
  let result: Esbuild.TransformResult;
  try {
    try {
      result = build.transformSync(source, options(file));
    } catch (e) {
      // Ctrl-C during a synchronous evaluation also kills esbuild's child process; start a new one.
      if (!isServiceDead(e)) throw e;
      build.stop();
      result = build.transformSync(source, options(file));
    }
  } catch (e) {
    const ds = diagnosticsOf(e);
    const [first] = ds ?? [];
    if (!ds || first === undefined) throw e;
    if (ds.every((d) => isAtEnd(source, d))) return { kind: 'incomplete', diagnostic: first };
    return { kind: 'error', diagnostic: ds.find((d) => !isAtEnd(source, d)) ?? first };
  }
  return { kind: 'ok', code: result.code, map: result.map };
}

/** Converts esbuild's byte column on `lineText` to a JavaScript string index. */
export function byteColumnToIndex(lineText: string, byteColumn: number): number {
  return Buffer.from(lineText).subarray(0, byteColumn).toString().length;
}
