/**
 * The input primitive: a kind of input says how its batches are made; the primitive wires the
 * stream, the SourceInfo with the stream's id, status and warnings to events and stderr, and the
 * registration with the graph.
 */
import { describe, expect, it } from 'vitest';
import type { StreamingEvent } from '../../../src/index.js';
import { nodeOf, wrap } from '../../../src/engine/dstream/dstream.js';
import { Input } from '../../../src/engine/inputs/input.js';
import type { RDD } from '../../../src/engine/rdd/rdd.js';
import type { StreamingRuntime } from '../../../src/engine/runtime.js';
import { newContext } from '../../support/run-batches.js';

/** The smallest kind of input: one fixed partition per batch, and it says when it starts. */
class Fixed extends Input<string> {
  constructor(
    runtime: StreamingRuntime,
    private readonly records: string[],
  ) {
    super(runtime, 'fixedStream', 'fixedStream test');
  }

  protected batch(): RDD<string> {
    return this.runtime.sc.fromPartitions([this.records], 'fixed');
  }

  start(): void {
    this.status('connected', 'ready');
    this.warn('one odd record');
  }

  stop(): void {}
}

describe('Input', () => {
  it('makes a stream of the graph whose SourceInfo carries its id, and reports status and warnings', async () => {
    const { ssc, clock, err } = newContext();
    const runtime = nodeOf(ssc.queueStream([[]])).runtime;
    const input = new Fixed(runtime, ['a', 'b']);
    const events: StreamingEvent[] = [];
    ssc.events.on((e) => void events.push(e));
    const batches: string[][] = [];
    wrap(input.node, ssc).foreachRDD((rdd) => void batches.push(rdd.collect()));
    expect(input.info).toMatchObject({ id: input.streamId, name: 'fixedStream test', state: 'initialized' });
    expect(ssc.sources().map((s) => s.name)).toEqual(['queueStream', 'fixedStream test']);
    expect(ssc.graph().find((n) => n.id === input.streamId)).toMatchObject({ name: 'fixedStream', kind: 'input', parents: [] });
    ssc.start();
    await clock.advance(1000);
    ssc.stop(false);
    expect(batches).toEqual([['a', 'b']]);
    expect(input.info).toMatchObject({ state: 'connected', lastMessage: 'ready', lastError: 'one odd record' });
    expect(events.filter((e) => e.type === 'sourceStatus' || e.type === 'sourceWarning').map((e) => e.type)).toEqual(['sourceStatus', 'sourceWarning']);
    expect(err).toEqual(expect.arrayContaining(['[fixedStream test] ready\n', '[fixedStream test] one odd record\n']));
  });
});
