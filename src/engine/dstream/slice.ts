/**
 * `slice(begin, end)`: the RDDs a stream made between two times (Dates or epoch seconds, both
 * ends included), for batches still remembered (see `ssc.remember`).
 */
import { IllegalArgumentError } from '../errors.js';
import { describeValue } from '../checks.js';
import type { RDD } from '../rdd/rdd.js';
import type { StreamNode } from './stream-node.js';

/** The remembered RDDs of `stream` with batch times in [begin, end], on its slide grid. */
export function slice<T>(stream: StreamNode<T>, begin: Date | number, end: Date | number): RDD<T>[] {
  stream.runtime.checkStartedFor('slice');
  const zero = stream.zeroTime ?? 0;
  const slide = stream.slideMs;
  const floorToGrid = (ms: number): number => zero + Math.floor((ms - zero) / slide) * slide;
  const from = floorToGrid(toMs(begin, 'begin'));
  const to = floorToGrid(toMs(end, 'end'));
  const last = stream.runtime.graph.lastGeneratedTime;
  const out: RDD<T>[] = [];
  for (let t = Math.max(from, zero + slide); t <= to && last !== undefined && t <= last; t += slide) {
    const rdd = stream.getOrCompute(t);
    if (rdd) out.push(rdd);
  }
  return out;
}

function toMs(t: Date | number, name: string): number {
  if (t instanceof Date) return Math.floor(t.getTime() / 1000) * 1000;
  if (typeof t === 'number' && Number.isFinite(t)) return Math.floor(t * 1000);
  throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `slice: "${name}" must be a Date or epoch seconds; got ${describeValue(t)}`);
}
