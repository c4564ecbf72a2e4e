/**
 * A remote query's `console` sink, shown in this shell. Spark's console sink prints on the
 * server's standard output, which a Connect client never sees; so a remote `console` query runs
 * on the server with the `memory` sink instead (a table named after the query), and after each
 * batch (its progress event says the batch id and how many rows the sink took) this echo reads
 * that batch's rows back with ShowString and prints the text Spark's console sink would print:
 * the `Batch: N` header between rules, then `show(numRows, truncate)` of the batch.
 *
 * In complete mode the table holds the whole result, replaced every batch; in append and update
 * modes each batch's rows follow the previous batches', so batch N is the rows after the first
 * (sum of the earlier batches' counts). Batches are echoed in order, one read at a time.
 */
import type { Relation } from '../proto.js';
import { quoteName } from '../translate/expressions.js';
import type { TransportBridge } from '../sync/bridge.js';
import { decodeResults } from '../results.js';
import type { RemoteStreamEvent } from './stream-events.js';

const RULE = '-------------------------------------------';

/** What the echo of one query needs to know. */
export interface ConsoleEchoOptions {
  readonly queryId: string;
  /** The memory sink's table (the query's name on the server). */
  readonly table: string;
  readonly outputMode: 'append' | 'complete' | 'update';
  /** The console sink's `numRows` (20) and `truncate` (true: 20 characters). */
  readonly numRows: number;
  readonly truncate: boolean;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Prints a remote console query's batches as they complete. */
export class ConsoleEcho {
  private rowsBefore = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly seen = new Set<number>();

  constructor(
    private readonly bridge: TransportBridge,
    private readonly options: ConsoleEchoOptions,
  ) {}

  /** Takes one pushed event; batches of this query are echoed in order. */
  onEvent(e: RemoteStreamEvent): void {
    if (e.type !== 'progress' || e.event.progress['id'] !== this.options.queryId) return;
    const p = e.event.progress;
    const batchId = Number(p['batchId']);
    const sink = p['sink'] as { numOutputRows?: unknown } | undefined;
    const rows = Number(sink?.numOutputRows ?? 0);
    // A progress report repeated (reattached stream) is echoed once.
    if (!Number.isInteger(batchId) || this.seen.has(batchId)) return;
    this.seen.add(batchId);
    const offset = this.rowsBefore;
    if (this.options.outputMode !== 'complete') this.rowsBefore += Math.max(rows, 0);
    this.chain = this.chain.then(() => this.echo(batchId, offset, rows));
  }

  /** Resolves when every batch seen so far has been printed. */
  drained(): Promise<void> {
    return this.chain;
  }

  private async echo(batchId: number, offset: number, rows: number): Promise<void> {
    const o = this.options;
    const table: Relation = { read: { named_table: { unparsed_identifier: quoteName([o.table]) } } };
    const batch: Relation = o.outputMode === 'complete' ? table : { limit: { input: { offset: { input: table, offset } }, limit: Math.max(rows, 0) } };
    try {
      const responses = await this.bridge.callAsync('execute', { root: { show_string: { input: batch, num_rows: o.numRows, truncate: o.truncate ? 20 : 0, vertical: false } } }, {});
      const text = decodeResults(responses).rows[0]?.[0];
      o.out(`${RULE}\nBatch: ${batchId}\n${RULE}\n${typeof text === 'string' ? text : ''}\n`);
    } catch (e) {
      o.err(`Could not show batch ${batchId} of the remote console query: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
}
