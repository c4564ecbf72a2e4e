"""Kafka benchmark peer: PySpark Structured Streaming's Kafka source on the same topic.

Runs the tutorial's Kafka word count, ``readStream.format("kafka") -> CAST(value AS STRING) ->
explode(split) -> groupBy(word).count()``, in local[2] with 1 s triggers, from the earliest
offsets, into a memory table (complete mode) that is read once at the end for the totals.
Done when the query's progress has counted every record of the topic. Reports the time from
the first trigger that read records to the end of the trigger that read the last one (the
JVM's start-up and the connector's first metadata calls are not timed, as for tspark, whose
timing starts when its source is connected).
"""
import glob
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fingerprint  # noqa: E402

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.functions import explode, split  # noqa: E402

# A local Spark: pyspark refuses a master beside a Spark Connect URL, and a shell that exported
# the services' addresses (scripts/services.mjs) has SPARK_REMOTE set.
os.environ.pop("SPARK_REMOTE", None)


def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def ms(ts):
    """Progress timestamps look like 2026-11-30T02:42:04.500Z."""
    from datetime import datetime, timezone
    return datetime.strptime(ts, '%Y-%m-%dT%H:%M:%S.%fZ').replace(tzinfo=timezone.utc).timestamp() * 1000


def main():
    bootstrap = arg('--bootstrap')
    topic = arg('--topic')
    expect = int(arg('--records'))
    limit_s = float(arg('--limit-s', '300'))
    jars = ','.join(sorted(glob.glob(os.path.join(arg('--jars'), '*.jar'))))
    spark = (SparkSession.builder.master('local[2]').appName('bench-kafka')
             .config('spark.jars', jars)
             .config('spark.ui.enabled', 'false')
             .config('spark.ui.showConsoleProgress', 'false')
             .config('spark.sql.shuffle.partitions', '4')
             .config('spark.driver.memory', '2g')
             .getOrCreate())
    spark.sparkContext.setLogLevel('ERROR')
    lines = (spark.readStream.format('kafka')
             .option('kafka.bootstrap.servers', bootstrap)
             .option('subscribe', topic)
             .option('startingOffsets', 'earliest')
             .load()
             .selectExpr('CAST(value AS STRING) AS line'))
    counts = lines.select(explode(split(lines.line, ' ')).alias('word')).groupBy('word').count()
    query = (counts.writeStream.outputMode('complete').format('memory').queryName('wc')
             .trigger(processingTime='1 second').start())
    seen = {}
    first_at = None
    done_at = None
    t_end = time.time() + limit_s
    while time.time() < t_end:
        for p in query.recentProgress:
            if p['batchId'] in seen:
                continue
            seen[p['batchId']] = p['numInputRows']
            if p['numInputRows'] > 0:
                start = ms(p['timestamp'])
                end = start + p['durationMs'].get('triggerExecution', 0)
                first_at = start if first_at is None else min(first_at, start)
                done_at = end if done_at is None else max(done_at, end)
        if sum(seen.values()) >= expect:
            break
        time.sleep(0.2)
    query.stop()
    totals = {r['word']: r['count'] for r in spark.sql('SELECT word, count FROM wc').collect()}
    report = {
        'name': 'pyspark',
        'lines': sum(seen.values()),
        'words': sum(totals.values()),
        'fingerprint': fingerprint.of(totals),
        'connectedAt': first_at or time.time() * 1000,
        'doneAt': done_at or time.time() * 1000,
        'batches': len([v for v in seen.values() if v > 0]),
        'extra': {'firstDataAt': first_at or 0},
    }
    sys.stdout.write('BENCH_REPORT ' + json.dumps(report) + '\n')
    sys.stdout.flush()
    os._exit(0)


if __name__ == '__main__':
    main()
