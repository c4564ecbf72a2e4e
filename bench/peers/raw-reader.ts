/**
 * B1's I/O ceiling: the split-with-carry line reader, counting lines per batch and printing the
 * count as `count().pprint()` would. Nothing is done with the lines but counting them.
 */
import { Args } from '../lib/args.js';
import { pprintText } from '../lib/pprint.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { readLines } from '../lib/socket-lines.js';

const args = new Args();
let batchLines = 0;
let lines = 0;
let batches = 0;
function emit(): void {
  process.stdout.write(pprintText(Date.now(), [String(batchLines)], false));
  lines += batchLines;
  batchLines = 0;
  batches++;
}
const timer = setInterval(emit, args.num('batch-ms', 1000));
const connectedAt = await readLines(args.num('port'), {
  lines(parts) {
    batchLines += parts.length;
  },
  end() {
    const inputEndAt = Date.now();
    clearInterval(timer);
    emit();
    emitReport({ name: 'raw-reader', lines, connectedAt, inputEndAt, doneAt: Date.now(), maxRssMB: maxRssMB(), cpuMs: cpuMs(), batches });
    process.exit(0);
  },
});
