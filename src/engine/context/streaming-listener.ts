/**
 * `ssc.addStreamingListener(listener)`: pyspark's StreamingListener. The engine's events
 * (events.ts) are handed to the listener's methods under Spark's names, with the fields of the
 * objects pyspark's listener receives (Spark's Java listener API): times in ms, `-1` for a time
 * not reached yet, `null` for no failure. Output operations are numbered 0, 1, … in the order
 * they were added, as Spark numbers them.
 *
 * Spark calls listeners on its listener-bus thread; here they are called synchronously as the
 * events happen. A listener method that throws is reported once (per method) and never fails a
 * batch.
 */
import type { BatchInfo, SourceInfo, StreamingEvent, StreamingEventListener } from '../events.js';

/** A batch as the listener sees it (Spark's `BatchInfo`). */
export interface ListenerBatchInfo {
  /** The batch time, ms since the epoch. */
  readonly batchTime: number;
  /** Records per input stream id. */
  readonly streamIdToInputInfo: Readonly<Record<number, { readonly inputStreamId: number; readonly numRecords: number }>>;
  readonly submissionTime: number;
  /** -1 until processing starts. */
  readonly processingStartTime: number;
  /** -1 until processing ends. */
  readonly processingEndTime: number;
  /** processing start − submission; -1 until known. */
  readonly schedulingDelay: number;
  /** processing end − start; -1 until known. */
  readonly processingDelay: number;
  /** processing end − submission; -1 until known. */
  readonly totalDelay: number;
  readonly numRecords: number;
  /** By output operation id (0, 1, … in the order they were added). */
  readonly outputOperationInfos: Readonly<Record<number, ListenerOutputOperationInfo>>;
}

/** One output operation of a batch (Spark's `OutputOperationInfo`). */
export interface ListenerOutputOperationInfo {
  readonly batchTime: number;
  readonly id: number;
  /** "pprint", "foreachRDD", "saveAsTextFiles" … */
  readonly name: string;
  readonly description: string;
  /** -1 until started. */
  readonly startTime: number;
  /** -1 until completed. */
  readonly endTime: number;
  /** The error, when it failed; null otherwise. */
  readonly failureReason: string | null;
}

/** A receiver (Spark's `ReceiverInfo`). */
export interface ListenerReceiverInfo {
  readonly streamId: number;
  readonly name: string;
  readonly active: boolean;
  readonly location: string;
  readonly executorId: string;
  readonly lastErrorMessage: string;
  readonly lastError: string;
  /** -1 when there was no error. */
  readonly lastErrorTime: number;
}

/**
 * Receives a StreamingContext's events; override the methods you need (each does nothing
 * here), then `ssc.addStreamingListener(new MyListener())`. A plain object with some of these
 * methods works too.
 */
export class StreamingListener {
  /** The context started. */
  onStreamingStarted(_streamingStarted: { readonly time: number }): void {}
  /** A receiver started, or connected again after losing its source. */
  onReceiverStarted(_receiverStarted: { readonly receiverInfo: ListenerReceiverInfo }): void {}
  /** A receiver reported bad input (invalid UTF-8, a line cut at the limit); it goes on. */
  onReceiverError(_receiverError: { readonly receiverInfo: ListenerReceiverInfo }): void {}
  /** A receiver stopped, or lost its source (then `lastErrorMessage` says why, and it retries). */
  onReceiverStopped(_receiverStopped: { readonly receiverInfo: ListenerReceiverInfo }): void {}
  /** A batch was generated and queued. */
  onBatchSubmitted(_batchSubmitted: { readonly batchInfo: ListenerBatchInfo }): void {}
  /** A batch's jobs started. */
  onBatchStarted(_batchStarted: { readonly batchInfo: ListenerBatchInfo }): void {}
  /** A batch's jobs all finished (some may have failed: see `outputOperationInfos`). */
  onBatchCompleted(_batchCompleted: { readonly batchInfo: ListenerBatchInfo }): void {}
  /** An output operation of a batch started. */
  onOutputOperationStarted(_outputOperationStarted: { readonly outputOperationInfo: ListenerOutputOperationInfo }): void {}
  /** An output operation of a batch finished. */
  onOutputOperationCompleted(_outputOperationCompleted: { readonly outputOperationInfo: ListenerOutputOperationInfo }): void {}
}

/** The listener methods, by name. */
export type StreamingListenerMethod = keyof StreamingListener;

/** What `addStreamingListener` accepts: a StreamingListener, or any object with some of its methods. */
export type StreamingListenerLike = Partial<StreamingListener>;

