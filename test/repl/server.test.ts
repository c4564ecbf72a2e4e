import { describe, expect, it } from 'vitest';
import { createEngineSession } from '../../src/repl/engine-session.js';
import { runPiped } from './piped.js';

describe('startShell (piped, in memory)', () => {
  it('binds sc and ssc from the session; pprint and console output reach the output stream', async () => {
    const r = await runPiped(
      [
        'sc.parallelize([1, 2, 3]).map((x: number) => x * 2).collect()',
        'ssc.queueStream([["a"]]).foreachRDD((rdd) => console.log("seen", rdd.collect()))',
        // Paused in the same tick as the start, then stepped: exactly one batch, no waiting.
        'ssc.start(); ssc.pause()',
        '.step',
      ].join('\n') + '\n',
      { createSession: (out) => createEngineSession({ master: 'local[2]', batchSeconds: 1, out }) },
    );
    expect(r.out).toContain('[ 2, 4, 6 ]\n');
    expect(r.out).toContain("seen [ 'a' ]\n");
    expect(r.out).toMatch(/Stepped to \d\d:\d\d:\d\d\.\n$/);
    expect(r.code).toBe(0);
  });

  it('refuses to replace sc or ssc, and refuses to declare them', async () => {
    const r = await runPiped('ssc = 1\nconst sc = 2\ntypeof ssc.start\n', {
      createSession: (out) => createEngineSession({ master: 'local[2]', batchSeconds: 1, out }),
    });
    expect(r.out).toContain("'ssc' is bound by the shell and cannot be replaced; use another name");
    expect(r.out).toContain('sc and ssc already exist in the shell, as in the pyspark shell: leave out `const sc = …`');
    expect(r.out.trimEnd().endsWith("'function'")).toBe(true);
  });

  it('prints nothing but results when piped: no prompt, no "..." continuation, no banner', async () => {
    const r = await runPiped('function f(a: number) {\n  return a + 1\n}\nf(1)\n', { banner: undefined });
    expect(r.out).toBe('2\n');
  });

  it('restores the global console when it exits', async () => {
    const before = globalThis.console;
    await runPiped('1\n');
    expect(globalThis.console).toBe(before);
  });
});
