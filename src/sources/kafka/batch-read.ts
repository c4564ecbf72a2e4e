/**
 * Reading one batch's offset ranges: every record is decoded once, kept for the batch's RDD
 * (unless only the aggregations' map side needs it), handed to that map side as it arrives,
 * and, in a consumer group, its key noted with its partition (keyed state must know which
 * partition a key belongs to). A decoder that throws stops the keeping, not the fetch: the
 * error fails the batch's jobs, reported once, while the positions still move past the range.
 */
import { groupingKey } from '../../engine/keys.js';
import type { RecordDecoder } from './decode.js';
import type { EagerBatch } from './eager.js';
import type { Range } from './plan.js';
import type { PartitionReader, TopicMeta } from './reader.js';

/** What a batch read. */
export interface BatchRead {
  /** The decoded records of each range, in the ranges' order. */
  readonly parts: unknown[][];
  /** Partition of each record key (grouping key), -1 for a key seen on two partitions; only when asked for. */
  readonly keys: Map<unknown, number> | undefined;
  readonly count: number;
  /** What the decoder threw, if it did. */
  readonly error: unknown;
}

/** How a batch's records are handled as they arrive. */
export interface BatchReadOptions {
  readonly decoder: RecordDecoder;
  /** The aggregations' map side of this batch, if the stream has one. */
  readonly eager: EagerBatch | undefined;
  /** Keep the records for the batch's RDD (false when the map side is all that reads them). */
  readonly keepRaw: boolean;
  /** Note each record key's partition (consumer groups with keyed state). */
  readonly withKeys: boolean;
}

/** Fetches `ranges` (each `[from, until)`) and handles every record as `o` says; rejects when the fetch itself fails. */
export async function readRanges(reader: PartitionReader, meta: ReadonlyMap<string, TopicMeta>, ranges: readonly Range[], o: BatchReadOptions): Promise<BatchRead> {
  const parts: unknown[][] = ranges.map(() => []);
  const keys = o.withKeys ? new Map<unknown, number>() : undefined;
  const { decoder, eager, keepRaw } = o;
  let error: unknown;
  let count = 0;
  const open = ranges.map((r, i) => [r, i] as const).filter(([r]) => r.until > r.from);
  await reader.fetch(
    open.map(([r]) => r),
    meta,
    (j, offset, key, value, timestamp) => {
      const at = open[j];
      if (!at || error !== undefined) return;
      const [r, i] = at;
      try {
        const x = decoder.decode(r.topic, r.partition, offset, key, value, timestamp);
        if (keepRaw) parts[i]?.push(x);
        eager?.push(i, x);
        count++;
        if (keys) {
          const g = groupingKey(decoder.lastKey);
          const seen = keys.get(g);
          keys.set(g, seen === undefined || seen === r.partition ? r.partition : -1);
        }
      } catch (e) {
        error = e;
        eager?.fail(e);
      }
    },
  );
  return { parts, keys, count, error };
}
