/**
 * What the direct stream says about its records, in one place: offsets deleted by retention
 * before they were read (Spark's OffsetOutOfRange, with what to do), and records whose bytes
 * are not UTF-8 (with the decoder option that reads them as they are).
 */
import { SourceError } from '../../engine/errors.js';
import type { Range } from './plan.js';

/** The batch error for records of `l` deleted by retention before the stream read them. */
export function lostRecordsError(l: Range): SourceError {
  const n = l.until - l.from;
  return new SourceError(
    'ERR_KAFKA_OFFSET_OUT_OF_RANGE',
    `Offsets out of range: ${l.topic}-${l.partition} offsets ${l.from} to ${l.until} (${n} record${n === 1 ? '' : 's'}) were deleted by retention before this stream read them; ` +
      `reading goes on from offset ${l.until}. Read faster (more partitions or processes, a shorter batch) or keep data longer (the topic's retention.ms)`,
  );
}

/** The warning for `count` records that were not valid UTF-8, naming the first. */
export function notUtf8Warning(count: number, first: { readonly topic: string; readonly partition: number; readonly offset: number }): string {
  return (
    `${count} record${count === 1 ? '' : 's'} with bytes that are not valid UTF-8 (first: ${first.topic}-${first.partition} offset ${first.offset}); ` +
    'they became "\uFFFD" in the text. Pass a valueDecoder (and keyDecoder) to read other formats, e.g. { valueDecoder: (b) => b }'
  );
}
