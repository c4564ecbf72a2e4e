/**
 * tspark's public API, listed by name. Nothing outside this list is public.
 */

// Time
export { ManualClock, SystemClock } from './engine/clock.js';
export type { Clock, ClockTask, Cancel } from './engine/clock.js';

// Errors
export {
  TsparkError,
  IllegalArgumentError,
  IllegalStateError,
  BatchFailedError,
  SourceError,
  CheckpointError,
} from './engine/errors.js';
export type { ErrorCode } from './engine/errors.js';

// Events and the source contract
export type {
  ContextState,
  SourceState,
  BatchInfo,
  OutputOpInfo,
  SourceInfo,
  GraphNode,
  StreamingEvent,
  StreamingEventListener,
} from './engine/events.js';
export type { Receiver, ReceiverSink, PolledSource, PollContext } from './engine/source.js';
