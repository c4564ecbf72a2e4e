/**
 * B7 shell start-up and per-line latency. Start-up: spawn → first prompt in a real
 * pseudo-terminal, interleaved with `node -i` and an esbuild-loading node REPL. Per line: 200
 * TypeScript one-liners typed into one tspark session, each timed from Enter to its result on
 * screen, beside the floor of `esbuild.transform` + `vm.runInContext` in one process.
 */
import { existsSync } from 'node:fs';
import { PtySession } from '../lib/pty.js';
import { runConsumer } from '../lib/proc.js';
import { fmt, percentile, spread, fmtSpread } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import { benchLines, marker } from './shell-lines.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

interface StartupContender {
  readonly name: string;
  readonly command: string;
  readonly prompt: string;
}

async function timeToPrompt(c: StartupContender): Promise<number> {
  const s = new PtySession(c.command, { ...process.env, NO_COLOR: '1' });
  try {
    await s.waitFor((t) => t.includes(c.prompt), 20_000);
    return performance.now() - s.startedAt;
  } finally {
    await s.close();
  }
}

async function perLineInShell(bin: string, n: number): Promise<number[]> {
  const s = new PtySession(`${process.execPath} ${bin}`, { ...process.env, NO_COLOR: '1' });
  try {
    await s.waitFor((t) => t.includes('tspark> '), 20_000);
    const out: number[] = [];
    const lines = benchLines(n);
    for (let i = 0; i < lines.length; i++) {
      const seen = new RegExp(`\\n'${marker(i)}'`);
      const t0 = performance.now();
      s.type(`${lines[i]!}\r`);
      await s.waitFor((t) => seen.test(t), 10_000);
      out.push(performance.now() - t0);
    }
    return out;
  } finally {
    await s.close();
  }
}

/** B7 shell start-up and per-line latency. */
export const b7: Benchmark = {
  id: 'b7',
  aliases: ['shell', 'startup'],
  title: 'B7 shell start-up (spawn → prompt in a pty) and per-line latency (200 TS one-liners)',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const bin = `${ctx.root}/dist/bin/tspark.js`;
    const haveShell = existsSync(bin);
    const node = process.execPath;
    const contenders: StartupContender[] = [
      ...(haveShell ? [{ name: 'tspark', command: `${node} ${bin}`, prompt: 'tspark> ' }] : []),
      { name: 'node -i', command: `${node} -i`, prompt: '> ' },
      { name: 'node + esbuild REPL', command: `${node} -e "require('esbuild'); require('repl').start()"`, prompt: '> ' },
    ];
    const spawns = ctx.smoke ? 2 : 20;
    const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
    const failures: string[] = [];
    for (let i = 0; i < spawns; i++) {
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(i + k) % contenders.length]!;
        try {
          times.get(c.name)!.push(await timeToPrompt(c));
        } catch (e) {
          failures.push(`${c.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    ctx.log(`  start-up: ${spawns} interleaved spawns each done`);
    const nLines = ctx.smoke ? 20 : 200;
    let shellLines: number[] = [];
    if (haveShell) {
      try {
        shellLines = await perLineInShell(bin, nLines);
      } catch (e) {
        failures.push(`tspark per-line: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const floorRun = await runConsumer(node, [`${ctx.distBench}/peers/esbuild-eval.js`, '--lines', String(nLines)], { timeoutMs: 60_000 });
    const floorLines = floorRun.report?.extra?.['perLineMs'];
    const floor = Array.isArray(floorLines) ? floorLines : [];
    if (!floor.length) failures.push(`esbuild+vm peer: ${floorRun.stderrTail.slice(-300)}`);

    const rows = contenders.map((c) => {
      const t = times.get(c.name)!;
      return [c.name, fmtSpread(spread(t), 0), fmt(percentile(t, 90), 0), String(t.length)];
    });
    if (!haveShell) rows.unshift(['tspark', 'not yet measurable', '', `${bin} is not built yet`]);
    const startTable = formatTable(['start-up', 'ms to prompt median [min–max]', 'p90', 'spawns'], rows);
    const lineRows = [
      haveShell && shellLines.length
        ? ['tspark (pty, Enter → result)', fmt(percentile(shellLines, 50), 2), fmt(percentile(shellLines, 99), 2), String(shellLines.length)]
        : ['tspark', 'not yet measurable', '', ''],
      ['esbuild.transform + vm (floor)', fmt(percentile(floor, 50), 2), fmt(percentile(floor, 99), 2), String(floor.length)],
    ];
    const lineTable = formatTable(['per line', 'median ms', 'p99 ms', 'lines'], lineRows);

    const med = (name: string): number => percentile(times.get(name) ?? [], 50);
    const missing = haveShell ? 'no tspark measurement' : `${bin} is not built yet (the shell lands with its own issue)`;
    const startRatio = med('tspark') / med('node + esbuild REPL');
    const lineMedian = shellLines.length ? percentile(shellLines, 50) : Number.NaN;
    const lineP99 = shellLines.length ? percentile(shellLines, 99) : Number.NaN;
    const floorMedian = percentile(floor, 50);
    const check = (target: string, value: number, ok: (v: number) => boolean, unit: string): TargetCheck =>
      Number.isFinite(value) ? { target, measured: `${fmt(value, 2)}${unit}`, met: ok(value) } : { target, measured: `not measured: ${missing}`, met: undefined };
    return {
      table: `${startTable}\n\n${lineTable}${failures.length ? `\nproblems: ${failures.join('; ')}` : ''}`,
      targets: [
        check('B7 prompt ≤ 1.5× the esbuild REPL peer', startRatio, (v) => v <= 1.5, '×'),
        check('B7 per-line median ≤ 2× esbuild transform + eval', lineMedian / floorMedian, (v) => v <= 2, '×'),
        check('B7 per-line p99 ≤ 10 ms', lineP99, (v) => v <= 10, ' ms'),
      ],
      incorrect: [],
      data: { startup: Object.fromEntries(times), shellPerLineMs: shellLines, floorPerLineMs: floor, failures },
    };
  },
};
