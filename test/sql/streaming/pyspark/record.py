"""Records PySpark 3.5's Structured Streaming output for test/sql/streaming/*.test.ts.

Run:  TZ=UTC /path/to/python test/sql/streaming/pyspark/record.py [case ...]
(pyspark 3.5, Java 17). Each case runs in its own Python process (a fresh JVM), with its stdout
captured: the console sink writes to the JVM's stdout, which the child shares, so the file holds
exactly what a user sees. Writes test/sql/streaming/pyspark/expected/<case>.txt.

Lines the cases print themselves start with '#' (progress summaries, errors, listings) so that
they cannot be mistaken for console-sink output. Errors print as
"# ERROR <class>: <message>" with the message's first line (a trailing ';' dropped).
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected")
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def session(shuffle=None):
    from pyspark.sql import SparkSession

    b = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if shuffle is not None:
        b = b.config("spark.sql.shuffle.partitions", str(shuffle))
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def out(*parts):
    sys.stdout.flush()
    print("#", *parts, flush=True)


def err(e):
    cls = e.getErrorClass() if hasattr(e, "getErrorClass") else None
    msg = str(e).strip()
    java = getattr(e, "java_exception", None)
    if java is not None:
        msg = java.getMessage()
        cls = java.getErrorClass() if hasattr(java, "getErrorClass") else None
    first = msg.split("\n")[0]
    if first.endswith(";"):
        first = first[:-1]
    out(f"ERROR {type(e).__name__} {cls}: {first}")


def attempt(label, f):
    try:
        r = f()
        out(f"{label}: ok {r!r}" if r is not None else f"{label}: ok")
    except Exception as e:  # noqa: BLE001
        sys.stdout.flush()
        print(f"# {label}: ", end="", flush=True)
        err(e)


def summary(q):
    """One line per progress: batch, rows, watermark, state numbers (what the tests compare)."""
    for p in q.recentProgress:
        ops = p.get("stateOperators", [])
        st = ";".join(
            f"{o['operatorName']} total={o['numRowsTotal']} updated={o['numRowsUpdated']} removed={o['numRowsRemoved']} dropped={o['numRowsDroppedByWatermark']}"
            for o in ops
        )
        wm = p.get("eventTime", {}).get("watermark")
        out(f"progress batch={p['batchId']} rows={p['numInputRows']} watermark={wm} sinkRows={p['sink']['numOutputRows']} {st}")


def write_file(d, name, text):
    """Writes a file atomically into the watched directory (as Spark expects)."""
    tmp = os.path.join(os.path.dirname(d), "." + name + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, os.path.join(d, name))
    time.sleep(0.05)


# --- the guide's quick example over a real socket ------------------------------------------


@case
def quick_example():
    from pyspark.sql import functions as F

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    conns = []
    threading.Thread(target=lambda: conns.append(srv.accept()[0]), daemon=True).start()
    spark = session()
    lines = spark.readStream.format("socket").option("host", "localhost").option("port", port).load()
    words = lines.select(F.explode(F.split(lines.value, " ")).alias("word"))
    wordCounts = words.groupBy("word").count()
    query = wordCounts.writeStream.outputMode("complete").format("console").start()
    while query.lastProgress is None:
        time.sleep(0.05)
    for line in ["apache spark", "apache hadoop"]:
        conns[0].sendall((line + "\n").encode())
        time.sleep(1.0)
        query.processAllAvailable()
    p = query.lastProgress
    out("progress keys", list(p.keys()))
    out("durationMs keys", list(p["durationMs"].keys()))
    out("stateOperator keys", list(p["stateOperators"][0].keys()))
    out("customMetrics keys", list(p["stateOperators"][0]["customMetrics"].keys()))
    out("source", json.dumps({k: v for k, v in p["sources"][0].items() if k not in ("inputRowsPerSecond", "processedRowsPerSecond")}).replace(str(port), "PORT"))
    out("sink description starts", p["sink"]["description"].split("@")[0], "numOutputRows", p["sink"]["numOutputRows"])
    out("status", json.dumps(query.status))
    out("name", query.name, "isActive", query.isActive, "batches", [x["batchId"] for x in query.recentProgress])
    summary(query)
    query.stop()
    out("after stop", json.dumps(query.status), "isActive", query.isActive)


# --- windowed counts with a watermark, the guide's data, all three modes --------------------

GUIDE_FILES = [
    "2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n",
    "2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n",
    "2024-01-01 12:15:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 12:13:00,owl\n2024-01-01 12:21:00,owl\n",
    "2024-01-01 12:04:00,donkey\n2024-01-01 12:17:00,owl\n",
]


def windowed(spark, src, mode, chk=None):
    from pyspark.sql import functions as F

    words = spark.readStream.schema("timestamp TIMESTAMP, word STRING").option("maxFilesPerTrigger", 1).csv(src)
    counts = words.withWatermark("timestamp", "10 minutes").groupBy(F.window(F.col("timestamp"), "10 minutes", "5 minutes"), F.col("word")).count()
    w = counts.writeStream.outputMode(mode).format("console").option("truncate", "false")
    if chk is not None:
        w = w.option("checkpointLocation", chk)
    return w.start()


def watermark_case(mode):
    spark = session(shuffle=2)
    d = tempfile.mkdtemp()
    src = os.path.join(d, "in")
    os.mkdir(src)
    q = windowed(spark, src, mode)
    for i, text in enumerate(GUIDE_FILES):
        write_file(src, f"part{i}.csv", text)
        q.processAllAvailable()
    summary(q)
    last = [p for p in q.recentProgress if p["numInputRows"] > 0][-1]
    out("eventTime", json.dumps(last.get("eventTime")))
    out("sources", json.dumps([{k: v for k, v in s.items() if k not in ("inputRowsPerSecond", "processedRowsPerSecond", "description")} for s in last["sources"]]))
    q.stop()


@case
def watermark_update():
    watermark_case("update")


@case
def watermark_append():
    watermark_case("append")


@case
def watermark_complete():
    watermark_case("complete")


# --- restart from a checkpoint ---------------------------------------------------------------


def listing(chk):
    files = []
    for root, _dirs, names in os.walk(chk):
        for n in names:
            if n.endswith(".crc"):
                continue
            files.append(os.path.relpath(os.path.join(root, n), chk))
    return sorted(files)


@case
def restart_checkpoint():
    spark = session(shuffle=2)
    d = tempfile.mkdtemp()
    src = os.path.join(d, "in")
    chk = os.path.join(d, "chk")
    os.mkdir(src)
    q = windowed(spark, src, "update", chk)
    for i in range(2):
        write_file(src, f"part{i}.csv", GUIDE_FILES[i])
        q.processAllAvailable()
    first_id, first_run = q.id, q.runId
    summary(q)
    q.stop()
    out("stopped; checkpoint files", listing(chk))
    with open(os.path.join(chk, "offsets", "2")) as f:
        lines = f.read().split("\n")
    meta = json.loads(lines[1])
    out("offsets/2 line0", lines[0], "meta keys", list(meta.keys()), "watermark", meta["batchWatermarkMs"], "offset", lines[2])
    out("offsets/2 conf", json.dumps(meta["conf"], sort_keys=True))
    with open(os.path.join(chk, "commits", "2")) as f:
        out("commits/2", json.dumps(f.read()))
    with open(os.path.join(chk, "sources", "0", "0")) as f:
        t = f.read().split("\n")
        out("sources/0/0", t[0], sorted(json.loads(t[1]).keys()))
    with open(os.path.join(chk, "metadata")) as f:
        out("metadata keys", list(json.loads(f.read()).keys()))
    # Restart: same id, a new runId; the batch ids and the state continue.
    for i in range(2, 4):
        write_file(src, f"part{i}.csv", GUIDE_FILES[i])
    q2 = windowed(spark, src, "update", chk)
    q2.processAllAvailable()
    out("same id", q2.id == first_id, "new runId", q2.runId != first_run)
    summary(q2)
    q2.stop()
    # Re-running an uncommitted batch: delete the last commit, restart, the batch runs again with the same offsets.
    last = max(int(n) for n in os.listdir(os.path.join(chk, "commits")) if n.isdigit())
    os.remove(os.path.join(chk, "commits", str(last)))
    crc = os.path.join(chk, "commits", f".{last}.crc")
    if os.path.exists(crc):
        os.remove(crc)
    q3 = windowed(spark, src, "update", chk)
    q3.processAllAvailable()
    summary(q3)
    q3.stop()
    shutil.rmtree(d)


# --- errors: unsupported operations, builders, recovery ------------------------------------


@case
def errors():
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    spark = session(shuffle=2)
    d = tempfile.mkdtemp()
    rate = spark.readStream.format("rate").load()
    attempt("count", lambda: rate.count())
    attempt("show", lambda: rate.show())
    attempt("collect", lambda: rate.collect())
    attempt("isStreaming", lambda: rate.isStreaming)
    attempt("text count", lambda: spark.readStream.text(d).count())
    attempt("socket count", lambda: spark.readStream.format("socket").option("host", "localhost").option("port", 1).load().count())
    attempt("write on stream", lambda: rate.write)
    attempt("memory source", lambda: spark.readStream.format("memory").load())
    attempt("console source", lambda: spark.readStream.format("console").load())
    attempt("sort append", lambda: rate.sort("value").writeStream.format("console").start().stop())
    attempt("sort complete no agg", lambda: rate.sort("value").writeStream.outputMode("complete").format("console").start().stop())
    agg = rate.groupBy("value").count()
    attempt("agg append", lambda: agg.writeStream.format("console").start().stop())
    attempt("complete no agg", lambda: rate.writeStream.outputMode("complete").format("console").start().stop())
    attempt("agg of agg", lambda: agg.groupBy("count").count().writeStream.outputMode("complete").format("console").start().stop())
    attempt("limit update", lambda: rate.limit(3).writeStream.outputMode("update").format("console").start().stop())
    attempt("limit append", lambda: rate.limit(3).writeStream.outputMode("append").format("console").start().stop())
    attempt("distinct append", lambda: rate.distinct().writeStream.format("console").start().stop())
    attempt("row_number", lambda: rate.withColumn("r", F.row_number().over(Window.partitionBy("value").orderBy("timestamp"))).writeStream.format("console").start().stop())
    attempt("union batch", lambda: rate.union(spark.range(3).selectExpr("current_timestamp() AS timestamp", "id AS value")).writeStream.format("console").start().stop())
    sess = rate.withWatermark("timestamp", "1 minute").groupBy(F.session_window("timestamp", "10 seconds")).count()
    attempt("session update", lambda: sess.writeStream.outputMode("update").format("console").start().stop())
    attempt("dedup within no watermark", lambda: rate.dropDuplicatesWithinWatermark(["value"]).writeStream.format("console").start().stop())
    attempt("writeStream on batch", lambda: spark.range(3).writeStream)
    attempt("watermark on long", lambda: rate.withWatermark("value", "10 seconds"))
    attempt("watermark bad delay", lambda: rate.withWatermark("timestamp", "ten seconds"))
    attempt("output mode bogus", lambda: rate.writeStream.outputMode("bogus"))
    attempt("two triggers", lambda: rate.writeStream.trigger(once=True, processingTime="1 second"))
    attempt("no trigger", lambda: rate.writeStream.trigger())
    attempt("empty processingTime", lambda: rate.writeStream.trigger(processingTime=""))
    attempt("continuous agg", lambda: agg.writeStream.outputMode("complete").trigger(continuous="1 second").format("console").start().stop())
    attempt("memory no name", lambda: rate.writeStream.format("memory").start().stop())
    attempt("file no path", lambda: rate.writeStream.format("json").option("checkpointLocation", os.path.join(d, "c0")).start().stop())
    attempt("file no checkpoint", lambda: rate.writeStream.format("json").start(os.path.join(d, "o1")).stop())
    attempt("file complete", lambda: agg.writeStream.format("json").outputMode("complete").option("checkpointLocation", os.path.join(d, "c2")).start(os.path.join(d, "o2")).stop())
    attempt("memory update", lambda: rate.writeStream.format("memory").queryName("mu").outputMode("update").start().stop())
    attempt("socket no host", lambda: spark.readStream.format("socket").load())
    attempt("socket no port", lambda: spark.readStream.format("socket").option("host", "localhost").load())
    attempt("csv no schema", lambda: spark.readStream.csv(d))
    attempt("json no schema", lambda: spark.readStream.format("json").load(d))
    attempt("text ok", lambda: spark.readStream.text(d).columns)
    attempt("rate bad rows", lambda: spark.readStream.format("rate").option("rowsPerSecond", "-1").load())
    attempt("rate bad option value", lambda: spark.readStream.format("rate").option("rowsPerSecond", "x").load())
    attempt("unknown format", lambda: spark.readStream.format("nosuch").load())
    attempt("rate columns", lambda: spark.readStream.format("rate").load().dtypes)
    attempt("rmb columns", lambda: spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 1).load().dtypes)
    attempt("rmb no rows", lambda: spark.readStream.format("rate-micro-batch").load())
    attempt("socket ts columns", lambda: spark.readStream.format("socket").option("host", "localhost").option("port", 1).option("includeTimestamp", True).load().dtypes)
    q = rate.writeStream.format("noop").queryName("dup").start()
    attempt("dup name", lambda: rate.writeStream.format("noop").queryName("dup").start().stop())
    q.stop()
    attempt("foreachBatch not callable", lambda: rate.writeStream.foreachBatch(3))
    attempt("foreach bad", lambda: rate.writeStream.foreach(3))
    attempt("stream-static right outer", lambda: rate.join(spark.range(3).withColumnRenamed("id", "value"), "value", "right_outer").writeStream.format("console").start().stop())
    attempt("stream-static full outer", lambda: rate.join(spark.range(3).withColumnRenamed("id", "value"), "value", "full_outer").writeStream.format("console").start().stop())
    other = spark.readStream.format("rate").load().withColumnRenamed("timestamp", "t2")
    attempt("stream-stream left outer no wm", lambda: rate.join(other, "value", "left_outer").writeStream.format("console").start().stop())
    attempt("stream-stream inner update", lambda: rate.join(other, "value").writeStream.outputMode("update").format("console").start().stop())
    attempt("stream-stream inner complete", lambda: rate.join(other, "value").writeStream.outputMode("complete").format("console").start().stop())
    attempt("count distinct", lambda: rate.groupBy("value").agg(F.countDistinct("timestamp")).writeStream.outputMode("update").format("console").start().stop())
    attempt("toTable", lambda: rate.writeStream.toTable("t").stop())

    # Recovery: a changed query on the same checkpoint.
    src = os.path.join(d, "in")
    os.mkdir(src)
    write_file(src, "a.csv", "2024-01-01 12:00:00,x\n")
    chk = os.path.join(d, "chk")
    words = spark.readStream.schema("timestamp TIMESTAMP, word STRING").csv(src)
    q = words.groupBy("word").count().writeStream.outputMode("update").format("console").option("checkpointLocation", chk).start()
    q.processAllAvailable()
    q.stop()

    counter = [0]

    def changed(df, mode="update"):
        counter[0] += 1
        write_file(src, f"b{counter[0]}.csv", "2024-01-01 12:00:0%d,y\n" % counter[0])
        q2 = df.writeStream.outputMode(mode).format("console").option("checkpointLocation", chk).start()
        try:
            q2.processAllAvailable()
        finally:
            q2.stop()
        if q2.exception() is not None:
            raise q2.exception()

    attempt("recover changed key", lambda: changed(words.groupBy("timestamp").count()))
    attempt("recover changed aggregate", lambda: changed(words.groupBy("word").agg(F.max("timestamp"))))
    words2 = spark.readStream.schema("timestamp TIMESTAMP, word STRING").csv(src)
    attempt("recover two sources", lambda: changed(words.union(words2).groupBy("word").count()))
    attempt("recover stateless", lambda: changed(words, "append"))
    shutil.rmtree(d)


# --- sinks -----------------------------------------------------------------------------------


@case
def sinks():
    from pyspark.sql import functions as F

    spark = session(shuffle=2)
    d = tempfile.mkdtemp()
    src = os.path.join(d, "in")
    os.mkdir(src)
    lines = spark.readStream.text(src)
    # Console with numRows and truncate.
    q = lines.select("value", F.length("value").alias("n")).writeStream.format("console").option("numRows", 2).option("truncate", False).start()
    write_file(src, "a.txt", "a line that is longer than twenty characters\nb\nc\n")
    q.processAllAvailable()
    q.stop()
    # Memory sink, append and complete, queried with SQL.
    q = lines.writeStream.format("memory").queryName("lines_mem").start()
    q.processAllAvailable()
    spark.sql("SELECT * FROM lines_mem").show()
    q.stop()
    counts = lines.groupBy("value").count()
    q = counts.writeStream.format("memory").queryName("counts_mem").outputMode("complete").start()
    q.processAllAvailable()
    write_file(src, "b.txt", "b\nd\n")
    q.processAllAvailable()
    spark.table("counts_mem").orderBy("value").show()
    q.stop()
    # foreachBatch: called per batch with the batch id; a batch DataFrame.
    seen = []

    def fb(df, batch_id):
        seen.append((batch_id, df.isStreaming, sorted(r.value for r in df.collect())))

    q = lines.writeStream.foreachBatch(fb).start()
    q.processAllAvailable()
    write_file(src, "c.txt", "e\n")
    q.processAllAvailable()
    q.stop()
    out("foreachBatch", seen)
    # File sink: _spark_metadata, readers see committed files only.
    o = os.path.join(d, "out")
    chk = os.path.join(d, "chk")
    q = lines.writeStream.format("json").option("checkpointLocation", chk).start(o)
    q.processAllAvailable()
    q.stop()
    meta = sorted(os.listdir(os.path.join(o, "_spark_metadata")))
    out("_spark_metadata", meta)
    with open(os.path.join(o, "_spark_metadata", "0")) as f:
        t = f.read().split("\n")
    entry = json.loads(t[1])
    out("metadata line0", t[0], "entry keys", sorted(entry.keys()), "action", entry["action"], "isDir", entry["isDir"], "blockReplication", entry["blockReplication"], "blockSize", entry["blockSize"])
    out("parts", len([n for n in os.listdir(o) if n.startswith("part-")]))
    with open(os.path.join(o, "stray.json"), "w") as f:
        f.write('{"value":"not committed"}\n')
    spark.read.json(o).orderBy("value").show()
    # A listener's events.
    from pyspark.sql.streaming import StreamingQueryListener

    events = []

    class L(StreamingQueryListener):
        def onQueryStarted(self, e):
            events.append(("started", e.name))

        def onQueryProgress(self, e):
            events.append(("progress", e.progress.batchId))

        def onQueryIdle(self, e):
            events.append(("idle",))

        def onQueryTerminated(self, e):
            events.append(("terminated", e.exception))

    lst = L()
    spark.streams.addListener(lst)
    q = lines.writeStream.format("noop").queryName("listened").start()
    q.processAllAvailable()
    q.stop()
    time.sleep(2)
    spark.streams.removeListener(lst)
    out("listener", events)
    out("active", [x.name for x in spark.streams.active])
    shutil.rmtree(d)


@case
def failure():
    spark = session(shuffle=2)
    d = tempfile.mkdtemp()
    src = os.path.join(d, "in")
    os.mkdir(src)
    write_file(src, "a.txt", "x\n")

    def boom(df, batch_id):
        raise ValueError(f"boom in batch {batch_id}")

    q = spark.readStream.text(src).writeStream.foreachBatch(boom).start()
    try:
        q.awaitTermination(30)
    except Exception as e:  # noqa: BLE001
        out("awaitTermination raised", type(e).__name__)
        first = str(e).split("\n")[0]
        out("first line", first.split("terminated with exception")[0][:20] + "...terminated with exception" + first.split("terminated with exception")[1][:40])
    ex = q.exception()
    text = str(ex)
    out("exception has Streaming Query", "=== Streaming Query ===" in text)
    out("status", json.dumps(q.status))
    out("isActive", q.isActive)
    shutil.rmtree(d)


# --- dedup, joins, session windows -----------------------------------------------------------


def run_steps(name, make_query, dirs, steps):
    """Runs one query alone over fresh directories, placing each step's files then processing them."""
    out("query", name)
    q = make_query(dirs)
    for i, step in enumerate(steps):
        # All of a step's files are written first, then renamed in together, so that a trigger
        # (the stream thread polls all the time) sees them in the same batch.
        staged = []
        for d, text in step:
            tmp = os.path.join(os.path.dirname(dirs[d]), f".{d}-f{i}.tmp")
            with open(tmp, "w") as f:
                f.write(text)
            staged.append((tmp, os.path.join(dirs[d], f"f{i}.csv")))
        for tmp, final in staged:
            os.rename(tmp, final)
        time.sleep(0.05)
        q.processAllAvailable()
    summary(q)
    q.stop()


