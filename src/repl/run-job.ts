/**
 * `tspark run job.ts`: runs a TypeScript file with `sc` and `ssc` bound, like spark-submit,
 * and resolves when the job is over: at once if it started no stream, else when `ssc` stops.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEvaluator } from './evaluate.js';
import { installGlobals, RUNTIME_GLOBALS } from './globals.js';
import type { StreamingSession } from './session.js';
import { installStackMapping } from './stack.js';

/** The contexts the runner waits on. */
export interface JobSession extends StreamingSession {
  readonly ssc: { readonly state: string; awaitTermination(timeoutSeconds?: number): Promise<unknown> };
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
  installGlobals(session.bindings, path.dirname(path.resolve(file)));
  const protectedNames = new Set([...RUNTIME_GLOBALS, ...session.bindings.keys()]);
  const evaluator = createEvaluator({ protectedNames, entryName: () => file });
  // The evaluator never uses `this`; it is typed as node:repl's eval, which binds the server.
  const run = evaluator.eval as unknown as (code: string, context: object, file: string, cb: (err: unknown) => void) => void;
  const failure = await new Promise<unknown>((resolve) => {
    run(source.endsWith('\n') ? source : `${source}\n`, globalThis, file, (err) => resolve(err ?? undefined));
  });
  if (failure !== undefined) {
    const err = failure as { err?: unknown; stack?: unknown };
    // An unfinished file comes back as "Recoverable"; its cause is the syntax error at the end.
    const shown = err.err ?? failure;
    writeError(`${shown instanceof Error ? (shown.stack ?? shown.message) : String(shown)}\n`);
    await session.close();
    return 1;
  }
  const ssc = session.ssc;
  try {
    if (ssc.state === 'ACTIVE') await ssc.awaitTermination();
  } catch (e) {
    // As in a Spark driver, awaitTermination() rethrows a failed batch and the job ends.
    // The engine has already reported the batch with its stack; say why the job ends.
    writeError(`The job stopped because a batch failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    await session.close();
    return 1;
  }
  await session.close();
  return 0;
}
