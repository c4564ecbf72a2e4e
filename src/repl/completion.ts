/**
 * Tab completion: Node's own completer (it evaluates the object before the dot through the
 * shell's eval and lists its members), filtered so the user sees public methods only:
 * no `_`-prefixed internals, no `constructor`, `__proto__` or `Object.prototype` methods.
 */
import type { CompleterResult } from 'node:readline';
import type { REPLServer } from 'node:repl';

const OBJECT_NOISE = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'constructor',
  'caller',
  'callee',
  'arguments',
]);

/** True when a completion candidate names a public member (keeps `''` group separators). */
export function isPublicCandidate(candidate: string): boolean {
  if (candidate === '') return true;
  const member = candidate.slice(candidate.lastIndexOf('.') + 1);
  if (member.startsWith('_') || member.startsWith('#')) return false;
  return !OBJECT_NOISE.has(member);
}

/** Drops hidden members and tidies the group separators left behind. */
export function filterCandidates(list: readonly string[]): string[] {
  const kept = list.filter(isPublicCandidate);
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
      cb(null, [filterCandidates(result[0]), result[1]]);
    });
  };
}
