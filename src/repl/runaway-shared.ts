/**
 * The memory the shell's main thread and its watchdog share: a heartbeat, an "armed" flag, and
 * a small buffer of keystrokes the watchdog read while the main thread was blocked, to be handed
 * back in order. Both threads take a spin lock around the buffer.
 */

/** What the watchdog worker is started with. */
export interface WatchdogData {
  readonly shared: SharedArrayBuffer;
  /** The terminal's file descriptor (0). */
  readonly fd: number;
}

/** Int32 slots: heartbeat (interrupt.ts HEARTBEAT_SLOT), armed, lock, bytes waiting. */
export const ARMED_SLOT = 1;
const LOCK_SLOT = 2;
const LENGTH_SLOT = 3;
const HEADER_BYTES = 16;
const BUFFER_BYTES = 4096;

/** How long the main thread may be silent before the watchdog reads the terminal itself. */
export const STALE_MS = 300;

/** A shared block for one shell. */
export function createShared(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + BUFFER_BYTES);
}

function withLock<T>(shared: SharedArrayBuffer, fn: (slots: Int32Array, bytes: Uint8Array) => T): T {
  const slots = new Int32Array(shared, 0, 4);
  while (Atomics.compareExchange(slots, LOCK_SLOT, 0, 1) !== 0) Atomics.wait(slots, LOCK_SLOT, 1, 1);
  try {
    return fn(slots, new Uint8Array(shared, HEADER_BYTES, BUFFER_BYTES));
  } finally {
    Atomics.store(slots, LOCK_SLOT, 0);
    Atomics.notify(slots, LOCK_SLOT);
  }
}

/** Watchdog side: appends bytes for the main thread; false (nothing appended) when they do not fit. */
export function handBack(shared: SharedArrayBuffer, bytes: readonly number[]): boolean {
  return withLock(shared, (slots, buf) => {
    const len = Atomics.load(slots, LENGTH_SLOT);
    if (len + bytes.length > buf.length) return false;
    buf.set(bytes, len);
    Atomics.store(slots, LENGTH_SLOT, len + bytes.length);
    return true;
  });
}

/** Main side: takes the bytes handed back so far (undefined when there are none). */
export function takeHandedBack(shared: SharedArrayBuffer): Buffer | undefined {
  const slots = new Int32Array(shared, 0, 4);
  // The common case costs one atomic read.
  if (Atomics.load(slots, LENGTH_SLOT) === 0) return undefined;
  return withLock(shared, (s, buf) => {
    const len = Atomics.load(s, LENGTH_SLOT);
    Atomics.store(s, LENGTH_SLOT, 0);
    return len > 0 ? Buffer.from(buf.subarray(0, len)) : undefined;
  });
}

/** Main side: lets the watchdog read the terminal when the main thread goes silent, or not. */
export function setArmed(shared: SharedArrayBuffer, on: boolean): void {
  Atomics.store(new Int32Array(shared, 0, 4), ARMED_SLOT, on ? 1 : 0);
}
