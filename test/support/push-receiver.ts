/**
 * A receiver for UI tests: the test hands it lines and it stores them, as a user's custom
 * receiver would through the public Receiver contract. Not a test file itself.
 */
import type { Receiver, ReceiverSink } from '../../src/engine/source.js';

/** A receiver the test feeds with `push`, and can report states and errors through. */
export class PushReceiver implements Receiver<string> {
  readonly name: string;
  private sink: ReceiverSink<string> | undefined;
  private resolveStarted!: () => void;
  /** Resolves once the context has started the receiver. */
  readonly started = new Promise<void>((resolve) => (this.resolveStarted = resolve));

  constructor(name = 'pushReceiver test') {
    this.name = name;
  }

  start(sink: ReceiverSink<string>): void {
    this.sink = sink;
    sink.status('connected', 'ready');
    this.resolveStarted();
  }

  async stop(): Promise<void> {
    this.sink?.status('closed');
    this.sink = undefined;
  }

  /** Stores lines now: they belong to the next batch. */
  push(lines: string[]): void {
    if (!this.sink) throw new Error('the receiver has not been started');
    this.sink.store(lines);
  }

  /** Reports a state change, as a socket source does when its peer goes away. */
  report(state: 'connected' | 'retrying' | 'closed', message: string): void {
    this.sink?.status(state, message);
  }

  /** Reports a warning (bad input). */
  warn(message: string): void {
    this.sink?.warn(message);
  }
}
