/**
 * The benchmark generator: a separate process acting like `nc -lk PORT` fed with a file. It
 * listens on 127.0.0.1 (port 0 unless `--port`), prints one JSON "ready" line with the port and
 * the exact totals a correct consumer must count, then serves every connection:
 *
 * - `--mode full`: the whole corpus (default the reference's 100 MB Zipf stream) in 64 KiB
 *   writes honouring backpressure, then closes.
 * - `--mode rate --rate MBps --seconds D`: open loop. Every 10 ms it owes `rate × elapsed`
 *   bytes, cycling over a 16 MiB corpus block; at most four ticks' worth sit in the socket and
 *   the rest waits at the generator, so a slow consumer sees growing latency, not a slower
 *   sender. Ends at the first line end at or after `rate × D` bytes, then closes.
 * - `--mode stamped --lps N --seconds D`: N lines a second, each prefixed with the epoch-ms
 *   send time (for latency), taken from the corpus lines.
 *
 * Per connection it prints `{"event":"accepted"}` and `{"event":"served"}` lines with epoch ms.
 *
 * With `--armed`, a connection is served only after the harness wrote `arm` on stdin, once per
 * `arm`; other connections are closed at once. Spark's socket receiver reconnects after a stream
 * ends, and must not read the stream twice in one run.
 */
import net from 'node:net';
import { Args } from '../lib/args.js';
import { buildCorpus, countsFingerprint, HUNDRED_MB, type Corpus } from './corpus.js';

const args = new Args();
const mode = args.str('mode', 'full');
const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const TICK_MS = 10;

/** What the consumers must find, announced before any connection. */
interface Plan {
  readonly bytes: number;
  readonly lines: number;
  readonly words: number;
  readonly fingerprint: number;
}

function corpusOf(maxBytes: number): Corpus {
  return buildCorpus({
    maxBytes,
    seed: args.num('seed', 12345),
    vocabulary: args.num('vocab', 10_000),
    zipfS: args.num('zipf', 1),
  });
}

/** Exact totals of the first `bytes` (rounded up to a line end) of the corpus repeated forever. */
function cyclicPlan(c: Corpus, bytes: number): Plan & { readonly endOffset: number } {
  const total = c.bytes.length;
  const cycles = Math.floor(bytes / total);
  let rest = bytes - cycles * total;
  // The first line end at or after `rest`; the consumer always gets whole lines.
  let lo = 0;
  let hi = c.lineEnds.length - 1;
  if (rest === 0) {
    lo = -1;
  } else {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c.lineEnds[mid]! < rest) lo = mid + 1;
      else hi = mid;
    }
  }
  rest = lo < 0 ? 0 : c.lineEnds[lo]!;
  const prefixCounts = new Map<string, number>();
  for (const w of c.bytes.subarray(0, rest).toString('latin1').split(/[ \n]/)) {
    if (w) prefixCounts.set(w, (prefixCounts.get(w) ?? 0) + 1);
  }
  const prefixFp = countsFingerprint(prefixCounts);
  return {
    bytes: cycles * total + rest,
    lines: cycles * c.lines + (lo < 0 ? 0 : lo + 1),
    words: cycles * c.words + (lo < 0 ? 0 : c.wordsThrough[lo]!),
    fingerprint: (Math.imul(c.fingerprint, cycles) + prefixFp) >>> 0,
    endOffset: cycles * total + rest,
  };
}

function announce(port: number, plan: Plan): void {
  process.stdout.write(`${JSON.stringify({ event: 'ready', port, mode, ...plan })}\n`);
}

