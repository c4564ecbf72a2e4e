/**
 * The shell's watchdog thread (a worker; see runaway-guard.ts). While the main thread answers
 * its heartbeat it does nothing. Once the main thread has been silent for a while, it reads the
 * terminal itself (the terminal is in raw mode, so Ctrl-C is the byte 0x03, not a signal): a
 * Ctrl-C interrupts the running code through the inspector (interrupt.ts); every other byte is
 * handed back, in order, to the shell's input when the main thread is free again.
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import { workerData } from 'node:worker_threads';
import { heartbeatAge, INTERRUPT_FUNCTION, type InterruptOutcome } from './interrupt.js';
import { ARMED_SLOT, handBack, STALE_MS, type WatchdogData } from './runaway-shared.js';

const CTRL_C = 0x03;
const data = workerData as WatchdogData;
const shared = new Int32Array(data.shared, 0, 4);
const session = new inspector.Session();
session.connectToMainThread();

/** Bytes read from the terminal and not yet handed back; a Ctrl-C in it waits for its verdict. */
const queue: number[] = [];
let deciding = false;
/** A Ctrl-C interrupted the code in this silent spell: further Ctrl-Cs were aimed at it too. */
let interruptedThisSpell = false;

function interruptMain(): Promise<InterruptOutcome> {
  return new Promise((resolve) => {
    session.post(
      'Runtime.evaluate',
      { expression: `globalThis.${INTERRUPT_FUNCTION}?.("Ctrl-C") ?? "unsupported"`, returnByValue: true },
      (err, res) => {
        const value: unknown = err ? undefined : (res as { result?: { value?: unknown } }).result?.value;
        resolve(value === 'interrupted' || value === 'idle' || value === 'refused' ? value : 'unsupported');
      },
    );
  });
}

function pump(): void {
  const out: number[] = [];
  for (let b = queue[0]; b !== undefined; b = queue[0]) {
    if (b !== CTRL_C) {
      out.push(b);
      queue.shift();
      continue;
    }
    if (interruptedThisSpell) {
      queue.shift();
      continue;
    }
    if (deciding) break;
    deciding = true;
    void interruptMain().then((outcome) => {
      deciding = false;
      queue.shift();
      if (outcome === 'interrupted') interruptedThisSpell = true;
      else handBack(data.shared, [CTRL_C]);
      pump();
    });
    break;
  }
  if (out.length > 0 && !handBack(data.shared, out)) queue.unshift(...out);
}

const buf = Buffer.alloc(1024);
function poll(): void {
  const silent = Atomics.load(shared, ARMED_SLOT) === 1 && heartbeatAge(shared) >= STALE_MS;
  if (!silent) {
    interruptedThisSpell = false;
    if (queue.length > 0 && !deciding) pump();
    return;
  }
  // Bytes not handed back yet are the limit: stop reading rather than lose any.
  while (queue.length < 4096) {
    let n: number;
    try {
      n = fs.readSync(data.fd, buf, 0, buf.length, null);
    } catch {
      // EAGAIN: nothing typed (the terminal descriptor is non-blocking).
      break;
    }
    if (n <= 0) break;
    queue.push(...buf.subarray(0, n));
  }
  if (queue.length > 0 && !deciding) pump();
}

setInterval(poll, 25);
