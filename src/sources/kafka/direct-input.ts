/**
 * The direct Kafka stream as an input of the engine (Spark's `DirectKafkaInputDStream`): no
 * receiver, no buffer. At each tick the batch's offset range of every partition is decided
 * (from where the stream stands to the partition's latest offset, within the rate limits);
 * before the batch's jobs run, exactly those ranges are fetched. Positions move only when a
 * batch's ranges were read, so a broker that goes away costs empty batches, never records,
 * and the positions saved in the checkpoint after each batch are where a restart resumes.
 *
 * With a `group.id` (and no `fromOffsets`) the partitions come from Kafka's consumer group
 * (group-sync.ts): several processes share a topic, offsets are committed after each batch,
 * and keyed state follows its partitions through changelog topics (changelog.ts).
 */
import type { StreamNode } from '../../engine/dstream/stream-node.js';
import { Input } from '../../engine/inputs/input.js';
import type { StreamingRuntime } from '../../engine/runtime.js';
import { SourceError } from '../../engine/errors.js';
import { type BatchRead, readRanges } from './batch-read.js';
import { describeKafkaError, isUnreachable } from './client.js';
import type { RecordDecoder } from './decode.js';
import { EagerTables } from './eager.js';
import { GroupSync } from './group-sync.js';
import { lostRecordsError, notUtf8Warning } from './input-messages.js';
import { KafkaRDD, OffsetRange } from './offset-range.js';
import type { KafkaParams } from './params.js';
import { type BatchPlan, type Range, type Tp, planBatch } from './plan.js';
import { PidRateEstimator, type RateSettings, maxMessagesPerPartition } from './rate.js';
import { PartitionFetchError, PartitionReader, type TopicMeta, type TpKey, tpKey } from './reader.js';
import { registerKafkaInput } from './upstream-inputs.js';

/** What `createDirectStream` decided. */
export interface DirectStreamConfig {
  readonly topics: readonly string[];
  readonly params: KafkaParams;
  readonly fromOffsets: ReadonlyMap<TpKey, number> | undefined;
  readonly decoder: RecordDecoder;
  readonly rate: RateSettings;
}

/** The decision of one tick. `ok` is false when nothing could be planned (not connected yet, broker away). */
interface TickPlan extends BatchPlan {
  readonly ok: boolean;
  readonly epoch: number;
  /** Where each partition stood before this plan. */
  readonly start: ReadonlyMap<TpKey, number>;
}

/** What the batch of one time read. */
export interface Fetched {
  readonly epoch: number;
  readonly ranges: readonly Range[];
  readonly parts: unknown[][];
  /** Partition of each record key (grouping key), -1 for a key seen on two partitions; kept for keyed state. */
  readonly keys: Map<unknown, number> | undefined;
  readonly error: unknown;
}

const EMPTY: BatchPlan = { ranges: [], lost: [], reset: [] };

/** The input behind `KafkaUtils.createDirectStream`. */
export class DirectKafkaInput extends Input<unknown> {
  readonly reader: PartitionReader;
  readonly checkpointEveryBatch = true;
  /** Aggregations' map side, run on records as they are fetched. */
  readonly eager = new EagerTables();
  meta = new Map<string, TopicMeta>();
  /** The partitions read now. */
  scope: Tp[] = [];
  /** Position after the last batch whose ranges were read: where the next batch starts. */
  confirmed = new Map<TpKey, number>();
  /** Position after the last planned batch (ahead of `confirmed` while batches queue). */
  planned = new Map<TpKey, number>();
  private latest = new Map<TpKey, number>();
  private ready = false;
  private unreachable = false;
  private stopped = false;
  private readonly missingReported = new Set<string>();
  private readonly plans = new Map<number, Promise<TickPlan>>();
  readonly fetched = new Map<number, Fetched>();
  private chain: Promise<unknown> = Promise.resolve();
  private saved: Map<TpKey, number> | undefined;
  private readonly estimator: PidRateEstimator;
  private estimatedRate: number | undefined;
  /** Set in group mode. */
  readonly group: GroupSync | undefined;