/** The engine-event listener that calls `listener`'s methods; `report` writes a listener's error once per method. */
export function listenerAdapter(listener: StreamingListenerLike, report: (message: string) => void): StreamingEventListener {
  const failed = new Set<string>();
  const receivers = new Map<number, boolean>();
  const call = <M extends StreamingListenerMethod>(method: M, arg: Parameters<StreamingListener[M]>[0]): void => {
    const f = listener[method] as ((a: unknown) => unknown) | undefined;
    if (typeof f !== 'function') return;
    try {
      f.call(listener, arg);
    } catch (e) {
      if (failed.has(method)) return;
      failed.add(method);
      report(`StreamingListener.${method} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} (shown once; the streams go on)\n`);
    }
  };
  return (event: StreamingEvent) => {
    switch (event.type) {
      case 'contextStarted':
        return call('onStreamingStarted', { time: event.time });
      case 'batchSubmitted':
        return call('onBatchSubmitted', { batchInfo: batchInfo(event.batch) });
      case 'batchStarted':
        return call('onBatchStarted', { batchInfo: batchInfo(event.batch) });
      case 'batchCompleted':
        return call('onBatchCompleted', { batchInfo: batchInfo(event.batch) });
      case 'outputOperationStarted':
        return call('onOutputOperationStarted', { outputOperationInfo: outputOperationInfo(event.batch, event.index) });
      case 'outputOperationCompleted':
        return call('onOutputOperationCompleted', { outputOperationInfo: outputOperationInfo(event.batch, event.index) });
      case 'sourceStatus': {
        // As Spark's receiver supervisor: a receiver that loses its source stops (and is
        // restarted), so a lost connection is a stop, and each reconnection a start.
        const source = event.source;
        if (!source.receiver) return;
        const active = receivers.get(source.id) ?? false;
        if ((source.state === 'connecting' || source.state === 'connected') && !active) {
          receivers.set(source.id, true);
          call('onReceiverStarted', { receiverInfo: receiverInfo(source, true, '') });
        } else if ((source.state === 'retrying' || source.state === 'closed' || source.state === 'stopped') && active) {
          receivers.set(source.id, false);
          call('onReceiverStopped', { receiverInfo: receiverInfo(source, false, source.state === 'retrying' ? (source.lastMessage ?? '') : '') });
        }
        return;
      }
      case 'sourceWarning':
        // A receiver's report of bad input is Spark's `reportError`.
        if (event.source.receiver) {
          call('onReceiverError', { receiverInfo: receiverInfo(event.source, receivers.get(event.source.id) ?? false, event.message) });
        }
        return;
      default:
        return;
    }
  };
}

function batchInfo(b: BatchInfo): ListenerBatchInfo {
  const start = b.processingStartTime ?? -1;
  const end = b.processingEndTime ?? -1;
  const inputs: Record<number, { inputStreamId: number; numRecords: number }> = {};
  for (const [id, n] of Object.entries(b.streamRecords)) inputs[Number(id)] = { inputStreamId: Number(id), numRecords: n };
  const ops: Record<number, ListenerOutputOperationInfo> = {};
  b.outputOps.forEach((_, i) => (ops[i] = outputOperationInfo(b, i)));
  return {
    batchTime: b.batchTime,
    streamIdToInputInfo: inputs,
    submissionTime: b.submissionTime,
    processingStartTime: start,
    processingEndTime: end,
    schedulingDelay: start >= 0 ? start - b.submissionTime : -1,
    processingDelay: start >= 0 && end >= 0 ? end - start : -1,
    totalDelay: end >= 0 ? end - b.submissionTime : -1,
    numRecords: b.numRecords,
    outputOperationInfos: ops,
  };
}

function outputOperationInfo(b: BatchInfo, index: number): ListenerOutputOperationInfo {
  const op = b.outputOps[index];
  return {
    batchTime: b.batchTime,
    id: index,
    name: op?.name ?? '',
    description: op?.name ?? '',
    startTime: op?.startTime ?? -1,
    endTime: op?.status === 'succeeded' || op?.status === 'failed' ? (op.endTime ?? -1) : -1,
    failureReason: op?.status === 'failed' ? (op.error ?? 'failed') : null,
  };
}

function receiverInfo(s: SourceInfo, active: boolean, lastErrorMessage: string): ListenerReceiverInfo {
  return {
    streamId: s.id,
    name: s.name,
    active,
    location: 'localhost',
    executorId: 'driver',
    lastErrorMessage,
    lastError: s.lastError ?? '',
    lastErrorTime: s.lastErrorTime ?? -1,
  };
}
