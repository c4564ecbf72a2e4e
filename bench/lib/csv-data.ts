/**
 * The generated CSV of the CSV benchmarks: `id,key,value,ts,flag` rows (deterministic), written
 * once per size into a cache directory under the OS temp dir and reused by later runs, so a
 * 1 GB file costs its generation only the first time.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The user schema the CSV benchmarks read the file with (DDL). */
export const CSV_SCHEMA = 'id BIGINT, key STRING, value DOUBLE, ts TIMESTAMP, flag BOOLEAN';

/** Writes ~`targetBytes` of rows to `path`; returns the number of rows. */
export function generateCsv(path: string, targetBytes: number): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let id = 0;
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const header = 'id,key,value,ts,flag\n';
  writeSync(fd, header);
  bytes += header.length;
  // The timestamp advances one second per row: the date part is formatted once per day and the
  // time of day from the seconds, so generating 1 GB does not cost a Date per row.
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
  let day = -1;
  let datePart = '';
  while (bytes < targetBytes) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      id++;
      const key = `k${Math.floor(rnd() * 1000)}`;
      const milli = Math.floor(rnd() * 1_000_000);
      const value = `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`;
      const sec = 1_600_000_000 + id;
      const d = Math.floor(sec / 86400);
      if (d !== day) {
        day = d;
        datePart = new Date(d * 86_400_000).toISOString().slice(0, 10);
      }
      const s = sec - d * 86400;
      const ts = `${datePart} ${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
      lines.push(`${id},${key},${value},${ts},${rnd() < 0.5 ? 'true' : 'false'}`);
    }
    const chunk = lines.join('\n') + '\n';
    writeSync(fd, chunk);
    bytes += chunk.length;
  }
  closeSync(fd);
  return id;
}

/** The cached CSV of ~`mb` MiB (generated when missing): its path, size in MiB and number of data rows. */
export function cachedCsv(mb: number, log: (m: string) => void): { path: string; mib: number; rows: number } {
  const dir = join(tmpdir(), 'tspark-bench-cache');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `rows-${mb}mb.csv`);
  const rowsFile = `${path}.rows`;
  if (!existsSync(path) || !existsSync(rowsFile)) {
    log(`generating ${path} (~${mb} MiB, once)`);
    const tmp = `${path}.${process.pid}.tmp`;
    const rows = generateCsv(tmp, mb * 1048576);
    renameSync(tmp, path);
    writeFileSync(rowsFile, String(rows));
  }
  return { path, mib: statSync(path).size / 1048576, rows: Number(readFileSync(rowsFile, 'utf8')) };
}
