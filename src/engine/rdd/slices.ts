/**
 * How a collection is cut into partitions. `parallelize` cuts as pyspark does: the list is
 * first grouped into batches of `min(len / n, 1024)` elements (pyspark's serializer batches),
 * and the batches are then cut as Spark's ParallelCollectionRDD cuts a sequence, so
 * `parallelize(range(10), 4)` is `[[0, 1], [2, 3], [4, 5], [6, 7, 8, 9]]` there and here.
 */

/** pyspark's batch size for `parallelize`: `max(1, min(len // n, 1024))`. */
const MAX_BATCH = 1024;

/** Cuts `data` into `n` slices as Spark's ParallelCollectionRDD does (`[i*len/n, (i+1)*len/n)`). */
export function slices<T>(data: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < n; i++) {
    out.push(data.slice(Math.floor((i * data.length) / n), Math.floor(((i + 1) * data.length) / n)));
  }
  return out;
}

/** Cuts `data` into `n` partitions as `pyspark`'s `sc.parallelize(data, n)`: batches, then Spark's slices of the batches. */
export function parallelizeSlices<T>(data: readonly T[], n: number): T[][] {
  const batch = Math.max(1, Math.min(Math.floor(data.length / n), MAX_BATCH));
  const batches = Math.ceil(data.length / batch);
  const out: T[][] = [];
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * batches) / n) * batch;
    const to = Math.min(Math.floor(((i + 1) * batches) / n) * batch, data.length);
    out.push(data.slice(from, to));
  }
  return out;
}

/**
 * The partitions of `sc.range(start, end, step, n)` as pyspark makes them: partition `i` holds
 * `range(start + floor(i * size / n) * step, …)`, each computed when read.
 */
export function rangeBounds(start: number, step: number, size: number, n: number): Array<[number, number]> {
  const at = (split: number): number => start + Math.trunc((split * size) / n) * step;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) out.push([at(i), at(i + 1)]);
  return out;
}
