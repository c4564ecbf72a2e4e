import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipedOnEngine as withEngine } from './piped.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-ctx-'));

describe('every context the user makes (piped, in memory)', () => {
  it('a piped script that ends in ssc.awaitTermination() without await runs its batches', async () => {
    const r = await withEngine('ssc.queueStream([["first"], ["second"]]).pprint()\nssc.start()\nsetTimeout(() => ssc.stop(), 900)\nssc.awaitTermination()\n', 0.2);
    expect(r.out).toContain('first');
    expect(r.out).toContain('second');
    expect(r.out).not.toContain('Promise');
    expect(r.code).toBe(0);
  });

  it('after ssc.stop() the fresh ssc does not reuse the old checkpoint directory', async () => {
    const dir = tmp();
    const r = await withEngine(`ssc.checkpoint(${JSON.stringify(dir)})\nssc.queueStream([[1]]).pprint()\nssc.start()\nssc.stop()\nawait new Promise((r) => setTimeout(r, 20))\nString(ssc.checkpointDir)\n`);
    expect(r.out).toContain('Stream stopped; sc is still running and ssc is ready for a new pipeline.');
    expect(r.out.trimEnd().endsWith("'undefined'")).toBe(true);
  });

  it('getOrCreate says once that it recovered: from which batch, and what was restored', async () => {
    const dir = tmp();
    const setup = [
      'const clock = new ManualClock(0)',
      'function setup() {',
      '  const c = new StreamingContext(sc, 1, { clock })',
      '  c.queueStream([["a b a"]]).flatMap((l: string) => l.split(" ")).map((w: string): [string, number] => [w, 1])',
      '    .updateStateByKey((vs: number[], s?: number) => vs.reduce((x, y) => x + y, s ?? 0)).pprint()',
      '  return c',
      '}',
    ].join('\n');
    const r = await withEngine(
      [
        setup,
        `const c1 = StreamingContext.getOrCreate(${JSON.stringify(dir)}, setup)`,
        'c1.start()',
        'await clock.advance(1000)',
        'c1.stop(false, true)',
        'await c1.awaitTermination()',
        `const c2 = StreamingContext.getOrCreate(${JSON.stringify(dir)}, setup)`,
        'c2.state',
      ].join('\n') + '\n',
    );
    expect(r.out).toContain("[ 'a', 2 ]");
    expect(r.out.split('Recovered from the checkpoint').length - 1).toBe(1);
    expect(r.out).toMatch(new RegExp(`Recovered from the checkpoint in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(taken after batch \\d\\d:\\d\\d:\\d\\d\\): updateStateByKey: 2 key\\(s\\)`));
    expect(r.out).toContain('setup ran again to rebuild the pipeline');
  });

  it('.status, .pause and .resume act on the context that runs, whichever variable holds it', async () => {
    const r = await withEngine('const mine = new StreamingContext(sc, 0.7)\nmine.queueStream([], true, [1]).pprint()\nmine.start()\n.status\n.pause\nmine.paused\n.resume\nmine.paused\nssc.state\nmine.stop()\n');
    expect(r.out).toContain('context:  ACTIVE, batch interval 700 ms');
    expect(r.out).toContain('Batch clock paused.');
    expect(r.out).toContain("true\nBatch clock running again.\nfalse\n'INITIALIZED'\n");
  });
});