def fresh_dirs(names):
    d = tempfile.mkdtemp()
    out_dirs = {}
    for n in names:
        out_dirs[n] = os.path.join(d, n)
        os.mkdir(out_dirs[n])
    return out_dirs


DEDUP_FILES = [
    "2024-01-01 12:00:00,a\n2024-01-01 12:01:00,b\n2024-01-01 12:00:00,a\n",
    "2024-01-01 12:02:00,a\n2024-01-01 12:10:00,c\n",
    "2024-01-01 12:00:00,b\n2024-01-01 12:20:00,a\n2024-01-01 12:03:00,d\n",
]


@case
def dedup():
    spark = session(shuffle=2)

    def events(dirs):
        return spark.readStream.schema("ts TIMESTAMP, user STRING").option("maxFilesPerTrigger", 1).csv(dirs["in"])

    steps = [[("in", t)] for t in DEDUP_FILES]
    run_steps("d1", lambda dirs: events(dirs).dropDuplicates(["user"]).writeStream.format("console").start(), fresh_dirs(["in"]), steps)
    run_steps("d2", lambda dirs: events(dirs).withWatermark("ts", "5 minutes").dropDuplicates(["user", "ts"]).writeStream.format("console").start(), fresh_dirs(["in"]), steps)
    run_steps("d3", lambda dirs: events(dirs).withWatermark("ts", "5 minutes").dropDuplicatesWithinWatermark(["user"]).writeStream.format("console").start(), fresh_dirs(["in"]), steps)


