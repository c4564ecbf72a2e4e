/**
 * `limit(n)` on a stream in append mode (Spark's StreamingGlobalLimitExec): at most n rows over
 * the whole query, the count so far kept in the state store; a batch passes the first rows
 * (partition by partition) until the count reaches n.
 */
import type { PExternal, PLimit, RPlan } from '../../analysis/resolved.js';
import type { InternalRow } from '../../types/values.js';
import { StateStore } from '../state/state-store.js';
import { rowsByPartition } from './dedup.js';
import { type BatchInfo, OperatorMetrics, type StateOperatorProgress, type StateSchema, type StatefulOperator, schemaText } from './operator.js';

const KEY = 'count';

/** The state of a streaming limit: rows emitted so far. */
export class StreamingLimit implements StatefulOperator {
  readonly operatorName = 'globalLimit';
  private readonly store: StateStore<number>;
  private readonly metrics = new OperatorMetrics();

  constructor(
    readonly operatorId: number,
    readonly node: PLimit,
    stateDir: string | undefined,
  ) {
    this.store = new StateStore(stateDir, 1);
  }

  batchNode(inputs: readonly RPlan[], info: BatchInfo): PExternal {
    const input = inputs[0]!;
    return {
      k: 'external',
      name: 'StreamingGlobalLimit',
      text: `StreamingGlobalLimit ${this.node.n}, opId = ${this.operatorId}, ver = ${info.batchId}`,
      children: [input],
      numPartitions: 1,
      output: this.node.output,
      compute: (ex) => {
        const t0 = performance.now();
        let count = this.store.get(KEY) ?? 0;
        const out: InternalRow[] = [];
        for (const part of rowsByPartition(input, ex)) {
          for (const r of part) {
            if (count >= this.node.n) break;
            out.push(r);
            count++;
          }
        }
        if (out.length > 0) this.store.put(KEY, count, 0);
        this.metrics.updatesMs += performance.now() - t0;
        return [out];
      },
    };
  }

  shouldRunAnotherBatch(): boolean {
    return false;
  }

  load(version: number): void {
    this.store.load(version);
  }

  commit(version: number): void {
    this.store.commit(version);
  }

  stateSchema(): StateSchema {
    return { operatorName: this.operatorName, keySchema: 'struct<>', valueSchema: `struct<count:bigint> (limit ${this.node.n})` };
  }

  progress(): StateOperatorProgress {
    return this.metrics.progress(this.operatorName, this.store as StateStore<unknown>, 1);
  }
}
