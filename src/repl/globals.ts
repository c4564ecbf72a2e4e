/**
 * What evaluated code finds on the global object: the helpers the top-level rewrite calls
 * (`import()` and default-import interop) and the session's bindings (`sc`, `ssc`), which
 * read the session afresh on every access and refuse to be overwritten.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IMPORT_HELPER, INTEROP_HELPER } from './rewrite.js';

/**
 * Globals present when the shell's code loads, before any user code: declaring one at top level
 * would change it for the library too (user bindings live on the same global object).
 */
export const RUNTIME_GLOBALS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(globalThis));

/** Installs the rewrite's helpers and the bindings on `globalThis`; `cwd` anchors relative imports. */
export function installGlobals(bindings: ReadonlyMap<string, () => unknown> | undefined, cwd: string): void {
  const g = globalThis as Record<string, unknown>;
  g[INTEROP_HELPER] = (m: unknown) =>
    m && typeof m === 'object' && (m as { __esModule?: boolean }).__esModule ? (m as { default: unknown }).default : m;
  // vm scripts cannot call import() on Node 20 without an experimental flag; this module can.
  g[IMPORT_HELPER] = (specifier: string) =>
    import(specifier.startsWith('.') ? pathToFileURL(path.resolve(cwd, specifier)).href : specifier);
  for (const [name, get] of bindings ?? []) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get,
      set() {
        throw new TypeError(`'${name}' is bound by the shell and cannot be replaced; use another name`);
      },
    });
  }
}
