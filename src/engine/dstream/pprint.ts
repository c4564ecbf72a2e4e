/**
 * `pprint(num)`: prints the first `num` elements of every batch in pyspark's shape: a line of
 * dashes, `Time: …`, dashes, the elements, `...` when there are more, and a blank line.
 */
import { check, wholeNumber } from '../checks.js';
import { formatBatchTime, formatRecord } from '../format.js';
import { addOutput } from './output.js';
import type { StreamNode } from './stream-node.js';

/** Registers the pprint output of `stream`. */
export function pprint<T>(stream: StreamNode<T>, num = 10): void {
  check('pprint', 'num', num, wholeNumber);
  const runtime = stream.runtime;
  addOutput(stream, 'pprint', (time, rdd) => {
    const taken = rdd.take(num + 1);
    runtime.out(formatPprint(time, taken, num, runtime.colors));
  });
}

/** The pprint block for one batch, exactly pyspark's shape. */
export function formatPprint(time: number, taken: readonly unknown[], num: number, colors = false): string {
  const dashes = '-'.repeat(43);
  let s = `${dashes}\nTime: ${formatBatchTime(time)}\n${dashes}\n`;
  for (const record of taken.slice(0, num)) s += formatRecord(record, colors) + '\n';
  if (taken.length > num) s += '...\n';
  return s + '\n';
}
