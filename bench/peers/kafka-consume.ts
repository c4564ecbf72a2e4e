/**
 * The Kafka benchmark's floor: the client's raw consume rate. `@platformatic/kafka`'s consumer
 * stream reads the whole topic from its earliest offsets, each record's value decoded to a
 * string, nothing else: what any consumer of this client pays before doing any work.
 */
import { Consumer } from '@platformatic/kafka';
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';

const args = new Args();
const expect = args.num('records');
const consumer = new Consumer({ clientId: 'bench-floor', groupId: `bench-floor-${process.pid}-${Date.now()}`, bootstrapBrokers: [args.str('bootstrap')], maxBytes: 50 * 1024 * 1024 });
const connectedAt = Date.now();
const stream = await consumer.consume({ topics: [args.str('topic')], mode: 'earliest', autocommit: false, maxBytesPerPartition: 8 * 1024 * 1024 });
let n = 0;
let chars = 0;
let firstAt: number | undefined;
for await (const m of stream) {
  firstAt ??= Date.now();
  chars += m.value.toString('utf8').length;
  if (++n >= expect) break;
}
const doneAt = Date.now();
await stream.close();
emitReport({ name: 'floor', lines: n, connectedAt, doneAt, maxRssMB: maxRssMB(), cpuMs: cpuMs(), extra: { firstDataAt: firstAt ?? doneAt, chars } });
await consumer.close(true);
process.exit(0);
