/**
 * `.doctor`: why is nothing printing? Each check reads the {@link StreamFacts} snapshot and,
 * when it applies, says in plain words what is wrong and what to type next.
 */
import { formatDurationMs } from '../engine/format.js';
import { batchDelays } from '../engine/events.js';
import type { StreamFacts } from './facts.js';
import { type QueryFinding, diagnoseQueries } from './query-doctor.js';
import { dstreamIdle } from './query-status.js';

/** One finding: a stable id (for tests) and the advice shown to the user. */
export interface Finding {
  readonly id:
    | QueryFinding['id']
    | 'not-started'
    | 'stopped'
    | 'no-output'
    | 'no-sources'
    | 'source-not-connected'
    | 'no-records'
    | 'kafka-latest'
    | 'checkpoint-missing'
    | 'slow-batches'
    | 'window-filling'
    | 'paused'
    | 'batch-errors'
    | 'remote-no-query';
  readonly advice: string;
}

/** Operators whose state Spark keeps in the checkpoint directory. */
const STATEFUL = new Set(['updateStateByKey', 'mapWithState']);

/** Runs every check; an empty list means nothing looks wrong. */
export function diagnose(f: StreamFacts): Finding[] {
  const queries = diagnoseQueries(f);
  // Only queries in use: advice about the untouched ssc would be noise.
  if ((f.queries ?? []).length > 0 && dstreamIdle(f)) return queries;
  // sc and ssc are not used in remote mode: only the server's queries can print.
  if (f.remote !== undefined) {
    return [
      {
        id: 'remote-no-query',
        advice: `No streaming query yet on the Spark Connect server at ${f.remote}. Start one, e.g.\n    spark.readStream.format("rate").load().writeStream.format("console").start()`,
      },
    ];
  }
  const out: Finding[] = [...queries];
  const outputs = f.graph.filter((n) => n.kind === 'output');
  const inputs = f.graph.filter((n) => n.kind === 'input');
  if (inputs.length === 0 && f.sources.length === 0) {
    out.push({ id: 'no-sources', advice: 'No input stream yet. Create one, e.g.\n    const lines = ssc.socketTextStream("localhost", 9999)' });
  }
  if (outputs.length === 0) {
    out.push({
      id: 'no-output',
      advice: 'No output operation: a pipeline prints nothing until it ends in one.\n    Add one before ssc.start(), e.g. counts.pprint()',
    });
  }
  if (f.state === 'INITIALIZED') out.push({ id: 'not-started', advice: 'The stream has not started: call ssc.start()' });
  if (f.state === 'STOPPED') out.push({ id: 'stopped', advice: 'The stream is stopped: build a pipeline on ssc and call ssc.start() again' });
  for (const s of f.sources) {
    if (f.state === 'ACTIVE' && s.state !== 'connected' && /socket/i.test(s.name)) {
      out.push({
        id: 'source-not-connected',
        advice: `${s.name} is ${s.state}, not connected: is a server listening there?\n    In another terminal run: npx tspark nc -lk <port>${s.lastError ? `\n    (last error: ${s.lastError})` : ''}`,
      });
    }
  }
  const offsetSources = f.sources.filter((s) => s.partitions !== undefined);
  if (f.state === 'ACTIVE' && f.sources.length > 0 && f.sources.every((s) => s.recordsReceived === 0) && f.recentBatches.length > 0 && offsetSources.length === 0) {
    out.push({ id: 'no-records', advice: 'The sources have received no records yet: type some lines into the\n    netcat terminal (or feed a file)' });
  }
  for (const s of offsetSources) {
    if (f.state !== 'ACTIVE' || s.recordsReceived > 0 || s.startingOffsets !== 'latest' || f.recentBatches.length === 0) continue;
    out.push({
      id: 'kafka-latest',
      advice:
        `${s.name} has read nothing: its offsets start at latest (Kafka's default),\n    so only records written after ssc.start() are read, and what the topic held before is skipped.\n` +
        '    To read from the beginning, create the stream with {"auto.offset.reset": "smallest"}\n' +
        '    (ssc.stop(), then build it again on the new ssc), or write new records (tspark feed --kafka …)',
    });
  }
  const needsCheckpoint = f.graph.some((n) => STATEFUL.has(n.name));
  if (needsCheckpoint && !f.checkpointDir) {
    out.push({ id: 'checkpoint-missing', advice: 'State needs a checkpoint directory: call ssc.checkpoint("checkpoint")\n    before ssc.start()' });
  }
  const slow = f.recentBatches.filter((b) => (batchDelays(b).processingTime ?? 0) > f.batchMs);
  if (slow.length > 0) {
    const worst = Math.max(...slow.map((b) => batchDelays(b).processingTime ?? 0));
    out.push({
      id: 'slow-batches',
      advice: `Batches take longer than the batch interval (${formatDurationMs(worst)} > ${formatDurationMs(f.batchMs)}), so output\n    falls behind: use a longer interval (--batch) or lighter work per batch`,
    });
  }
  if (f.state === 'ACTIVE' && f.startedAt !== undefined) {
    const elapsed = f.now - f.startedAt;
    for (const n of f.graph) {
      if (n.windowMs !== undefined && elapsed < n.windowMs) {
        out.push({
          id: 'window-filling',
          advice: `The ${n.name} window (${formatDurationMs(n.windowMs)}) has not filled yet (${formatDurationMs(elapsed)} so far);\n    its first full result comes after one window length`,
        });
      }
    }
  }
  if (f.paused) out.push({ id: 'paused', advice: 'The batch clock is paused: .step runs one batch, .resume lets them run' });
  if (f.lastError) out.push({ id: 'batch-errors', advice: `A batch failed recently: ${f.lastError.message}\n    See the report above and fix the function it names` });
  return out;
}

/** Renders the findings for the terminal; `mark` colours the bullet. */
export function formatDiagnosis(findings: readonly Finding[], mark: (text: string) => string = (t) => t): string {
  if (findings.length === 0) return 'Nothing looks wrong: the streams are running, sources are connected and batches are on time.\n';
  return findings.map((f) => `${mark('-')} ${f.advice}`).join('\n') + '\n';
}
