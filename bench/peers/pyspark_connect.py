"""B10's peer: pyspark 4's own Spark Connect client making the same calls as tspark's, timed the
same way, against the server in SPARK_REMOTE. Prints one JSON object of millisecond lists.

Usage: python pyspark_connect.py CALLS ROWS ROUNDS
"""
import json
import os
import sys
import time

from pyspark.sql import SparkSession


def timed(fn, n, warm):
    for _ in range(warm):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main():
    calls, rows, rounds = (int(a) for a in sys.argv[1:4])
    spark = SparkSession.builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()
    first = timed(lambda: spark.sql("select 1 as a").collect(), calls, 3)
    analyze = timed(lambda: spark.sql("select 1 as a").schema, calls, 3)
    config = timed(lambda: spark.conf.get("spark.sql.shuffle.partitions"), calls, 3)
    query = f"select id, cast(id as double) / 3 as d, concat('row-', id) as s from range({rows})"
    check = spark.sql(query).toArrow()
    if check.num_rows != rows:
        raise SystemExit(f"expected {rows} rows, got {check.num_rows}")
    to_arrow = timed(lambda: spark.sql(query).toArrow(), rounds, 0)
    collect = timed(lambda: spark.sql(query).collect(), rounds, 1)
    print(json.dumps({"firstRowMs": first, "analyzeMs": analyze, "configMs": config, "toArrowMs": to_arrow, "collectMs": collect}))
    spark.stop()


main()
