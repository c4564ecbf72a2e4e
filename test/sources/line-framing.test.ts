import { describe, expect, it } from 'vitest';
import { Random } from '../../src/tools/feeders/random.js';
import { LineFramer, codePointBoundary, type LineFramerOptions } from '../../src/sources/line-framing.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

/** Pushes each chunk, then ends; returns every line and the summed counts. */
function frame(chunks: Uint8Array[], options?: LineFramerOptions) {
  const f = new LineFramer(options);
  const lines: string[] = [];
  let replacements = 0;
  let cutLines = 0;
  let droppedLines = 0;
  for (const r of [...chunks.map((c) => f.push(c)), f.end()]) {
    lines.push(...r.lines);
    replacements += r.replacements;
    cutLines += r.cutLines;
    droppedLines += r.droppedLines;
  }
  return { lines, replacements, cutLines, droppedLines };
}

describe('LineFramer', () => {
  const table: Array<[string, Uint8Array[], string[]]> = [
    ['splits on \\n', [enc('a b\nc\n')], ['a b', 'c']],
    ['splits on \\r\\n', [enc('a\r\nb\r\n')], ['a', 'b']],
    ['splits on a lone \\r', [enc('a\rb\r')], ['a', 'b']],
    ['keeps empty lines as empty strings', [enc('\n\na\n\n')], ['', '', 'a', '']],
    ['treats \\r\\r as two line ends', [enc('a\r\rb\n')], ['a', '', 'b']],
    ['treats \\n\\r as two line ends', [enc('a\n\rb\n')], ['a', '', 'b']],
    ['joins a line split across chunks', [enc('hel'), enc('lo wo'), enc('rld\n')], ['hello world']],
    ['joins \\r\\n split across chunks', [enc('a\r'), enc('\nb\n')], ['a', 'b']],
    ['joins \\r\\n split across chunks with empty chunk between', [enc('a\r'), enc(''), enc('\nb\n')], ['a', 'b']],
    ['ends a line at \\r at a chunk end when no \\n follows', [enc('a\r'), enc('b\n')], ['a', 'b']],
    ['delivers a final line without terminator at end', [enc('a\nlast')], ['a', 'last']],
    ['delivers nothing extra for a trailing terminator', [enc('a\n')], ['a']],
    ['delivers nothing for an empty stream', [], []],
    ['decodes a code point split across chunks', [enc('caf').slice(), bytes(0xc3), bytes(0xa9, 0x0a)], ['café']],
    ['decodes a 4-byte code point split byte by byte', [bytes(0xf0), bytes(0x9f), bytes(0x98), bytes(0x80), enc('\n')], ['😀']],
    ['keeps a genuine U+FFFD', [enc('x\uFFFDy\n')], ['x\uFFFDy']],
  ];
  for (const [name, chunks, expected] of table) {
    it(name, () => {
      const r = frame(chunks);
      expect(r.lines).toEqual(expected);
      expect(r.replacements).toBe(0);
    });
  }

  it('turns invalid UTF-8 into U+FFFD and counts each bad sequence', () => {
    const r = frame([bytes(0x61, 0xff, 0x62, 0xc3, 0x0a), bytes(0xef, 0xbf, 0xbd, 0x80, 0x0a)]);
    expect(r.lines).toEqual(['a\uFFFDb\uFFFD', '\uFFFD\uFFFD']);
    expect(r.replacements).toBe(3);
  });

  it('handles binary noise without losing the lines around it', () => {
    const noise = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 128) & 0xff).filter((b) => b !== 0x0a && b !== 0x0d);
    const r = frame([enc('before\n'), noise, enc('\nafter\n')]);
    expect(r.lines[0]).toBe('before');
    expect(r.lines[2]).toBe('after');
    expect(r.lines).toHaveLength(3);
    expect(r.replacements).toBeGreaterThan(0);
  });

  it('cuts a line longer than the limit to the limit and counts it', () => {
    const r = frame([enc('abcdefgh'), enc('ij\nok\n')], { maxLineBytes: 4 });
    expect(r.lines).toEqual(['abcd', 'ok']);
    expect(r.cutLines).toBe(1);
  });

  it('cuts a long line back to a whole code point', () => {
    const r = frame([enc('aé€x\n')], { maxLineBytes: 5 }); // a(1) é(2) €(3): 5 bytes end inside €
    expect(r.lines).toEqual(['aé']);
    expect(r.replacements).toBe(0);
  });

  it('drops a line longer than the limit with longLines "drop" and counts it', () => {
    const r = frame([enc('short\nmuch too long\nok')], { maxLineBytes: 5, longLines: 'drop' });
    expect(r.lines).toEqual(['short', 'ok']);
    expect(r.droppedLines).toBe(1);
  });

  it('cuts an unterminated long line delivered at end', () => {
    const r = frame([enc('abcdefgh')], { maxLineBytes: 3 });
    expect(r.lines).toEqual(['abc']);
    expect(r.cutLines).toBe(1);
  });

  it('keeps a line of exactly the limit whole', () => {
    const r = frame([enc('abcd\n')], { maxLineBytes: 4 });
    expect(r).toMatchObject({ lines: ['abcd'], cutLines: 0 });
  });

  it('never buffers more than the limit for a 10 MiB line', () => {
    const f = new LineFramer({ maxLineBytes: 1024 });
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let maxBuffered = 0;
    for (let i = 0; i < 160; i++) {
      expect(f.push(chunk).lines).toEqual([]);
      maxBuffered = Math.max(maxBuffered, f.bufferedBytes);
    }
    const r = f.push(enc('\nnext\n'));
    expect(maxBuffered).toBe(1024);
    expect(r.lines).toEqual(['a'.repeat(1024), 'next']);
    expect(r.cutLines).toBe(1);
  });

  it('does not alias the caller\'s chunk buffer', () => {
    const f = new LineFramer();
    const buf = enc('abc');
    f.push(buf);
    buf.fill(0x7a);
    expect(f.push(enc('\n')).lines).toEqual(['abc']);
  });

  it('rejects a bad maxLineBytes with the value received', () => {
    expect(() => new LineFramer({ maxLineBytes: 0 })).toThrow(/"maxLineBytes" must be an integer >= 1; got 0/);
  });
});

