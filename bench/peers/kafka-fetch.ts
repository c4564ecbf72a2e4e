/**
 * The Kafka benchmark's lowest floor: the whole topic read by hand through the client's fetch
 * request (`Consumer.fetch`, the call tspark's reader makes too), without the consumer stream:
 * one fetch of every unfinished partition at a time, each record's value decoded to a string,
 * nothing else. What a program that knows the offsets it wants gets from this client at best;
 * the gap between it and `floor` is what the client's consumer stream costs. With
 * `--count-words` each value is also split on spaces and counted in a Map by hand: the word
 * count's own work on the fastest input this client gives, with no framework around it.
 *
 * Fetch size: 128 KiB per partition, the fastest found (1 MiB: 0.84–0.92 s for 30 MB, 128 KiB:
 * 0.55–0.62 s), overridable with `--partition-bytes`. Timed from the first fetch (metadata and offsets known) to the last record.
 */
import { Consumer } from '@platformatic/kafka';
import { countsFingerprint } from '../generator/corpus.js';
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';

const args = new Args();
const topic = args.str('topic');
const expect = args.num('records');
const partitionBytes = args.num('partition-bytes', 128 * 1024);
const countWords = args.flag('count-words');
const counts = new Map<string, number>();
let words = 0;
const consumer = new Consumer({ clientId: 'bench-fetch', groupId: `bench-fetch-${process.pid}`, bootstrapBrokers: [args.str('bootstrap')] });
const md = await consumer.metadata({ topics: [topic] });
const meta = md.topics.get(topic);
if (!meta) throw new Error(`topic ${topic} not found`);
const parts = meta.partitions.map((p, i) => ({ partition: i, leader: p.leader }));
const ends = await consumer.listOffsets({ topics: [topic], timestamp: -1n });
const until = (ends.get(topic) ?? []).map(Number);
const pos = parts.map(() => 0);
const startedAt = Date.now();
let n = 0;
let chars = 0;
while (n < expect) {
  const open = parts.filter((p) => (pos[p.partition] ?? 0) < (until[p.partition] ?? 0));
  if (open.length === 0) break;
  // One broker here: every partition's leader is the same node, so one request per round.
  const node = open[0]?.leader ?? 0;
  const res = await consumer.fetch({
    node,
    topics: [{ topicId: meta.id, partitions: open.map((p) => ({ partition: p.partition, fetchOffset: BigInt(pos[p.partition] ?? 0), partitionMaxBytes: partitionBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1 })) }],
    maxWaitTime: 100,
    minBytes: 1,
    maxBytes: 50 * 1024 * 1024,
  });
  for (const t of res.responses) {
    for (const p of t.partitions) {
      let at = pos[p.partitionIndex] ?? 0;
      for (const batch of p.records ?? []) {
        const first = Number(batch.firstOffset);
        for (const rec of batch.records) {
          const off = first + rec.offsetDelta;
          if (off < at) continue;
          const line = rec.value === null ? '' : rec.value.toString('utf8');
          chars += line.length;
          if (countWords) {
            const ws = line.split(' ');
            for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
            words += ws.length;
          }
          n++;
        }
        at = Math.max(at, first + batch.lastOffsetDelta + 1);
      }
      pos[p.partitionIndex] = at;
    }
  }
}
const doneAt = Date.now();
emitReport({
  name: countWords ? 'fetch+wc' : 'fetch',
  lines: n,
  ...(countWords ? { words, fingerprint: countsFingerprint(counts) } : {}),
  connectedAt: startedAt, doneAt, maxRssMB: maxRssMB(), cpuMs: cpuMs(), extra: { firstDataAt: startedAt, chars },
});
await consumer.close(true);
process.exit(0);
