/**
 * The Kafka benchmark's floors on the client's consumer: `@platformatic/kafka`'s consumer stream
 * reads the whole topic from its earliest offsets, each record's value decoded to a string.
 * Without flags that is all (the client's raw consume rate); with `--count-words` each value is
 * also split on spaces and counted in a Map, by hand: the same work as the word count, with no
 * framework around it.
 *
 * The time runs from the moment the consumer is subscribed (`consume()` has joined the group and
 * fetching starts) to the last record: the whole consume, fetches included. Timing from the first
 * record instead would leave out the fetches the stream makes before it hands out its first
 * record; with large fetch sizes that is the whole topic (measured: 3.8 s of fetching and 1 GB
 * in memory before the first record, then 0.7 s to hand the records out).
 *
 * Fetch sizes: the fastest found for this client on the suite's topic (a sweep of 64 KiB–8 MiB
 * per partition, 0.5–50 MiB per fetch: 64–128 KiB per partition with 0.4–1 MiB per fetch took 2.5–3.0 s for 30 MB; 8 MiB and
 * 50 MiB took 4.5 s), overridable with `--partition-bytes` and `--fetch-bytes`.
 */
import { Consumer } from '@platformatic/kafka';
import { countsFingerprint } from '../generator/corpus.js';
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';

const args = new Args();
const expect = args.num('records');
const countWords = args.flag('count-words');
const consumer = new Consumer({ clientId: 'bench-floor', groupId: `bench-floor-${process.pid}-${Date.now()}`, bootstrapBrokers: [args.str('bootstrap')], maxBytes: args.num('fetch-bytes', 1024 * 1024) });
const stream = await consumer.consume({ topics: [args.str('topic')], mode: 'earliest', autocommit: false, maxBytesPerPartition: args.num('partition-bytes', 128 * 1024) });
const subscribedAt = Date.now();
let n = 0;
let chars = 0;
let words = 0;
const counts = new Map<string, number>();
let firstAt: number | undefined;
for await (const m of stream) {
  firstAt ??= Date.now();
  const line = m.value.toString('utf8');
  chars += line.length;
  if (countWords) {
    const ws = line.split(' ');
    for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
    words += ws.length;
  }
  if (++n >= expect) break;
}
const doneAt = Date.now();
await stream.close();
emitReport({
  name: countWords ? 'floor+wc' : 'floor',
  lines: n,
  ...(countWords ? { words, fingerprint: countsFingerprint(counts) } : {}),
  connectedAt: subscribedAt,
  doneAt,
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  extra: { firstDataAt: subscribedAt, firstRecordAt: firstAt ?? doneAt, chars },
});
await consumer.close(true);
process.exit(0);
