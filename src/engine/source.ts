/**
 * The source contract. Two kinds of input plug into a StreamingContext:
 *
 * - A {@link Receiver} runs in the background (a socket, a Kafka consumer) and hands records to
 *   the engine as they arrive with `sink.store(records)`. Records belong to the batch in which
 *   they arrive. The receiver never blocks: when `sink.backpressured` is true it pauses its
 *   input (a socket stops reading, so TCP pushes back) and waits for `sink.onResume`.
 * - A {@link PolledSource} is asked at each batch time for what is ready (a directory listing),
 *   may take its time (it returns a promise), and can snapshot its position for checkpoints.
 *
 * Sources report status and problems through the sink; the engine turns them into
 * `sourceStatus` / `sourceWarning` events for the shell and the UI.
 */
import type { Clock } from './clock.js';
import type { SourceState } from './events.js';

/** What a receiver may call. */
export interface ReceiverSink<T> {
  /** The context's clock: the only time a source should read. */
  readonly clock: Clock;
  /** Hands over records received now. The array is the engine's afterwards: do not reuse it. */
  store(records: T[]): void;
  /** Reports a state change, with a plain-words message shown once to the user. */
  status(state: SourceState, message?: string): void;
  /** Reports bad input or a recoverable problem (invalid UTF-8, a line cut at the limit). */
  warn(message: string): void;
  /** True while buffered, unprocessed records exceed the limit: pause input until `onResume`. */
  readonly backpressured: boolean;
  /** Calls `cb` once, when the buffer has drained below the limit. */
  onResume(cb: () => void): void;
}

/** A push source that runs in the background while the context is active. */
export interface Receiver<T> {
  /** e.g. "socketTextStream localhost:9999", shown in `.status` and the UI. */
  readonly name: string;
  /** Starts receiving. Expected I/O errors are reported through the sink, never thrown. */
  start(sink: ReceiverSink<T>): void;
  /** Stops and releases resources; resolves once closed. */
  stop(): Promise<void>;
}

/** What a polled source may call while it is being polled. */
export interface PollContext {
  readonly clock: Clock;
  status(state: SourceState, message?: string): void;
  warn(message: string): void;
}

/** A pull source, asked at each batch time for what is ready. */
export interface PolledSource<T> {
  readonly name: string;
  /** Called once when the context starts (e.g. to note which files already exist). */
  start(ctx: PollContext): void | Promise<void>;
  /**
   * Returns the records for the batch at `batchTime`, as one array per partition (a file each,
   * for a directory source). Problems with one item are reported and that item is skipped.
   */
  poll(batchTime: number, ctx: PollContext): Promise<T[][]> | T[][];
  stop(): Promise<void> | void;
  /** Position to checkpoint (JSON-serialisable), e.g. the files already read. */
  snapshot?(): unknown;
  /** Restores a position taken by `snapshot`. */
  restore?(snapshot: unknown): void;
}
