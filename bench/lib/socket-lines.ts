/**
 * The peers' ingestion path: a loopback TCP connection read as UTF-8 text and cut into lines
 * with a carried remainder (`(carry + chunk).split('\n')`), the fastest line reader measured in
 * the reference (§2.1: 13–18× the word-count floor), so the peers are not held back by I/O.
 */
import net from 'node:net';

/** Callbacks of {@link readLines}. */
export interface LineHandlers {
  /** Complete lines of one chunk; the array is the callee's. */
  lines(lines: string[]): void;
  /** The stream ended; the last unterminated line, if any, was already delivered. */
  end(): void;
}

/** Connects to 127.0.0.1:`port` and delivers lines per chunk; resolves with the connect time (epoch ms). */
export function readLines(port: number, on: LineHandlers): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.setEncoding('utf8');
    let carry = '';
    sock.once('connect', () => resolve(Date.now()));
    sock.once('error', reject);
    sock.on('data', (chunk: string) => {
      const parts = (carry + chunk).split('\n');
      carry = parts.pop()!;
      on.lines(parts);
    });
    sock.on('end', () => {
      if (carry) on.lines([carry]);
      carry = '';
      on.end();
    });
  });
}
