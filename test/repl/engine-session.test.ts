import { afterEach, describe, expect, it } from 'vitest';
import { createEngineSession, type EngineSession } from '../../src/repl/engine-session.js';

let session: EngineSession | undefined;
let out = '';
afterEach(async () => {
  await session?.close();
  session = undefined;
  out = '';
});

function start(): EngineSession {
  session = createEngineSession({ master: 'local[2]', batchSeconds: 1, out: (t) => (out += t) });
  return session;
}

async function until(pred: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${out}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const blocks = (): number => out.split('Time: ').length - 1;

describe('the shell session on the engine', () => {
  it('prints sc’s warnings through the shell’s writer (a sum beyond 2^53)', () => {
    const s = start();
    s.sc.parallelize([2 ** 60, 1], 1).sum();
    expect(out).toMatch(/^WARN sum: the result 1152921504606847000 is beyond 2\^53/m);
  });

  it('binds sc and ssc, and after ssc.stop() gives a fresh ssc on the same sc', async () => {
    const s = start();
    const get = (name: string): unknown => s.bindings.get(name)!();
    const first = s.ssc;
    expect(get('ssc')).toBe(first);
    first.queueStream([[1]]).pprint();
    first.start();
    expect(s.isStreaming()).toBe(true);
    first.stop();
    await until(() => out.includes('Stream stopped; sc is still running and ssc is ready for a new pipeline.'), 'the stop message');
    const second = s.ssc;
    expect(second).not.toBe(first);
    expect(second.state).toBe('INITIALIZED');
    expect(second.sparkContext).toBe(first.sparkContext);
    expect(s.isStreaming()).toBe(false);
  });

  it('after ssc.stop(true) gives fresh sc and ssc, and says so', async () => {
    const s = start();
    const oldSc = s.sc;
    s.ssc.queueStream([[1]]).pprint();
    s.ssc.start();
    s.ssc.stop(true);
    await until(() => out.includes('Stream and sc stopped (ssc.stop(true)); fresh sc and ssc are ready'), 'the stop message');
    expect(s.sc).not.toBe(oldSc);
    expect(s.sc.parallelize([1, 2, 3]).count()).toBe(3);
    expect(s.ssc.state).toBe('INITIALIZED');
  });

  it('pauses the batch clock, steps exactly one batch per step, and resumes', async () => {
    const s = start();
    expect(s.pause()).toContain('No stream or query is running');
    s.ssc.queueStream([['a'], ['b'], ['c']]).pprint();
    s.ssc.start();
    // Paused in the same tick as the start: no batch can have run yet.
    expect(s.pause()).toBe('Batch clock paused. .step runs exactly one batch; .resume lets batches run again.');
    expect(blocks()).toBe(0);
    expect(await s.step()).toMatch(/^Stepped to \d\d:\d\d:\d\d\.$/);
    expect(blocks()).toBe(1);
    expect(out).toContain('\na\n');
    await s.step();
    expect(blocks()).toBe(2);
    expect(out).toContain('\nb\n');
    expect(s.facts().paused).toBe(true);
    expect(s.resume()).toBe('Batch clock running again.');
    await until(() => out.includes('\nc\n'), 'the next batch after resume');
  });

  it('stops a running stream gracefully and says so; with none running it says that', async () => {
    const s = start();
    expect(s.stopStream()).toBe('No stream is running.');
    s.ssc.queueStream([[1]]).pprint();
    s.ssc.start();
    expect(s.stopStream()).toContain('Stopping the stream gracefully');
    await until(() => out.includes('ssc is ready for a new pipeline'), 'the stop');
  });

  it('reports the pipeline and state in its facts', () => {
    const s = start();
    s.ssc.queueStream([[1]]).map((x) => x + 1).pprint();
    const f = s.facts();
    expect(f.state).toBe('INITIALIZED');
    expect(f.batchMs).toBe(1000);
    expect(f.graph.map((n) => n.kind)).toEqual(expect.arrayContaining(['input', 'output']));
  });

  it('close() stops the stream and the Spark context', async () => {
    const s = start();
    const ssc = s.ssc;
    ssc.queueStream([[1]]).pprint();
    ssc.start();
    await s.close();
    expect(ssc.state).toBe('STOPPED');
    expect(ssc.sparkContext.isStopped).toBe(true);
    session = undefined;
  });
});
