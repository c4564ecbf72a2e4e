// start / stop / restart / status of one service, common to all of them: the lock, the PID file
// and state record, idempotence, port retries, and the one NAME=address line.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, processStartTime, stopTree, treeRssKiB } from './process.mjs';
import { PortTakenError } from './ready.mjs';
import { knownServices, pidFile, readState, removeState, serviceDir, stateAlive, withLock, writeState } from './state.mjs';
import kafka from './kafka.mjs';
import mosquitto from './mosquitto.mjs';
import postgres from './postgres.mjs';
import redis from './redis.mjs';
import sparkConnect from './spark-connect.mjs';
import sparkCluster from './spark-cluster.mjs';
import sparkConnectCluster from './spark-connect-cluster.mjs';

/** Every service the script knows, by name. */
export const SERVICES = new Map([kafka, postgres, redis, mosquitto, sparkConnect, sparkCluster, sparkConnectCluster].map((s) => [s.name, s]));

/** The one stdout line of a started service: `ENV_VAR=address`. */
export const lineOf = (svc, address) => `${svc.envVar}=${address}`;

/** The service named `name`, or an Error listing the names there are. */
export function serviceNamed(name) {
  const svc = SERVICES.get(name);
  if (!svc) throw new UsageError(`unknown service ${JSON.stringify(name)}; known: ${[...SERVICES.keys()].join(', ')}`);
  return svc;
}

/** A mistake in the command line (exit code 2). */
export class UsageError extends Error {}

const say = (msg) => process.stderr.write(`${msg}\n`);

/** The server process a start is bringing up right now (to be killed if the start is interrupted). */
let starting;

/** Kills the server of an interrupted start (its PID file stays; the next start or stop cleans up). */
export async function abortStart() {
  if (starting) await stopTree(starting, { signal: 'SIGKILL', graceMs: 2000 });
}

/**
 * Starts `name` unless it already runs and answers; resolves with its address line. Idempotent,
 * and safe to call from parallel processes (one of them starts it, the others wait and reuse it).
 */
export async function start(name) {
  const svc = serviceNamed(name);
  // Services this one runs on (the cluster under its Connect server) start first, each idempotently.
  for (const dep of svc.requires ?? []) await start(dep);
  return withLock(name, async () => {
    const current = readState(name);
    if (current && stateAlive(current)) {
      try {
        await svc.probe(current);
        say(`${name}: already running (PID ${current.pid})`);
        return current.line;
      } catch (err) {
        say(`${name}: PID ${current.pid} runs but does not answer (${err.message}); restarting it`);
        await stopTree(current.pid, { signal: svc.stopSignal, graceMs: svc.stopGraceMs ?? 10_000 });
      }
    }
    if (current) removeState(name, current);
    return launch(svc, undefined);
  });
}

/** Stops `name` gracefully and starts it again on the same port with the same data. */
export function restart(name) {
  const svc = serviceNamed(name);
  return withLock(name, async () => {
    const current = readState(name);
    if (!current) throw new UsageError(`${name} is not running; start it with: node scripts/services.mjs start ${name}`);
    if (stateAlive(current)) await stopTree(current.pid, { signal: svc.stopSignal, graceMs: svc.stopGraceMs ?? 10_000 });
    rmSync(pidFile(name), { force: true });
    return launch(svc, current);
  });
}

async function launch(svc, previous) {
  const dir = serviceDir(svc.name);
  mkdirSync(dir, { recursive: true });
  const log = join(dir, `${svc.name}.log`);
  for (let attempt = 1; ; attempt++) {
    const port = previous?.port ?? (await freePort());
    const t0 = performance.now();
    say(`${svc.name}: starting on 127.0.0.1:${port}${previous ? ' (restart, same data)' : ''}`);
    // The PID is recorded as soon as the process exists, so a start that is interrupted leaves a
    // PID file that the next start or stop finds.
    let tracked;
    const track = (pid) => {
      tracked = pid;
      starting = pid;
      writeState(svc.name, { ...(previous ?? {}), name: svc.name, pid, startTime: processStartTime(pid), port, log, starting: true });
    };
    let started;
    try {
      started = await svc.start({ dir, log, port, track, deps: dependencies(svc), previous: previous?.extra && { ...previous.extra, port } });
    } catch (err) {
      // Never leave a half-started server behind.
      if (tracked) await stopTree(tracked, { signal: 'SIGKILL', graceMs: 2000 });
      starting = undefined;
      rmSync(pidFile(svc.name), { force: true });
      if (err instanceof PortTakenError && !previous && attempt < 3) {
        say(`${svc.name}: port ${port} was taken meanwhile; trying another`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        continue;
      }
      throw err;
    }
    starting = undefined;
    const readyMs = Math.round(performance.now() - t0);
    const state = {
      name: svc.name,
      pid: started.pid,
      startTime: processStartTime(started.pid),
      port,
      address: started.address,
      line: lineOf(svc, started.address),
      owner: process.env.TSPARK_SERVICES_OWNER || undefined,
      startedAt: new Date().toISOString(),
      readyMs,
      log: started.extra?.log ?? log,
      externalDirs: started.extra?.externalDirs,
      extra: { ...(previous?.extra ?? {}), ...(started.extra ?? {}) },
    };
    writeState(svc.name, state);
    say(`${svc.name}: ready in ${(readyMs / 1000).toFixed(1)} s (PID ${started.pid}, state in ${dir})`);
    return state.line;
  }
}

/** The state records of the services `svc` requires (started by `start` before it). */
function dependencies(svc) {
  const deps = {};
  for (const dep of svc.requires ?? []) {
    const state = readState(dep);
    if (!state || !stateAlive(state)) throw new Error(`${svc.name} needs ${dep}, which is not running; start it with: node scripts/services.mjs start ${dep}`);
    deps[dep] = state;
  }
  return deps;
}

/** Stops `name` by its PID (and its children) and removes its state; a no-op when not running. */
export function stop(name) {
  const svc = serviceNamed(name);
  return withLock(name, async () => {
    const current = readState(name);
    if (!current) {
      say(`${name}: not running`);
      return;
    }
    if (stateAlive(current)) {
      const how = await stopTree(current.pid, { signal: svc.stopSignal, graceMs: svc.stopGraceMs ?? 10_000 });
      say(`${name}: ${how} (PID ${current.pid})`);
    } else say(`${name}: PID ${current.pid} was already gone; removing its state`);
    removeState(name, current);
  });
}

/** Every service with state, with whether its process is alive, its line, owner and RSS. */
export function status() {
  return knownServices().map((name) => {
    const s = readState(name);
    const running = stateAlive(s);
    return {
      name,
      running,
      pid: s.pid,
      line: s.line,
      owner: s.owner,
      startedAt: s.startedAt,
      readyMs: s.readyMs,
      rssKiB: running ? treeRssKiB(s.pid) : undefined,
      log: s.log,
      extra: s.extra,
    };
  });
}
