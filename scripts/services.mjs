#!/usr/bin/env node
// Starts and stops the real servers that tests, benchmarks and CI use (Kafka, PostgreSQL, Redis,
// mosquitto, Spark Connect), each on a free loopback port with its state in this checkout's
// .services/. Node built-ins only, so it runs before `npm ci`. See docs/SERVICES.md.
//
//   node scripts/services.mjs start NAME...    prints NAME=address lines (stdout), progress on stderr
//   node scripts/services.mjs stop NAME...|all
//   node scripts/services.mjs restart NAME     same port, same data (for reconnect tests)
//   node scripts/services.mjs status [--json]
import { abortStart, restart, SERVICES, start, status, stop, UsageError, serviceNamed } from './services/lifecycle.mjs';
import { killHelpers } from './services/process.mjs';
import { releaseLocks } from './services/state.mjs';

// Interrupted (Ctrl-C, CI's trap): end Maven/pip and the half-started server, free the lock.
let interrupted = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    interrupted = true;
    process.stderr.write(`services: ${signal}; ending what this run began\n`);
    killHelpers();
    abortStart().finally(() => {
      releaseLocks();
      process.exit(code);
    });
  });
}

const USAGE = `usage: node scripts/services.mjs start|stop|restart NAME... | stop all | status [--json]
services: ${[...SERVICES.keys()].join(', ')}`;

async function main(argv) {
  const [command, ...names] = argv;
  if (command === 'status') {
    const rows = status();
    if (names.includes('--json')) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) process.stdout.write('no services started from this checkout\n');
    for (const r of rows) {
      const rss = r.rssKiB ? `, RSS ${Math.round(r.rssKiB / 1024)} MB` : '';
      const owner = r.owner ? `, owner ${r.owner}` : '';
      process.stdout.write(`${r.name}: ${r.running ? `running (PID ${r.pid}${rss}${owner}) ${r.line ?? 'starting'}` : `not running (stale PID ${r.pid})`}\n`);
    }
    return 0;
  }
  if (!['start', 'stop', 'restart'].includes(command ?? '')) throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command');
  if (names.length === 0) throw new UsageError(`${command}: name a service`);
  if (command === 'stop') {
    const targets = names.includes('all') ? status().map((r) => r.name).filter((n) => SERVICES.has(n)) : names;
    targets.forEach(serviceNamed);
    if (targets.length === 0) process.stderr.write('services: nothing to stop\n');
    for (const name of targets) await stop(name);
    return 0;
  }
  names.forEach(serviceNamed);
  for (const name of names) {
    const line = command === 'start' ? await start(name) : await restart(name);
    process.stdout.write(`${line}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (interrupted) return; // the signal handler reports and exits
    if (err instanceof UsageError) {
      process.stderr.write(`services: ${err.message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`services: ${err.message}\n`);
      process.exitCode = 1;
    }
  },
);
