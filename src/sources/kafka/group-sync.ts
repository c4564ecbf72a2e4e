/**
 * A direct stream in a consumer group (docs/SCALING.md): Kafka's classic group protocol tells
 * this process which partitions it reads; after each batch the changes of keyed state are
 * written to changelog topics and then the batch's offsets are committed; after each new
 * assignment, before the next batch, positions come from the group's commits and keyed state
 * from the changelogs. A batch read under an assignment that has since changed commits nothing:
 * its partitions are read again by whoever owns them now, from state that matches.
 */
import { IllegalArgumentError, SourceError } from '../../engine/errors.js';
import type { StreamNode } from '../../engine/dstream/stream-node.js';
import type { StreamingRuntime } from '../../engine/runtime.js';
import { StateChangelog } from './changelog.js';
import { describeKafkaError } from './client.js';
import { CommitRefusedError } from './fenced-commit.js';
import type { DirectKafkaInput } from './direct-input.js';
import { type Assignment, GroupMember } from './group.js';
import type { Tp } from './plan.js';
import { type TpKey, tpKey } from './reader.js';
import { KafkaWriter } from './writer.js';

/** The group side of one direct stream. */
export class GroupSync {
  private member: GroupMember | undefined;
  private restored = -1;
  private pending: Promise<void> = Promise.resolve();
  private changelogs: StateChangelog[] = [];
  private readonly disabled = new Set<StateChangelog>();
  private changelogsReady = false;
  private readonly writer: KafkaWriter;
  private skippedEpoch = -1;
  private commitError: string | undefined;
  /** Batches whose results could not all be written (a Kafka sink failed): not committed, read again. */
  private readonly aborted = new Set<number>();

  constructor(
    private readonly input: DirectKafkaInput,
    private readonly runtime: StreamingRuntime,
    private readonly groupId: string,
  ) {
    this.writer = new KafkaWriter(input.config.params);
    input.info.group = { id: groupId, generation: -1, rebalances: [] };
    runtime.onStart(() => this.findKeyedState());
    runtime.onAfterBatch((time) => this.afterBatch(time));
  }

  /** The assignment's epoch (0 before the first). */
  get epoch(): number {
    return this.member?.epoch ?? 0;
  }

  /** The partitions this process reads now. */
  get partitions(): readonly Tp[] {
    return this.member?.partitions ?? [];
  }

  /** True when each batch must note the partition of every record key (keyed state follows partitions). */
  get needsKeys(): boolean {
    return this.changelogs.length > this.disabled.size;
  }

  /** True when positions and state have been set up for `epoch`'s assignment. */
  restoredFor(epoch: number): boolean {
    return this.restored === epoch && epoch > 0;
  }

  /** True when the batch at `time` was read under the assignment that still holds (its results may be written). */
  isBatchCurrent(time: number): boolean {
    const f = this.input.fetched.get(time);
    return f === undefined || this.member === undefined || this.member.isCurrent(f.epoch);
  }

  /**
   * The batch at `time` could not write all its results (a Kafka sink failed): commit nothing
   * of it, and before the next batch go back to the last commit (positions and state), so the
   * batch is read and written again.
   */
  abortBatch(time: number): void {
    this.aborted.add(time);
    this.restored = -1;
  }

  /** Joins the group (resolves with the first assignment). */
  async join(): Promise<void> {
    if (!this.member) {
      const consumer = await this.input.reader.client();
      this.member = new GroupMember(consumer, this.input.config.topics, this.input.config.params, (a) => this.assigned(a));
    }
    await this.member.join();
  }

  /** Before each batch: the last batch's commit is done, and a new assignment is set up. */
  async beforeBatch(): Promise<void> {
    await this.pending;
    const epoch = this.epoch;
    if (epoch > 0 && this.restored !== epoch) await this.input.serial(() => this.restore(epoch));
  }

  async stop(): Promise<void> {
    await this.pending.catch(() => undefined);
    this.member?.dispose();
    await this.writer.close();
  }

  // --- Assignment ------------------------------------------------------------------------------