describe('codePointBoundary', () => {
  const table: Array<[number[], number]> = [
    [[0x61, 0x62], 2],
    [[0x61, 0xc3], 1],
    [[0x61, 0xc3, 0xa9], 3],
    [[0x61, 0xe2, 0x82], 1],
    [[0xf0, 0x9f, 0x98], 0],
    [[0xf0, 0x9f, 0x98, 0x80], 4],
    [[0x80, 0x80], 2],
  ];
  for (const [input, expected] of table) {
    it(`gives ${expected} for [${input.map((b) => b.toString(16)).join(' ')}]`, () => {
      expect(codePointBoundary(Uint8Array.from(input))).toBe(expected);
    });
  }
});

describe('LineFramer against a byte-by-byte reference', () => {
  /** The rules written the slow, obvious way: split the bytes, then cut or drop, then decode. */
  function reference(all: Uint8Array, max: number, policy: 'cut' | 'drop') {
    const lines: string[] = [];
    let replacements = 0;
    const dec = new TextDecoder();
    const take = (bytes: Uint8Array) => {
      if (bytes.length > max) {
        if (policy === 'drop') return;
        bytes = bytes.subarray(0, codePointBoundary(bytes.subarray(0, max)));
      }
      const line = dec.decode(bytes);
      const genuine = Buffer.from(bytes).toString('latin1').split('\xef\xbf\xbd').length - 1;
      replacements += line.split('\uFFFD').length - 1 - genuine;
      lines.push(line);
    };
    let start = 0;
    for (let i = 0; i < all.length; i++) {
      if (all[i] === 0x0a || all[i] === 0x0d) {
        take(all.subarray(start, i));
        if (all[i] === 0x0d && all[i + 1] === 0x0a) i++;
        start = i + 1;
      }
    }
    if (start < all.length) take(all.subarray(start));
    return { lines, replacements };
  }

  /** A seeded generator, so a failure can be replayed. */
  function rng(seed: number) {
    const random = new Random(seed);
    return (n: number) => random.int(n);
  }

  // Tokens: plain text, every terminator, multi-byte characters, invalid and truncated sequences, a genuine U+FFFD.
  const tokens: number[][] = [
    [0x61], [0x62, 0x63], [0x20], [0x0a], [0x0d], [0x0d, 0x0a], [0x0a, 0x0d],
    [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xff], [0x80], [0xe2, 0x82], [0xf0, 0x9f], [0xef, 0xbf, 0xbd],
  ];
  for (let seed = 1; seed <= 300; seed++) {
    it(`frames random bytes in random chunks like the reference (seed ${seed})`, () => {
      const r = rng(seed);
      const all = Uint8Array.from(Array.from({ length: r(120) }, () => (r(2) === 0 ? [0x61 + r(3)] : tokens[r(tokens.length)]!)).flat());
      const max = r(2) === 0 ? 1 + r(30) : 1024; // small limits take the line-by-line path, large ones the fast path
      const policy = r(2) === 0 ? 'cut' : 'drop';
      const f = new LineFramer({ maxLineBytes: max, longLines: policy });
      const lines: string[] = [];
      let replacements = 0;
      let at = 0;
      while (at < all.length) {
        const n = r(40);
        const res = f.push(all.subarray(at, at + n));
        lines.push(...res.lines);
        replacements += res.replacements;
        at += n;
      }
      const end = f.end();
      lines.push(...end.lines);
      replacements += end.replacements;
      const want = reference(all, max, policy);
      expect(lines).toEqual(want.lines);
      expect(replacements).toBe(want.replacements);
    });
  }
});
