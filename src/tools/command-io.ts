/**
 * The streams a sub-command (`tspark nc`, `tspark feed`) talks through. `bin/` passes the
 * process's own; tests pass their own streams, so commands never touch `process.*`.
 */

/** Standard streams and an optional stop signal (Ctrl+C) for a sub-command. */
export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Aborting it stops the command cleanly (it then resolves with exit code 0). */
  signal?: AbortSignal;
}
