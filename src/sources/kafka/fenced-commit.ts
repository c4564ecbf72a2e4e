/**
 * Committing a batch's offsets under the group generation the batch was read in, and no other.
 * `@platformatic/kafka`'s own `Consumer.commit` answers a refusal (ILLEGAL_GENERATION,
 * UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS) by rejoining and sending the commit again under
 * the new generation, so offsets of partitions that already moved to another process could
 * land. Here OffsetCommit goes straight to the group coordinator with the batch's generation
 * and member id: a refusal is final (the batch's partitions are read again by their owners from
 * the last commit), and only a coordinator that moved is looked up again, once, with the same
 * generation.
 */
import type { Connection } from '@platformatic/kafka';
import { kafkaClient, protocolErrorIds } from './client.js';
import type { KafkaParams } from './params.js';
import type { TpKey } from './reader.js';

/** The membership a batch was read under. */
export interface Membership {
  readonly generation: number;
  readonly memberId: string;
}

/** The group coordinator refused the commit: the group moved on from the batch's generation. */
export class CommitRefusedError extends Error {
  constructor(
    /** Kafka's error name (ILLEGAL_GENERATION …). */
    readonly errorId: string,
    readonly generation: number,
  ) {
    super(`the group coordinator refused it (${errorId}): the batch was read in generation ${generation} and the group has rebalanced since`);
    this.name = 'CommitRefusedError';
  }
}

/** Errors that mean the group moved on: final for this batch. */
const REFUSED = ['ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'REBALANCE_IN_PROGRESS', 'FENCED_INSTANCE_ID', 'FENCED_MEMBER_EPOCH', 'STALE_MEMBER_EPOCH'];
/** Errors that mean another broker coordinates the group now: look it up again, same generation. */
const MOVED = ['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS'];
/** FindCoordinator's key type of a consumer group. */
const GROUP_KEY = 0;

/** `host:port` (or `[v6]:port`) split. */
function hostPort(hp: string): { host: string; port: number } {
  const i = hp.lastIndexOf(':');
  return { host: hp.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port: Number(hp.slice(i + 1)) };
}

/** One connection to the coordinator of `groupId`, found on first use. */
export class FencedCommitter {
  private coordinator: Promise<Connection> | undefined;
  private closed = false;

  constructor(
    private readonly params: KafkaParams,
    private readonly groupId: string,
  ) {}

  /** Commits `offsets` (next offset to read, per partition) under `m`; rejects with CommitRefusedError when the group moved on. */
  async commit(offsets: ReadonlyMap<TpKey, number>, m: Membership): Promise<void> {
    const byTopic = new Map<string, Array<{ partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: null }>>();
    for (const [k, o] of offsets) {
      const i = k.lastIndexOf(':');
      const topic = k.slice(0, i);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partitionIndex: Number(k.slice(i + 1)), committedOffset: BigInt(o), committedLeaderEpoch: -1, committedMetadata: null }]);
    }
    if (byTopic.size === 0) return;
    const topics = [...byTopic].map(([name, partitions]) => ({ name, partitions }));
    const { offsetCommitV8 } = await kafkaClient();
    for (let attempt = 0; ; attempt++) {
      try {
        const conn = await this.connection();
        await offsetCommitV8.api.async(conn, this.groupId, m.generation, m.memberId, null, topics);
        return;
      } catch (e) {
        const ids = protocolErrorIds(e);
        const refused = ids.find((id) => REFUSED.includes(id));
        if (refused) throw new CommitRefusedError(refused, m.generation);
        // The coordinator moved or its connection broke: find it again, once, and send the
        // same commit (same generation) there.
        this.drop();
        if (attempt >= 1 || (ids.length > 0 && !ids.some((id) => MOVED.includes(id)))) throw e;
      }
    }
  }

  /** Closes the connection to the coordinator. */
  async close(): Promise<void> {
    this.closed = true;
    const c = this.coordinator;
    this.coordinator = undefined;
    if (c) await c.then((x) => x.close()).catch(() => undefined);
  }

  private drop(): void {
    const c = this.coordinator;
    this.coordinator = undefined;
    void c?.then((x) => x.close()).catch(() => undefined);
  }

  private connection(): Promise<Connection> {
    if (this.closed) return Promise.reject(new Error('the stream was stopped'));
    if (this.coordinator) return this.coordinator;
    const made = this.find();
    this.coordinator = made;
    // A failed lookup is not kept: the next commit looks again.
    made.catch(() => {
      if (this.coordinator === made) this.coordinator = undefined;
    });
    return made;
  }

  /** Asks a bootstrap broker which broker coordinates the group, and connects to it. */
  private async find(): Promise<Connection> {
    const kafka = await kafkaClient();
    const options = { connectTimeout: Math.min(this.params.requestTimeoutMs, 5000), requestTimeout: this.params.requestTimeoutMs };
    let last: unknown;
    for (const hp of this.params.bootstrap) {
      const boot = new kafka.Connection(`${this.params.clientId}-commit`, options);
      try {
        const { host, port } = hostPort(hp);
        await boot.connect(host, port);
        const res = await kafka.findCoordinatorV4.api.async(boot, GROUP_KEY, [this.groupId]);
        const c = res.coordinators.find((x) => x.key === this.groupId);
        if (!c) throw new Error(`no coordinator for group "${this.groupId}"`);
        if (c.host === host && c.port === port) return boot;
        await boot.close().catch(() => undefined);
        const conn = new kafka.Connection(`${this.params.clientId}-commit`, options);
        await conn.connect(c.host, c.port);
        return conn;
      } catch (e) {
        last = e;
        await boot.close().catch(() => undefined);
      }
    }
    throw last;
  }
}
