/**
 * The `console` sink (Spark's ConsoleWrite): every batch, also an empty one, prints
 * `-------------------------------------------` / `Batch: <id>` / the same line, then the batch
 * as `show(numRows, truncate)` prints it, then a blank line. Text goes to the writer the query
 * was given (the session's `out`: standard output, or above the shell's prompt).
 */
import { SparkArgumentError } from '../../errors.js';
import { showString } from '../../format/show.js';
import type { DataSourceProvider, RowPartitions, StreamSink, StreamWriteRequest } from '../../sources/contract.js';
import type { InternalRow } from '../../types/values.js';

const RULE = '-------------------------------------------';

/** A JVM-style identity hash for descriptions (`ConsoleTable$@3f8e2a1b`), stable per sink. */
export function identityHash(): string {
  return Math.floor(Math.random() * 0x7fffffff).toString(16);
}

/** Reads every partition of a micro-batch into one array of rows, partition by partition. */
export function allRows(data: RowPartitions): InternalRow[] {
  const rows: InternalRow[] = [];
  for (let i = 0; i < data.numPartitions; i++) data.readPartition(i, (r) => rows.push(r));
  return rows;
}

class ConsoleSink implements StreamSink {
  private readonly numRows: number;
  private readonly truncate: number;
  private readonly hash = identityHash();

  constructor(private readonly request: StreamWriteRequest) {
    const o = request.options;
    this.numRows = o.getInt('numRows', 20, 0);
    this.truncate = o.getBoolean('truncate', true) ? 20 : 0;
  }

  addBatch(batchId: number, data: RowPartitions): void {
    const rows = allRows(data);
    const tz = this.request.session.conf('spark.sql.session.timeZone') ?? 'UTC';
    this.request.out(`${RULE}\nBatch: ${batchId}\n${RULE}\n${showString(data.schema, rows, this.numRows, this.truncate, false, tz)}\n`);
  }

  describe(): string {
    return `org.apache.spark.sql.execution.streaming.ConsoleTable$@${this.hash}`;
  }
}

/** The `console` sink provider. */
export const consoleProvider: DataSourceProvider = {
  name: 'console',
  aliases: ['org.apache.spark.sql.execution.streaming.ConsoleSinkProvider'],
  checkOptions: (options, use) => {
    if (use !== 'writeStream') throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: 'console', operation: use === 'readStream' ? 'streamed reading' : use === 'read' ? 'batch reads' : 'batch writes' });
    options.checkKnown('console sink', ['numRows', 'truncate', 'checkpointLocation', 'queryName']);
    options.getInt('numRows', 20, 0);
    options.getBoolean('truncate', true);
  },
  createStreamSink: (request) => new ConsoleSink(request),
};

/** The `noop` sink provider: computes every batch and discards the rows. */
export const noopProvider: DataSourceProvider = {
  name: 'noop',
  aliases: ['org.apache.spark.sql.execution.datasources.noop.NoopDataSource'],
  createStreamSink: () => {
    const hash = identityHash();
    return {
      addBatch: (_id: number, data: RowPartitions) => void allRows(data),
      describe: () => `org.apache.spark.sql.execution.datasources.noop.NoopTable$@${hash}`,
    };
  },
};
