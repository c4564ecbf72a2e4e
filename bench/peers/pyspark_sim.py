"""B2 peer: the Python side of PySpark's word count, simulated without a JVM (reference 2.1).

Per 1 s batch it does what PySpark's Python worker does for
``lines.flatMap(split).map(lambda w: (w, 1)).reduceByKey(add)``: the batch's lines are pickled
in batches grown toward 64 KiB (AutoBatchedSerializer), unpickled by the "worker", passed
record by record through the flatMap and map lambdas into a map-side combine with the merge
lambda, the combined pairs pickled again, then unpickled and reduced on the reduce side.
It is a lower bound on PySpark's own per-record cost (no JVM, no socket to the JVM).
"""
import json
import pickle
import resource
import socket
import sys
import time
from operator import add

import fingerprint

BEST_SIZE = 1 << 16


def auto_batched_dumps(records):
    """Pickles records in batches whose size adapts toward 64 KiB, as AutoBatchedSerializer."""
    out = []
    batch = 1
    i = 0
    n = len(records)
    while i < n:
        data = pickle.dumps(records[i:i + batch], protocol=pickle.HIGHEST_PROTOCOL)
        out.append(data)
        i += batch
        size = len(data)
        if size < BEST_SIZE:
            batch *= 2
        elif size > BEST_SIZE * 10 and batch > 1:
            batch //= 2
    return out


def run_batch(lines):
    flat_map = lambda l: l.split(' ')
    to_pair = lambda w: (w, 1)
    merge = add
    combined = {}
    for blob in auto_batched_dumps(lines):
        for line in pickle.loads(blob):
            for w in flat_map(line):
                k, v = to_pair(w)
                if k in combined:
                    combined[k] = merge(combined[k], v)
                else:
                    combined[k] = v
    reduced = {}
    for blob in auto_batched_dumps(list(combined.items())):
        for k, v in pickle.loads(blob):
            reduced[k] = merge(reduced[k], v) if k in reduced else v
    return reduced


def pprint(batch_time, counts):
    out = ['-' * 43, 'Time: ' + time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(batch_time)), '-' * 43]
    for i, (k, v) in enumerate(counts.items()):
        if i == 10:
            out.append('...')
            break
        out.append(repr((k, v)))
    sys.stdout.write('\n'.join(out) + '\n\n')


def main():
    port = int(sys.argv[sys.argv.index('--port') + 1])
    batch_s = float(sys.argv[sys.argv.index('--batch-ms') + 1]) / 1000 if '--batch-ms' in sys.argv else 1.0
    sock = socket.create_connection(('127.0.0.1', port))
    connected_at = time.time()
    f = sock.makefile('rb')
    totals = {}
    nlines = 0
    batches = []
    pending = []
    next_tick = time.time() + batch_s

    def emit():
        t0 = time.time()
        counts = run_batch([l.decode('utf-8').rstrip('\n') for l in pending])
        pprint(t0, counts)
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
        pending.clear()
        batches.append((time.time() - t0) * 1000)

    for raw in f:
        pending.append(raw)
        nlines += 1
        if nlines & 1023 == 0 and time.time() >= next_tick:
            emit()
            next_tick += batch_s
    emit()
    done_at = time.time()
    report = {
        'name': 'pyspark-sim',
        'lines': nlines,
        'words': sum(totals.values()),
        'fingerprint': fingerprint.of(totals),
        'connectedAt': connected_at * 1000,
        'doneAt': done_at * 1000,
        'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'batches': len(batches),
        'batchMs': batches,
    }
    sys.stdout.write('BENCH_REPORT ' + json.dumps(report) + '\n')


if __name__ == '__main__':
    main()
