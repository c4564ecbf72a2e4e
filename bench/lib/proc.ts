/**
 * Child processes for the harness: the generator (started once per benchmark, ended by closing
 * its stdin) and the consumers (one fresh process per run, whose report line is parsed and whose
 * process tree's resident memory is sampled, so a JVM under a Python driver is counted too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { REPORT_PREFIX, type ConsumerReport } from './report.js';

/** The generator's announced plan: where to connect and what a correct consumer counts. */
export interface GeneratorPlan {
  readonly port: number;
  readonly bytes: number;
  readonly lines: number;
  readonly words: number;
  readonly fingerprint: number;
}

/** A running generator process. */
export interface Generator {
  readonly plan: GeneratorPlan;
  /** Epoch ms of each accepted connection, in order. */
  readonly accepted: number[];
  /** Epoch ms at which each connection's last byte was handed to the socket, in order. */
  readonly served: number[];
  /** Lets the next connection be served (with `--armed`); resolves once the generator has taken it. */
  arm(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the generator with `args` and resolves once it listens and has announced its plan. */
export function startGenerator(script: string, args: readonly string[]): Promise<Generator> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const accepted: number[] = [];
  const served: number[] = [];
  const armWaiters: (() => void)[] = [];
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`generator exited with code ${String(code)} before it was ready`)));
    rl.on('line', (line) => {
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (!isRecord(msg)) return;
      if (msg['event'] === 'accepted' && typeof msg['atMs'] === 'number') accepted.push(msg['atMs']);
      if (msg['event'] === 'served' && typeof msg['atMs'] === 'number') served.push(msg['atMs']);
      if (msg['event'] === 'armed') armWaiters.shift()?.();
      if (msg['event'] === 'ready') {
        const plan: GeneratorPlan = {
          port: num(msg, 'port'),
          bytes: num(msg, 'bytes'),
          lines: num(msg, 'lines'),
          words: num(msg, 'words'),
          fingerprint: num(msg, 'fingerprint'),
        };
        resolve({ plan, accepted, served, arm: () =>
            new Promise<void>((res) => {
              armWaiters.push(res);
              child.stdin!.write('arm\n');
            }), stop: () => endChild(child) });
      }
    });
  });
}

/** What one consumer run gave: its report (if it printed one), the tree's sampled peak RSS, its output. */
export interface ConsumerRun {
  readonly report: ConsumerReport | undefined;
  /** Peak over 100 ms samples of the summed RSS of the process and its descendants, in MB. */
  readonly treePeakRssMB: number;
  readonly wallMs: number;
  readonly exitCode: number | null;
  readonly stderrTail: string;
  readonly timedOut: boolean;
}

/** Runs one consumer to completion (or `timeoutMs`), sampling its tree's memory as it goes. */
export function runConsumer(
  command: string,
  args: readonly string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string; sampleTree?: boolean },
): Promise<ConsumerRun> {
  const t0 = performance.now();
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
    detached: true,
  });
  let report: ConsumerReport | undefined;
  let stderr = '';
  let peak = 0;
  let timedOut = false;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const i = line.indexOf(REPORT_PREFIX);
    if (i >= 0) report = JSON.parse(line.slice(i + REPORT_PREFIX.length)) as ConsumerReport;
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  // Node consumers report their own kernel high-water mark; sampling is for trees (Python + JVM).
  const sampler = setInterval(() => {
    if (options.sampleTree && child.pid !== undefined) peak = Math.max(peak, treeRssMB(child.pid));
  }, 100);
  const killer = setTimeout(() => {
    timedOut = true;
    killTree(child);
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      // A consumer that leaves children behind (a JVM) must not outlive its run.
      killTree(child);
      resolve({
        report,
        treePeakRssMB: peak,
        wallMs: performance.now() - t0,
        exitCode: code,
        stderrTail: stderr,
        timedOut,
      });
    });
  });
}

/** Summed VmRSS of `pid` and its descendants, in MB (0 where /proc is not readable). */
export function treeRssMB(pid: number): number {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) / 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // The command name may hold spaces and parentheses; fields resume after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // Gone already.
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    // The consumer was started detached, so its process group holds exactly its own tree.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function endChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin?.end();
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function num(msg: Record<string, unknown>, key: string): number {
  const v = msg[key];
  if (typeof v !== 'number') throw new Error(`generator's ready line has no numeric "${key}"`);
  return v;
}
