/**
 * `window(windowDuration, slideDuration)`: at every slide, the union of the parent's batches
 * with times in (t − window, t]. Nothing comes out between slides.
 */
import { CheckpointRegistry } from '../checkpoint/registry.js';
import { DStream } from '../dstream.js';
import { BatchStore } from './batch-store.js';
import type { WindowSpec } from './window-args.js';

/** @internal The windowed stream of `parent` (arguments already checked). */
export function windowStream<T>(parent: DStream<T>, { windowMs, slideMs }: WindowSpec): DStream<T> {
  // Batches are kept one slide longer than the window: the next window is computed from them.
  const store = new BatchStore<T>(parent, windowMs + slideMs);
  const sc = parent.ssc.sparkContext;
  const registry = CheckpointRegistry.of(parent.ssc);
  const stream = new DStream<T>(parent.ssc, {
    name: 'window',
    kind: 'transform',
    parents: [parent as DStream<unknown>],
    slideMs,
    windowMs,
    storesWindow: true,
    compute: (time) => {
      registry.markAttempt(stream as DStream<unknown>, time);
      store.ensureRange(time - windowMs, time);
      return sc.fromPartitions(store.between(time - windowMs, time).flat(), 'window');
    },
  });
  registry.add({
    stream: stream as DStream<unknown>,
    computeEachBatch: (time) => store.ensure(time),
    snapshot: () => store.snapshot(),
    restore: (data, file) => store.restore(data, file),
  });
  return stream;
}
