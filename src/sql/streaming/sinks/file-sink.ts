/**
 * The streaming file sink (Spark's FileStreamSink) for csv, json, text and parquet: each
 * micro-batch's partitions are written with the format's writer straight into the output
 * directory (Spark's part-file names, `partitionBy` directories), then the batch's files are
 * committed in `<path>/_spark_metadata/<batchId>`; a batch the log already has is skipped, so a
 * restarted batch writes nothing twice, and readers of the directory see committed files only.
 * Append mode only; `path` and `checkpointLocation` are required (checked by the writer).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceProvider, RowPartitions, StreamSink, StreamWriteRequest } from '../../sources/contract.js';
import type { FileFormat } from '../../sources/files/file-format.js';
import { localPath, qualified } from '../../sources/files/paths.js';
import { commitSinkBatch, latestSinkBatch } from '../../sources/files/sink-log.js';
import { writeLayout, writeTask } from '../../sources/files/write-job.js';
import { sessionTimeZone } from '../../sources/files/common-options.js';

class FileStreamSink implements StreamSink {
  private readonly root: string;

  constructor(
    private readonly format: FileFormat,
    private readonly request: StreamWriteRequest,
  ) {
    this.root = localPath(request.path!);
  }

  addBatch(batchId: number, data: RowPartitions): void {
    if (batchId <= latestSinkBatch(this.root)) return; // Spark: "Skipping already committed batch"
    const { options, session } = this.request;
    const layout = writeLayout(data.schema, this.request.partitionBy);
    this.format.checkSchema?.(layout.dataSchema, 'write');
    const prepared = this.format.prepareWrite({ dataSchema: layout.dataSchema, options, session });
    const jobId = randomUUID();
    mkdirSync(this.root, { recursive: true });
    const tz = sessionTimeZone(options, session);
    const maxRecords = options.getInt('maxRecordsPerFile', Number(session.conf('spark.sql.files.maxRecordsPerFile') ?? 0), 0);
    const written: string[] = [];
    for (let p = 0; p < data.numPartitions; p++) {
      written.push(
        ...writeTask({ prepared, layout, schema: data.schema, dir: this.root, task: p, jobId, timeZone: tz, maxRecordsPerFile: maxRecords, writeEmpty: false }, (emit) =>
          data.readPartition(p, emit),
        ),
      );
    }
    commitSinkBatch(
      this.root,
      batchId,
      written.map((rel) => {
        const full = join(this.root, rel);
        const st = statSync(full);
        return { path: 'file://' + qualified(full).slice(5), size: st.size, isDir: false, modificationTime: Math.floor(st.mtimeMs), blockReplication: 1, blockSize: 33554432, action: 'add' as const };
      }),
    );
  }

  describe(): string {
    return `FileSink[${qualified(this.root)}]`;
  }
}

/** Adds the streaming file sink to a file format's provider. */
export function withFileStreamSink(provider: DataSourceProvider & { readonly format?: FileFormat }, format: FileFormat): DataSourceProvider {
  return { ...provider, createStreamSink: (request) => new FileStreamSink(format, request) };
}
