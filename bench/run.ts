/**
 * The benchmark suite's entry: `npm run bench` runs B1–B8, `npm run bench -- b2` one of them
 * (by id or name), `--peers pyspark` adds real PySpark Streaming, `--rounds N` sets the
 * interleaved rounds (default 5), `--smoke` runs small data once (what CI's test runs),
 * `--window-seconds S` sets how long B11's windowed-state run lasts (default 60; 600 = the reference's 10 minutes).
 * Prints a table per benchmark with its targets, and writes JSON to `bench/results/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, machineInfo } from './lib/machine.js';
import { DUCKDB_REQUIREMENT, ensureBenchPackage, ensurePyspark } from './lib/pyspark-env.js';
import { SUITE } from './suite/index.js';
import type { BenchContext, BenchOutcome } from './suite/types.js';

const distBench = dirname(fileURLToPath(import.meta.url));
const root = resolve(distBench, '../..');

interface Cli {
  readonly names: string[];
  readonly peers: Set<string>;
  readonly rounds: number | undefined;
  readonly smoke: boolean;
  readonly windowSeconds: number | undefined;
}

function parseCli(argv: readonly string[]): Cli {
  const names: string[] = [];
  const peers = new Set<string>();
  let rounds: number | undefined;
  let smoke = false;
  let windowSeconds: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--peers') for (const p of (argv[++i] ?? '').split(',')) peers.add(p.trim());
    else if (a === '--rounds') {
      rounds = Number(argv[++i]);
      if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number >= 1; got ${String(argv[i])}`);
    } else if (a === '--window-seconds') {
      windowSeconds = Number(argv[++i]);
      if (!Number.isFinite(windowSeconds) || windowSeconds < 5) throw new Error(`--window-seconds must be a number of seconds >= 5; got ${String(argv[i])}`);
    } else if (a === '--smoke') smoke = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}; known: --peers pyspark,duckdb, --rounds N, --smoke, --window-seconds S`);
    else names.push(a.toLowerCase());
  }
  return { names, peers, rounds, smoke, windowSeconds };
}

async function main(): Promise<number> {
  const cli = parseCli(process.argv.slice(2));
  const chosen = cli.names.length
    ? cli.names.map((n) => {
        const b = SUITE.find((x) => x.id === n || x.aliases.includes(n));
        if (!b) throw new Error(`no benchmark "${n}"; known: ${SUITE.map((x) => `${x.id} (${x.aliases.join(', ')})`).join(', ')}`);
        return b;
      })
    : SUITE;
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  if (cli.peers.has('pyspark')) {
    const problem = ensurePyspark(root, log);
    if (problem) {
      log(`--peers pyspark: ${problem}; running without it`);
      cli.peers.delete('pyspark');
    }
  }
  if (cli.peers.has('duckdb')) {
    const problem = ensureBenchPackage(root, DUCKDB_REQUIREMENT, 'duckdb', log);
    if (problem) {
      log(`--peers duckdb: ${problem}; running without it`);
      cli.peers.delete('duckdb');
    }
  }
  const ctx: BenchContext = {
    rounds: cli.rounds ?? (cli.smoke ? 1 : 5),
    smoke: cli.smoke,
    ...(cli.windowSeconds !== undefined ? { windowSeconds: cli.windowSeconds } : {}),
    peers: cli.peers,
    distBench,
    root,
    log,
  };
  const machine = machineInfo();
  console.log(`tspark benchmarks — ${describeMachine(machine)}`);
  console.log(`rounds: ${ctx.rounds}${ctx.smoke ? ' (smoke: small data)' : ''}; peers: ${[...ctx.peers].join(', ') || 'default'}\n`);
  const resultsDir = resolve(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  let wrong = 0;
  for (const b of chosen) {
    console.log(`== ${b.title}`);
    const t0 = performance.now();
    let outcome: BenchOutcome;
    try {
      outcome = await b.run(ctx);
    } catch (e) {
      console.log(`   did not run: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      wrong++;
      continue;
    }
    console.log(outcome.table);
    for (const t of outcome.targets) {
      const mark = t.met === undefined ? 'n/a ' : t.met ? 'MET ' : 'MISS';
      console.log(`  [${mark}] ${t.target}: ${t.measured}`);
    }
    for (const w of outcome.incorrect) console.log(`  WRONG TOTALS: ${w}`);
    wrong += outcome.incorrect.length;
    const seconds = (performance.now() - t0) / 1000;
    console.log(`  (${seconds.toFixed(0)} s)\n`);
    const json = JSON.stringify({ benchmark: b.id, title: b.title, machine, rounds: ctx.rounds, smoke: ctx.smoke, seconds, targets: outcome.targets, incorrect: outcome.incorrect, data: outcome.data }, null, 2);
    writeFileSync(resolve(resultsDir, `${b.id}${ctx.smoke ? '-smoke' : ''}.json`), json);
  }
  return wrong ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
