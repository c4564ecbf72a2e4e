/**
 * The `socket` source (Spark's TextSocketSourceProvider / TextSocketMicroBatchStream): connects
 * to `host:port` when the query starts, frames UTF-8 lines as Java's readLine does, and keeps
 * them until a batch commits them. Offsets are line numbers (-1 before the first line, so batch
 * 0 runs at start with no rows, as Spark's); a batch's lines are dealt round-robin over the
 * default parallelism's partitions, as Spark slices them. `includeTimestamp` adds the time each
 * line arrived (the query's clock). Not fault tolerant: Spark warns, and so does tspark.
 */
import { LineFramer } from '../../../sources/line-framing.js';
import { AnalysisException, SparkArgumentError } from '../../errors.js';
import type { DataSourceProvider, Offset, RowPartitions, StreamReadRequest, StreamSchemaRequest, StreamSource } from '../../sources/contract.js';
import type { SourceOptions } from '../../sources/options.js';
import { StringType, StructField, StructType, TimestampType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import { SocketReader } from './socket-reader.js';

const KNOWN = ['host', 'port', 'includeTimestamp', 'numPartitions'];

function schemaOf(options: SourceOptions): StructType {
  const fields = [new StructField('value', new StringType(), true)];
  if (options.getBoolean('includeTimestamp', false)) fields.push(new StructField('timestamp', new TimestampType(), true));
  return new StructType(fields);
}

function check(request: StreamSchemaRequest): { host: string; port: number } {
  const o = request.options;
  o.checkKnown('socket source', KNOWN);
  if (request.userSchema !== undefined) {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'The socket source does not support a user-specified schema.' });
  }
  const host = o.get('host');
  if (host === undefined) throw new AnalysisException('LEGACY_ANALYSIS', { message: 'Set a host to read from with option("host", ...).' });
  const portText = o.get('port');
  if (portText === undefined) throw new AnalysisException('LEGACY_ANALYSIS', { message: 'Set a port to read from with option("port", ...).' });
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `option "port" must be an integer between 0 and 65535; got ${JSON.stringify(portText)}` });
  o.getBoolean('includeTimestamp', false);
  return { host, port };
}

/** The lines of one query's socket connection. */
class SocketSource implements StreamSource {
  readonly schema: StructType;
  private readonly lines: InternalRow[] = [];
  /** Offset of `lines[0]`. */
  private base = 0;
  private reader: SocketReader | undefined;

  constructor(
    private readonly request: StreamReadRequest,
    private readonly host: string,
    private readonly port: number,
  ) {
    this.schema = schemaOf(request.options);
  }

  start(wake: () => void): Promise<void> {
    const withTs = this.schema.fields.length > 1;
    const framer = new LineFramer();
    const clock = this.request.clock;
    const add = (ls: readonly string[]): void => {
      if (ls.length === 0) return;
      const now = clock.now() * 1000;
      for (const l of ls) this.lines.push(withTs ? [l, now] : [l]);
      wake();
    };
    return new Promise((resolve, reject) => {
      let connected = false;
      this.reader = new SocketReader(this.host === 'localhost' ? '127.0.0.1' : this.host, this.port, {
        connect: () => {
          connected = true;
          resolve();
        },
        data: (chunk) => add(framer.push(chunk).lines),
        end: () => {
          add(framer.end().lines);
          this.request.warn(`TextSocketMicroBatchStream: Stream closed by ${this.host}:${this.port}`);
        },
        error: (message, wasConnected) => {
          if (!connected && !wasConnected) {
            reject(new SparkArgumentError('INVALID_ARGUMENT', { message: `java.net.ConnectException: Connection refused (${this.host}:${this.port}): ${message}. Is a server listening there? (npx tspark nc -lk ${this.port})` }));
            return;
          }
          // Spark's reader thread ends quietly on an IOException (a reset): the query keeps the
          // lines it read and goes on waiting, as it does after a close. Keep a partial last line.
          add(framer.end().lines);
        },
      });
    });
  }

  latestOffset(): Offset {
    return this.base + this.lines.length - 1;
  }

  getBatch(start: Offset | null, end: Offset): RowPartitions {
    const from = (start === null ? -1 : (start as number)) + 1;
    const to = end as number;
    if (from < this.base) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `The socket source cannot replay lines it has already committed (offset ${from}); it does not support recovery.` });
    const rows = this.lines.slice(from - this.base, to - this.base + 1);
    const n = Math.max(1, this.request.session.sparkContext.defaultParallelism);
    const slices: InternalRow[][] = Array.from({ length: n }, () => []);
    rows.forEach((r, i) => slices[i % n]!.push(r));
    return { schema: this.schema, numPartitions: n, readPartition: (i, emit) => slices[i]!.forEach((r) => emit(r.slice())) };
  }

  commit(end: Offset): void {
    const keep = (end as number) + 1 - this.base;
    if (keep > 0) {
      this.lines.splice(0, keep);
      this.base += keep;
    }
  }

  stop(): void {
    this.reader?.close();
  }

  describe(): string {
    return `TextSocketV2[host: ${this.host}, port: ${this.port}]`;
  }
}

/** The `socket` source provider. */
export const socketProvider: DataSourceProvider = {
  name: 'socket',
  aliases: ['org.apache.spark.sql.execution.streaming.sources.TextSocketSourceProvider'],
  checkOptions: (options, use) => {
    if (use !== 'readStream') throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: 'socket', operation: use === 'read' ? 'batch reads' : 'writing' });
    options.checkKnown('socket source', KNOWN);
  },
  streamSchema: (request) => {
    check(request);
    request.warn('TextSocketSourceProvider: The socket source should not be used for production applications! It does not support recovery.');
    return schemaOf(request.options);
  },
  createStreamSource: (request) => {
    const { host, port } = check(request);
    return new SocketSource(request, host, port);
  },
};
