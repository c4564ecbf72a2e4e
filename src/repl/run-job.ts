/**
 * `tspark run job.ts`: runs a TypeScript file with `sc` and `ssc` bound, like spark-submit,
 * and resolves when the job is over: at once if it started no stream, else when the stream
 * (and every Structured Streaming query it started) stops. A standalone program (README's) runs as it is: its `import … from "tspark"` gives the
 * running tspark, and its own `sc`/`ssc` replace the bound ones.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEvaluator } from './evaluate.js';
import { installGlobals, RUNTIME_GLOBALS } from './globals.js';
import { readGlobalPath } from './hints.js';
import type { StreamingSession } from './session.js';
import { installStackMapping } from './stack.js';

/** The contexts the runner waits on. */
export interface JobSession extends StreamingSession {
  readonly ssc: { readonly state: string; awaitTermination(timeoutSeconds?: number): Promise<unknown> };
  /** The context that runs (the job may have made its own); defaults to `ssc`. */
  readonly target?: { readonly state: string; awaitTermination(timeoutSeconds?: number): Promise<unknown> };
}

function isBatchFailure(e: unknown): e is Error {
  return e instanceof Error && (e as { code?: unknown }).code === 'ERR_BATCH_FAILED';
}

/** Runs `file`; resolves with the exit code: 0 when the job ran, 1 when it failed to run or a batch failed. */
export async function runJob(file: string, session: JobSession, writeError: (text: string) => void): Promise<number> {
  installStackMapping();
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    writeError(`tspark run: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const replaceable = session.replaceable ?? new Set<string>();
  installGlobals(session.bindings, path.dirname(path.resolve(file)), { tsparkModule: session.tsparkModule, replaceable, defineRequire: true });
  const bound = new Set(session.bindings.keys());
  const protectedNames = new Set([...RUNTIME_GLOBALS, ...bound].filter((n) => !replaceable.has(n)));
  const evaluator = createEvaluator({
    protectedNames,
    alreadyBound: bound,
    entryName: () => file,
    onWarning: writeError,
    hintContext: { knownNames: () => bound, valueOf: readGlobalPath },
  });
  // The evaluator never uses `this`; it is typed as node:repl's eval, which binds the server.
  const run = evaluator.eval as unknown as (code: string, context: object, file: string, cb: (err: unknown) => void) => void;
  const failure = await new Promise<unknown>((resolve) => {
    run(source.endsWith('\n') ? source : `${source}\n`, globalThis, file, (err) => resolve(err ?? undefined));
  });
  if (failure !== undefined) {
    if (isBatchFailure(failure)) return stopped(failure, session, writeError);
    const err = failure as { err?: unknown; stack?: unknown };
    // An unfinished file comes back as "Recoverable"; its cause is the syntax error at the end.
    const shown = err.err ?? failure;
    writeError(`${shown instanceof Error ? (shown.stack ?? shown.message) : String(shown)}\n`);
    await session.close();
    return 1;
  }
  const ssc = session.target ?? session.ssc;
  try {
    if (ssc.state === 'ACTIVE') await ssc.awaitTermination();
  } catch (e) {
    return stopped(e, session, writeError);
  }
  // Structured Streaming queries the job started run until they stop (Ctrl-C) or fail.
  for (let queries = session.queries?.() ?? []; queries.length > 0; queries = session.queries?.() ?? []) {
    try {
      await Promise.all(queries.map((q) => q.awaitTermination()));
    } catch (e) {
      // The engine has reported the failure (ERROR MicroBatchExecution …); say why the job ends.
      writeError(`The job stopped because a streaming query failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      await session.close();
      return 1;
    }
  }
  await session.close();
  return 0;
}

/** As in a Spark driver, awaitTermination() rethrows a failed batch and the job ends. */
async function stopped(e: unknown, session: JobSession, writeError: (text: string) => void): Promise<number> {
  // The engine has already reported the batch with its stack; say why the job ends.
  writeError(`The job stopped because a batch failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  await session.close();
  return 1;
}
