"""B9 peer: the same DataFrame queries on real PySpark (local[2]); the JVM starts first and
is not timed, each query runs once to warm up (the CSV query, with --csv, at most 3 rounds), then --rounds timed runs (medians reported).
"""
import json
import os
import statistics
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# A local Spark: pyspark refuses a master beside a Spark Connect URL, and a shell that exported
# the services' addresses (scripts/services.mjs) has SPARK_REMOTE set.
os.environ.pop("SPARK_REMOTE", None)


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    rows = int(arg('--rows', 10_000_000))
    dims = int(arg('--dims', 100_000))
    rounds = int(arg('--rounds', 3))
    csv_path = arg('--csv', '')
    csv_schema = arg('--csv-schema', 'id BIGINT, key STRING, value DOUBLE, ts TIMESTAMP, flag BOOLEAN')
    spark = (SparkSession.builder.master('local[2]').appName('bench-dataframes')
             .config('spark.ui.enabled', 'false').config('spark.driver.memory', '2g').getOrCreate())
    spark.sparkContext.setLogLevel('ERROR')

    def group_by():
        return sum(r['count'] for r in spark.range(rows).select((F.col('id') % 1000).alias('k')).groupBy('k').count().collect())

    def join():
        facts = spark.range(rows).select('id', (F.col('id') % dims).alias('k'))
        d = spark.range(dims).select(F.col('id').alias('k'), (F.col('id') * 2).alias('v'))
        return facts.join(d, 'k').count()

    small = [(f'w{i % 37}', i) for i in range(1000)]

    def interactive():
        df = spark.createDataFrame(small, ['word', 'n'])
        return len(df.groupBy('word').count()._jdf.showString(20, 20, False))

    def csv():
        df = spark.read.option('header', 'true').schema(csv_schema).csv(csv_path)
        return sum(r['n'] for r in df.groupBy('key').agg(F.count('*').alias('n'), F.sum('value').alias('s')).collect())

    queries = [('groupBy', group_by, rounds), ('join', join, rounds), ('interactive', interactive, 10)]
    if csv_path:
        queries.append(('csv', csv, min(rounds, 3)))
    out = {}
    for name, f, n in queries:
        f()
        times = []
        result = 0
        for _ in range(n):
            t = time.perf_counter()
            result = f()
            times.append((time.perf_counter() - t) * 1000)
        out[f'{name}Ms'] = statistics.median(times)
        out[f'{name}Times'] = times
        out[f'{name}Result'] = result
    print('BENCH_REPORT ' + json.dumps({'name': 'pyspark', 'extra': out}), flush=True)
    spark.stop()


if __name__ == '__main__':
    main()
