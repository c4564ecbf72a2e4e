// Where each service keeps its PID file, state record, log and data: one directory per service
// under the checkout's gitignored `.services/`, so two checkouts on one machine never collide.
import { mkdirSync, readFileSync, writeFileSync, rmSync, openSync, closeSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive, processStartTime } from './process.mjs';

/** The checkout this script belongs to (scripts/services/ is two levels below it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The state root: `.services/` in the checkout, or TSPARK_SERVICES_DIR (tests isolate themselves with it). */
export function stateRoot() {
  return resolve(process.env.TSPARK_SERVICES_DIR || join(repoRoot, '.services'));
}

/** Caches that survive `stop` (the broker's jars): `.services/cache/`, or TSPARK_SERVICES_CACHE. */
export function cacheDir(name) {
  const dir = join(resolve(process.env.TSPARK_SERVICES_CACHE || join(repoRoot, '.services', 'cache')), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The directory of one service's state (PID file, state.json, log, data). */
export function serviceDir(name) {
  return join(stateRoot(), name);
}

/** The PID file of a service. */
export function pidFile(name) {
  return join(serviceDir(name), `${name}.pid`);
}

/** Reads a service's state record, or undefined when there is none or it is unreadable. */
export function readState(name) {
  try {
    return JSON.parse(readFileSync(join(serviceDir(name), 'state.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Writes the state record and the PID file of a started service. */
export function writeState(name, state) {
  mkdirSync(serviceDir(name), { recursive: true });
  writeFileSync(join(serviceDir(name), 'state.json'), JSON.stringify(state, null, 2) + '\n');
  writeFileSync(pidFile(name), `${state.pid}\n`);
}

/** Removes everything a service left in its state directory (and any data dir kept elsewhere). */
export function removeState(name, state) {
  if (state?.externalDirs) for (const dir of state.externalDirs) rmSync(dir, { recursive: true, force: true });
  rmSync(serviceDir(name), { recursive: true, force: true });
}

/** True when the recorded process is still the one we started (PID alive and same start time). */
export function stateAlive(state) {
  if (!state || !Number.isInteger(state.pid) || !isAlive(state.pid)) return false;
  // A PID can be reused after a reboot or a crash: the start time tells ours from a stranger.
  const started = processStartTime(state.pid);
  return state.startTime === undefined || started === undefined || started === state.startTime;
}

/** Names of services that have a state directory. */
export function knownServices() {
  const root = stateRoot();
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'cache' && existsSync(join(root, d.name, 'state.json')))
    .map((d) => d.name);
}

/** Lock files this process holds, released by releaseLocks() when it is interrupted. */
const held = new Set();

/** Removes the lock files this process holds (for a start interrupted by a signal). */
export function releaseLocks() {
  for (const lock of held) rmSync(lock, { force: true });
  held.clear();
}

/**
 * Holds an exclusive lock on one service while `fn` runs, so parallel test workers that all ask
 * for Kafka start one broker, not several. A lock whose holder died is taken over.
 */
export async function withLock(name, fn, waitMs = 20 * 60_000) {
  mkdirSync(stateRoot(), { recursive: true });
  const lock = join(stateRoot(), `${name}.lock`);
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(lock);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number.parseInt(safeRead(lock), 10);
      if (!Number.isInteger(holder) || !isAlive(holder)) {
        // Empty just after another process created it: give it a moment before calling it stale.
        await sleep(200);
        if (safeRead(lock) === '' || !isAlive(Number.parseInt(safeRead(lock), 10))) rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${name}: another start (PID ${holder}) still holds ${lock}`);
      if (!told) {
        process.stderr.write(`${name}: waiting for another start of ${name} (PID ${holder}) to finish\n`);
        told = true;
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
    held.delete(lock);
  }
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Resolves after `ms` milliseconds (used only to poll servers and locks). */
export function sleep(ms) {
  return new Promise((res) => setTimeout(res, ms));
}
