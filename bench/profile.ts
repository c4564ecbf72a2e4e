/**
 * `node dist/bench/profile.js [wordcount|ingest] [--input socket|receiver] [--mb 100]`: runs one
 * tspark contender against the generator under `node --cpu-prof` and prints the functions with
 * the most self time, so a change to the engine's hot path can be judged before and after.
 * `node dist/bench/profile.js kafka [--mb 30]` does the same for B14's contender
 * (`createDirectStream → word count`) over a topic of the corpus on `KAFKA_BOOTSTRAP` (or the
 * broker `scripts/services.mjs` starts). The profile is kept in `bench/results/` (gitignored).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Args } from './lib/args.js';
import { dropTopic, fillTopic, kafkaBootstrap } from './kafka/topic.js';
import { hotFunctions } from './lib/cpuprofile.js';
import { runConsumer, startGenerator } from './lib/proc.js';
import { formatTable } from './lib/table.js';

const distBench = dirname(fileURLToPath(import.meta.url));
const root = resolve(distBench, '../..');
const args = new Args(process.argv.slice(2).filter((a) => a !== 'wordcount' && a !== 'ingest' && a !== 'kafka'));
const which = process.argv.includes('ingest') ? 'ingest' : process.argv.includes('kafka') ? 'kafka' : 'wordcount';
const input = which === 'kafka' ? 'direct' : args.str('input', 'receiver');
const dir = resolve(root, 'bench/results', `profile-${which}-${input}-${Date.now()}`);
mkdirSync(dir, { recursive: true });

function printHot(): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const hot = hotFunctions(resolve(dir, file), args.num('top', 15));
  console.log(formatTable(['function', 'where', 'self ms', 'share'], hot.map((h) => [h.name, h.where, h.selfMs.toFixed(0), `${(h.share * 100).toFixed(1)}%`])));
  console.log(`profile: ${resolve(dir, file)}`);
}

if (which === 'kafka') {
  const bootstrap = kafkaBootstrap(root);
  const plan = await fillTopic(bootstrap, args.num('mb', 30));
  try {
    const run = await runConsumer(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `${distBench}/contenders/tspark-kafka.js`, '--bootstrap', bootstrap, '--topic', plan.topic, '--records', String(plan.records)], { timeoutMs: 600_000 });
    const rep = run.report;
    if (!rep || rep.doneAt === undefined) throw new Error(`contender failed: ${run.stderrTail}`);
    const secs = (rep.doneAt - Number(rep.extra?.firstDataAt ?? rep.connectedAt)) / 1000;
    const ok = rep.lines === plan.records && rep.words === plan.words && rep.fingerprint === plan.fingerprint;
    console.log(`tspark kafka word count: ${((rep.lines ?? 0) / secs / 1000).toFixed(1)}k records/s under the profiler, ${secs.toFixed(2)} s, RSS ${(rep.maxRssMB ?? 0).toFixed(0)} MB, totals ${ok ? 'exact' : 'WRONG'}`);
    printHot();
  } finally {
    await dropTopic(bootstrap, plan.topic);
  }
  process.exit(0);
}

const gen = await startGenerator(`${distBench}/generator/main.js`, ['--mode', 'full', '--mb', String(args.num('mb', 100)), '--armed']);
try {
  await gen.arm();
  const run = await runConsumer(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, `${distBench}/contenders/tspark-${which}.js`, '--port', String(gen.plan.port), '--input', input, which === 'ingest' ? '--expect-lines' : '--expect-words', String(which === 'ingest' ? gen.plan.lines : gen.plan.words)],
    { timeoutMs: 180_000 },
  );
  const rep = run.report;
  if (!rep || rep.unavailable) throw new Error(rep?.unavailable ?? `contender failed: ${run.stderrTail}`);
  const secs = ((rep.doneAt ?? 0) - (gen.accepted[0] ?? 0)) / 1000;
  console.log(`tspark ${which} (${input}): ${(gen.plan.bytes / 1048576 / secs).toFixed(1)} MB/s under the profiler, ${secs.toFixed(2)} s, RSS ${(rep.maxRssMB ?? 0).toFixed(0)} MB`);
  printHot();
} finally {
  await gen.stop();
}
