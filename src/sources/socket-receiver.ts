/**
 * `socketTextStream(hostname, port)`: a TCP client, as in Spark, that reads UTF-8 text lines from
 * a server such as `nc -lk 9999` or `tspark nc -lk 9999`.
 *
 * Spark's behaviour kept here: it connects as a client; a refused connection or a server that
 * goes away makes it retry every 2 s (`spark.streaming.receiverRestartDelay`) for as long as the
 * context runs; lines end in `\n`, `\r\n` or `\r`; invalid UTF-8 becomes U+FFFD; a final line
 * without terminator is delivered when the connection closes; `maxRate` caps records per second
 * like `spark.streaming.receiver.maxRate`.
 *
 * Friendlier than Spark: each state change is said once in plain words (not a stack trace every
 * 2 s), bad input is counted and reported without a flood, and memory stays bounded: while the
 * engine is behind (`sink.backpressured`) or the rate cap is reached, the socket stops reading,
 * so TCP pushes back on the sender instead of lines piling up here.
 */
import net from 'node:net';
import type { Cancel } from '../engine/clock.js';
import { OptionReader, check, integerIn, nonEmptyString, oneOf, positiveInteger, rule } from '../engine/checks.js';
import type { Receiver, ReceiverSink } from '../engine/source.js';
import { DEFAULT_MAX_LINE_BYTES, LineFramer, formatBytes, type FramedLines, type LongLinePolicy } from './line-framing.js';
import { WarningThrottle } from './warning-throttle.js';

/** Options of `socketTextStream` beyond Spark's (hostname, port). */
export interface SocketTextStreamOptions {
  /** Longest line kept whole, in bytes (default 1 MiB). */
  maxLineBytes?: number;
  /** A longer line is `'cut'` to its first `maxLineBytes` bytes (default) or `'drop'`ped. */
  longLines?: LongLinePolicy;
  /** At most this many records per second (a whole number), like `spark.streaming.receiver.maxRate` (default: no cap). */
  maxRate?: number;
}

const MAX_LINE_BYTES = rule('an integer >= 1', positiveInteger.test);
const LONG_LINES = oneOf<LongLinePolicy>('cut', 'drop');
const MAX_RATE = rule('a whole number of records per second >= 1', positiveInteger.test);

/** Delay between connection attempts: Spark's `spark.streaming.receiverRestartDelay`. */
export const RETRY_DELAY_MS = 2000;

/** Shortest gap between two reports of the same kind of bad input. */
const WARNING_QUIET_MS = 10_000;

type Phase = 'idle' | 'connecting' | 'connected' | 'retrying' | 'stopped';

/**
 * The receiver behind `ssc.socketTextStream(host, port)`.
 *
 * @example
 * const lines = ssc.receiverStream(new SocketReceiver('localhost', 9999));
 */
export class SocketReceiver implements Receiver<string> {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  private readonly maxLineBytes: number;
  private readonly longLines: LongLinePolicy;
  private readonly maxRate: number | undefined;

  private sink: ReceiverSink<string> | undefined;
  private warnings: WarningThrottle | undefined;
  private socket: net.Socket | undefined;
  private framer: LineFramer;
  private phase: Phase = 'idle';
  private everConnected = false;
  private retryCancel: Cancel | undefined;
  /** True while waiting for `sink.onResume`. */
  private waitingForEngine = false;
  /** Lines held back by the rate cap (at most one socket chunk's worth: reading pauses). */
  private rateQueue: string[] = [];
  private rateWindowStart = -1;
  private rateUsed = 0;
  private rateCancel: Cancel | undefined;
  private linesReceived = 0;

