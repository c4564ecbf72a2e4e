/**
 * `window(windowDuration, slideDuration)`: at every slide, the union of the parent's batches
 * with times in (t − window, t]. Nothing comes out between slides. The window keeps the
 * batches it needs itself (batch-store.ts), so its parent need not remember them.
 */
import { BatchStore } from './batch-store.js';
import { statefulStream } from './stateful.js';
import type { StreamNode } from './stream-node.js';
import type { WindowSpec } from './window-args.js';

/** The windowed stream of `parent` (arguments already checked). */
export function windowStream<T>(parent: StreamNode<T>, { windowMs, slideMs }: WindowSpec): StreamNode<T> {
  // Batches are kept one slide longer than the window: the next window is computed from them.
  const store = new BatchStore<T>(parent, windowMs + slideMs);
  const sc = parent.runtime.sc;
  return statefulStream<T>(parent.runtime, {
    name: 'window',
    parents: [parent],
    slideMs,
    windowMs,
    storesWindow: true,
    compute: (time) => {
      store.ensureRange(time - windowMs, time);
      return sc.fromPartitions(store.between(time - windowMs, time).flat(), 'window');
    },
    advance: (time) => store.ensure(time),
    snapshot: () => store.snapshot(),
    restore: (data, file) => store.restore(data, file),
  });
}
