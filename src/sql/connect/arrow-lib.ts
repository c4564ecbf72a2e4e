/**
 * apache-arrow, loaded on first use: a remote session's main thread needs it only when a result
 * or a local DataFrame crosses the wire, and loading it costs about half a second, which the
 * local shell must not pay at start. The CommonJS build is required synchronously because
 * DataFrame actions are synchronous; every module here reaches Arrow through this one function,
 * so one copy of the library is in use.
 */
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';

const require = createRequire(import.meta.url);
let lib: typeof Arrow | undefined;

/** The apache-arrow module. */
export function arrow(): typeof Arrow {
  lib ??= require('apache-arrow') as typeof Arrow;
  return lib;
}
