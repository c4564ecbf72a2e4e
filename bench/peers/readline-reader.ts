/** B1's second peer: Node's `readline` over the socket, one `'line'` event per line, counted per batch. */
import net from 'node:net';
import readline from 'node:readline';
import { Args } from '../lib/args.js';
import { pprintText } from '../lib/pprint.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';

const args = new Args();
let batchLines = 0;
let lines = 0;
let batches = 0;
let connectedAt = 0;
function emit(): void {
  process.stdout.write(pprintText(Date.now(), [String(batchLines)], false));
  lines += batchLines;
  batchLines = 0;
  batches++;
}
const timer = setInterval(emit, args.num('batch-ms', 1000));
const sock = net.connect(args.num('port'), '127.0.0.1', () => (connectedAt = Date.now()));
const rl = readline.createInterface({ input: sock, crlfDelay: Infinity });
rl.on('line', () => {
  batchLines++;
});
rl.on('close', () => {
  const inputEndAt = Date.now();
  clearInterval(timer);
  emit();
  emitReport({ name: 'readline', lines, connectedAt, inputEndAt, doneAt: Date.now(), maxRssMB: maxRssMB(), cpuMs: cpuMs(), batches });
  process.exit(0);
});
