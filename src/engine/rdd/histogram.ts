/**
 * `rdd.histogram(buckets)` with pyspark's rules and messages. With a bucket count, even buckets
 * from the minimum to the maximum (integers kept as integers when they divide evenly); with
 * bucket edges, those edges, sorted and distinct. Every bucket is open on the right except the
 * last, which holds the maximum. `null`, `undefined` and NaN are not counted.
 */
import { describeValue } from '../checks.js';
import { IllegalArgumentError, TsparkError } from '../errors.js';
import { orderFor } from '../order.js';
import type { RDD } from './rdd.js';

/** `[edges, counts]`: `counts[i]` is the number of values in `[edges[i], edges[i + 1])` (the last bucket closed). */
export type Histogram<N> = [N[], number[]];

const isMissing = (x: unknown): boolean => x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x));

/** pyspark's `RDD.histogram(buckets)`. */
export function histogram<N extends number | string>(rdd: RDD<N>, buckets: number | readonly N[]): Histogram<N> {
  const order = orderFor('histogram');
  let edges: N[];
  let even = false;
  let inc = 0;
  if (typeof buckets === 'number' && Number.isInteger(buckets)) {
    if (buckets < 1) throw invalid(`"buckets" must be >= 1 (number of buckets must be >= 1); got ${buckets}`);
    const filtered = rdd.filter((x) => !isMissing(x));
    const [minv, maxv] = filtered
      .map((x): [N, N] => [x, x])
      .reduce((a, b) => [order(b[0], a[0]) < 0 ? b[0] : a[0], order(b[1], a[1]) > 0 ? b[1] : a[1]]);
    if (order(minv, maxv) === 0 || buckets === 1) return [[minv, maxv], [filtered.count()]];
    if (typeof minv !== 'number' || typeof maxv !== 'number') {
      throw invalid(`cannot make even buckets from values that are not numbers (found ${describeValue(minv)}); give the bucket edges instead, e.g. histogram(["a", "b", "c"])`);
    }
    inc = (maxv - minv) / buckets;
    if (!Number.isFinite(inc)) throw invalid('cannot make buckets with an infinite value in the RDD; filter it out first');
    // As pyspark: integer steps when they divide the range exactly.
    if (Math.trunc(inc) * buckets === maxv - minv) inc = Math.trunc(inc);
    edges = Array.from({ length: buckets }, (_, i) => (i * inc + minv) as N);
    edges.push(maxv); // the last edge is the maximum itself, whatever the rounding
    even = true;
  } else if (Array.isArray(buckets)) {
    if (buckets.length < 2) throw invalid(`"buckets" should have more than one value; got ${describeValue(buckets)}`);
    if (buckets.some(isMissing)) throw invalid(`"buckets" can not have null, undefined or NaN; got ${describeValue(buckets)}`);
    const sorted = [...buckets].sort(order);
    if (sorted.some((b, i) => b !== buckets[i])) throw invalid(`"buckets" should be sorted; got ${describeValue(buckets)}`);
    if (sorted.some((b, i) => i > 0 && order(b, sorted[i - 1]) === 0)) throw invalid(`"buckets" should not contain duplicated values; got ${describeValue(buckets)}`);
    edges = [...buckets];
    if (edges.every((b) => typeof b === 'number')) {
      const n = edges as number[];
      const steps = n.slice(1).map((b, i) => b - (n[i] as number));
      if (Math.max(...steps) - Math.min(...steps) < 1e-10) {
        even = true;
        inc = ((n[n.length - 1] as number) - (n[0] as number)) / (n.length - 1);
      }
    }
  } else {
    throw invalid(`"buckets" must be a whole number of buckets or an array of bucket edges; got ${describeValue(buckets)}`);
  }

  const minv = edges[0] as N;
  const maxv = edges[edges.length - 1] as N;
  const counts = rdd
    .mapPartitions((it) => {
      const counters = new Array<number>(edges.length).fill(0);
      for (const x of it) {
        if (isMissing(x) || order(x, maxv) > 0 || order(x, minv) < 0) continue;
        const t = even ? Math.trunc(((x as number) - (minv as number)) / inc) : bisectRight(edges, x, order) - 1;
        counters[t] = (counters[t] ?? 0) + 1;
      }
      // The last "bucket" holds values equal to the maximum: they belong to the last bucket.
      const last = counters.pop() ?? 0;
      counters[counters.length - 1] = (counters[counters.length - 1] ?? 0) + last;
      return [counters];
    })
    .reduce((a, b) => a.map((n, i) => n + (b[i] ?? 0)));
  return [edges, counts];
}

function bisectRight<N>(sorted: readonly N[], x: N, order: (a: unknown, b: unknown) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(x, sorted[mid]) < 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function invalid(message: string): TsparkError {
  return new IllegalArgumentError('ERR_INVALID_ARGUMENT', `histogram: ${message}`);
}
