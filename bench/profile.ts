/**
 * `node dist/bench/profile.js [wordcount|ingest] [--input socket|receiver] [--mb 100]`: runs one
 * tspark contender against the generator under `node --cpu-prof` and prints the functions with
 * the most self time, so a change to the engine's hot path can be judged before and after.
 * The profile is kept in `bench/results/` (gitignored).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Args } from './lib/args.js';
import { hotFunctions } from './lib/cpuprofile.js';
import { runConsumer, startGenerator } from './lib/proc.js';
import { formatTable } from './lib/table.js';

const distBench = dirname(fileURLToPath(import.meta.url));
const root = resolve(distBench, '../..');
const args = new Args(process.argv.slice(2).filter((a) => a !== 'wordcount' && a !== 'ingest'));
const which = process.argv.includes('ingest') ? 'ingest' : 'wordcount';
const input = args.str('input', 'receiver');
const dir = resolve(root, 'bench/results', `profile-${which}-${input}-${Date.now()}`);
mkdirSync(dir, { recursive: true });
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
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const hot = hotFunctions(resolve(dir, file), args.num('top', 15));
  console.log(formatTable(['function', 'where', 'self ms', 'share'], hot.map((h) => [h.name, h.where, h.selfMs.toFixed(0), `${(h.share * 100).toFixed(1)}%`])));
  console.log(`profile: ${resolve(dir, file)}`);
} finally {
  await gen.stop();
}
