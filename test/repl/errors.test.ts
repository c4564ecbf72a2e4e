import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPiped, runPipedOnEngine as withEngine } from './piped.js';

describe('wrong input gets a clear error (piped, in memory)', () => {
  it('leaves a name unbound when its const initialiser threw', async () => {
    const r = await runPiped('const fresh = boom()\nfresh\n');
    expect(r.out).toContain('Uncaught ReferenceError: boom is not defined');
    expect(r.out).toContain('Uncaught ReferenceError: fresh is not defined');
  });

  it('prints constant expressions esbuild folds, and throw null', async () => {
    const r = await runPiped('"a" + "b"\n-1\nthrow null\nthrow 0\n');
    expect(r.out).toBe("'ab'\n-1\nUncaught null\nUncaught 0\n");
  });

  it('hints at TypeScript for Python habits: lambda, print, a misspelled or unquoted name', async () => {
    const r = await withEngine('const f = lambda x: x + 1\nprint("hi")\nsss.state\nssc.socketTextStream(localhost, 9999)\n');
    expect(r.out).toContain('hint: TypeScript has no lambda: write (x) => … instead of lambda x: …');
    expect(r.out).toContain('hint: TypeScript prints with console.log(…) (pyspark: print)');
    expect(r.out).toMatch(/sss is not defined\n\s+at REPL3\.ts:1:1\nhint: did you mean ssc\?/);
    expect(r.out).toMatch(/localhost is not defined\n\s+at REPL4\.ts:1:22\nhint: a host name is a string: did you mean "localhost"\?/);
  });

  it('hints at new, and at --batch, for StreamingContext(sc, 10)', async () => {
    const r = await withEngine('const s10 = StreamingContext(sc, 10)\n');
    expect(r.out).toContain("Class constructor StreamingContext cannot be invoked without 'new'");
    expect(r.out).toContain("hint: write new StreamingContext(sc, 10); the shell's ssc already exists (tspark --batch 10 makes it with a 10 s interval)");
  });

  it('hints at pprint and foreachRDD for collect, take and first on a DStream', async () => {
    const r = await withEngine('const ds = ssc.queueStream([[1]])\nds.collect()\nds.take(2)\n');
    expect(r.out).toContain("hint: a DStream has no collect(): use .pprint() to print each batch, or .foreachRDD((rdd) => … rdd.collect() …) to work on each batch's RDD");
    expect(r.out).toContain('hint: a DStream has no take()');
  });

  it('refuses a Python keyword argument, saying what it would have done', async () => {
    const r = await withEngine('const st = ssc.queueStream([[["a", 1]]])\nconst rdd0 = sc.parallelize([["a", 5]])\nst.updateStateByKey((vs: number[], s?: number) => (s ?? 0) + vs.length, initialRDD=rdd0)\ntypeof initialRDD\n');
    expect(r.out).toContain(
      'initialRDD=… looks like a Python keyword argument; TypeScript has none (this would create a global initialRDD and pass its value as argument 2 of st.updateStateByKey)',
    );
    expect(r.out.trimEnd().endsWith("'undefined'")).toBe(true);
  });

  it('warns when an arrow body is a parenthesised comma expression: a pair is [w, 1]', async () => {
    const r = await withEngine('sc.parallelize(["x"]).map((w: string) => (w, 1)).collect()\n');
    expect(r.out).toContain("warning: REPL1.ts:1:");
    expect(r.out).toContain("(w, 1) is JavaScript's comma operator and gives only 1: a pair is [w, 1]");
    expect(r.out).toContain('[ 1 ]');
  });

  it('collapses an error that repeats every batch: once with its hint, then a count', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-timeout-'));
    const r = await withEngine(
      [
        'const clock = new ManualClock(0)',
        'const c = new StreamingContext(sc, 1, { clock })',
        `c.checkpoint(${JSON.stringify(dir)})`,
        'const keys = c.queueStream(Array.from({ length: 8 }, (_, i) => [[`k${i}`, 1]]))',
        'keys.mapWithState(StateSpec.function((k: string, v: number | undefined, state: any) => { state.update(1); return k }).timeout(1)).pprint()',
        'c.start()',
        'await clock.advance(8000)',
        'c.stop(false)',
      ].join('\n') + '\n',
    );
    expect(r.out.split('Cannot update the state that is timing out').length - 1).toBe(2);
    expect(r.out).toContain('hint: in the mapWithState function, check state.isTimingOut() before state.update() or state.remove()');
    expect(r.out).toMatch(/\(\d+ more time\(s\) since: IllegalStateError: Cannot update the state that is timing out/);
  });
});
