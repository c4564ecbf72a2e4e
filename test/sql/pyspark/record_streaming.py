"""Records the Spark Streaming guide's sql_network_wordcount logic on PySpark 3.5, with a
queueStream instead of a socket (the input below), for test/sql/sql-network-wordcount.test.ts.

Run: TZ=UTC /path/to/python test/sql/pyspark/record_streaming.py
Adds "sql_network_wordcount" to test/sql/data/pyspark-expected.json. The batch header prints
the batch number instead of the wall-clock time so the output can be compared.
"""
import contextlib
import io
import json
import os
import time

from pyspark.sql import Row, SparkSession
from pyspark.streaming import StreamingContext

BATCHES = [
    ["hello world", "hello spark"],
    ["apache spark is fast", "spark streaming with sql", "hello again"],
    [],
    ["to be or not to be"],
]


def getSparkSessionInstance(sparkConf):
    if "sparkSessionSingletonInstance" not in globals():
        globals()["sparkSessionSingletonInstance"] = SparkSession.builder.config(conf=sparkConf).getOrCreate()
    return globals()["sparkSessionSingletonInstance"]


def main():
    spark = SparkSession.builder.master("local[2]").appName("PythonSqlNetworkWordCount").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    ssc = StreamingContext(sc, 1)
    lines = ssc.queueStream([sc.parallelize(b, 2) for b in BATCHES])
    words = lines.flatMap(lambda line: line.split(" "))
    buf = io.StringIO()
    batch = [0]
    done = [0]

    def process(t, rdd):
        with contextlib.redirect_stdout(buf):
            batch[0] += 1
            if batch[0] > len(BATCHES):
                return
            print("========= batch %d =========" % batch[0])
            try:
                spark = getSparkSessionInstance(rdd.context.getConf())
                rowRdd = rdd.map(lambda w: Row(word=w))
                wordsDataFrame = spark.createDataFrame(rowRdd)
                wordsDataFrame.createOrReplaceTempView("words")
                wordCountsDataFrame = spark.sql("select word, count(*) as total from words group by word")
                wordCountsDataFrame.show()
            except Exception:  # noqa: BLE001  (the guide's bare except: an empty batch cannot infer a schema)
                pass
            done[0] += 1

    words.foreachRDD(process)
    ssc.start()
    while done[0] < len(BATCHES):
        time.sleep(0.2)
    ssc.stop(stopSparkContext=False, stopGraceFully=False)
    path = os.path.join(os.path.dirname(__file__), "..", "data", "pyspark-expected.json")
    with open(path) as f:
        data = json.load(f)
    data["sql_network_wordcount"] = buf.getvalue()
    with open(path, "w") as f:
        json.dump(data, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
