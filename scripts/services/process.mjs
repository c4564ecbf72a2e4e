// Processes: start a server detached with its output in a log, find free ports, stop a server and
// its children by PID, run helper commands without letting them write to our stdout.
import { spawn, execFile } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync, existsSync, statSync, accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** True when a process with this PID exists (zombies count as gone). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  const stat = readStat(pid);
  return stat === undefined || stat.state !== 'Z';
}

/** The kernel's start time of a process (clock ticks since boot), or undefined off Linux. */
export function processStartTime(pid) {
  return readStat(pid)?.startTime;
}

/** Resident set size of a process and its descendants in KiB (from /proc), or undefined. */
export function treeRssKiB(pid) {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      // gone meanwhile
    }
  }
  return total || undefined;
}

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]), startTime: rest[19] };
  } catch {
    return undefined;
  }
}

/** All descendants of a process, found through /proc (children before grandchildren). */
export function descendants(pid) {
  if (!existsSync('/proc')) return [];
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    if (!children.has(stat.ppid)) children.set(stat.ppid, []);
    children.get(stat.ppid).push(Number(entry));
  }
  const out = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/**
 * Stops a server: `signal` to its main process (which shuts its own children down, as the
 * postmaster does), then SIGKILL to it, its process group and its descendants if any of them is
 * left after `graceMs`. Resolves when all are gone, with 'stopped' or 'killed'.
 */
export async function stopTree(pid, { signal = 'SIGTERM', graceMs = 20_000 } = {}) {
  const family = [pid, ...descendants(pid)];
  const leadsGroup = readStat(pid)?.pgrp === pid;
  trySignal(pid, signal);
  const deadline = Date.now() + graceMs;
  while (family.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!family.some(isAlive)) return 'stopped';
  if (leadsGroup) trySignal(-pid, 'SIGKILL');
  for (const p of family) trySignal(p, 'SIGKILL');
  while (family.some(isAlive)) await new Promise((r) => setTimeout(r, 50));
  return 'killed';
}

function trySignal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Starts a long-running server detached (own session), stdout and stderr appended to `log`. */
export function spawnDetached(cmd, args, { log, cwd, env } = {}) {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Helper commands running now (Maven, pip, initdb …), so an interrupted start can end them. */
const helpers = new Set();

/** Ends the helper commands still running (used when the script itself is interrupted). */
export function killHelpers() {
  for (const child of helpers) trySignal(child.pid, 'SIGTERM');
}

/**
 * Runs a helper command to completion, capturing its output (never our stdout, which carries
 * only the NAME=address line). Rejects with the command's output when it fails.
 */
export function run(cmd, args, { cwd, env, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { cwd, env: env ?? process.env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      helpers.delete(child);
      if (err) {
        const out = `${stdout}${stderr}`.trim().split('\n').slice(-25).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} failed (${err.code ?? err.signal}):\n${out}`));
      } else resolve({ stdout, stderr });
    });
    helpers.add(child);
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The first executable named `name` on PATH or in `extraDirs`, or undefined. */
export function which(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      if (statSync(path).isFile()) {
        accessSync(path, constants.X_OK);
        return path;
      }
    } catch {
      // not there, or not executable
    }
  }
  return undefined;
}

/** The last `lines` lines of a log file, for error messages. */
export function tail(path, lines = 20) {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
