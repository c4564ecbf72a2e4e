import { describe, expect, it } from 'vitest';
import {
  formatBatchTime,
  formatClock,
  formatCount,
  formatDelay,
  formatElapsed,
  formatInterval,
  formatRate,
  summarySentence,
} from '../../src/ui/format.js';
import type { ContextView } from '../../src/ui/protocol.js';

const at = (h: number, m: number, s: number, ms = 0): number => new Date(2026, 10, 21, h, m, s, ms).getTime();

describe('formatting', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [4210, '4,210'],
    [1234567, '1,234,567'],
  ])('formats the count %d as %s', (n, text) => expect(formatCount(n)).toBe(text));

  it.each([
    [500, '500 ms'],
    [1000, '1 second'],
    [1500, '1.5 seconds'],
    [10_000, '10 seconds'],
  ])('names the batch interval %d ms "%s"', (ms, text) => expect(formatInterval(ms)).toBe(text));

  it.each([
    [null, '-'],
    [35, '35 ms'],
    [1200, '1.2 s'],
    [150_000, '2.5 min'],
    [3_960_000, '1.1 h'],
  ])('shows the delay %s as %s', (ms, text) => expect(formatDelay(ms)).toBe(text));

  it.each([
    [45_000, '45 s'],
    [130_000, '2 min 10 s'],
    [3_900_000, '1 h 5 min'],
    [-5, '0 s'],
  ])('says %d ms since start as "%s"', (ms, text) => expect(formatElapsed(ms)).toBe(text));

  it('shows clock times and batch times in local time, with milliseconds for sub-second batches', () => {
    expect(formatClock(at(10, 41, 3))).toBe('10:41:03');
    expect(formatBatchTime(at(9, 5, 7), 1000)).toBe('2026/11/21 09:05:07');
    expect(formatBatchTime(at(9, 5, 7, 250), 500)).toBe('2026/11/21 09:05:07.250');
  });

  it.each([
    [12.54, '12.5 records/s'],
    [0, '0 records/s'],
    [4210, '4,210 records/s'],
  ])('shows the rate %d as %s', (r, text) => expect(formatRate(r)).toBe(text));
});

describe('summarySentence', () => {
  const ctx: ContextView = {
    id: 1,
    state: 'ACTIVE',
    master: 'local[*]',
    appName: 'tspark',
    batchMs: 1000,
    startTime: at(10, 41, 3),
    stopTime: null,
    firstBatchTime: at(10, 41, 4),
    paused: false,
  };

  it("words a running context as Spark's Streaming tab does", () => {
    expect(summarySentence(ctx, at(10, 43, 13), { completedBatches: 130, totalRecords: 4210 })).toBe(
      'Running batches of 1 second for 2 min 10 s since 10:41:03 (130 completed batches, 4,210 records)',
    );
  });

  it('uses the singular for one batch and one record', () => {
    expect(summarySentence(ctx, at(10, 41, 5), { completedBatches: 1, totalRecords: 1 })).toBe(
      'Running batches of 1 second for 2 s since 10:41:03 (1 completed batch, 1 record)',
    );
  });

  it('says the clock is paused and how to step or go on', () => {
    expect(summarySentence({ ...ctx, paused: true }, at(10, 41, 13), { completedBatches: 10, totalRecords: 10 })).toBe(
      'Paused after 10 s of batches of 1 second since 10:41:03 (10 completed batches, 10 records): ssc.step() runs one batch, ssc.resume() goes on',
    );
  });

  it('says what to do when the context has not started', () => {
    expect(summarySentence({ ...ctx, state: 'INITIALIZED', startTime: null }, 0, { completedBatches: 0, totalRecords: 0 })).toBe(
      'Not started: batches of 1 second will run after ssc.start()',
    );
  });

  it('says "Stopped" with the span it ran when the context has stopped', () => {
    expect(summarySentence({ ...ctx, state: 'STOPPED', stopTime: at(10, 42, 3) }, at(11, 0, 0), { completedBatches: 60, totalRecords: 600 })).toBe(
      'Stopped: ran batches of 1 second for 1 min 0 s from 10:41:03 to 10:42:03 (60 completed batches, 600 records)',
    );
  });
});
