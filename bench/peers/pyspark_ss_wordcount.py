"""B11 peer: real PySpark Structured Streaming on this machine, reading the same stream.

The guide's quick example: ``readStream.format("socket") -> explode(split(value, " ")) ->
groupBy("word").count()`` in complete mode, default trigger, local[2]. The sink is the memory
sink (the console sink's text cannot be read back): a listener sums each batch's input rows,
and once every expected line has been processed the complete table is read with spark.sql and
its totals reported. Start-up of the JVM is not timed: the harness times from the generator's
accept.
"""
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fingerprint  # noqa: E402

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql.streaming import StreamingQueryListener  # noqa: E402

# A local Spark: pyspark refuses a master beside a Spark Connect URL, and a shell that exported
# the services' addresses (scripts/services.mjs) has SPARK_REMOTE set.
os.environ.pop("SPARK_REMOTE", None)


def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    port = int(arg('--port'))
    expect = int(arg('--expect-lines'))
    limit_s = float(arg('--limit-s', '300'))
    spark = (SparkSession.builder.master('local[2]').appName('bench-ss-wordcount')
             .config('spark.ui.enabled', 'false')
             .config('spark.driver.memory', '2g')
             .getOrCreate())
    spark.sparkContext.setLogLevel('ERROR')
    state = {'lines': 0, 'done_at': None, 'batches': 0}
    finished = threading.Event()

    class Count(StreamingQueryListener):
        def onQueryStarted(self, event):
            pass

        def onQueryProgress(self, event):
            state['lines'] += event.progress.numInputRows
            state['batches'] += 1
            if state['lines'] >= expect and not finished.is_set():
                state['done_at'] = time.time()
                finished.set()

        def onQueryIdle(self, event):
            pass

        def onQueryTerminated(self, event):
            finished.set()

    spark.streams.addListener(Count())
    lines = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', port).load()
    words = lines.select(F.explode(F.split(lines.value, ' ')).alias('word'))
    counts = words.groupBy('word').count()
    query = counts.writeStream.outputMode('complete').format('memory').queryName('counts').start()
    finished.wait(limit_s)
    done_at = state['done_at'] or time.time()
    totals = {r['word']: r['count'] for r in spark.sql('select * from counts').collect()}
    report = {
        'name': 'pyspark',
        'lines': state['lines'],
        'words': sum(totals.values()),
        'fingerprint': fingerprint.of(totals),
        'doneAt': done_at * 1000,
        'batches': state['batches'],
    }
    sys.stdout.write('BENCH_REPORT ' + json.dumps(report) + '\n')
    sys.stdout.flush()
    query.stop()
    os._exit(0)


if __name__ == '__main__':
    main()
