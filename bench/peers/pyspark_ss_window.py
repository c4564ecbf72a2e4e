"""B11 peer: the watermarked sliding-window count in real PySpark Structured Streaming.

The rate source at --rows-per-second, withWatermark("timestamp", "10 seconds"), a count by
window(timestamp, "10 seconds", "5 seconds") and value % 1000, append mode to the noop sink,
1 s processingTime trigger, local[2], for --seconds. The harness samples the process tree's
RSS (driver + JVM); this reports the rows read and the state rows per batch.
"""
import json
import os
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQueryListener

# A local Spark: pyspark refuses a master beside a Spark Connect URL, and a shell that exported
# the services' addresses (scripts/services.mjs) has SPARK_REMOTE set.
os.environ.pop("SPARK_REMOTE", None)


def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    seconds = float(arg('--seconds', '60'))
    rps = int(arg('--rows-per-second', '10000'))
    spark = (SparkSession.builder.master('local[2]').appName('bench-ss-window')
             .config('spark.ui.enabled', 'false')
             .config('spark.driver.memory', '2g')
             .getOrCreate())
    spark.sparkContext.setLogLevel('ERROR')
    state = {'rows': 0, 'state': []}

    class Track(StreamingQueryListener):
        def onQueryStarted(self, event):
            pass

        def onQueryProgress(self, event):
            p = event.progress
            state['rows'] += p.numInputRows
            ops = p.stateOperators
            state['state'].append(ops[0].numRowsTotal if ops else 0)

        def onQueryIdle(self, event):
            pass

        def onQueryTerminated(self, event):
            pass

    spark.streams.addListener(Track())
    rate = spark.readStream.format('rate').option('rowsPerSecond', rps).load()
    counts = (rate.withWatermark('timestamp', '10 seconds')
              .groupBy(F.window('timestamp', '10 seconds', '5 seconds'), (F.col('value') % 1000).alias('k'))
              .count())
    started = time.time()
    query = counts.writeStream.outputMode('append').format('noop').trigger(processingTime='1 second').start()
    time.sleep(seconds)
    report = {
        'name': 'pyspark',
        'lines': state['rows'],
        'connectedAt': started * 1000,
        'doneAt': time.time() * 1000,
        'batches': len(state['state']),
        'extra': {'stateRows': state['state']},
    }
    sys.stdout.write('BENCH_REPORT ' + json.dumps(report) + '\n')
    sys.stdout.flush()
    query.stop()
    import os
    os._exit(0)


if __name__ == '__main__':
    main()
