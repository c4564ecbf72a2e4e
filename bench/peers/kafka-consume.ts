/**
 * The Kafka benchmark's floors, on the client alone: `@platformatic/kafka`'s consumer stream
 * reads the whole topic from its earliest offsets, each record's value decoded to a string.
 * Without flags that is all (the client's raw consume rate); with `--count-words` each value is
 * also split on spaces and counted in a Map, by hand: the same work as the word count, with no
 * framework around it.
 */
import { Consumer } from '@platformatic/kafka';
import { countsFingerprint } from '../generator/corpus.js';
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';

const args = new Args();
const expect = args.num('records');
const countWords = args.flag('count-words');
const consumer = new Consumer({ clientId: 'bench-floor', groupId: `bench-floor-${process.pid}-${Date.now()}`, bootstrapBrokers: [args.str('bootstrap')], maxBytes: 50 * 1024 * 1024 });
const connectedAt = Date.now();
const stream = await consumer.consume({ topics: [args.str('topic')], mode: 'earliest', autocommit: false, maxBytesPerPartition: 8 * 1024 * 1024 });
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
  connectedAt,
  doneAt,
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  extra: { firstDataAt: firstAt ?? doneAt, chars },
});
await consumer.close(true);
process.exit(0);