  constructor(
    runtime: StreamingRuntime,
    readonly config: DirectStreamConfig,
  ) {
    super(runtime, 'createDirectStream', `kafka ${config.topics.join(',')} @ ${config.params.bootstrap.join(',')}`);
    const { params } = config;
    this.reader = new PartitionReader(params, params.groupId ?? `tspark-direct-${process.pid}`);
    this.info.startingOffsets = config.fromOffsets ? undefined : params.reset;
    this.info.partitions = [];
    this.estimator = new PidRateEstimator(runtime.batchMs, config.rate.pid);
    if (params.groupId !== undefined && !config.fromOffsets) this.group = new GroupSync(this, runtime, params.groupId);
    registerKafkaInput(this.node as StreamNode<unknown>, this);
    runtime.events.on((e) => {
      if (e.type !== 'batchCompleted' || !config.rate.backpressure) return;
      const b = e.batch;
      const n = b.streamRecords[this.streamId] ?? 0;
      if (b.processingStartTime === undefined || b.processingEndTime === undefined) return;
      const rate = this.estimator.compute(b.batchTime, n, b.processingEndTime - b.processingStartTime, b.processingStartTime - b.submissionTime);
      if (rate !== undefined) this.estimatedRate = rate;
    });
  }

  /** Runs `task` after every earlier planning step: positions move in batch order. */
  serial<R>(task: () => Promise<R>): Promise<R> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  start(): void {
    this.status('connecting');
    void this.serial(() => this.ensureReady());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.group?.stop();
    await this.reader.close();
    this.status('stopped');
  }

  // --- Positions ---------------------------------------------------------------------------

  /** Connects and decides where each partition starts; false while that is not possible yet. */
  private async ensureReady(): Promise<boolean> {
    if (this.ready) return true;
    if (this.stopped) return false;
    try {
      await this.refreshTopics();
      if (this.meta.size === 0) return false;
      if (this.group) {
        await this.group.join();
      } else {
        const starts = await this.startPositions(this.scope, false);
        for (const [k, o] of starts) {
          this.confirmed.set(k, o);
          this.planned.set(k, o);
        }
      }
      this.ready = true;
      this.reachable(true);
      return true;
    } catch (e) {
      this.failed(e);
      return false;
    }
  }

  /** Topic metadata; partitions of topics that appear later are added, from their beginning. */
  private async refreshTopics(): Promise<void> {
    const { found, missing } = await this.reader.topics(this.config.topics);
    for (const t of missing) {
      if (this.missingReported.has(t)) continue;
      this.missingReported.add(t);
      this.warn(`topic "${t}" does not exist on ${this.config.params.bootstrap.join(',')}; waiting for it (create it, or produce to it: it will be read from its beginning)`);
    }
    const known = new Set(this.scope.map((p) => tpKey(p.topic, p.partition)));
    this.meta = found;
    if (this.group) return;
    const wanted: Tp[] = this.config.fromOffsets
      ? [...this.config.fromOffsets.keys()].map(splitKey).filter((p) => found.has(p.topic))
      : [...found].flatMap(([topic, m]) => m.leaders.map((_, partition) => ({ topic, partition })));
    const added = wanted.filter((p) => !known.has(tpKey(p.topic, p.partition)));
    if (added.length === 0) return;
    this.scope = [...this.scope, ...added];
    if (this.ready) {
      // Appeared after the start: read from the beginning, so nothing written to it is missed.
      const first = await this.reader.offsets(added, 'earliest');
      for (const p of added) {
        const k = tpKey(p.topic, p.partition);
        const o = first.get(k) ?? 0;
        this.confirmed.set(k, o);
        this.planned.set(k, o);
      }
      this.status('connected', `now reading ${added.map((p) => `${p.topic}-${p.partition}`).join(', ')} from the beginning`);
    }
  }

  /** Where each of `parts` starts: the checkpoint's position, `fromOffsets`, the group's commit, or `auto.offset.reset`. */
  async startPositions(parts: readonly Tp[], committedFirst: boolean): Promise<Map<TpKey, number>> {
    const out = new Map<TpKey, number>();
    const rest: Tp[] = [];
    const committed = committedFirst ? await this.reader.committed(parts) : new Map<TpKey, number>();
    for (const p of parts) {
      const k = tpKey(p.topic, p.partition);
      const o = committed.get(k) ?? (committedFirst ? undefined : (this.saved?.get(k) ?? this.config.fromOffsets?.get(k)));
      if (o !== undefined) out.set(k, o);
      else rest.push(p);
    }
    // A topic that did not exist when the stream started is read from its beginning: everything in it was written after the start.
    const late = rest.filter((p) => this.missingReported.has(p.topic));
    if (late.length > 0) for (const [k, v] of await this.reader.offsets(late, 'earliest')) out.set(k, v);
    rest.splice(0, rest.length, ...rest.filter((p) => !this.missingReported.has(p.topic)));
    if (rest.length > 0) {
      const policy = this.config.params.reset;
      if (policy === 'none') {
        throw new SourceError(
          'ERR_SOURCE',
          `no saved position for ${rest.map((p) => `${p.topic}-${p.partition}`).join(', ')} and "auto.offset.reset" is "none": give fromOffsets, or set "auto.offset.reset" to "smallest" or "largest"`,
        );
      }
      const o = await this.reader.offsets(rest, policy);
      for (const [k, v] of o) out.set(k, v);
    }
    return out;
  }

