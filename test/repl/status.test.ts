import { describe, expect, it } from 'vitest';
import { clockTime, formatStatus } from '../../src/repl/status.js';
import { at, baseFacts, batch } from './facts-fixture.js';

describe('.status', () => {
  it('shows the state, interval, pipeline, sources and the last batch timings', () => {
    const t = at(10, 0, 4);
    const text = formatStatus({ ...baseFacts, recentBatches: [batch(t, t + 2, t + 9)] });
    expect(text).toBe(
      'context:  ACTIVE, batch interval 1 s, master local[2]\n' +
        'pipeline: 3 stream(s), output operations: pprint\n' +
        'sources:\n' +
        '  #0 socketTextStream localhost:9999: connected, 12 record(s) received\n' +
        'last batch: 10:00:04, 3 record(s), scheduling delay 2 ms, processing 7 ms, total 9 ms\n',
    );
  });

  it('says when there is no batch, no source, a paused clock and the last error', () => {
    const text = formatStatus({ ...baseFacts, sources: [], paused: true, lastError: { batchTime: at(10, 0, 3), message: 'Error: bad' } });
    expect(text).toContain('(batch clock paused');
    expect(text).toContain('sources:  none');
    expect(text).toContain('last batch: none yet');
    expect(text).toContain('last error: batch 10:00:03: Error: bad');
  });

  it('in a remote shell, says where spark runs instead of describing the unused local ssc', () => {
    const idle = { ...baseFacts, state: 'INITIALIZED' as const, graph: [], sources: [], recentBatches: [], remote: 'spark.example:15002' };
    expect(formatStatus(idle)).toBe('spark runs on the Spark Connect server at spark.example:15002: no streaming query yet.\n');
  });

  it('formats clock times as HH:MM:SS', () => {
    expect(clockTime(at(9, 5, 7))).toBe('09:05:07');
  });
});