  private assigned(a: Assignment): void {
    // Revocation: the keys of partitions this process no longer reads leave now, before any
    // later batch's output could write their old totals over those of the new owner.
    const topic = this.input.config.topics[0];
    const kept = new Set(a.partitions.filter((p) => p.topic === topic).map((p) => p.partition));
    for (const c of this.changelogs) if (!this.disabled.has(c)) c.dropRevoked(kept);
    const info = this.input.info.group;
    const names = a.partitions.map((p) => `${p.topic}-${p.partition}`);
    if (info) {
      info.generation = a.generation;
      info.rebalances.push({ time: this.runtime.clock.now(), generation: a.generation, partitions: names });
      if (info.rebalances.length > 20) info.rebalances.splice(0, info.rebalances.length - 20);
    }
    this.input.say('connected', `group "${this.groupId}" generation ${a.generation}: this process reads ${names.length > 0 ? names.join(', ') : 'no partition (more processes than partitions)'}`);
  }

  /** Positions from the group's commits, keyed state from the changelogs, for `epoch`'s partitions. */
  private async restore(epoch: number): Promise<void> {
    const parts = this.partitions;
    try {
      const starts = await this.input.startPositions(parts, true);
      let keys = 0;
      const live = this.changelogs.filter((c) => !this.disabled.has(c));
      if (live.length > 0) {
        await this.prepareChangelogs();
        const { found } = await this.input.reader.topics(live.map((c) => c.topic));
        const cutoff = new Map(parts.map((p) => [p.partition, starts.get(tpKey(p.topic, p.partition)) ?? 0] as const));
        for (const c of live) keys += await c.restore(this.input.reader, found, parts.map((p) => p.partition), cutoff, this.writer);
      }
      this.input.confirmed = starts;
      this.input.planned = new Map(starts);
      this.input.updatePartitions();
      this.restored = epoch;
      if (live.length > 0) this.input.say('connected', `state of ${keys} key${keys === 1 ? '' : 's'} restored from ${live.map((c) => c.topic).join(', ')} for ${parts.map((p) => `${p.topic}-${p.partition}`).join(', ') || 'no partition'}`);
    } catch (e) {
      // Not restored: the next batch tries again, and nothing is read until it works.
      this.input.failed(e);
    }
  }

  // --- Keyed state -----------------------------------------------------------------------------

  /** At start: the stateful streams downstream of this input get a changelog each. */
  private findKeyedState(): void {
    const node = this.input.node as StreamNode<unknown>;
    const streams = this.runtime.graph.streams;
    const below = (s: StreamNode<unknown>, seen = new Set<StreamNode<unknown>>()): boolean => {
      if (s === node) return true;
      if (seen.has(s)) return false;
      seen.add(s);
      return s.spec.parents.some((p) => below(p, seen));
    };
    const windows: string[] = [];
    streams.forEach((s, i) => {
      if (s === node || !below(s)) return;
      if (s.spec.keyedState) this.changelogs.push(new StateChangelog(s.spec.name, `${this.groupId}-${i}-${s.spec.name}-changelog`, s.spec.keyedState));
      else if (s.spec.windowMs !== undefined && s.spec.mustCheckpoint) windows.push(s.spec.name);
    });
    if (this.changelogs.length > 0 && this.input.config.topics.length > 1) {
      throw new IllegalArgumentError(
        'ERR_KAFKA_TOPIC',
        `createDirectStream: keyed state (${this.changelogs.map((c) => c.operator).join(', ')}) in a consumer group follows the partitions of one topic; got topics ${this.input.config.topics.join(', ')}. Read one topic per stream, or union the topics into one first`,
      );
    }
    if (windows.length > 0) {
      this.input.note(
        `${windows.join(', ')} keep their windows in this process only: when partitions move to another process after a rebalance, those windows start empty there (updateStateByKey and mapWithState follow their partitions)`,
      );
    }
  }