  // --- Ticks and batches ---------------------------------------------------------------------

  /** At the tick: decide the batch's ranges now (asynchronously, in order); `prepare` fetches them. */
  cut(time: number): number {
    this.plans.set(
      time,
      this.serial(() => this.plan()),
    );
    return 0;
  }

  private async plan(): Promise<TickPlan> {
    const epoch = this.group?.epoch ?? 0;
    const none: TickPlan = { ...EMPTY, ok: false, epoch, start: new Map() };
    if (this.stopped || !(await this.ensureReady())) return none;
    if (this.group && !this.group.restoredFor(epoch)) return none;
    try {
      if (!this.group) await this.refreshTopics();
      const scope = this.group ? this.group.partitions : this.scope;
      const [earliest, latest] = await Promise.all([this.reader.offsets(scope, 'earliest'), this.reader.offsets(scope, 'latest')]);
      this.latest = latest;
      const start = new Map(scope.map((p) => tpKey(p.topic, p.partition)).map((k) => [k, this.planned.get(k) ?? -1] as const));
      const lags = new Map([...start].map(([k, o]) => [k, Math.max(0, (latest.get(k) ?? o) - o)] as const));
      const rate = this.estimatedRate ?? (this.config.rate.backpressure && this.config.rate.initialRate > 0 ? this.config.rate.initialRate : undefined);
      const limits = maxMessagesPerPartition(lags, rate, this.config.rate, this.runtime.batchMs);
      const plan = planBatch(scope, this.planned, earliest, latest, limits, this.config.params.reset);
      this.reachable(false);
      return { ...plan, ok: true, epoch, start };
    } catch (e) {
      this.failed(e);
      this.planned = new Map(this.confirmed);
      return none;
    }
  }

  /** True when `plan` was made from positions other than where the stream now stands. */
  private stale(plan: TickPlan): boolean {
    if (!plan.ok || plan.epoch !== (this.group?.epoch ?? 0)) return true;
    for (const [k, o] of plan.start) if (this.confirmed.get(k) !== o) return true;
    return false;
  }

  /** Before the batch's jobs: fetch exactly its ranges. Returns the record count. */
  async prepare(time: number): Promise<number> {
    if (this.group) await this.group.beforeBatch();
    let plan = await (this.plans.get(time) ?? this.serial(() => this.plan()));
    if (this.stale(plan)) {
      // Plans of later ticks may already wait in the chain and would move `planned` on from
      // the restored position before this one runs: going back to where the stream stands and
      // planning again must be one step of the chain, or this batch starts past records that
      // nobody read (a member reading on beyond the state it restored).
      plan = await this.serial(() => {
        this.planned = new Map(this.confirmed);
        return this.plan();
      });
      if (this.stale(plan)) plan = { ...plan, ok: false };
    }
    if (!plan.ok) {
      // In a group, a batch with no plan has no restored state for the current assignment
      // either: its outputs must not write what the state still holds (epoch -1 is never current).
      this.fetched.set(time, { epoch: this.group ? -1 : plan.epoch, ranges: [], parts: [], keys: undefined, error: undefined });
      this.eager.begin(time, 0);
      return 0;
    }
    for (const l of plan.lost) this.reportLost(time, l);
    for (const r of plan.reset) this.warn(`${r.topic}-${r.partition}: offset ${r.from} is past the partition's end (was the topic made again?); reading from ${r.to}`);
    const eager = this.eager.active ? this.eager.begin(time, plan.ranges.length) : undefined;
    let read: BatchRead;
    try {
      read = await readRanges(this.reader, this.meta, plan.ranges, {
        decoder: this.config.decoder,
        eager,
        keepRaw: eager === undefined || this.eager.rawNeeded,
        withKeys: this.group?.needsKeys ?? false,
      });
    } catch (e) {
      this.planned = new Map(this.confirmed);
      this.fetched.set(time, { epoch: plan.epoch, ranges: [], parts: [], keys: undefined, error: undefined });
      this.eager.begin(time, 0);
      if (e instanceof PartitionFetchError && e.errorId === 'OFFSET_OUT_OF_RANGE') {
        const k = tpKey(e.topic, e.partition);
        const from = this.confirmed.get(k) ?? 0;
        this.reportLost(time, { topic: e.topic, partition: e.partition, from, until: e.logStartOffset });
        this.confirmed.set(k, e.logStartOffset);
        this.planned = new Map(this.confirmed);
      } else {
        this.failed(e);
      }
      return 0;
    }
    this.reachable(false);
    for (const r of plan.ranges) this.confirmed.set(tpKey(r.topic, r.partition), r.until);
    this.fetched.set(time, { epoch: plan.epoch, ranges: plan.ranges, parts: read.parts, keys: read.keys, error: read.error });
    this.info.recordsReceived += read.count;
    this.updatePartitions();
    const bad = this.config.decoder.take();
    if (bad.count > 0 && bad.first) this.warn(notUtf8Warning(bad.count, bad.first));
    return read.count;
  }

