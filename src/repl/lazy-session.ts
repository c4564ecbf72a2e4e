/**
 * The engine session, loaded after the prompt: the engine's modules take about 100 ms to load,
 * and the prompt should appear as fast as Node's own REPL. The engine starts loading at once in
 * the background; the evaluator holds the first entry until `ready` (see EvaluatorOptions.ready).
 */
import type { EngineSession, EngineSessionOptions } from './engine-session.js';
import { SHELL_API_NAMES } from './api-names.js';
import type { StreamFacts } from './facts.js';
import type { StreamingSession } from './session.js';

type EngineSessionModule = typeof import('./engine-session.js');

/** A {@link StreamingSession} whose engine loads in the background. */
export interface LazySession extends StreamingSession {
  readonly ready: Promise<void>;
}

/** Creates the session; `options` are those of `createEngineSession`. */
export function createLazySession(options: EngineSessionOptions): LazySession {
  let real: EngineSession | undefined;
  let factory: EngineSessionModule['createEngineSession'] | undefined;
  let loadError: unknown;
  const session = (): EngineSession => {
    if (!real) {
      // Only completion can get here that early (entries wait for `ready`); it shows nothing.
      if (loadError !== undefined) {
        throw new Error(`tspark's engine failed to load: ${loadError instanceof Error ? loadError.message : String(loadError)}`);
      }
      if (!factory) throw new Error('tspark is still loading the engine; try again in a moment');
      real = factory(options);
    }
    return real;
  };
  const ready = import('./engine-session.js').then(
    (m) => {
      factory = m.createEngineSession;
      session();
    },
    (e: unknown) => {
      loadError = e;
    },
  );

  return {
    master: options.master,
    batchSeconds: options.batchSeconds,
    bindings: new Map<string, () => unknown>([
      // Through the real session's bindings: in remote mode they refuse `sc` and `ssc`.
      ...['sc', 'ssc', 'spark', ...SHELL_API_NAMES].map((name) => [name, () => session().bindings.get(name)?.()] as const),
    ]),
    ready,
    tsparkModule: () => session().tsparkModule?.() ?? {},
    pipelineMark: () => real?.pipelineMark?.(),
    undoPipeline: (mark) => (real?.undoPipeline ? real.undoPipeline(mark) : []),
    isStreaming: () => real?.isStreaming() ?? false,
    stopStream: (reason) => (real ? real.stopStream(reason) : 'No stream is running.'),
    interrupted: (site) => (real?.interrupted ? real.interrupted(site) : `Interrupted (${site.reason}): the code${site.where ? ` at ${site.where}` : ''} never returned; it was stopped.`),
    facts: (): StreamFacts => session().facts(),
    pause: () => session().pause(),
    step: () => session().step(),
    resume: () => session().resume(),
    close: async () => {
      await ready.catch(() => undefined);
      await real?.close();
    },
  };
}
