// Waiting for a server to answer: poll its probe until it succeeds, the process dies or time runs out.
import { isAlive, tail } from './process.mjs';
import { sleep } from './state.mjs';

/** An error that asks the caller to try again on another port (the chosen one was taken meanwhile). */
export class PortTakenError extends Error {}

const PORT_TAKEN = /address already in use|EADDRINUSE|BindException|could not bind|Cannot assign requested address/i;

/** True when the end of a server's log says its port was taken. */
export function portTakenIn(log) {
  return PORT_TAKEN.test(tail(log, 40));
}

/**
 * Polls `probe` until it resolves; throws with the log's tail when process `pid` exits first or
 * `timeoutMs` passes (a PortTakenError when the log says the port was taken).
 */
export async function waitReady(name, probe, { pid, log, timeoutMs, intervalMs = 200 }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      return await probe();
    } catch (err) {
      last = err;
    }
    if (pid !== undefined && !isAlive(pid)) {
      const text = tail(log, 25);
      const Err = PORT_TAKEN.test(text) ? PortTakenError : Error;
      throw new Err(`${name} exited before it was ready; the end of ${log}:\n${text}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${name} did not answer within ${Math.round(timeoutMs / 1000)} s (last: ${last?.message}); the end of ${log}:\n${tail(log, 25)}`);
    }
    await sleep(intervalMs);
  }
}
