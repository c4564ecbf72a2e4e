/**
 * What the batch executor does with Structured Streaming's plan nodes outside a micro-batch: a
 * streaming source reached by a batch action is Spark's "Queries with streaming sources must be
 * executed with writeStream.start()", and `flatMapGroupsWithState` on a batch DataFrame runs
 * once with empty states, as Spark's batch FlatMapGroupsWithState does.
 */
import type { PGroupsWithState, PStreamSource } from '../analysis/resolved.js';
import { AnalysisException } from '../errors.js';
import { runGroupsWithState } from '../streaming/operators/groups-with-state-batch.js';
import type { InternalRow } from '../types/values.js';
import type { Executor } from './executor.js';

/** The plan text Spark prints under this error: the streaming relation's name (`rate`, `FileSource[/in]`). */
export function streamSourceName(p: PStreamSource): string {
  const r = p.read;
  if (r.paths.length > 0) return `FileSource[${r.paths.join(', ')}]`;
  return r.format;
}

/** Spark's error for a batch action on a streaming DataFrame. */
export function streamingActionError(p: PStreamSource): AnalysisException {
  return new AnalysisException('LEGACY_ANALYSIS', { message: 'Queries with streaming sources must be executed with writeStream.start()' }, { context: `;\n${streamSourceName(p)}` });
}

/** A batch `flatMapGroupsWithState`: every key once, with a state that starts empty and never times out. */
export function batchGroupsWithState(plan: PGroupsWithState, ex: Executor): InternalRow[][] {
  return [runGroupsWithState(plan, ex)];
}