  protected batch(time: number): KafkaRDD<unknown> | undefined {
    const f = this.fetched.get(time);
    if (!f) return undefined;
    const ranges = f.ranges.map((r) => new OffsetRange(r.topic, r.partition, r.from, r.until));
    const { parts, error } = f;
    return new KafkaRDD<unknown>(
      this.runtime.sc,
      {
        name: 'KafkaRDD',
        numPartitions: ranges.length,
        parents: [],
        size: error === undefined ? parts.reduce((n, p) => n + p.length, 0) : undefined,
        compute: (i, sink) => {
          // A decoder or messageHandler that threw fails the batch's jobs, reported once with the batch time.
          if (error !== undefined) throw error;
          for (const x of parts[i] ?? []) sink(x);
        },
      },
      ranges,
    );
  }

  release(time: number): void {
    this.plans.delete(time);
    this.fetched.delete(time);
    this.eager.release(time);
  }

  snapshot(): unknown {
    return [...this.confirmed].map(([k, o]) => [k, o]);
  }

  restore(saved: unknown): void {
    if (!Array.isArray(saved)) return;
    // In group mode the group's commits and the changelogs decide; the checkpoint's positions would be another process's view.
    if (this.group) return;
    this.saved = new Map(saved.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number'));
  }

  // --- Status ----------------------------------------------------------------------------------

  private reportLost(time: number, l: Range): void {
    this.runtime.reportBatchError(time, 'createDirectStream', lostRecordsError(l));
  }

  private reachable(announce: boolean): void {
    if (this.unreachable) {
      this.unreachable = false;
      this.status('connected', `Kafka at ${this.config.params.bootstrap.join(',')} is back; reading on from where the stream stood (nothing was skipped)`);
    } else if (announce || this.info.state !== 'connected') {
      this.status('connected', this.startMessage());
    }
  }

  private startMessage(): string {
    const where = this.group ? `as a member of consumer group "${this.config.params.groupId}"` : this.config.fromOffsets ? 'from the given offsets' : '';
    const from = this.saved ? 'from the checkpoint' : this.group ? '' : this.config.params.reset === 'latest' ? 'from the latest offsets (records written from now on)' : 'from the earliest offsets';
    return `reading ${this.config.topics.join(', ')} ${[where, from].filter((s) => s !== '').join(', ')}`.trim();
  }

  /** A broker call failed: say so once (until it works again). */
  failed(e: unknown): void {
    if (this.stopped) return;
    if (isUnreachable(e)) {
      if (!this.unreachable) {
        this.unreachable = true;
        this.status('retrying', `cannot reach Kafka at ${this.config.params.bootstrap.join(',')} (${describeKafkaError(e)}); trying again at every batch, positions kept`);
      }
      return;
    }
    this.warn(`Kafka: ${describeKafkaError(e)}`);
  }

  /** The partitions table of `.status` and the UI. */
  updatePartitions(): void {
    const scope = this.group ? this.group.partitions : this.scope;
    this.info.partitions = scope.map((p) => {
      const k = tpKey(p.topic, p.partition);
      return { topic: p.topic, partition: p.partition, offset: this.confirmed.get(k) ?? 0, latest: this.latest.get(k) };
    });
  }

  /** Exposed to the group's coordinator. */
  get runtimeOf(): StreamingRuntime {
    return this.runtime;
  }

  /** Status and warnings for the group's coordinator. */
  say(state: 'connected' | 'retrying', message: string): void {
    this.status(state, message);
  }

  /** A warning from the group's coordinator. */
  note(message: string): void {
    this.warn(message);
  }
}

function splitKey(k: TpKey): Tp {
  const i = k.lastIndexOf(':');
  return { topic: k.slice(0, i), partition: Number(k.slice(i + 1)) };
}
