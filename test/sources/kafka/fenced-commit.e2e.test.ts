/**
 * A group member's commit is fenced by the generation its batch was read in (fenced-commit.ts),
 * against the real broker: after a second member joined and the group rebalanced, offsets
 * committed under the old generation are refused and the group's commit stays where it was;
 * under the current generation they land. (Through the client's own commit, the stale offsets
 * landed: it rejoins and sends them again under the new generation.)
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CommitRefusedError } from '../../../src/sources/kafka/fenced-commit.js';
import { GroupMember } from '../../../src/sources/kafka/group.js';
import { readKafkaParams } from '../../../src/sources/kafka/params.js';
import { PartitionReader, tpKey } from '../../../src/sources/kafka/reader.js';
import { createTopic, kafkaBootstrap, uniqueTopic } from '../../support/kafka.js';
import { waitFor } from '../../support/wait.js';

let bootstrap = '';
const open: Array<{ reader: PartitionReader; member: GroupMember }> = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

afterEach(async () => {
  for (const m of open.splice(0)) {
    m.member.dispose();
    await m.reader.close();
  }
});

/** A real member of `group` reading `topic`, as a direct stream's GroupSync makes it. */
async function member(topic: string, group: string): Promise<{ reader: PartitionReader; member: GroupMember }> {
  const params = readKafkaParams('test', { 'bootstrap.servers': bootstrap, 'group.id': group, 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '200' });
  const reader = new PartitionReader(params, group);
  const m = new GroupMember(await reader.client(), [topic], params, () => undefined);
  const made = { reader, member: m };
  open.push(made);
  return made;
}

describe('a group member commits under the generation of its batch only', () => {
  it('after a rebalance, a commit under the old generation is refused and leaves the commit as it was; under the new one it lands', async () => {
    const topic = uniqueTopic('fenced-words');
    const group = uniqueTopic('fenced-group');
    await createTopic(bootstrap, topic, 2);
    const a = await member(topic, group);
    await a.member.join();
    const epoch = a.member.epoch;
    const old = a.member.membership(epoch);
    expect(old).toBeDefined();
    if (!old) return;
    const p0 = tpKey(topic, 0);
    await a.reader.commitFenced(new Map([[p0, 3]]), old);
    expect(await a.reader.committed([{ topic, partition: 0 }])).toEqual(new Map([[p0, 3]]));

    // A second member joins: the first rejoins (through its heartbeats) in a new generation.
    const b = await member(topic, group);
    await b.member.join();
    await waitFor(() => a.member.epoch > epoch, 'the first member to rejoin in the new generation', 30_000);
    const now = a.member.membership(a.member.epoch);
    expect(now?.generation).toBeGreaterThan(old.generation);
    expect(now?.memberId).toBe(old.memberId);

    // The batch read in the old generation: its offsets must not land.
    const refused = await a.reader.commitFenced(new Map([[p0, 7]]), old).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(await a.reader.committed([{ topic, partition: 0 }])).toEqual(new Map([[p0, 3]]));
    expect(refused).toBeInstanceOf(CommitRefusedError);
    expect((refused as CommitRefusedError).errorId).toBe('ILLEGAL_GENERATION');

    // A batch of the current generation commits.
    if (!now) return;
    const mine = a.member.partitions[0];
    expect(mine).toBeDefined();
    if (!mine) return;
    const k = tpKey(mine.topic, mine.partition);
    await a.reader.commitFenced(new Map([[k, 5]]), now);
    expect((await a.reader.committed([mine])).get(k)).toBe(5);
  }, 90_000);
});
