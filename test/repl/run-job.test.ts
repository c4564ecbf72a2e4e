import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngineSession } from '../../src/repl/engine-session.js';
import { runJob } from '../../src/repl/run-job.js';

function job(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-job-'));
  const file = path.join(dir, 'job.ts');
  fs.writeFileSync(file, source);
  return file;
}

async function run(source: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const session = createEngineSession({ master: 'local[2]', batchSeconds: 1, out: (t) => (out += t) });
  const code = await runJob(job(source), session, (t) => (err += t));
  return { code, out, err };
}

describe('tspark run', () => {
  it('runs a TypeScript job with sc and ssc bound and returns when the stream stops', async () => {
    const r = await run(
      [
        'const nums: number[][] = [[1, 2], [3]];',
        'ssc.queueStream(nums).map((n: number) => n * 10).pprint();',
        'ssc.start();',
        'setTimeout(() => ssc.stop(), 50);',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('returns at once for a job that starts no stream', async () => {
    const r = await run('console.log(sc.parallelize([1, 2, 3]).sum())\n');
    expect(r.code).toBe(0);
  });

  it('fails with the TypeScript position for a syntax error, and for an unfinished file', async () => {
    const bad = await run('const a: number = 1\nconst = 2\n');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('job.ts:2:7\nconst = 2\n      ^');
    expect(bad.err).toContain('SyntaxError');
    const unfinished = await run('function f() {\n');
    expect(unfinished.code).toBe(1);
    expect(unfinished.err).toContain('end of file');
  });

  it('fails with a mapped stack when the job throws', async () => {
    const r = await run('const x: number = 1\nthrow new Error("job failed")\n');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error: job failed');
    expect(r.err).toMatch(/job\.ts:2:7/);
  });

  it('ends with status 1 when a batch fails, as a Spark driver does', async () => {
    const r = await run('ssc.queueStream([[1]]).map((x: number) => { throw new Error("bad record " + x) }).pprint()\nssc.start()\nssc.pause()\nawait ssc.step()\n');
    expect(r.code).toBe(1);
    expect(r.err).toContain('The job stopped because a batch failed: Batch');
    expect(r.out).toContain('Error: bad record 1');
  });

  it('reports a file it cannot read', async () => {
    let err = '';
    const session = createEngineSession({ master: 'local[2]', batchSeconds: 1, out: () => undefined });
    expect(await runJob('/nonexistent/job.ts', session, (t) => (err += t))).toBe(1);
    expect(err).toContain('cannot read /nonexistent/job.ts');
    await session.close();
  });
});
