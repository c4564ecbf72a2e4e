/**
 * Stopping code that never returns, on the thread that runs the user's code (the shell's main
 * thread, or the worker of `tspark run`). A blocked thread cannot see a keypress or a signal, so
 * a watchdog on another thread notices that this thread stopped beating (see {@link startHeartbeat})
 * and calls {@link INTERRUPT_FUNCTION} here through the inspector: V8 runs that call on top of the
 * running code, at its next stack check. The function notes where the code was, then terminates it
 * through a second inspector session on this thread (`Runtime.terminateExecution`).
 *
 * Why this works, and what it costs (measured on Node 20, see docs/SHELL.md "Known limits"):
 * - V8 unwinds every JavaScript frame; the inspector cancels the termination as soon as the
 *   stack is empty, so timers, I/O callbacks and promises work afterwards.
 * - Node's async-id stack would still hold the ids pushed by the frames that were unwound, and
 *   Node aborts the process when it next checks it ("async hook stack has become corrupted"). It
 *   is cleared first, as Node itself does after an uncaught exception.
 * - A termination during a microtask checkpoint drops V8's whole microtask queue: promise
 *   callbacks queued at that moment never run. The caller stops the running stream for that
 *   reason (its batch chain may have been one of them).
 */
import { createRequire } from 'node:module';
import type * as Inspector from 'node:inspector';
import { describeUserFrame } from './stack.js';

const require = createRequire(import.meta.url);

/** Delivers an interrupt whose immediate was lost (the heartbeat calls it). */
let deliverLater: (() => void) | undefined;

/** The global the watchdog calls: `globalThis.__tsparkInterrupt(reason)`. */
export const INTERRUPT_FUNCTION = '__tsparkInterrupt';

/** What the interrupt found. */
export interface InterruptSite {
  /** Why: "Ctrl-C", "SIGINT", "SIGTERM". */
  readonly reason: string;
  /** The innermost frame in the user's code (`REPL3.ts:1:20`, `job.ts:4:9`), if one was on the stack. */
  readonly where: string | undefined;
  /**
   * What was running: the engine's work (a batch, records arriving); a timer or an immediate
   * (promise callbacks were not running, so none was dropped); or something else (promise
   * callbacks, whose queue the termination dropped).
   */
  readonly kind: 'stream' | 'timer' | 'other';
}

/** tspark's engine and sources, in src/ or dist/src/. */
const ENGINE_FRAME = /[/\\]src[/\\](engine|sources)[/\\]/;

function kindOf(sites: readonly NodeJS.CallSite[]): InterruptSite['kind'] {
  if (sites.some((s) => ENGINE_FRAME.test(s.getFileName() ?? ''))) return 'stream';
  const bottom = sites[sites.length - 1];
  return bottom?.getFileName() === 'node:internal/timers' ? 'timer' : 'other';
}

/** The answer the watchdog gets back. */
export type InterruptOutcome = 'interrupted' | 'idle' | 'refused' | 'unsupported';

/** How the running code is interrupted, set up once per thread. */
export interface InterruptTargetOptions {
  /** This thread's heartbeat (see {@link startHeartbeat}): fresh means nothing is stuck. */
  readonly heartbeat: Int32Array;
  /** How old the heartbeat must be for this thread to count as stuck. */
  readonly staleMs: number;
  /** False while interrupting would break the shell itself (e.g. its own synchronous work). */
  allowed(): boolean;
  /** Called once the interrupted code has been unwound, from a fresh macrotask. */
  onInterrupted(site: InterruptSite): void;
}

interface AsyncWrapBinding {
  clearAsyncIdStack(): void;
}

/** Node's async-id stack reset, taken without the deprecation warning `process.binding` prints. */
function asyncIdStackReset(): (() => void) | undefined {
  const proc = process as unknown as { binding?: (name: string) => unknown; noDeprecation?: boolean };
  const before = proc.noDeprecation;
  try {
    proc.noDeprecation = true;
    const binding = proc.binding?.('async_wrap') as Partial<AsyncWrapBinding> | undefined;
    const clear = binding?.clearAsyncIdStack;
    return typeof clear === 'function' ? () => clear.call(binding) : undefined;
  } catch {
    return undefined;
  } finally {
    proc.noDeprecation = before;
  }
}

