import { describe, expect, it } from 'vitest';
import { internalMemberNames, internalNamesIn } from '../../src/repl/api-members.js';

describe('internal member names', () => {
  it('collects private, protected and @internal members, minus names public elsewhere', () => {
    const hidden = new Set<string>();
    const visible = new Set<string>();
    internalNamesIn(
      [
        'export declare class A {',
        '    private readonly scheduler;',
        '    protected graph: number;',
        '    /** @internal */',
        '    writeOut(text: string): void;',
        '    /** Starts it. */',
        '    start(): void;',
        '    get state(): string;',
        '}',
        'export interface Options {',
        '    scheduler?: number;',
        '}',
      ].join('\n'),
      hidden,
      visible,
    );
    expect([...hidden].sort()).toEqual(['graph', 'scheduler', 'writeOut']);
    expect([...visible].sort()).toEqual(['start', 'state']);
  });

  it('hides the engine’s internals but none of the pyspark API', () => {
    const internal = internalMemberNames();
    for (const name of ['scheduler', 'contextState', 'getOrCompute', 'reportBatchError', 'out', 'err']) expect(internal.has(name)).toBe(true);
    for (const name of ['start', 'stop', 'socketTextStream', 'queueStream', 'state', 'map', 'flatMap', 'reduceByKey', 'pprint', 'foreachRDD', 'collect', 'parallelize', 'awaitTermination']) {
      expect(internal.has(name)).toBe(false);
    }
  });
});
