/**
 * A minimal line receiver written against the engine's public `Receiver` contract, with the same
 * split-with-carry framing as the floor. The `tspark (receiverStream)` contender uses it to
 * measure the engine's batch path on its own, with I/O identical to the floor's; the `tspark`
 * contender uses the real `socketTextStream`, so the gap between the two is the socket source's.
 */
import net from 'node:net';
import type { Receiver, ReceiverSink } from '../../src/engine/source.js';

/** Reads lines from 127.0.0.1:`port`, pausing the socket while the engine is backpressured. */
export class LineReceiver implements Receiver<string> {
  readonly name: string;
  private sock: net.Socket | undefined;

  constructor(private readonly port: number) {
    this.name = `benchLineReceiver 127.0.0.1:${port}`;
  }

  start(sink: ReceiverSink<string>): void {
    sink.status('connecting');
    const sock = net.connect(this.port, '127.0.0.1');
    this.sock = sock;
    sock.setEncoding('utf8');
    let carry = '';
    sock.on('connect', () => sink.status('connected'));
    sock.on('data', (chunk: string) => {
      const parts = (carry + chunk).split('\n');
      carry = parts.pop()!;
      if (parts.length) sink.store(parts);
      if (sink.backpressured) {
        sock.pause();
        sink.onResume(() => sock.resume());
      }
    });
    sock.on('end', () => {
      if (carry) sink.store([carry]);
      carry = '';
      sink.status('closed', 'the generator closed the connection');
    });
    sock.on('error', (e) => sink.warn(e.message));
  }

  stop(): Promise<void> {
    this.sock?.destroy();
    return Promise.resolve();
  }
}
