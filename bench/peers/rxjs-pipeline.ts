/**
 * The RxJS peer, written in pyspark's shape (reference §2.1 (3)): each line and each word is its
 * own event, `[w, 1]` pairs are materialised, `bufferTime` cuts batches and each batch's pairs
 * are reduced into a `Map`. What a user who reached for RxJS instead of tspark would write.
 */
import { Observable, bufferTime, map, mergeMap } from 'rxjs';
import { Args } from '../lib/args.js';
import { firstPairs, pprintText } from '../lib/pprint.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { readLines } from '../lib/socket-lines.js';
import { Totals } from '../lib/totals.js';

const args = new Args();
const batchMs = args.num('batch-ms', 1000);
let lines = 0;
let connectedAt = 0;
const totals = new Totals();
const perBatch: number[] = [];
const batchCpu: number[] = [];
const rssPerBatch: number[] = [];
let lastCpu = cpuMs();

const lines$ = new Observable<string>((sub) => {
  readLines(args.num('port'), {
    lines(parts) {
      for (const l of parts) sub.next(l);
    },
    end() {
      sub.complete();
    },
  }).then(
    (at) => (connectedAt = at),
    (err: unknown) => sub.error(err),
  );
});

lines$
  .pipe(
    mergeMap((l) => {
      lines++;
      return l.split(' ');
    }),
    map((w): [string, number] => [w, 1]),
    bufferTime(batchMs),
    map((pairs) => {
      const t0 = performance.now();
      const m = new Map<string, number>();
      for (const [w, n] of pairs) m.set(w, (m.get(w) ?? 0) + n);
      return { m, t0 };
    }),
  )
  .subscribe({
    next({ m, t0 }) {
      const { records, more } = firstPairs(m);
      process.stdout.write(pprintText(Date.now(), records, more));
      totals.add(m);
      perBatch.push(performance.now() - t0);
      const c = cpuMs();
      batchCpu.push(c - lastCpu);
      lastCpu = c;
      rssPerBatch.push(process.memoryUsage.rss() / 1048576);
    },
    complete() {
      emitReport({
        name: 'rxjs',
        lines,
        words: totals.words,
        fingerprint: totals.fingerprint(),
        connectedAt,
        doneAt: Date.now(),
        maxRssMB: maxRssMB(),
        cpuMs: cpuMs(),
        batches: perBatch.length,
        batchMs: perBatch,
        batchCpuMs: batchCpu,
        extra: { rssPerBatchMB: rssPerBatch },
      });
      process.exit(0);
    },
  });