  constructor(hostname: string, port: number, options: SocketTextStreamOptions = {}) {
    check('socketTextStream', 'hostname', hostname, nonEmptyString('a non-empty string such as "localhost"'));
    check('socketTextStream', 'port', port, integerIn(1, 65535, 'an integer from 1 to 65535, e.g. 9999'));
    const o = new OptionReader<SocketTextStreamOptions>('socketTextStream', options);
    const maxLineBytes = o.get('maxLineBytes', MAX_LINE_BYTES) ?? DEFAULT_MAX_LINE_BYTES;
    const longLines = o.get('longLines', LONG_LINES) ?? 'cut';
    // A whole number, as Spark's spark.streaming.receiver.maxRate (a Long).
    const maxRate = o.get('maxRate', MAX_RATE);
    o.done();
    this.host = hostname;
    this.port = port;
    this.maxLineBytes = maxLineBytes;
    this.longLines = longLines;
    this.maxRate = maxRate;
    this.name = `socketTextStream ${hostname}:${port}`;
    this.framer = this.newFramer();
  }

  start(sink: ReceiverSink<string>): void {
    if (this.phase !== 'idle') return;
    this.sink = sink;
    this.warnings = new WarningThrottle(sink.clock, WARNING_QUIET_MS, (m) => sink.warn(m));
    this.phase = 'connecting';
    sink.status('connecting', `connecting to ${this.where}`);
    this.connect();
  }

  stop(): Promise<void> {
    const wasRunning = this.phase !== 'idle' && this.phase !== 'stopped';
    this.phase = 'stopped';
    this.retryCancel?.();
    this.retryCancel = undefined;
    this.rateCancel?.();
    this.rateCancel = undefined;
    const socket = this.socket;
    this.socket = undefined;
    const closed =
      socket && !socket.destroyed
        ? new Promise<void>((resolve) => {
            socket.once('close', () => resolve());
            socket.destroy();
          })
        : Promise.resolve();
    return closed.then(() => {
      if (!wasRunning || !this.sink) return;
      // Nothing received is lost: the partial last line and lines held by the rate cap go in now.
      this.storeNow([...this.rateQueue, ...this.finishLine()]);
      this.rateQueue = [];
      this.warnings?.flush();
      const n = this.linesReceived;
      this.sink.status('stopped', `stopped receiving from ${this.where} (${n} line${n === 1 ? '' : 's'} received)`);
    });
  }

  private get where(): string {
    return `${this.host}:${this.port}`;
  }

  private newFramer(): LineFramer {
    return new LineFramer({ maxLineBytes: this.maxLineBytes, longLines: this.longLines });
  }

  private connect(): void {
    this.retryCancel = undefined;
    if (this.phase === 'stopped') return;
    const socket = net.connect({ host: this.host, port: this.port });
    this.socket = socket;
    let connected = false;
    let failure: NodeJS.ErrnoException | undefined;
    socket.on('connect', () => {
      if (this.socket !== socket) return;
      connected = true;
      const again = this.everConnected;
      this.everConnected = true;
      this.phase = 'connected';
      this.sink?.status('connected', again ? `reconnected to ${this.where}` : `connected to ${this.where}`);
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      this.take(this.framer.push(chunk));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      failure = err;
    });
    socket.on('close', () => {
      if (this.socket !== socket) return; // stop() took it over
      this.socket = undefined;
      if (connected) {
        // A partial last line counts once the connection is gone: the sender will not finish it.
        this.take(this.framer.end());
        this.warnings?.flush();
      }
      this.framer = this.newFramer();
      this.scheduleRetry(connected, failure);
    });
  }

  private scheduleRetry(wasConnected: boolean, failure: NodeJS.ErrnoException | undefined): void {
    if (this.phase === 'stopped' || !this.sink) return;
    if (wasConnected) {
      const why = failure ? `the connection failed (${failure.code ?? failure.message})` : 'the server closed the connection';
      this.sink.status(
        'retrying',
        `lost ${this.where}: ${why}; the ${this.linesReceived} line${this.linesReceived === 1 ? '' : 's'} received so far ${this.linesReceived === 1 ? 'is' : 'are'} kept; retrying every ${RETRY_DELAY_MS / 1000} s`,
      );
    } else if (this.phase !== 'retrying') {
      this.sink.status('retrying', this.cannotConnectMessage(failure));
    }
    this.phase = 'retrying';
    const clock = this.sink.clock;
    this.retryCancel = clock.schedule(clock.now() + RETRY_DELAY_MS, () => this.connect());
  }

