"""B2 peer: real PySpark Streaming (DStreams) on this machine, reading the same stream.

Runs the pyspark tutorial's network word count, ``socketTextStream -> flatMap -> map ->
reduceByKey -> pprint``, in local[2] with 1 s batches, plus a foreachRDD that adds each
batch's counts to the run's totals. Stops once every expected word has been counted (the
socket receiver cannot tell the end of a stream from a pause) or at the time limit.
Start-up of the JVM is not timed: the harness times from the generator's accept.
"""
import json
import os
import sys
import threading
import time
from operator import add

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fingerprint  # noqa: E402

from pyspark import SparkConf, SparkContext  # noqa: E402
from pyspark.streaming import StreamingContext  # noqa: E402

# A local Spark: pyspark refuses a master beside a Spark Connect URL, and a shell that exported
# the services' addresses (scripts/services.mjs) has SPARK_REMOTE set.
os.environ.pop("SPARK_REMOTE", None)


def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    port = int(arg('--port'))
    expect = int(arg('--expect-words'))
    batch_s = float(arg('--batch-ms', '1000')) / 1000
    limit_s = float(arg('--limit-s', '300'))
    conf = (SparkConf().setMaster('local[2]').setAppName('bench-wordcount')
            .set('spark.ui.enabled', 'false')
            .set('spark.driver.memory', '2g'))
    sc = SparkContext(conf=conf)
    sc.setLogLevel('ERROR')
    ssc = StreamingContext(sc, batch_s)
    totals = {}
    state = {'words': 0, 'done_at': None, 'batches': []}
    finished = threading.Event()

    counts = (ssc.socketTextStream('127.0.0.1', port)
              .flatMap(lambda line: line.split(' '))
              .map(lambda w: (w, 1))
              .reduceByKey(add))
    counts.pprint()

    def take(t, rdd):
        t0 = time.time()
        for k, v in rdd.collect():
            totals[k] = totals.get(k, 0) + v
            state['words'] += v
        state['batches'].append((time.time() - t0) * 1000)
        if state['words'] >= expect and not finished.is_set():
            state['done_at'] = time.time()
            finished.set()

    counts.foreachRDD(take)
    ssc.start()
    finished.wait(limit_s)
    report = {
        'name': 'pyspark',
        'words': state['words'],
        'fingerprint': fingerprint.of(totals),
        'doneAt': (state['done_at'] or time.time()) * 1000,
        'batches': len(state['batches']),
    }
    sys.stdout.write('BENCH_REPORT ' + json.dumps(report) + '\n')
    sys.stdout.flush()
    # A graceful stop can hang on a receiver that is still retrying; the harness reaps the JVM.
    os._exit(0)


if __name__ == '__main__':
    main()
