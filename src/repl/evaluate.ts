/**
 * The shell's `eval` for `node:repl`: TypeScript in, a value (or a clear error) out.
 * Pipeline per entry: completion calls run quietly; `{ a: 1 }` is tried as an object first;
 * esbuild strips the types (unfinished input → `Recoverable`); the top-level rewrite makes
 * bindings replaceable; `vm.Script` runs the result in this realm; top-level `await` is awaited
 * here, one entry at a time, and Ctrl-C can stop the wait.
 */
import * as repl from 'node:repl';
import * as util from 'node:util';
import * as vm from 'node:vm';
import { hintFor, hintForSource, type HintContext } from './hints.js';
import { INTEROP_HELPER, rewriteTopLevel, RewriteError, type RewriteResult } from './rewrite.js';
import { mapPosition, registerEntryMap } from './stack.js';
import { transformEntry, byteColumnToIndex, type Diagnostic } from './transform.js';

/** What the evaluator needs from its host. */
export interface EvaluatorOptions {
  /** Names the user may not declare at top level (runtime globals, `sc`, `ssc`). */
  readonly protectedNames: ReadonlySet<string>;
  /**
   * Called around synchronous execution when Ctrl-C should interrupt it: returns a function that
   * restores the previous terminal mode. Absent when input is not a terminal.
   */
  readonly enterInterruptible?: () => () => void;
  /** Called when an entry starts and ends running asynchronously (top-level await). */
  readonly onBusy?: (busy: boolean) => void;
  /** Entries wait for this first (the engine loading behind the prompt); keys typed meanwhile queue. */
  readonly ready?: Promise<void>;
  /** Names entries in positions and stacks; default `REPL<n>.ts` (`tspark run` uses the job's path). */
  readonly entryName?: (n: number) => string;
  /** Called after an entry ran without error, with its TypeScript source and declared names. */
  readonly onEntry?: (source: string, declared: readonly string[]) => void;
  /** Called just before an entry runs, with the top-level names it declares. */
  readonly beforeRun?: (declared: readonly string[]) => void;
  /** Warnings about an entry that runs but probably means something else (printed before it runs). */
  readonly onWarning?: (text: string) => void;
  /** Names the shell binds already (`import { sc } from "tspark"` of one is a no-op). */
  readonly alreadyBound?: ReadonlySet<string>;
  /** The message for declaring a protected name, when the default (a runtime global) is not the reason. */
  readonly protectedMessage?: (name: string) => string | undefined;
  /** What hints may look at; without it, hints that need the session are not given. */
  readonly hintContext?: HintContext;
}

/** The evaluator handed to `repl.start`, plus what the shell needs to steer it. */
export interface Evaluator {
  readonly eval: repl.REPLEval;
  /** Stops waiting for the running top-level `await`; returns false if nothing was waiting. */
  cancelWait(): boolean;
  /** True while an entry awaits. */
  readonly busy: boolean;
  /** Number of entries that failed (syntax or runtime), for the piped exit status. */
  readonly failures: number;
}

/** Ctrl-C stopped an entry: a message without a stack, since the user asked for it. */
export class InterruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}
// On the prototype, not the instance: an own `name` would be printed as an extra property.
Object.defineProperty(InterruptedError.prototype, 'name', { value: 'Interrupted' });

/** Raised when the user pressed Ctrl-C while an entry was awaiting. */
export class WaitInterruptedError extends InterruptedError {
  constructor() {
    super('Stopped waiting (Ctrl-C). Work already started goes on; ssc.stop() stops a stream, query.stop() a query.');
  }
}

/** Builds the SyntaxError the shell prints: location, the line, a caret, then the message. */
export function syntaxErrorFor(file: string, d: Diagnostic): SyntaxError {
  const col = byteColumnToIndex(d.lineText, d.column);
  const err = new SyntaxError(d.text);
  err.stack = `${file}:${d.line}:${col + 1}\n${d.lineText}\n${' '.repeat(col)}^\n\nSyntaxError: ${d.text}`;
  return err;
}

