/**
 * The input primitive: a stream with no parents, fed by a source. It owns the wiring every
 * input shares: the stream node of the graph, the `SourceInfo` that `.status` and the UI show
 * (with the stream's id), how a source's status changes and warnings reach the user, and the
 * registration with the graph. The kinds of input (queue, receiver, polled source) say only
 * what is theirs: how a batch's RDD is made, and what happens at start, tick and release.
 */
import type { InputHandle } from '../graph.js';
import type { SourceInfo, SourceState } from '../events.js';
import { StreamNode } from '../dstream/stream-node.js';
import type { RDD } from '../rdd/rdd.js';
import type { StreamingRuntime } from '../runtime.js';

/** A stream fed by a source; subclasses are the kinds of input. */
export abstract class Input<T> implements InputHandle {
  /** The stream this input feeds. */
  readonly node: StreamNode<T>;
  /** What `.status` and the UI show about the source. */
  readonly info: SourceInfo;
  protected readonly runtime: StreamingRuntime;

  /**
   * @param stream the operator name in the pipeline picture ("queueStream", "socketTextStream")
   * @param source the source's name in `.status` ("socketTextStream localhost:9999")
   */
  constructor(runtime: StreamingRuntime, stream: string, source: string, state: SourceState = 'initialized') {
    this.runtime = runtime;
    this.node = new StreamNode<T>(runtime, { name: stream, kind: 'input', parents: [], compute: (time) => this.batch(time) });
    this.info = { id: this.node.id, name: source, state, recordsReceived: 0 };
    runtime.graph.addInput(this);
  }

  get streamId(): number {
    return this.node.id;
  }

  /** The RDD of batch `time`, from what was taken for it; undefined when there is none. */
  protected abstract batch(time: number): RDD<T> | undefined;

  abstract start(): void | Promise<void>;
  abstract stop(): void | Promise<void>;

  /** Reports a state change; `message` is shown to the user once. */
  protected status(state: SourceState, message?: string): void {
    this.info.state = state;
    if (message !== undefined) this.info.lastMessage = message;
    this.runtime.reportSourceStatus(this.info, message);
  }

  /** Reports bad input or a recoverable problem. */
  protected warn(message: string): void {
    this.info.lastError = message;
    this.info.lastErrorTime = this.runtime.clock.now();
    this.runtime.reportSourceWarning(this.info, message);
  }
}