  /** Makes each changelog topic (compacted, as many partitions as the input topic) once. */
  private async prepareChangelogs(): Promise<void> {
    if (this.changelogsReady) return;
    const topic = this.input.config.topics[0] ?? '';
    const n = this.input.meta.get(topic)?.leaders.length ?? 1;
    for (const c of this.changelogs) {
      const got = await this.writer.ensureCompactedTopic(c.topic, n);
      if (got !== n) {
        throw new SourceError('ERR_KAFKA_TOPIC', `changelog topic "${c.topic}" has ${got} partitions but "${topic}" has ${n}: delete the changelog topic (its state is then rebuilt from nothing) or use a new group.id`);
      }
    }
    this.changelogsReady = true;
  }

  // --- After each batch ------------------------------------------------------------------------

  private afterBatch(time: number): void {
    const f = this.input.fetched.get(time);
    const member = this.member;
    if (this.aborted.delete(time)) {
      for (const c of this.changelogs) c.forget();
      return;
    }
    if (!f || !member || f.ranges.length === 0) return;
    if (!member.isCurrent(f.epoch)) return this.skipped(time, f.epoch);
    const owned = new Set(f.ranges.map((r) => r.partition));
    const tags = new Map(f.ranges.map((r) => [r.partition, r.until] as const));
    const offsets = new Map<TpKey, number>(f.ranges.map((r) => [tpKey(r.topic, r.partition), r.until] as const));
    // The diffs are taken now: the next batch changes the state.
    const diffs = this.changelogs
      .filter((c) => !this.disabled.has(c))
      .map((c) => {
        const d = c.diff(f.keys ?? new Map(), owned);
        if (d.foreignKey !== undefined) this.notKeyed(time, c, d.foreignKey);
        return [c, d] as const;
      });
    const commit = this.input.config.params.autoCommit || this.changelogs.length > 0;
    this.pending = this.pending.then(async () => {
      try {
        for (const [c, d] of diffs) await c.write(this.writer, d.changes, tags);
      } catch (e) {
        for (const [c] of diffs) c.forget();
        this.input.failed(e);
        return;
      }
      if (!member.isCurrent(f.epoch)) return this.skipped(time, f.epoch);
      if (!commit) return;
      // Under the generation the batch was read in, never another (fenced-commit.ts).
      const membership = member.membership(f.epoch);
      if (!membership) return this.skipped(time, f.epoch);
      try {
        await this.input.reader.commitFenced(offsets, membership);
        this.commitError = undefined;
      } catch (e) {
        const refused = e instanceof CommitRefusedError;
        const msg = refused ? e.errorId : describeKafkaError(e);
        if (msg !== this.commitError) {
          this.commitError = msg;
          this.input.note(
            refused
              ? `offsets of the batch at ${new Date(time).toISOString()} were not committed: ${e.message}; its partitions are read again by their owners from the last commit`
              : `offsets of the batch at ${new Date(time).toISOString()} were not committed (${msg}); they are read again after a rebalance`,
          );
        }
      }
    });
  }

  private skipped(time: number, epoch: number): void {
    if (this.skippedEpoch === epoch) return;
    this.skippedEpoch = epoch;
    this.input.note(
      `the group rebalanced while the batch at ${new Date(time).toISOString()} ran: its offsets and state changes are not committed; its partitions are read again by their owners from the last commit`,
    );
  }

  private notKeyed(time: number, c: StateChangelog, key: unknown): void {
    this.disabled.add(c);
    const topic = this.input.config.topics.join(', ');
    this.runtime.reportBatchError(
      time,
      c.operator,
      new SourceError(
        'ERR_KAFKA_NOT_KEYED',
        `${c.operator} in consumer group "${this.groupId}": the key ${JSON.stringify(key)} is not the key of a record of the partitions of "${topic}" this process reads. ` +
          'Each process keeps the state of its own partitions, so the records must be keyed by the grouping key. ' +
          `Repartition through a Kafka topic: KafkaUtils.writeToKafka(pairs, "${topic}-by-key", kafkaParams) writes each [key, value] keyed by its key, ` +
          `and KafkaUtils.createDirectStream(ssc, ["${topic}-by-key"], kafkaParams) reads it keyed. Until then this state stays in this process (not kept when partitions move)`,
      ),
    );
  }
}
