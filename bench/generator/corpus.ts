/**
 * The benchmark text: a fixed-seed Zipf word stream, built the way the reference probes built
 * it (shared/reference/performance.md, appendix), so every run and every peer reads the same
 * bytes. Pure functions only; the TCP server that serves it lives in `server.ts`.
 */

/** The reference's PRNG: mulberry32, a 32-bit state that returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How to build a corpus; the defaults are the reference's 100 MB stream. */
export interface CorpusOptions {
  /** Upper bound on the corpus size in bytes; whole lines only. */
  readonly maxBytes: number;
  readonly seed?: number;
  /** Number of distinct words to draw from (10,000 in the reference). */
  readonly vocabulary?: number;
  /** Zipf exponent (1 in the reference). */
  readonly zipfS?: number;
}

/** A built corpus: the bytes and the exact totals a correct consumer must count. */
export interface Corpus {
  readonly bytes: Buffer;
  readonly lines: number;
  readonly words: number;
  /** Order-independent fingerprint of the word counts; see {@link countsFingerprint}. */
  readonly fingerprint: number;
  /** Byte offset just after each line's newline, so a prefix of whole lines can be measured. */
  readonly lineEnds: Uint32Array;
  /** Words in lines [0, i] at index i. */
  readonly wordsThrough: Uint32Array;
}

/** The reference's 100 MB stream: 100 MiB upper bound. */
export const HUNDRED_MB = 100 * 1024 * 1024;

/** FNV-1a over a word's UTF-16 code units (the words are ASCII). */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * An order-independent fingerprint of word counts: the sum of hash(word) × count modulo 2^32.
 * Equal totals with a wrong word split or a lost word give a different fingerprint.
 */
export function countsFingerprint(counts: Iterable<readonly [string, number]>): number {
  let f = 0;
  for (const [w, n] of counts) f = (f + Math.imul(wordHash(w), n)) >>> 0;
  return f;
}

/**
 * Builds the vocabulary: `size` distinct random lowercase words of 2–9 letters, in first-draw
 * order (a repeated draw is discarded, which is what reproduces the reference's exact totals).
 */
export function buildVocabulary(rand: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const len = 2 + Math.floor(rand() * 8);
    let w = '';
    for (let j = 0; j < len; j++) w += String.fromCharCode(97 + Math.floor(rand() * 26));
    words.add(w);
  }
  return [...words];
}

/** Builds the corpus: lines of 4–8 Zipf-drawn words, appended while they fit in `maxBytes`. */
export function buildCorpus(options: CorpusOptions): Corpus {
  const rand = mulberry32(options.seed ?? 12345);
  const vocab = buildVocabulary(rand, options.vocabulary ?? 10_000);
  const s = options.zipfS ?? 1;
  const cdf = new Float64Array(vocab.length);
  let acc = 0;
  for (let i = 0; i < vocab.length; i++) {
    acc += 1 / Math.pow(i + 1, s);
    cdf[i] = acc;
  }
  const pick = (): number => {
    const x = rand() * acc;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const vocabBytes = vocab.map((w) => Buffer.from(w, 'latin1'));
  const counts = new Uint32Array(vocab.length);
  const buf = Buffer.allocUnsafe(options.maxBytes);
  const ends: number[] = [];
  const through: number[] = [];
  let pos = 0;
  let words = 0;
  const line: number[] = [];
  for (;;) {
    const n = 4 + Math.floor(rand() * 5);
    line.length = 0;
    let len = 0;
    for (let i = 0; i < n; i++) {
      const k = pick();
      line.push(k);
      len += vocabBytes[k]!.length + 1;
    }
    if (pos + len > options.maxBytes) break;
    for (let i = 0; i < n; i++) {
      const k = line[i]!;
      pos += vocabBytes[k]!.copy(buf, pos);
      buf[pos++] = i === n - 1 ? 10 : 32;
      counts[k]!++;
    }
    words += n;
    ends.push(pos);
    through.push(words);
  }
  const byWord = new Map<string, number>();
  for (let k = 0; k < vocab.length; k++) if (counts[k]! > 0) byWord.set(vocab[k]!, counts[k]!);
  return {
    bytes: buf.subarray(0, pos),
    lines: ends.length,
    words,
    fingerprint: countsFingerprint(byWord),
    lineEnds: Uint32Array.from(ends),
    wordsThrough: Uint32Array.from(through),
  };
}
