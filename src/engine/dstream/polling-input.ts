/**
 * `ssc.pollingStream(source)`: a pull source asked at each batch time for what is ready (a
 * directory listing). The answer becomes the batch's RDD, one partition per item it returned.
 */
import type { StreamingContext } from '../context.js';
import { DStream } from '../dstream.js';
import type { SourceInfo } from '../events.js';
import type { InputHandle } from '../graph.js';
import type { PollContext, PolledSource } from '../source.js';

export function pollingStream<T>(ssc: StreamingContext, source: PolledSource<T>): DStream<T> {
  const allocated = new Map<number, T[][]>();
  const info: SourceInfo = { id: 0, name: source.name, state: 'initialized', recordsReceived: 0 };
  const ctx: PollContext = {
    clock: ssc.clock,
    status(state, message) {
      info.state = state;
      if (message !== undefined) info.lastMessage = message;
      ssc.reportSourceStatus(info, message);
    },
    warn(message) {
      info.lastError = message;
      info.lastErrorTime = ssc.clock.now();
      ssc.reportSourceWarning(info, message);
    },
  };
  const stream = new DStream<T>(ssc, {
    name: source.name.split(' ')[0] ?? 'pollingStream',
    kind: 'input',
    parents: [],
    compute: (time) => ssc.sparkContext.fromPartitions<T>(allocated.get(time) ?? [], 'polledBatch'),
  });
  Object.assign(info, { id: stream.id });
  const handle: InputHandle = {
    streamId: stream.id,
    info,
    start: () => source.start(ctx),
    stop: () => source.stop(),
    async prepare(time) {
      let parts: T[][];
      try {
        parts = await source.poll(time, ctx);
      } catch (e) {
        // A source must report its own problems; one that throws still must not stop the stream.
        ctx.warn(`${source.name}: ${e instanceof Error ? e.message : String(e)}`);
        parts = [];
      }
      allocated.set(time, parts);
      const n = parts.reduce((k, p) => k + p.length, 0);
      info.recordsReceived += n;
      return n;
    },
    release(time) {
      allocated.delete(time);
    },
    ...(source.snapshot ? { snapshot: () => source.snapshot!() } : {}),
    ...(source.restore ? { restore: (s: unknown) => source.restore!(s) } : {}),
  };
  ssc.graphInternal.addInput(handle);
  return stream;
}