/** A position in esbuild's output, located in the TypeScript the user typed. */
function locate(file: string, source: string, js: string, pos: number): { line: number; column: number; lineText: string } {
  const before = js.slice(0, pos).split('\n');
  const at = mapPosition(file, before.length, (before[before.length - 1] ?? '').length + 1) ?? { line: before.length, column: 1 };
  return { ...at, lineText: source.split('\n')[at.line - 1] ?? '' };
}

/** A construct the rewrite refused, located in the TypeScript the user typed. */
function refusedError(file: string, source: string, js: string, map: string, pos: number, message: string): SyntaxError {
  registerEntryMap(file, map, js, js, (o) => o);
  const at = locate(file, source, js, pos);
  const err = new SyntaxError(message);
  err.stack = `${file}:${at.line}:${at.column}\n${at.lineText}\n${' '.repeat(at.column - 1)}^\n\nSyntaxError: ${message}`;
  return err;
}

/** What `throw null` (or another value that is not an error) is shown as: `Uncaught null`. */
class ThrownValue extends Error {
  constructor(value: unknown) {
    super(util.inspect(value));
    this.stack = util.inspect(value);
    // Not enumerable: the REPL prints the error through util.inspect, which would show it.
    Object.defineProperty(this, 'thrown', { value, enumerable: false });
  }
}

/** Adds "hint: …" under an error's stack, when there is a hint for it. */
function withHint(err: unknown, hint: string | undefined): void {
  if (!hint || !(err instanceof Error) || typeof err.stack !== 'string' || err.stack.includes('\nhint: ')) return;
  try {
    err.stack = `${err.stack}\nhint: ${hint}`;
  } catch {
    // A frozen error keeps its stack.
  }
}

/** True when esbuild's output has no statement left (it drops constant expressions such as `"a" + "b"`). */
function nothingLeft(js: string): boolean {
  return js.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() === '';
}

function looksLikeObjectLiteral(code: string): boolean {
  const t = code.trim();
  return t.startsWith('{') && !t.endsWith(';');
}

