/**
 * `sc.textFile(path, minPartitions)` and `sc.wholeTextFiles(path, minPartitions)`: UTF-8 text
 * files named as Spark names them (a file, a directory of part files, a glob, a comma list,
 * `file://`; see sources/input-paths.ts). textFile splits files into partitions the way
 * Hadoop's TextInputFormat does (byte ranges; a line belongs to the split in which it starts),
 * so `glom()` shows the same partitions as Spark for the same file.
 *
 * Files are read in chunks, never as one string, so a file larger than a JavaScript string
 * (512 MiB) is read whole, line by line.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { listInputFiles } from '../../sources/input-paths.js';

const SPLIT_SLOP = 1.1;
const LOCAL_BLOCK_SIZE = 32 * 1024 * 1024;
const CHUNK = 8 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/** Reads the files `path` names into partitions of lines. */
export function readTextPartitions(path: string, minPartitions: number): string[][] {
  const files = listInputFiles('textFile', path).map((f) => ({ file: f, size: statSync(f).size }));
  const total = files.reduce((n, f) => n + f.size, 0);
  const goal = Math.floor(total / Math.max(1, minPartitions));
  const splitSize = Math.max(1, Math.min(goal, LOCAL_BLOCK_SIZE));
  const partitions: string[][] = [];
  for (const { file, size } of files) {
    const ends: number[] = [];
    let remaining = size;
    while (remaining / splitSize > SPLIT_SLOP) {
      ends.push(size - remaining + splitSize);
      remaining -= splitSize;
    }
    if (remaining !== 0 || size === 0) ends.push(size);
    let s = 0;
    let current: string[] = [];
    partitions.push(current);
    for (const [start, text] of fileLines(file)) {
      // Hadoop's reader for a split at `start` skips the line holding byte `start`, and reads one
      // line past its end: a line starting at p belongs to the split with start < p <= end.
      while (s < ends.length - 1 && start > (ends[s] ?? Number.POSITIVE_INFINITY)) {
        s++;
        current = [];
        partitions.push(current);
      }
      current.push(text);
    }
    while (s < ends.length - 1) {
      s++;
      partitions.push([]);
    }
  }
  return partitions;
}

/**
 * `wholeTextFiles`: one `[file:/path, content]` pair per file, files packed into partitions of
 * about `total / minPartitions` bytes in path order (Spark packs by block location, so its
 * partition boundaries may differ).
 */
export function readWholeFiles(path: string, minPartitions: number): Array<Array<[string, string]>> {
  const files = listInputFiles('wholeTextFiles', path).map((f) => ({ file: f, size: statSync(f).size }));
  const total = files.reduce((n, f) => n + f.size, 0);
  const maxSplit = Math.ceil(total / Math.max(1, minPartitions));
  const partitions: Array<Array<[string, string]>> = [];
  let current: Array<[string, string]> = [];
  let bytes = 0;
  for (const { file, size } of files) {
    current.push([`file:${file}`, readFileSync(file, 'utf8')]);
    bytes += size;
    if (bytes >= maxSplit) {
      partitions.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0 || partitions.length === 0) partitions.push(current);
  return partitions;
}

/**
 * The lines of a file with their starting byte offsets, read in chunks; terminators `\n`,
 * `\r\n`, `\r`; no empty element after a final terminator.
 */
export function* fileLines(file: string): Generator<[number, string]> {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, size)));
    let pos = 0;
    let lineStart = 0;
    let carry: Buffer[] = [];
    let skipLF = false;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      const base = pos;
      pos += n;
      let s = 0;
      if (skipLF) {
        skipLF = false;
        if (chunk[0] === LF) {
          s = 1;
          lineStart = base + 1;
        }
      }
      const hasCR = chunk.indexOf(CR, s) >= 0;
      let i = s;
      for (;;) {
        // Without \r in the chunk, indexOf finds each \n natively.
        const t = hasCR ? nextTerminator(chunk, i) : chunk.indexOf(LF, i);
        if (t < 0) break;
        const bytes = carry.length > 0 ? Buffer.concat([...carry, chunk.subarray(s, t)]) : chunk.subarray(s, t);
        yield [lineStart, bytes.toString('utf8')];
        carry = [];
        i = t + 1;
        if (chunk[t] === CR) {
          if (t + 1 < n) {
            if (chunk[t + 1] === LF) i++;
          } else skipLF = true;
        }
        s = i;
        lineStart = base + s;
      }
      // The rest is the start of a line that ends in a later chunk (buf is reused: copy it).
      if (s < n) carry.push(Buffer.from(chunk.subarray(s)));
    }
    if (carry.length > 0) yield [lineStart, Buffer.concat(carry).toString('utf8')];
  } finally {
    closeSync(fd);
  }
}

function nextTerminator(chunk: Buffer, from: number): number {
  for (let i = from; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === LF || c === CR) return i;
  }
  return -1;
}