JOIN_STEPS = [
    [("a", "2024-01-01 12:00:00,a\n2024-01-01 12:01:00,b\n2024-01-01 12:02:00,c\n"), ("b", "2024-01-01 12:03:00,a\n")],
    [("a", "2024-01-01 12:30:00,a\n"), ("b", "2024-01-01 12:04:00,b\n2024-01-01 12:31:00,a\n2024-01-01 12:01:30,a\n")],
]


@case
def joins():
    from pyspark.sql import functions as F

    spark = session(shuffle=2)
    static = spark.createDataFrame([("a", "Alice"), ("b", "Bob")], "user STRING, name STRING")

    def ev(dirs):
        return spark.readStream.schema("ts TIMESTAMP, user STRING").option("maxFilesPerTrigger", 1).csv(dirs["a"])

    def clicks(dirs):
        return spark.readStream.schema("cts TIMESTAMP, cuser STRING").option("maxFilesPerTrigger", 1).csv(dirs["b"])

    static_steps = [[("a", a)] for ((_, a), _b) in JOIN_STEPS]
    run_steps("inner_static", lambda dirs: ev(dirs).join(static, "user").writeStream.format("console").start(), fresh_dirs(["a"]), static_steps)
    run_steps("left_static", lambda dirs: ev(dirs).join(static, "user", "left_outer").writeStream.format("console").start(), fresh_dirs(["a"]), static_steps)

    def ss(dirs, how):
        return (
            ev(dirs)
            .withWatermark("ts", "10 minutes")
            .join(clicks(dirs).withWatermark("cts", "10 minutes"), F.expr("user = cuser AND cts >= ts AND cts <= ts + interval 5 minutes"), how)
            .writeStream.format("console")
            .start()
        )

    run_steps("stream_stream", lambda dirs: ss(dirs, "inner"), fresh_dirs(["a", "b"]), JOIN_STEPS)
    run_steps("stream_stream_left", lambda dirs: ss(dirs, "left_outer"), fresh_dirs(["a", "b"]), JOIN_STEPS)