/** Creates the evaluator; see the file comment for what each entry goes through. */
export function createEvaluator(options: EvaluatorOptions): Evaluator {
  let counter = 0;
  let busy = false;
  let failures = 0;
  let cancel: (() => void) | undefined;
  let ready = options.ready === undefined;
  void options.ready?.then(
    () => (ready = true),
    () => (ready = true),
  );

  const fail = (cb: (err: Error | null, result?: unknown) => void, err: unknown, source?: string): void => {
    failures++;
    if (err instanceof Error && (err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') {
      cb(new InterruptedError('Interrupted (Ctrl-C): the entry was stopped; the shell and any running stream go on.'), undefined);
      return;
    }
    // node:repl shows nothing for a falsy error: `throw null` must still print `Uncaught null`.
    if (!err) {
      cb(new ThrownValue(err), undefined);
      return;
    }
    withHint(err, hintFor(err, options.hintContext) ?? (err instanceof SyntaxError && source ? hintForSource(source) : undefined));
    // Non-Error throws pass through unchanged: Node's REPL prints them as `Uncaught 'text'`.
    cb(err as Error, undefined);
  };

  const runSync = (script: vm.Script, interruptible: boolean): unknown => {
    const restore = interruptible && options.enterInterruptible ? options.enterInterruptible() : undefined;
    try {
      return script.runInThisContext({ displayErrors: false, breakOnSigint: Boolean(restore) });
    } finally {
      restore?.();
    }
  };

  const evaluate: repl.REPLEval = function (code, _context, _file, cb) {
    // lib/repl.js's completer evaluates `try { expr } catch {}` without a trailing newline:
    // run it quietly, synchronously, and never count it.
    if (!code.endsWith('\n')) {
      try {
        cb(null, vm.runInThisContext(code, { displayErrors: false }));
      } catch {
        cb(null, undefined);
      }
      return;
    }
    if (code.trim() === '') {
      cb(null, undefined);
      return;
    }
    if (!ready && options.ready) {
      busy = true;
      options.onBusy?.(true);
      const again = (): void => {
        busy = false;
        options.onBusy?.(false);
        evaluate.call(this, code, _context, _file, cb);
      };
      options.ready.then(again, again);
      return;
    }
    const file = options.entryName ? options.entryName(++counter) : `REPL${++counter}.ts`;
    const asObject = looksLikeObjectLiteral(code) ? transformEntry(`(${code.trim()})\n`, file) : undefined;
    let outcome = asObject?.kind === 'ok' ? asObject : transformEntry(code, file);
    if (outcome.kind === 'incomplete') {
      counter--;
      cb(new repl.Recoverable(syntaxErrorFor(file, outcome.diagnostic)), undefined);
      return;
    }
    if (outcome.kind === 'error') {
      fail(cb, syntaxErrorFor(file, outcome.diagnostic), code);
      return;
    }
    if (nothingLeft(outcome.code) && !nothingLeft(code)) {
      // A constant expression such as `"a" + "b"` or `-1`: keep its value through a call (an identity for primitives).
      const kept = transformEntry(`${INTEROP_HELPER}(${code.trimEnd()}\n)\n`, file);
      if (kept.kind === 'ok') outcome = kept;
    }
    let rewritten: RewriteResult;
    try {
      rewritten = rewriteTopLevel(outcome.code, options.protectedNames, { alreadyBound: options.alreadyBound });
    } catch (e) {
      if (e instanceof RewriteError) {
        const message = (e.protectedName !== undefined ? options.protectedMessage?.(e.protectedName) : undefined) ?? e.message;
        fail(cb, refusedError(file, code, outcome.code, outcome.map, e.pos, message));
      } else fail(cb, e);
      return;
    }
    // Positions below are offsets into esbuild's output: map them before the rewrite's map replaces this one.
    registerEntryMap(file, outcome.map, outcome.code, outcome.code, (o) => o);
    // `f(initialRDD=rdd)`: Python's keyword argument; in JavaScript an assignment to a new global.
    const keyword = rewritten.keywordArguments.find((k) => !(k.name in globalThis));
    if (keyword) {
      const message =
        `${keyword.name}=… looks like a Python keyword argument; TypeScript has none (this would create a global ${keyword.name} ` +
        `and pass its value as argument ${keyword.index} of ${keyword.callee}). Pass the value by position, in the order of the parameters.`;
      fail(cb, refusedError(file, code, outcome.code, outcome.map, keyword.pos, message));
      return;
    }
    for (const w of rewritten.warnings) {
      const at = locate(file, code, outcome.code, w.pos);
      options.onWarning?.(`warning: ${file}:${at.line}:${at.column}: ${w.message}\n`);
    }
    registerEntryMap(file, outcome.map, outcome.code, rewritten.code, rewritten.toInputOffset);
    let script: vm.Script;
    try {
      script = new vm.Script(rewritten.code, { filename: file });
    } catch (e) {
      fail(cb, e);
      return;
    }
    let result: unknown;
    options.beforeRun?.(rewritten.declared);
    try {
      result = runSync(script, true);
    } catch (e) {
      fail(cb, e, code);
      return;
    }
    if (!rewritten.async) {
      options.onEntry?.(code, rewritten.declared);
      cb(null, result);
      return;
    }
    const declared = rewritten.declared;
    // Top-level await: the wrapper resolves to `{ value }`; wait for it, cancellably.
    busy = true;
    options.onBusy?.(true);
    const interrupted = new Promise<never>((_, reject) => {
      cancel = () => reject(new WaitInterruptedError());
    });
    Promise.race([Promise.resolve(result) as Promise<{ value: unknown } | undefined>, interrupted]).then(
      (box) => {
        busy = false;
        cancel = undefined;
        options.onBusy?.(false);
        options.onEntry?.(code, declared);
        cb(null, box?.value);
      },
      (e: unknown) => {
        busy = false;
        cancel = undefined;
        options.onBusy?.(false);
        fail(cb, e);
      },
    );
  };

  return {
    eval: evaluate,
    cancelWait() {
      if (!cancel) return false;
      cancel();
      return true;
    },
    get busy() {
      return busy;
    },
    get failures() {
      return failures;
    },
  };
}
