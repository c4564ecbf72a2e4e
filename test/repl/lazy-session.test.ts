import { describe, expect, it } from 'vitest';
import { createLazySession } from '../../src/repl/lazy-session.js';

describe('the engine loading behind the prompt', () => {
  it('knows its master and interval at once, and binds sc and ssc once ready', async () => {
    let out = '';
    const s = createLazySession({ master: 'local[2]', batchSeconds: 2, out: (t) => (out += t) });
    expect(s.master).toBe('local[2]');
    expect(s.batchSeconds).toBe(2);
    expect(s.isStreaming()).toBe(false);
    expect(s.stopStream()).toBe('No stream is running.');
    await s.ready;
    const ssc = s.bindings.get('ssc')!() as { batchDurationMs: number; state: string };
    expect(ssc.batchDurationMs).toBe(2000);
    expect(ssc.state).toBe('INITIALIZED');
    expect(s.facts().master).toBe('local[2]');
    await s.close();
    expect(out).toBe('');
  });
});
