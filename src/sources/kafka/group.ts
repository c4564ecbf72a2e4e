/**
 * Membership of a consumer group through Kafka's classic group protocol, with the client's
 * own heartbeats: Kafka, not tspark, decides which process reads which partition. Every new
 * assignment bumps `epoch`; work planned under an older epoch must not be committed (its
 * partitions may belong to another process now), which `isCurrent` tells.
 */
import type { Consumer, ConsumerGroupJoinPayload } from '@platformatic/kafka';
import type { Membership } from './fenced-commit.js';
import type { Tp } from './plan.js';
import type { KafkaParams } from './params.js';

/** One assignment this process received, for the UI and `.status`. */
export interface Assignment {
  readonly epoch: number;
  readonly generation: number;
  readonly partitions: readonly Tp[];
}

/** This process's membership in `groupId`, reading `topics`. */
export class GroupMember {
  /** Bumped on every assignment. */
  epoch = 0;
  generation = -1;
  partitions: readonly Tp[] = [];
  /** The generation and member id of recent epochs: a batch commits under those of the epoch it was read in. */
  private readonly memberships = new Map<number, Membership>();
  private joined = false;
  private readonly onJoin = (payload: ConsumerGroupJoinPayload): void => this.assigned(payload);

  constructor(
    private readonly consumer: Consumer,
    private readonly topics: readonly string[],
    private readonly params: KafkaParams,
    private readonly changed: (a: Assignment) => void,
  ) {}

  /** Joins the group (resolves once the first assignment arrived); later rebalances arrive through `changed`. */
  async join(): Promise<void> {
    if (this.joined) return;
    this.consumer.on('consumer:group:join', this.onJoin);
    for (const t of this.topics) this.consumer.topics.track(t);
    await this.consumer.joinGroup({
      sessionTimeout: this.params.sessionTimeoutMs,
      heartbeatInterval: this.params.heartbeatIntervalMs,
      rebalanceTimeout: this.params.rebalanceTimeoutMs,
    });
    this.joined = true;
  }

  /** True while the assignment of `epoch` still holds: no newer one, and no rebalance under way. */
  isCurrent(epoch: number): boolean {
    return epoch === this.epoch && this.consumer.isActive();
  }

  /** The generation and member id the assignment of `epoch` was given under (undefined when unknown or long gone). */
  membership(epoch: number): Membership | undefined {
    return this.memberships.get(epoch);
  }

  /** Stops listening; the client leaves the group when it is closed. */
  dispose(): void {
    this.consumer.off('consumer:group:join', this.onJoin);
  }

  private assigned(payload: ConsumerGroupJoinPayload): void {
    const parts: Tp[] = [];
    for (const a of payload.assignments ?? []) for (const p of a.partitions) parts.push({ topic: a.topic, partition: p });
    parts.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    this.partitions = parts;
    this.generation = payload.generationId ?? this.generation + 1;
    this.epoch++;
    this.memberships.set(this.epoch, { generation: this.generation, memberId: payload.memberId });
    // Batches are a few epochs behind at most; older memberships can only be refused.
    this.memberships.delete(this.epoch - 8);
    this.changed({ epoch: this.epoch, generation: this.generation, partitions: parts });
  }
}