  private cannotConnectMessage(failure: NodeJS.ErrnoException | undefined): string {
    const every = `retrying every ${RETRY_DELAY_MS / 1000} s`;
    if (failure?.code === 'ENOTFOUND' || failure?.code === 'EAI_AGAIN') {
      return `cannot find host "${this.host}", ${every} — check the hostname (for this machine use "localhost")`;
    }
    const reason = failure?.code && failure.code !== 'ECONNREFUSED' ? ` (${failure.code})` : '';
    return `cannot connect to ${this.where}${reason}, ${every} — is \`nc -lk ${this.port}\` (or \`npx tspark nc -lk ${this.port}\`) running?`;
  }

  /** Hands framed lines on (through the rate cap, if any) and reports bad input. */
  private take(framed: FramedLines): void {
    this.reportBadInput(framed);
    if (framed.lines.length === 0) return;
    if (this.maxRate === undefined) {
      this.storeNow(framed.lines);
    } else {
      for (const line of framed.lines) this.rateQueue.push(line);
      this.releaseByRate();
    }
    this.updateFlow();
  }

  private storeNow(lines: string[]): void {
    if (lines.length === 0 || !this.sink) return;
    this.linesReceived += lines.length;
    this.sink.store(lines);
  }

  private finishLine(): string[] {
    const framed = this.framer.end();
    this.reportBadInput(framed);
    return framed.lines;
  }

  /** Stores as many queued lines as this second's budget allows; schedules the rest for the next second. */
  private releaseByRate(): void {
    if (!this.sink || this.maxRate === undefined || this.phase === 'stopped') return;
    const clock = this.sink.clock;
    const windowStart = Math.floor(clock.now() / 1000) * 1000;
    if (windowStart !== this.rateWindowStart) {
      this.rateWindowStart = windowStart;
      this.rateUsed = 0;
    }
    const budget = Math.max(0, this.maxRate - this.rateUsed);
    const batch = this.rateQueue.splice(0, budget);
    this.rateUsed += batch.length;
    this.storeNow(batch);
    if (this.rateQueue.length > 0 && !this.rateCancel) {
      this.rateCancel = clock.schedule(windowStart + 1000, () => {
        this.rateCancel = undefined;
        this.releaseByRate();
        this.updateFlow();
      });
    }
  }

  /** Pauses reading while the engine is behind or the rate cap holds lines; resumes otherwise. */
  private updateFlow(): void {
    const sink = this.sink;
    const socket = this.socket;
    if (!sink) return;
    if (sink.backpressured && !this.waitingForEngine) {
      this.waitingForEngine = true;
      sink.warn(`batches are falling behind: reading from ${this.where} is paused until they catch up (nothing is lost; the sender waits)`);
      sink.onResume(() => {
        this.waitingForEngine = false;
        this.updateFlow();
      });
    }
    if (!socket) return;
    const hold = this.waitingForEngine || this.rateQueue.length > 0;
    if (hold && !socket.isPaused()) socket.pause();
    else if (!hold && socket.isPaused()) socket.resume();
  }

  private reportBadInput(framed: FramedLines): void {
    const w = this.warnings;
    if (!w) return;
    const from = this.where;
    const limit = formatBytes(this.maxLineBytes);
    w.report('utf8', framed.replacements, (n) =>
      `${from} sent ${n} byte sequence${n === 1 ? '' : 's'} that ${n === 1 ? 'is' : 'are'} not valid UTF-8; ${n === 1 ? 'it became' : 'they became'} "\uFFFD" in the lines (send UTF-8 text)`,
    );
    w.report('cut', framed.cutLines, (n) =>
      `${n} line${n === 1 ? '' : 's'} from ${from} longer than ${limit} ${n === 1 ? 'was' : 'were'} cut to ${limit}; raise the "maxLineBytes" option of socketTextStream to keep longer lines`,
    );
    w.report('drop', framed.droppedLines, (n) =>
      `${n} line${n === 1 ? '' : 's'} from ${from} longer than ${limit} ${n === 1 ? 'was' : 'were'} dropped (longLines: "drop"); raise the "maxLineBytes" option of socketTextStream to keep longer lines`,
    );
  }
}
