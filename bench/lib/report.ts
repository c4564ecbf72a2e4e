/**
 * What a consumer process (a peer or a tspark contender) prints when it is done: one JSON line on
 * stdout, read by the harness. Shared by every TypeScript consumer so the fields agree.
 */

/** The result line of one consumer run. Times are epoch milliseconds unless named otherwise. */
export interface ConsumerReport {
  readonly name: string;
  /** Set instead of the figures when the contender cannot run yet (an engine piece is missing). */
  readonly unavailable?: string;
  readonly lines?: number;
  readonly words?: number;
  /** Order-independent fingerprint of all word counts (see generator/corpus.ts). */
  readonly fingerprint?: number;
  /** Epoch ms when the consumer connected to the generator. */
  readonly connectedAt?: number;
  /** Epoch ms when the input had been read to its end (B1 times ingest to here). */
  readonly inputEndAt?: number;
  /** Epoch ms when the consumer had printed its last batch. */
  readonly doneAt?: number;
  /** Peak resident set size of this process in MB (2^20 bytes). */
  readonly maxRssMB?: number;
  /** CPU time of this process, user + system, in ms. */
  readonly cpuMs?: number;
  /** Number of batches emitted. */
  readonly batches?: number;
  /** Per-batch processing time in ms, in order. */
  readonly batchMs?: readonly number[];
  /** Per-batch CPU time in ms, in order, where measured. */
  readonly batchCpuMs?: readonly number[];
  /** Per-batch scheduling delay (processing start − tick) in ms, where measured. */
  readonly schedulingDelayMs?: readonly number[];
  /** Anything else a benchmark wants to pass back (latencies, heap bytes …). */
  readonly extra?: Readonly<Record<string, number | readonly number[] | string>>;
}

/** Marks the result line among other output (pprint text may share stdout). */
export const REPORT_PREFIX = 'BENCH_REPORT ';

/** Peak RSS of this process in MB, from the kernel's own high-water mark. */
export function maxRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** CPU time of this process so far, user + system, in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Prints the report line and lets the process exit. */
export function emitReport(report: ConsumerReport): void {
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(report)}\n`);
}
