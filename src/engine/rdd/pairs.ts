/**
 * The one rule of pair operations: a record is a `[key, value]` pair, a 2-element array (a
 * pyspark tuple). pyspark fails the job when a record is not one ("cannot unpack non-iterable
 * int object"); so does tspark, naming the operator and showing the record, instead of reading
 * `kv[0]` of a number as `undefined`. The classic cause is a Python tuple typed literally:
 * `words.map(w => (w, 1))` is JavaScript's comma operator and gives `1`.
 *
 * The check is one `Array.isArray` and one length read per record, in the loops that already
 * read `kv[0]`.
 */
import { describeValue } from '../checks.js';
import { DataError } from '../errors.js';

/** Longest rendering of the offending record in the message. */
const SHOWN = 200;

/** The error for `record` reaching `operator` when it is not a `[key, value]` pair. */
export function notAPair(operator: string, record: unknown): DataError {
  let shown = describeValue(record);
  if (shown.length > SHOWN) shown = `${shown.slice(0, SHOWN)}…`;
  const what = Array.isArray(record) ? `${shown} (an array of ${record.length})` : shown;
  const hint = Array.isArray(record)
    ? 'keep exactly two elements, e.g. map(r => [r[0], r.slice(1)])'
    : 'write a pair as [key, value], e.g. map(w => [w, 1]); (w, 1) is JavaScript\'s comma operator and gives only its last value';
  return new DataError('ERR_NOT_A_PAIR', `${operator}: every record must be a [key, value] pair (an array of two); got ${what}. To fix it, ${hint}`);
}

/** Throws {@link notAPair} unless `record` is a 2-element array. */
export function checkPair(operator: string, record: unknown): void {
  if (!Array.isArray(record) || record.length !== 2) throw notAPair(operator, record);
}
