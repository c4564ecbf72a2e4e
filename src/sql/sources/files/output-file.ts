/**
 * One output file written in bounded memory: text is buffered and flushed every MiB; with
 * gzip, each flush is one gzip member (a file of several members is valid gzip, read whole by
 * gunzip, Java's `GZIPInputStream` and Spark).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const FLUSH_CHARS = 1 << 20;

/** A text file being written. */
export class OutputFile {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;

  constructor(
    readonly path: string,
    private readonly gzip = false,
  ) {
    this.fd = openSync(path, 'wx');
  }

  /** Appends text. */
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_CHARS) this.flush();
  }

  /** Appends raw bytes (binary formats). */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    writeSync(this.fd, bytes);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const bytes = Buffer.from(text, 'utf8');
    writeSync(this.fd, this.gzip ? gzipSync(bytes) : bytes);
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