SESSION_FILES = [
    "2024-01-01 12:00:00,a\n2024-01-01 12:03:00,a\n2024-01-01 12:01:00,b\n",
    "2024-01-01 12:07:00,a\n2024-01-01 12:20:00,b\n",
    "2024-01-01 12:40:00,a\n",
]


@case
def session_windows():
    from pyspark.sql import functions as F

    spark = session(shuffle=2)

    def sessions(dirs):
        ev = spark.readStream.schema("ts TIMESTAMP, user STRING").option("maxFilesPerTrigger", 1).csv(dirs["in"])
        return ev.withWatermark("ts", "10 minutes").groupBy(F.session_window("ts", "5 minutes"), "user").count()

    steps = [[("in", t)] for t in SESSION_FILES]
    run_steps("append", lambda dirs: sessions(dirs).writeStream.format("console").option("truncate", False).start(), fresh_dirs(["in"]), steps)
    run_steps("complete", lambda dirs: sessions(dirs).writeStream.format("console").outputMode("complete").option("truncate", False).start(), fresh_dirs(["in"]), steps)
    out("batch")
    rows = spark.createDataFrame([("2024-01-01 12:00:00", "a"), ("2024-01-01 12:07:00", "a"), ("2024-01-01 12:03:00", "a"), ("2024-01-01 12:30:00", "a"), ("2024-01-01 12:01:00", "b")], "ts STRING, user STRING").withColumn("ts", F.to_timestamp("ts"))
    rows.groupBy(F.session_window("ts", "5 minutes"), "user").count().show(truncate=False)
    rows.groupBy(F.session_window("ts", "5 minutes"), "user").count().orderBy("session_window").show(truncate=False)


