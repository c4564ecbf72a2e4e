/**
 * Tab completion: Node's own completer (it evaluates the object before the dot through the
 * shell's eval and lists its members), filtered so the user sees public methods only:
 * no `_`-prefixed names, no TypeScript `private`/`@internal` members of tspark's classes, no
 * `constructor`, `__proto__` or `Object.prototype` methods.
 */
import type { CompleterResult } from 'node:readline';
import type { REPLServer } from 'node:repl';
import { internalMemberNames } from './api-members.js';

const OBJECT_NOISE = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'constructor',
  'caller',
  'callee',
  'arguments',
]);

/**
 * True when a completion candidate names something public (keeps `''` group separators).
 * `internal` lists member names tspark's classes keep to themselves (see api-members.ts).
 */
export function isPublicCandidate(candidate: string, internal: ReadonlySet<string> = new Set()): boolean {
  if (candidate === '') return true;
  const dot = candidate.lastIndexOf('.');
  const name = candidate.slice(dot + 1);
  if (name.startsWith('_') || name.startsWith('#')) return false;
  // Top-level names (no dot) are the user's and the runtime's: only members are filtered further.
  return dot < 0 || (!OBJECT_NOISE.has(name) && !internal.has(name));
}

/** Drops hidden members and tidies the group separators left behind. */
export function filterCandidates(list: readonly string[], internal: ReadonlySet<string> = new Set()): string[] {
  const kept = list.filter((c) => isPublicCandidate(c, internal));
  const out: string[] = [];
  for (const c of kept) {
    if (c === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    if (c !== '' && out.includes(c)) continue;
    out.push(c);
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}

type Completer = (line: string, cb: (err: Error | null, result?: CompleterResult) => void) => void;

/** Wraps the REPL's completer with {@link filterCandidates}. */
export function installCompletion(server: REPLServer): void {
  const internals = server as unknown as { completer: Completer };
  const builtin = internals.completer.bind(server);
  internals.completer = (line, cb) => {
    builtin(line, (err, result) => {
      if (err || !result) {
        cb(err, result);
        return;
      }
      cb(null, [filterCandidates(result[0], internalMemberNames()), result[1]]);
    });
  };
}
