/**
 * B7's per-line floor: what a TypeScript REPL must do per line at the least, measured in one
 * process without a terminal: `esbuild.transform(line, { loader: 'ts' })` (the long-lived
 * service, warm) then `vm.runInContext` in a context where the real engine's `sc` and `ssc` are
 * bound (so pipeline lines build real DStreams, as in the shell).
 */
import vm from 'node:vm';
import { transform } from 'esbuild';
import { Args } from '../lib/args.js';
import { emitReport } from '../lib/report.js';
import { benchLines } from '../suite/shell-lines.js';
import { loadEngine } from '../contenders/engine.js';

const args = new Args();
const engine = await loadEngine();
const context: Record<string, unknown> = { console };
if (typeof engine !== 'string') {
  const sc = new engine.SparkContext('local[2]', 'bench-eval');
  context['sc'] = sc;
  context['ssc'] = new engine.StreamingContext(sc, 1);
}
vm.createContext(context);
const lines = benchLines(args.num('lines', 200));
// The first call starts esbuild's service; the shell hides that behind start-up, so it is not counted.
await transform('const warm: number = 1;', { loader: 'ts' });
const perLine: number[] = [];
for (const line of lines) {
  const t0 = performance.now();
  const { code } = await transform(line, { loader: 'ts', format: 'cjs' });
  // Top-level const in a script would clash across lines; the shell rewrites them, so does this.
  vm.runInContext(code.replace(/^(const|let) /gm, 'var '), context);
  perLine.push(performance.now() - t0);
}
emitReport({ name: 'esbuild+vm', extra: { perLineMs: perLine, engine: typeof engine === 'string' ? engine : 'bound' } });
process.exit(0);
