/**
 * `tspark nc -lk` with clients that stop reading: the rate of the one client that reads, alone
 * and next to 1 or 10 clients that never read, and nc's peak resident memory.
 *
 * Not a timed test: it prints a table. nc is the built CLI (a real process), fed a file of
 * lines on its standard input; every client is a real loopback socket. A client that never
 * reads is connected before the reader, so it is there from the first line on. Each run stops
 * after `--limit` seconds even if the reader is stuck (as it was before slow clients were
 * dropped), and reports what arrived by then.
 *
 * Run: npm run build && node dist/bench/nc-slow-client.js [--lines 2000000] [--limit 20]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../bin/tspark.js');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return a && typeof a === 'object' ? a.port : 0;
}

async function connect(port: number, read: boolean): Promise<net.Socket> {
  for (;;) {
    const s = net.connect(port, '127.0.0.1');
    if (!read) s.pause();
    const ok = await new Promise<boolean>((r) => {
      s.once('connect', () => r(true));
      s.once('error', () => r(false));
    });
    if (ok) {
      s.on('error', () => undefined);
      return s;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

interface Result {
  readonly stalled: number;
  readonly lines: number;
  readonly seconds: number;
  readonly linesPerSec: number;
  readonly peakRssMB: number;
  readonly dropped: number;
}

async function run(file: string, totalLines: number, stalledCount: number, limitS: number): Promise<Result> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'nc', '-lk', String(port)], { stdio: [openSync(file, 'r'), 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(child.pid ?? 0))), 20);
  const stalled: net.Socket[] = [];
  for (let i = 0; i < stalledCount; i++) stalled.push(await connect(port, false));
  const reader = await connect(port, true);
  let lines = 0;
  let first = 0;
  let last = 0;
  reader.on('data', (d: Buffer) => {
    last = performance.now();
    if (first === 0) first = last;
    for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
  });
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, limitS * 1000);
    reader.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    // Every line arrived: the rate is measured to here, not to nc's exit.
    const check = setInterval(() => {
      if (lines >= totalLines) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 10);
    reader.on('close', () => clearInterval(check));
  });
  const end = lines >= totalLines ? last : performance.now();
  clearInterval(sampler);
  for (const s of stalled) s.destroy();
  reader.destroy();
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const seconds = (end - (first || start)) / 1000;
  return {
    stalled: stalledCount,
    lines,
    seconds,
    linesPerSec: seconds > 0 ? lines / seconds : 0,
    peakRssMB: peak / 1024,
    dropped: err.split('\n').filter((l) => l.includes('stopped reading')).length,
  };
}

async function main(): Promise<void> {
  const totalLines = arg('lines', 2_000_000);
  const limitS = arg('limit', 20);
  const dir = mkdtempSync(path.join(tmpdir(), 'tspark-nc-bench-'));
  const file = path.join(dir, 'lines.txt');
  const line = 'the quick brown fox jumps over the lazy dog 0123\n';
  writeFileSync(file, line.repeat(totalLines));
  console.log(`tspark nc -lk, ${totalLines} lines of ${line.length} bytes from a file; one reading client; ${limitS} s limit per run`);
  console.log('stalled clients | lines read | seconds | lines/s of the reader | nc peak RSS MB | drop messages');
  try {
    for (const stalled of [0, 1, 10]) {
      const r = await run(file, totalLines, stalled, limitS);
      console.log(
        `${String(r.stalled).padStart(15)} | ${String(r.lines).padStart(10)} | ${r.seconds.toFixed(2).padStart(7)} | ${Math.round(r.linesPerSec).toLocaleString('en-US').padStart(21)} | ${r.peakRssMB.toFixed(0).padStart(14)} | ${r.dropped}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