/**
 * The frames being unwound may have entered a domain (the REPL runs timers made at the prompt in
 * its own) and will never leave it; Node would then warn (DEP0097) at every later callback.
 */
function leaveDomains(): void {
  const proc = process as unknown as { domain?: { exit(): void } | null };
  for (let i = 0; i < 100 && proc.domain; i++) proc.domain.exit();
}

/** The call sites of the current stack, deepest first, without the formatting stack.ts adds. */
function callSites(): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 50;
    Error.prepareStackTrace = (_e, sites) => sites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** The installed target; `close` before the process exits (a connected session delays the exit). */
export interface InterruptTarget {
  close(): void;
}

/**
 * Installs {@link INTERRUPT_FUNCTION} on this thread. Returns undefined when Node offers no way
 * to interrupt (no inspector in this build, or no async-id stack reset), in which case runaway
 * code can only be ended by killing the process.
 */
export function installInterruptTarget(options: InterruptTargetOptions): InterruptTarget | undefined {
  let inspector: typeof Inspector;
  try {
    inspector = require('node:inspector') as typeof Inspector;
  } catch {
    return undefined;
  }
  const resetAsyncIds = asyncIdStackReset();
  if (!resetAsyncIds) return undefined;
  const self = new inspector.Session();
  self.connect();
  let pending: InterruptSite | undefined;
  const deliver = (): void => {
    const site = pending;
    pending = undefined;
    if (site) options.onInterrupted(site);
  };
  const interrupt = (reason: unknown): InterruptOutcome => {
    // A thread that is not stuck has beaten recently: when it is free again, its overdue
    // heartbeat runs (timers come first in an event-loop turn) before an idle dispatch of this.
    if (heartbeatAge(options.heartbeat) < options.staleMs) return 'idle';
    if (!options.allowed()) return 'refused';
    // Frames: this function, the inspector's evaluation, then whatever it interrupted (nothing
    // visible when it was between promise callbacks).
    const sites = callSites().slice(2);
    pending = { reason: String(reason), where: describeUserFrame(sites), kind: kindOf(sites) };
    // Runs after the unwinding; the heartbeat delivers it too, should this immediate be lost.
    setImmediate(deliver);
    leaveDomains();
    resetAsyncIds();
    // Last, with no JavaScript call after it: V8 acts on the termination at the next stack check,
    // and one inside this evaluation would end the evaluation instead of the code below it.
    self.post('Runtime.terminateExecution');
    return 'interrupted';
  };
  Object.defineProperty(globalThis, INTERRUPT_FUNCTION, { value: interrupt, configurable: true, enumerable: false, writable: false });
  deliverLater = deliver;
  return {
    close() {
      self.disconnect();
      delete (globalThis as Record<string, unknown>)[INTERRUPT_FUNCTION];
      deliverLater = undefined;
    },
  };
}

/** Slots of the shared heartbeat array. */
export const HEARTBEAT_SLOT = 0;

/** Milliseconds since the epoch, folded into an Int32 slot. */
export function heartbeatNow(): number {
  return Date.now() & 0x7fffffff;
}

/** How long ago (ms) the thread last beat, from another thread. */
export function heartbeatAge(shared: Int32Array): number {
  return (heartbeatNow() - Atomics.load(shared, HEARTBEAT_SLOT) + 0x80000000) % 0x80000000;
}

/**
 * Beats every `periodMs` into `shared[0]` while this thread's event loop turns; also delivers an
 * interrupt whose immediate was lost. The timer does not keep the process alive.
 */
export function startHeartbeat(shared: Int32Array, periodMs = 100, onBeat?: () => void): () => void {
  const beat = (): void => {
    Atomics.store(shared, HEARTBEAT_SLOT, heartbeatNow());
    deliverLater?.();
    onBeat?.();
  };
  beat();
  const timer = setInterval(beat, periodMs);
  timer.unref();
  return () => clearInterval(timer);
}
