/** Bounded polling on real I/O: the one `waitFor` of the tests (engine tests never wait for a batch; they step a ManualClock). */

/** Polls `cond` every 10 ms until it holds; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
