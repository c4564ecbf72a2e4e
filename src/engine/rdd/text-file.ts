/**
 * `sc.textFile(path, minPartitions)`: a file or a directory of UTF-8 text, split into
 * partitions the way Hadoop's TextInputFormat does (byte ranges; a line belongs to the split in
 * which it starts), so `glom()` shows the same partitions as Spark for the same file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SourceError } from '../errors.js';

const SPLIT_SLOP = 1.1;
const LOCAL_BLOCK_SIZE = 32 * 1024 * 1024;

/** Lists the files a path names: the file itself, or a directory's files (names starting with `.` or `_` skipped, as Hadoop does). */
export function listInputFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new SourceError('ERR_PATH_NOT_FOUND', `Input path does not exist: ${path}`);
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => !n.startsWith('.') && !n.startsWith('_'))
    .sort()
    .map((n) => join(path, n))
    .filter((p) => statSync(p).isFile());
}

/** Reads the files into partitions of lines. */
export function readTextPartitions(path: string, minPartitions: number): string[][] {
  const files = listInputFiles(path).map((f) => readFileSync(f));
  const total = files.reduce((n, b) => n + b.length, 0);
  const goal = Math.floor(total / Math.max(1, minPartitions));
  const splitSize = Math.max(1, Math.min(goal, LOCAL_BLOCK_SIZE));
  const partitions: string[][] = [];
  for (const bytes of files) {
    const splits: Array<[number, number]> = [];
    let remaining = bytes.length;
    while (remaining / splitSize > SPLIT_SLOP) {
      splits.push([bytes.length - remaining, bytes.length - remaining + splitSize]);
      remaining -= splitSize;
    }
    if (remaining !== 0 || bytes.length === 0) splits.push([bytes.length - remaining, bytes.length]);
    const lines = splitLines(bytes);
    let s = 0;
    let current: string[] = [];
    partitions.push(current);
    for (const [start, text] of lines) {
      // Hadoop's reader for a split at `start` skips the line holding byte `start`, and reads one
      // line past its end: a line starting at p belongs to the split with start < p <= end.
      while (s < splits.length - 1 && start > (splits[s]?.[1] ?? Number.POSITIVE_INFINITY)) {
        s++;
        current = [];
        partitions.push(current);
      }
      current.push(text);
    }
    while (s < splits.length - 1) {
      s++;
      partitions.push([]);
    }
  }
  return partitions;
}

/** Lines with their starting byte offsets; terminators `\n`, `\r\n`, `\r`; no empty element after a final terminator. */
export function splitLines(bytes: Buffer): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x0a || c === 0x0d) {
      out.push([start, bytes.toString('utf8', start, i)]);
      if (c === 0x0d && bytes[i + 1] === 0x0a) i++;
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push([start, bytes.toString('utf8', start, bytes.length)]);
  return out;
}
