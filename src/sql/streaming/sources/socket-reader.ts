/**
 * The socket source's reader thread, as Spark's TextSocketMicroBatchStream reads its socket on
 * a thread of its own: a worker thread connects and forwards every chunk it reads (the buffer
 * transferred, not copied) to the query's thread, so the connection is drained while a batch
 * runs and the sender is not held back by a full socket buffer. Chunks wait in the message
 * queue until the query's thread is free; framing into lines happens there, in order.
 */
import { Worker } from 'node:worker_threads';

/** What the reader reports to the query's thread. */
export interface SocketReaderEvents {
  connect(): void;
  data(chunk: Buffer): void;
  end(): void;
  /** `connected` says whether the connection had been made before the error. */
  error(message: string, connected: boolean): void;
}

// Plain JavaScript, evaluated in the worker: it must run the same from src (tests) and dist.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Socket } = require('node:net');
const s = new Socket();
let connected = false;
s.once('connect', () => { connected = true; parentPort.postMessage({ t: 'connect' }); });
s.on('data', (b) => {
  const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  parentPort.postMessage({ t: 'data', ab }, [ab]);
});
s.on('end', () => parentPort.postMessage({ t: 'end' }));
s.on('error', (e) => parentPort.postMessage({ t: 'error', message: e.message, connected }));
s.connect(workerData.port, workerData.host);
`;

interface Message {
  readonly t: 'connect' | 'data' | 'end' | 'error';
  readonly ab?: ArrayBuffer;
  readonly message?: string;
  readonly connected?: boolean;
}

/** A connection read on a worker thread; `close()` ends it. */
export class SocketReader {
  private readonly worker: Worker;
  private closed = false;

  constructor(host: string, port: number, on: SocketReaderEvents) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { host, port } });
    this.worker.on('message', (m: Message) => {
      if (this.closed) return;
      if (m.t === 'connect') on.connect();
      else if (m.t === 'data') on.data(Buffer.from(m.ab!));
      else if (m.t === 'end') on.end();
      else on.error(m.message ?? 'socket error', m.connected ?? false);
    });
    this.worker.on('error', (e: Error) => {
      if (!this.closed) on.error(e.message, false);
    });
  }

  /** Stops reading and ends the thread (the connection is closed with it). */
  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }
}