@case
def rate_micro_batch():
    spark = session(shuffle=2)
    df = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3).option("numPartitions", 2).option("startTimestamp", 1704110400000).load()
    shown = []

    def fb(bdf, batch_id):
        if batch_id < 3:
            shown.append(batch_id)
            print(f"-- batch {batch_id}", flush=True)
            bdf.show(truncate=False)

    q = df.writeStream.foreachBatch(fb).start()
    while len(shown) < 3:
        time.sleep(0.1)
    q.stop()
    p = q.recentProgress[1]
    out("source", json.dumps({k: v for k, v in p["sources"][0].items() if k in ("description", "startOffset", "endOffset", "latestOffset", "numInputRows")}))


# --- bad input: malformed rows, a socket that drops, a file gone before it is read ----------

BAD_CSV = "1,a\nx,b\n3,c\n"
BAD_JSON = '{"id":1,"name":"a"}\n{"id":2,"name"\n{"id":3,"name":"c"}\n'


def stream_failure(q):
    """Waits for a query to fail; prints the exception's first line with the id left out."""
    try:
        q.awaitTermination(60)
        out("no failure; isActive", q.isActive)
    except Exception as e:  # noqa: BLE001
        first = str(e).split("\n")[0]
        import re
        out("failed:", re.sub(r"\[id = [^\]]+\]", "[id = ID, runId = RUN]", re.sub(r", runId = [^\]]+\]", "]", first)))
        java = getattr(e, "java_exception", None)
        cause = java.getCause() if java is not None else None
        if cause is not None:
            out("cause:", cause.getClass().getName(), cause.getMessage().split("\n")[0])