function log(event: string, extra: Record<string, number> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, atMs: Date.now(), ...extra })}\n`);
}

/** Writes `buf` from `offset` in 64 KiB pieces while the socket accepts them; resolves at the end. */
function writeAll(sock: net.Socket, buf: Buffer): Promise<void> {
  return new Promise((resolve) => {
    let off = 0;
    const pump = (): void => {
      while (off < buf.length) {
        const piece = buf.subarray(off, Math.min(buf.length, off + CHUNK));
        off += piece.length;
        if (!sock.write(piece)) {
          sock.once('drain', pump);
          return;
        }
      }
      resolve();
    };
    pump();
  });
}

function serveFull(c: Corpus, sock: net.Socket): Promise<number> {
  return writeAll(sock, c.bytes).then(() => c.bytes.length);
}

function serveRate(c: Corpus, sock: net.Socket, endOffset: number): Promise<number> {
  const rate = args.num('rate') * MB;
  const perTick = (rate * TICK_MS) / 1000;
  const start = Date.now();
  let sent = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const owed = Math.min(endOffset, Math.floor((rate * (Date.now() - start)) / 1000));
      // Open loop: what the socket cannot take now waits here, and is owed all the more later.
      while (sent < owed && sock.writableLength < 4 * perTick) {
        const pos = sent % c.bytes.length;
        const n = Math.min(owed - sent, c.bytes.length - pos, CHUNK);
        sock.write(c.bytes.subarray(pos, pos + n));
        sent += n;
      }
      if (sent >= endOffset) {
        clearInterval(timer);
        resolve(sent);
      }
    }, TICK_MS);
    sock.once('close', () => {
      clearInterval(timer);
      resolve(sent);
    });
  });
}

function serveStamped(lines: readonly string[], sock: net.Socket, total: number): Promise<number> {
  const lps = args.num('lps');
  // Idle first (`--delay-ms`), so the consumer's first batches are empty: B6's fixed overhead.
  const start = Date.now() + args.num('delay-ms', 0);
  let sent = 0;
  let bytes = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const owed = Math.min(total, Math.max(0, Math.floor((lps * (Date.now() - start)) / 1000)));
      let text = '';
      const now = Date.now();
      for (; sent < owed; sent++) text += `${now} ${lines[sent % lines.length]!}\n`;
      if (text) {
        bytes += Buffer.byteLength(text);
        sock.write(text);
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve(bytes);
      }
    }, TICK_MS);
    sock.once('close', () => {
      clearInterval(timer);
      resolve(bytes);
    });
  });
}

function main(): void {
  let serve: (sock: net.Socket) => Promise<number>;
  let plan: Plan;
  if (mode === 'full') {
    const c = corpusOf(Math.round(args.num('mb', 100) * MB) || HUNDRED_MB);
    plan = { bytes: c.bytes.length, lines: c.lines, words: c.words, fingerprint: c.fingerprint };
    serve = (sock) => serveFull(c, sock);
  } else if (mode === 'rate') {
    const c = corpusOf(Math.round(args.num('block-mb', 16) * MB));
    const p = cyclicPlan(c, Math.round(args.num('rate') * MB * args.num('seconds')));
    plan = p;
    serve = (sock) => serveRate(c, sock, p.endOffset);
  } else if (mode === 'stamped') {
    const c = corpusOf(4 * MB);
    const lines = c.bytes.toString('latin1').split('\n', 100_000);
    const total = Math.round(args.num('lps') * args.num('seconds'));
    // Words per stamped line: the timestamp token plus the corpus line's words.
    const counts = new Map<string, number>();
    let words = 0;
    for (let i = 0; i < total; i++) {
      for (const w of lines[i % lines.length]!.split(' ')) {
        counts.set(w, (counts.get(w) ?? 0) + 1);
        words++;
      }
    }
    plan = { bytes: 0, lines: total, words, fingerprint: countsFingerprint(counts) };
    serve = (sock) => serveStamped(lines, sock, total);
  } else {
    throw new Error(`--mode must be one of full, rate, stamped; got ${JSON.stringify(mode)}`);
  }
  let conn = 0;
  const gated = args.flag('armed');
  let armed = 0;
  const server = net.createServer((sock) => {
    if (gated) {
      if (armed === 0) {
        sock.on('error', () => undefined);
        sock.destroy();
        return;
      }
      armed--;
    }
    const id = ++conn;
    sock.setNoDelay(true);
    sock.on('error', () => undefined);
    log('accepted', { conn: id });
    void serve(sock).then((bytes) => {
      sock.end();
      log('served', { conn: id, bytes });
    });
  });
  server.listen(args.num('port', 0), '127.0.0.1', () => {
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('generator: no TCP address');
    announce(addr.port, plan);
  });
  // The harness ends the generator by closing its stdin, so an orphan never outlives a run.
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => {
    for (const cmd of d.split('\n')) {
      if (cmd.trim() !== 'arm') continue;
      armed = 1;
      log('armed');
    }
  });
  process.stdin.on('end', () => process.exit(0));
}

main();
