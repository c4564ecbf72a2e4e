/**
 * Records of a direct stream, as pyspark makes them: each record's key and value go through a
 * decoder (`keyDecoder`, `valueDecoder`; UTF-8 text by default, `null` for a missing key), and
 * `messageHandler` turns the decoded message with its metadata into the stream's element
 * (by default the pair `[key, value]`). Bytes that are not valid UTF-8 become U+FFFD and are
 * counted, so the stream can say so once instead of failing the batch (pyspark's decoder would).
 */
import { isUtf8 } from 'node:buffer';

/** Turns a record's key or value bytes (null when absent) into a value. */
export type Decoder<T> = (bytes: Uint8Array | null) => T;

/** A decoded message with where it came from, as pyspark's `KafkaMessageAndMetadata`. */
export interface MessageAndMetadata<K, V> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** The record's timestamp, ms since the epoch. */
  readonly timestamp: number;
  readonly key: K;
  readonly message: V;
}

/** pyspark's `utf8_decoder`: the bytes as UTF-8 text, null for null; invalid sequences become U+FFFD. */
export function utf8Decoder(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Decodes records into stream elements, counting invalid UTF-8 met by the default decoders. */
export class RecordDecoder {
  /** Records whose key or value was not valid UTF-8 (default decoders only), since the last `take`. */
  private invalid = 0;
  /** The first such record since the last `take`, for the message. */
  private firstInvalid: { topic: string; partition: number; offset: number } | undefined;
  /** The decoded key of the record last decoded (state that follows partitions needs each record's key). */
  lastKey: unknown;

  constructor(
    private readonly keyDecoder: Decoder<unknown> | undefined,
    private readonly valueDecoder: Decoder<unknown> | undefined,
    private readonly messageHandler: ((m: MessageAndMetadata<unknown, unknown>) => unknown) | undefined,
  ) {}

  /** The element for one record; throws what a user decoder or handler throws. */
  decode(topic: string, partition: number, offset: number, key: Buffer | null, value: Buffer | null, timestamp: number): unknown {
    const k = this.keyDecoder ? this.keyDecoder(key) : this.text(key, topic, partition, offset);
    this.lastKey = k;
    const v = this.valueDecoder ? this.valueDecoder(value) : this.text(value, topic, partition, offset);
    if (this.messageHandler) return this.messageHandler({ topic, partition, offset, timestamp, key: k, message: v });
    return [k, v];
  }

  private text(b: Buffer | null, topic: string, partition: number, offset: number): string | null {
    if (b === null) return null;
    const s = b.toString('utf8');
    // Decoding never fails; a U+FFFD in the result is either genuine or a replacement: only then look closer.
    if (s.includes('\uFFFD') && !isUtf8(b)) {
      this.invalid++;
      this.firstInvalid ??= { topic, partition, offset };
    }
    return s;
  }

  /** The invalid-UTF-8 count and first place since the last call, and resets them. */
  take(): { count: number; first: { topic: string; partition: number; offset: number } | undefined } {
    const out = { count: this.invalid, first: this.firstInvalid };
    this.invalid = 0;
    this.firstInvalid = undefined;
    return out;
  }
}
