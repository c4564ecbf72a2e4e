/**
 * A query's checkpoint directory, laid out as Spark's: `metadata` (`{"id":"…"}`, the query id
 * kept across restarts), `offsets/<batch>` (written before a batch runs: `v1`, the batch's
 * watermark, timestamp and the confs that must not change, then one offset per source, `-`
 * for none), `commits/<batch>` (written after the sink committed: `v1`,
 * `{"nextBatchWatermarkMs":…}`), `sources/<n>/` (each source's own log) and `state/<op>/`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Offset } from '../../sources/contract.js';
import { MetadataLog, writeAtomically } from './metadata-log.js';

/** The first line of an offsets entry after the version. */
export interface OffsetSeqMetadata {
  readonly batchWatermarkMs: number;
  readonly batchTimestampMs: number;
  readonly conf: Readonly<Record<string, string>>;
}

/** One offsets entry: the metadata and each source's end offset (undefined: the source had none yet). */
export interface OffsetSeq {
  readonly metadata: OffsetSeqMetadata;
  readonly offsets: ReadonlyArray<Offset | undefined>;
}

/** One commits entry. */
export interface CommitMetadata {
  readonly nextBatchWatermarkMs: number;
}

/**
 * The confs Spark records in every offsets entry (OffsetSeqMetadata.relevantSQLConfs), with the
 * values tspark runs with; a restart takes them from the log, not from the session.
 */
export const RELEVANT_CONFS: ReadonlyArray<readonly [string, string]> = [
  ['spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan', 'false'],
  ['spark.sql.shuffle.partitions', '200'],
  ['spark.sql.streaming.aggregation.stateFormatVersion', '2'],
  ['spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion', '2'],
  ['spark.sql.streaming.join.stateFormatVersion', '2'],
  ['spark.sql.streaming.multipleWatermarkPolicy', 'min'],
  ['spark.sql.streaming.stateStore.compression.codec', 'lz4'],
  ['spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider'],
  ['spark.sql.streaming.stateStore.rocksdb.formatVersion', '5'],
  ['spark.sql.streaming.statefulOperator.useStrictDistribution', 'true'],
];

const offsetCodec = {
  version: 1,
  encode: (s: OffsetSeq) => [JSON.stringify(s.metadata), ...s.offsets.map((o) => (o === undefined ? '-' : JSON.stringify(o)))].join('\n'),
  decode: (text: string): OffsetSeq => {
    const lines = text.split('\n');
    const metadata = JSON.parse(lines[0]!) as OffsetSeqMetadata;
    return { metadata, offsets: lines.slice(1).map((l) => (l.trim() === '-' || l.trim() === '' ? undefined : (JSON.parse(l) as Offset))) };
  },
};

const commitCodec = {
  version: 1,
  encode: (c: CommitMetadata) => JSON.stringify(c),
  decode: (text: string) => JSON.parse(text) as CommitMetadata,
};

/** The checkpoint of one query. */
export class Checkpoint {
  readonly offsets: MetadataLog<OffsetSeq>;
  readonly commits: MetadataLog<CommitMetadata>;

  constructor(readonly dir: string) {
    this.offsets = new MetadataLog(join(dir, 'offsets'), offsetCodec);
    this.commits = new MetadataLog(join(dir, 'commits'), commitCodec);
  }

  /** The query id stored in `metadata`, written (a new one) if absent. */
  queryId(): string {
    const file = join(this.dir, 'metadata');
    if (existsSync(file)) {
      const meta = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
      if (typeof meta.id === 'string') return meta.id;
    }
    const id = randomUUID();
    mkdirSync(this.dir, { recursive: true });
    writeAtomically(file, JSON.stringify({ id }));
    return id;
  }

  /** `sources/<n>`. */
  sourceDir(n: number): string {
    return join(this.dir, 'sources', String(n));
  }

  /** `state/<operatorId>`. */
  stateDir(operatorId: number): string {
    return join(this.dir, 'state', String(operatorId));
  }
}
