/**
 * Compile-only tests of what the built package publishes: dist/src/index.d.ts, the file
 * package.json's `exports` gives for `tspark` (imported by path: a self-import would be mapped
 * back to the sources). The public API compiles, and the engine's internals are not reachable:
 * each `@ts-expect-error` fails the typecheck the day an internal shows up in the published
 * types again. Checked by the e2e project after `npm run build` (tsconfig.e2e.json);
 * tsconfig.json leaves this file out, so `npm run typecheck` works without a build.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { type DStream, type MapWithStateDStream, RDD, type SparkContext, StateSpec, type StreamingContext } from '../../dist/src/index.js';

declare const sc: SparkContext;
declare const ssc: StreamingContext;
declare const rdd: RDD<number>;
declare const pairs: DStream<[string, number]>;
declare const spec: StateSpec<string, number, number, number>;

describe('the published types', () => {
  it('still offer the public API', () => {
    expectTypeOf(sc.parallelize([1, 2]).map((x) => x * 2)).toEqualTypeOf<RDD<number>>();
    expectTypeOf(rdd.sum()).toEqualTypeOf<number>();
    expectTypeOf(ssc.socketTextStream('localhost', 9999).flatMap((l) => l.split(' '))).toEqualTypeOf<DStream<string>>();
    expectTypeOf(pairs.reduceByKey((a, b) => a + b)).toEqualTypeOf<DStream<[string, number]>>();
    expectTypeOf(pairs.mapWithState(spec)).toEqualTypeOf<MapWithStateDStream<string, number, number>>();
    expectTypeOf(StateSpec.function((_k: string, v: number | undefined) => v ?? 0)).toEqualTypeOf<StateSpec<string, number, unknown, number>>();
    expectTypeOf(ssc.state).toEqualTypeOf<'INITIALIZED' | 'ACTIVE' | 'STOPPED'>();
  });

  it('hide the internals of RDD and SparkContext', () => {
    // @ts-expect-error the spec is internal
    void rdd.spec;
    // @ts-expect-error iterate is internal
    rdd.iterate(0, () => undefined);
    // @ts-expect-error pipe is internal
    void rdd.pipe;
    // @ts-expect-error derive is internal
    void rdd.derive;
    // @ts-expect-error the record meter is internal
    void rdd.meter;
    // @ts-expect-error partitionArray is internal
    rdd.partitionArray(0);
    // @ts-expect-error RDDs are made by a SparkContext or a transformation, not constructed
    new RDD(sc, { name: 'x', numPartitions: 0, parents: [], compute: () => undefined });
    // @ts-expect-error fromPartitions is internal
    sc.fromPartitions([[1]], 'x');
    // @ts-expect-error checkActive is internal
    sc.checkActive();
    // @ts-expect-error onStop is internal
    sc.onStop(() => undefined);
  });

  it('hide the internals of StreamingContext and DStream', () => {
    // @ts-expect-error the graph is internal
    void ssc.graphInternal;
    // @ts-expect-error writing output is internal
    ssc.writeOut('x');
    // @ts-expect-error reporting is internal
    ssc.reportBatchError(0, 'x', new Error('x'));
    // @ts-expect-error the lifecycle checks are internal
    ssc.checkCanAddStream();
    // @ts-expect-error the runtime is private
    void ssc.runtime;
    // @ts-expect-error remember durations are set by the graph
    pairs.rememberMs = 5;
    // @ts-expect-error the stream's spec is internal
    void pairs.spec;
    // @ts-expect-error streams are computed by the graph
    pairs.getOrCompute(1000);
    // @ts-expect-error the node is private
    void pairs.node;
    // @ts-expect-error the mapping function of a StateSpec is internal
    void spec.mappingFunction;
    // @ts-expect-error the timeout of a StateSpec is read by the engine
    void spec.timeoutMs;
  });
});

describe('the published entry point', () => {
  it('does not export the CLI tools', async () => {
    // @ts-expect-error `tspark nc` lives in src/tools, not in the public API
    const { ncCommand } = await import('../../dist/src/index.js');
    // @ts-expect-error `tspark feed` lives in src/tools, not in the public API
    const { feedCommand } = await import('../../dist/src/index.js');
    void ncCommand;
    void feedCommand;
  });
});
