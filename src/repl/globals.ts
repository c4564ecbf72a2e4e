/**
 * What evaluated code finds on the global object: the helpers the top-level rewrite calls
 * (`import()` and default-import interop) and the session's bindings (`sc`, `ssc`), which
 * read the session afresh on every access and refuse to be overwritten.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IMPORT_HELPER, INTEROP_HELPER, REQUIRE_HELPER } from './rewrite.js';

/**
 * Globals present when the shell's code loads, before any user code: declaring one at top level
 * would change it for the library too (user bindings live on the same global object).
 */
export const RUNTIME_GLOBALS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(globalThis));

/** More of what {@link installGlobals} sets up. */
export interface GlobalsOptions {
  /** What `import … from "tspark"` gives: the running tspark, not a copy from the user's node_modules. */
  readonly tsparkModule?: () => unknown;
  /** Bindings user code may replace (a job's own `sc`): assigning one turns it into a plain variable. */
  readonly replaceable?: ReadonlySet<string>;
  /** Also define a global `require` (a job file has none; the REPL defines its own). */
  readonly defineRequire?: boolean;
}

/** Installs the rewrite's helpers and the bindings on `globalThis`; `cwd` anchors relative imports. */
export function installGlobals(bindings: ReadonlyMap<string, () => unknown> | undefined, cwd: string, options: GlobalsOptions = {}): void {
  const g = globalThis as Record<string, unknown>;
  g[INTEROP_HELPER] = (m: unknown) =>
    m && typeof m === 'object' && (m as { __esModule?: boolean }).__esModule ? (m as { default: unknown }).default : m;
  const fromCwd = createRequire(path.join(path.resolve(cwd), '[tspark]'));
  const tspark = options.tsparkModule;
  const requireFn = Object.assign((id: string): unknown => (id === 'tspark' && tspark ? tspark() : fromCwd(id)), {
    resolve: fromCwd.resolve,
    cache: fromCwd.cache,
  });
  g[REQUIRE_HELPER] = requireFn;
  if (options.defineRequire && g['require'] === undefined) g['require'] = requireFn;
  // vm scripts cannot call import() on Node 20 without an experimental flag; this module can.
  g[IMPORT_HELPER] = (specifier: string) => {
    if (specifier === 'tspark' && tspark) return Promise.resolve(tspark());
    return import(specifier.startsWith('.') ? pathToFileURL(path.resolve(cwd, specifier)).href : specifier);
  };
  for (const [name, get] of bindings ?? []) {
    const replaceable = options.replaceable?.has(name) ?? false;
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get,
      set(value: unknown) {
        if (!replaceable) throw new TypeError(`'${name}' is bound by the shell and cannot be replaced; use another name`);
        Object.defineProperty(globalThis, name, { configurable: true, enumerable: true, writable: true, value });
      },
    });
  }
}
