#!/usr/bin/env node
// Start-to-ready time and memory of each server scripts/services.mjs starts, cold and warm.
// Runs every server in a private state directory, so it never touches running services.
//
//   node bench/services-start.mjs [--rounds N] [--cold] [--cold-m2] [NAME...]
//
// warm:     the checkout's caches (Kafka jars in .services/cache, .venv-connect) already filled;
//           one untimed start first fills them if needed.
// --cold:   once per service with empty caches of its own (a fresh clone on this machine: Maven's
//           ~/.m2 and pip's cache stay warm); Spark Connect then builds a new venv.
// --cold-m2 with --cold: Kafka also resolves into an empty Maven repository (a new machine).
// Prints a Markdown table (copied into docs/SERVICES.md).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(root, 'scripts', 'services.mjs');
const ALL = ['redis', 'mosquitto', 'postgres', 'kafka', 'spark-connect'];

function parse(argv) {
  const opts = { rounds: 3, cold: false, coldM2: false, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') opts.rounds = Number(argv[++i]);
    else if (a === '--cold') opts.cold = true;
    else if (a === '--cold-m2') opts.coldM2 = true;
    else if (ALL.includes(a)) opts.names.push(a);
    else throw new Error(`unknown argument ${a}; known: --rounds N, --cold, --cold-m2, ${ALL.join(', ')}`);
  }
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error('--rounds must be a whole number >= 1');
  if (opts.names.length === 0) opts.names = ALL;
  return opts;
}

function script(args, env) {
  return new Promise((res) => {
    const t0 = performance.now();
    execFile(process.execPath, [SCRIPT, ...args], { env: { ...process.env, ...env }, timeout: 40 * 60_000 }, (err, stdout, stderr) =>
      res({ ok: !err, stdout, stderr, ms: performance.now() - t0 }),
    );
  });
}

/** PID, RSS and PSS (KiB) of a process and its descendants. */
function memory(pid) {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      for (const child of readFileSync(`/proc/${all[i]}/task/${all[i]}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) all.push(Number(child));
    } catch {
      // gone
    }
  }
  let rss = 0;
  let pss = 0;
  let mainRss = 0;
  for (const p of all) {
    try {
      const r = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(r)?.[1] ?? 0);
      rss += kb('Rss');
      pss += kb('Pss');
      if (p === pid) mainRss = kb('Rss');
    } catch {
      // gone
    }
  }
  return { mainRss, rss, pss, processes: all.length };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function once(name, env, label) {
  const state = mkdtempSync(join(tmpdir(), 'tspark-bench-services-'));
  const e = { ...env, TSPARK_SERVICES_DIR: state };
  try {
    const started = await script(['start', name], e);
    if (!started.ok) throw new Error(`${label} start ${name} failed:\n${started.stderr}`);
    const st = JSON.parse(readFileSync(join(state, name, 'state.json'), 'utf8'));
    await sleep(1000); // let the JVMs settle after their first requests
    const mem = memory(st.pid);
    let firstSqlMs;
    if (name === 'spark-connect') {
      const t0 = performance.now();
      await new Promise((res, rej) =>
        execFile(st.extra.python, ['-c', "import os\nfrom pyspark.sql import SparkSession\nSparkSession.builder.remote(os.environ['R']).getOrCreate().sql('select 1').collect()"], { env: { ...process.env, R: st.address } }, (err) => (err ? rej(err) : res())),
      );
      firstSqlMs = performance.now() - t0;
    }
    const stopped = await script(['stop', name], e);
    return { label, wallMs: started.ms, readyMs: st.readyMs, stopMs: stopped.ms, firstSqlMs, ...mem };
  } finally {
    await script(['stop', 'all'], e);
    rmSync(state, { recursive: true, force: true });
  }
}

const s = (ms) => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);
const mb = (kib) => `${Math.round(kib / 1024)} MB`;

async function main() {
  const opts = parse(process.argv.slice(2));
  const rows = [];
  process.stderr.write(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  for (const name of opts.names) {
    if (opts.cold) {
      const tmp = mkdtempSync(join(tmpdir(), 'tspark-bench-cold-'));
      try {
        const env = { TSPARK_SERVICES_CACHE: join(tmp, 'cache'), TSPARK_CONNECT_VENV: join(tmp, 'venv') };
        if (opts.coldM2) env.TSPARK_MAVEN_REPO = join(tmp, 'm2');
        const label = name === 'kafka' && opts.coldM2 ? 'cold (empty .services/cache and ~/.m2)' : name === 'kafka' ? 'cold (empty .services/cache)' : name === 'spark-connect' ? 'cold (new venv, warm pip cache)' : 'cold';
        rows.push({ name, ...(await once(name, env, label)) });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      process.stderr.write(`${name}: cold done\n`);
    }
    await once(name, {}, 'fill caches'); // untimed: makes the warm rounds warm
    for (let r = 0; r < opts.rounds; r++) rows.push({ name, ...(await once(name, {}, `warm #${r + 1}`)) });
    process.stderr.write(`${name}: warm done\n`);
  }
  process.stderr.write(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const out = ["| service | run | `start` wall time | ready (the script's readyMs) | `stop` wall time | RSS main process | RSS / PSS all processes |", '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const sql = r.firstSqlMs !== undefined ? ` (then first pyspark SQL ${s(r.firstSqlMs)})` : '';
    out.push(`| ${r.name} | ${r.label} | ${s(r.wallMs)} | ${s(r.readyMs)}${sql} | ${s(r.stopMs)} | ${mb(r.mainRss)} | ${mb(r.rss)} / ${mb(r.pss)} (${r.processes} proc.) |`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
});