@case
def bad_input():
    from pyspark.sql import functions as F

    spark = session(shuffle=2)
    d = tempfile.mkdtemp()
    for fmt, text, schema in [
        ("csv", BAD_CSV, "id INT, name STRING, _corrupt_record STRING"),
        ("json", BAD_JSON, "id INT, name STRING, _corrupt_record STRING"),
    ]:
        src = os.path.join(d, fmt)
        os.mkdir(src)
        write_file(src, "a." + fmt, text)
        for mode in ["PERMISSIVE", "DROPMALFORMED", "FAILFAST"]:
            out("query", f"{fmt} {mode}")
            q = (spark.readStream.schema(schema).option("mode", mode).format(fmt).load(src)
                 .writeStream.format("console").option("truncate", False).trigger(availableNow=True).start())
            if mode == "FAILFAST":
                stream_failure(q)
            else:
                q.awaitTermination(60)
                summary(q)

    # A file logged by a batch that did not commit, deleted before the batch runs again.
    src = os.path.join(d, "gone")
    os.mkdir(src)
    chk = os.path.join(d, "chk-gone")
    write_file(src, "a.csv", "1,a\n")
    schema = "id INT, name STRING"
    q = spark.readStream.schema(schema).csv(src).writeStream.format("console").option("checkpointLocation", chk).start()
    q.processAllAvailable()
    q.stop()
    # The commit and its checksum, as a kill before the commit would leave them.
    for f in ["0", ".0.crc"]:
        if os.path.exists(os.path.join(chk, "commits", f)):
            os.remove(os.path.join(chk, "commits", f))
    os.remove(os.path.join(src, "a.csv"))
    out("query", "deleted file")
    q = spark.readStream.schema(schema).csv(src).writeStream.format("console").option("checkpointLocation", chk).start()
    q.processAllAvailable()
    out("isActive", q.isActive, "exception", q.exception())
    summary(q)
    out("commits", sorted(f for f in os.listdir(os.path.join(chk, "commits")) if not f.startswith(".")))
    q.stop()
    out("query", "deleted file, ignoreMissingFiles")
    spark.conf.set("spark.sql.files.ignoreMissingFiles", "true")
    q = spark.readStream.schema(schema).csv(src).writeStream.format("console").option("checkpointLocation", chk).start()
    q.processAllAvailable()
    summary(q)
    q.stop()
    spark.conf.set("spark.sql.files.ignoreMissingFiles", "false")

    # A socket server that sends two lines, then closes; then one that resets the connection.
    for how in ["close", "reset"]:
        out("query", f"socket {how}")
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        port = srv.getsockname()[1]
        conns = []
        threading.Thread(target=lambda: conns.append(srv.accept()[0]), daemon=True).start()
        lines = spark.readStream.format("socket").option("host", "localhost").option("port", port).load()
        q = lines.select(F.explode(F.split(lines.value, " ")).alias("word")).groupBy("word").count().writeStream.outputMode("complete").format("console").start()
        while not conns:
            time.sleep(0.05)
        conns[0].sendall(b"a b\nb\n")
        time.sleep(1.0)
        q.processAllAvailable()
        if how == "reset":
            import struct
            conns[0].setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conns[0].close()
        srv.close()
        time.sleep(2.0)
        q.processAllAvailable()
        out("after the drop: isActive", q.isActive, "exception", q.exception())
        out("status", json.dumps(q.status))
        summary(q)
        q.stop()
    shutil.rmtree(d)


def run_one(name):
    CASES[name]()


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        run_one(sys.argv[2])
        return
    names = sys.argv[1:] or list(CASES)
    os.makedirs(EXPECTED, exist_ok=True)
    env = dict(os.environ, TZ="UTC", PYTHONUNBUFFERED="1")
    for name in names:
        t0 = time.time()
        r = subprocess.run([sys.executable, __file__, "--child", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        text = r.stdout.decode()
        with open(os.path.join(EXPECTED, name + ".txt"), "w") as f:
            f.write(text)
        warns = [l for l in r.stderr.decode().split("\n") if " WARN " in l and ("Streaming" in l or "ResolveWriteToStream" in l or "Provider" in l)]
        print(f"{name}: exit {r.returncode}, {len(text)} chars, {time.time() - t0:.0f} s", flush=True)
        if r.returncode != 0:
            print(r.stderr.decode()[-3000:], flush=True)
        if warns:
            with open(os.path.join(EXPECTED, name + ".warn.txt"), "w") as f:
                f.write("\n".join(w.split(" WARN ", 1)[1] for w in warns) + "\n")


if __name__ == "__main__":
    main()
