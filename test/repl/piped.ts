/**
 * Test helper: runs a shell on in-memory streams, the way `tspark < script.ts` does, and
 * collects everything it printed.
 */
import { PassThrough } from 'node:stream';
import { createEngineSession } from '../../src/repl/engine-session.js';
import { startShell, type ShellOptions } from '../../src/repl/server.js';

/** Output and exit code of one piped session. */
export interface PipedRun {
  readonly out: string;
  readonly code: number;
}

/** Feeds `script` to a fresh non-terminal shell and resolves when it has exited. */
export async function runPiped(script: string, extra: Partial<ShellOptions> = {}): Promise<PipedRun> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const shell = startShell({ input, output, terminal: false, colors: false, ...extra });
  input.end(script);
  const code = await shell.closed;
  return { out, code };
}

/** As {@link runPiped}, on the real engine (`sc` and `ssc` bound, batches every `batchSeconds`). */
export function runPipedOnEngine(script: string, batchSeconds = 1): Promise<PipedRun> {
  return runPiped(script, { createSession: (out) => createEngineSession({ master: 'local[2]', batchSeconds, out }) });
}
