/**
 * Where the mqtt source keeps the messages it received until their micro-batch is committed,
 * as Bahir's `LocalMessageStore`: a message gets the next offset (0, 1, 2 …) and is appended to
 * `messages.log` before the broker is acknowledged (PUBACK), so a QoS 1 message is either in the
 * store or still the broker's to deliver again. `commit(end)` drops what a batch consumed and
 * records the committed offset in `committed.json`; a restarted query finds the uncommitted
 * messages of its last batch and the offsets keep counting. A process that dies loses nothing
 * acknowledged; the log is not fsynced, so a machine crash may.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One received message. */
export interface StoredMessage {
  readonly offset: number;
  /** The MQTT packet id (0 for QoS 0), Bahir's `id` column. */
  readonly id: number;
  readonly topic: string;
  readonly payload: Uint8Array;
  /** Arrival time, microseconds since the epoch. */
  readonly timestamp: number;
  readonly qos: number;
}

/** The messages between the last committed offset and the newest, on disk or (persistence "memory") in memory only. */
export class MessageStore {
  private messages: StoredMessage[] = [];
  private committedOffset = -1;
  private fd: number | undefined;

  private constructor(private readonly dir: string | undefined) {}

  /** Opens the store in `dir` (created if needed), or a memory-only one; `clean` drops what a previous run kept. */
  static open(dir: string | undefined, clean: boolean): MessageStore {
    const store = new MessageStore(dir);
    if (dir === undefined) return store;
    mkdirSync(dir, { recursive: true });
    if (clean) {
      rmSync(join(dir, 'messages.log'), { force: true });
      rmSync(join(dir, 'committed.json'), { force: true });
    }
    store.load();
    store.fd = openSync(join(dir, 'messages.log'), 'a');
    return store;
  }

  /** The newest offset, -1 when no message was ever received. */
  get lastOffset(): number {
    const last = this.messages[this.messages.length - 1];
    return last === undefined ? this.committedOffset : last.offset;
  }

  /** The last committed offset (-1: none). */
  get committed(): number {
    return this.committedOffset;
  }

  /** Keeps a message under the next offset (on disk before this returns) and returns it. */
  append(m: Omit<StoredMessage, 'offset'>): StoredMessage {
    const stored: StoredMessage = { ...m, offset: this.lastOffset + 1 };
    if (this.fd !== undefined) writeSync(this.fd, encode(stored));
    this.messages.push(stored);
    return stored;
  }

  /**
   * True when a message not yet committed has this packet id, topic and payload: a QoS 1
   * message the broker sends again (DUP) because its acknowledgement never reached it (the
   * connection ended between our store and the PUBACK) is then already here. The broker hands
   * out packet ids in turn, so another message with the same id, topic and payload among the
   * uncommitted ones would take some 65,000 messages in between.
   */
  holds(m: Pick<StoredMessage, 'id' | 'topic' | 'payload'>): boolean {
    return this.messages.some((x) => x.id === m.id && x.topic === m.topic && sameBytes(x.payload, m.payload));
  }

  /** The messages after `start` up to `end` (inclusive); throws when some were committed already or never received. */
  range(start: number, end: number): StoredMessage[] {
    const first = this.messages[0];
    if (end <= start) return [];
    if (first === undefined || first.offset > start + 1 || this.lastOffset < end) {
      throw new Error(`the mqtt source no longer has messages ${start + 1}..${end} (it keeps ${first?.offset ?? this.lastOffset + 1}..${this.lastOffset}); were they committed by another query with the same checkpoint?`);
    }
    return this.messages.slice(start + 1 - first.offset, end + 1 - first.offset);
  }

  /** Everything up to `end` is processed: forget it (on disk too). */
  commit(end: number): void {
    if (end <= this.committedOffset) return;
    this.committedOffset = end;
    this.messages = this.messages.filter((m) => m.offset > end);
    if (this.dir === undefined) return;
    writeAtomically(join(this.dir, 'committed.json'), JSON.stringify({ offset: end }));
    if (this.fd !== undefined) closeSync(this.fd);
    writeAtomically(join(this.dir, 'messages.log'), Buffer.concat(this.messages.map(encode)));
    this.fd = openSync(join(this.dir, 'messages.log'), 'a');
  }

  /** Closes the log file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private load(): void {
    const dir = this.dir as string;
    const committedFile = join(dir, 'committed.json');
    if (existsSync(committedFile)) this.committedOffset = (JSON.parse(readFileSync(committedFile, 'utf8')) as { offset: number }).offset;
    const logFile = join(dir, 'messages.log');
    if (!existsSync(logFile)) return;
    const log = readFileSync(logFile);
    let at = 0;
    // A record cut short by a crash was never acknowledged: the broker sends that message again.
    while (at + HEADER <= log.length) {
      const length = log.readUInt32LE(at);
      if (length < HEADER || at + length > log.length) break;
      const m = decode(log.subarray(at, at + length));
      at += length;
      if (m.offset > this.committedOffset && m.offset === this.lastOffset + 1) this.messages.push(m);
    }
    // Cut the partial record off, or the records appended after it could not be read back.
    if (at < log.length) truncateSync(logFile, at);
  }
}

/** Record layout: length u32, offset f64, id u32, timestamp f64, qos u8, topic length u16, topic, payload. */
const HEADER = 4 + 8 + 4 + 8 + 1 + 2;

function encode(m: StoredMessage): Buffer {
  const topicLength = Buffer.byteLength(m.topic);
  const b = Buffer.allocUnsafe(HEADER + topicLength + m.payload.byteLength);
  b.writeUInt32LE(b.length, 0);
  b.writeDoubleLE(m.offset, 4);
  b.writeUInt32LE(m.id, 12);
  b.writeDoubleLE(m.timestamp, 16);
  b.writeUInt8(m.qos, 24);
  b.writeUInt16LE(topicLength, 25);
  b.write(m.topic, HEADER, 'utf8');
  b.set(m.payload, HEADER + topicLength);
  return b;
}

function decode(b: Buffer): StoredMessage {
  const topicLength = b.readUInt16LE(25);
  return {
    offset: b.readDoubleLE(4),
    id: b.readUInt32LE(12),
    timestamp: b.readDoubleLE(16),
    qos: b.readUInt8(24),
    topic: b.toString('utf8', HEADER, HEADER + topicLength),
    payload: new Uint8Array(b.subarray(HEADER + topicLength)),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function writeAtomically(file: string, text: string | Uint8Array): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
