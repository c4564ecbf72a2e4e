"""
Records what real PySpark 3.5 does for the cases of issue 11's "pyspark's meaning" and "files"
sections, into expected.json beside this script. The tests under test/engine/ read that file, so
tspark is compared with what pyspark did, not with what we remember of it.

Run (needs Java 17 and pyspark 3.5; numpy present, as in most installs):
    python test/engine/pyspark/record.py
"""
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext, StreamingListener

sc = SparkContext("local[2]", "tspark-record")
sc.setLogLevel("OFF")
out = {"pyspark": sc.version, "python": sys.version.split()[0]}


def plain(v):
    """Python values as JSON: tuples as arrays, non-finite floats as strings, numpy scalars as numbers."""
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict)):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    return v


def outcome(f):
    """{"value": ...} or {"error": "<Python exception class>: <message>"} (the worker's error for a failed job)."""
    try:
        return {"value": plain(f())}
    except Exception as e:
        text = str(e)
        python = re.findall(r"^(\w+(?:Error|Exception)): (.*)$", text, re.M)
        python = [l for l in python if l[0] != "Py4JJavaError"]
        java = re.findall(r"^(?:: )?((?:java|org)\.[\w.$]+(?:Error|Exception)): (.*)$", text, re.M)
        msg = python[-1] if python else java[0] if java else (type(e).__name__, text.splitlines()[0])
        return {"error": "%s: %s" % msg}


add = lambda a, b: a + b

# --- 1. Records that are not pairs given to pair operations ------------------------------------
ints = sc.parallelize([1, 2, 3], 2)
out["notPairs"] = {
    name: outcome(f)
    for name, f in [
        ("reduceByKey", lambda: ints.reduceByKey(add).collect()),
        ("groupByKey", lambda: ints.groupByKey().collect()),
        ("combineByKey", lambda: ints.combineByKey(lambda v: v, add, add).collect()),
        ("aggregateByKey", lambda: ints.aggregateByKey(0, add, add).collect()),
        ("foldByKey", lambda: ints.foldByKey(0, add).collect()),
        ("join", lambda: ints.join(ints).collect()),
        ("leftOuterJoin", lambda: ints.leftOuterJoin(ints).collect()),
        ("cogroup", lambda: ints.cogroup(ints).collect()),
        ("subtractByKey", lambda: ints.subtractByKey(ints).collect()),
        ("partitionBy", lambda: ints.partitionBy(2).collect()),
        ("sortByKey", lambda: ints.sortByKey().collect()),
        ("mapValues", lambda: ints.mapValues(lambda v: v).collect()),
        ("keys", lambda: ints.keys().collect()),
        ("countByKey", lambda: ints.countByKey()),
        ("collectAsMap", lambda: ints.collectAsMap()),
        ("triples", lambda: sc.parallelize([(1, 2, 3)]).reduceByKey(add).collect()),
        ("nulls", lambda: sc.parallelize([None]).reduceByKey(add).collect()),
    ]
}

# --- 2. Default partition counts -----------------------------------------------------------------
p3 = sc.parallelize([(i % 7, i) for i in range(20)], 3)
p2 = sc.parallelize([(i % 5, -i) for i in range(8)], 2)
v3 = sc.parallelize([i % 7 for i in range(20)], 3)
v2 = sc.parallelize([i % 5 for i in range(8)], 2)
r3a = p3.reduceByKey(add)
r3b = p3.mapValues(lambda v: v * 10).reduceByKey(add)
cases = {
    "reduceByKey": p3.reduceByKey(add),
    "groupByKey": p3.groupByKey().mapValues(sorted),
    "aggregateByKey": p3.aggregateByKey(0, add, add),
    "foldByKey": p3.foldByKey(0, add),
    "combineByKey": p3.combineByKey(lambda v: v, add, add),
    "distinct": v3.distinct(),
    "groupBy": v3.groupBy(lambda x: x % 4).mapValues(sorted),
    "join": p3.join(p2),
    "leftOuterJoin": p3.leftOuterJoin(p2),
    "rightOuterJoin": p3.rightOuterJoin(p2),
    "fullOuterJoin": p3.fullOuterJoin(p2),
    "cogroup": p3.cogroup(p2).mapValues(lambda vs: [sorted(vs[0]), sorted(vs[1])]),
    "subtract": v3.subtract(v2),
    "subtractByKey": p3.subtractByKey(p2),
    "intersection": v3.intersection(v2),
    "joinSamePartitioner": r3a.join(r3b),
    "cogroupSamePartitioner": r3a.cogroup(r3b).mapValues(lambda vs: [list(vs[0]), list(vs[1])]),
}
out["defaultPartitions"] = {k: {"numPartitions": r.getNumPartitions(), "glom": plain(r.glom().collect())} for k, r in cases.items()}

# --- 3. parallelize and range boundaries ---------------------------------------------------------
out["parallelize"] = {"%d/%d" % (n, k): sc.parallelize(list(range(n)), k).glom().collect() for n in range(14) for k in range(1, 6)}
out["parallelizeSizes"] = {
    "%d/%d" % (n, k): [len(p) for p in sc.parallelize(list(range(n)), k).glom().collect()]
    for n, k in [(5000, 2), (10000, 3), (2049, 2), (4096, 4), (100000, 7)]
}
out["range"] = {
    "range(10)": sc.range(10).glom().collect(),
    "range(1, 10, 3)": sc.range(1, 10, 3).glom().collect(),
    "range(10, 0, -3)": sc.range(10, 0, -3).glom().collect(),
    "range(0, 5, -1)": sc.range(0, 5, -1).glom().collect(),
    "range(7, numSlices=3)": sc.range(7, numSlices=3).glom().collect(),
    "range(5, numSlices=1)": sc.range(5, numSlices=1).glom().collect(),
}

# --- 4. Numbers: stats, mean, sums ---------------------------------------------------------------
empty = sc.parallelize([])
out["stats"] = {
    "str [5, 7, 9]": str(sc.parallelize([5, 7, 9]).stats()),
    "str [1.5]": str(sc.parallelize([1.5]).stats()),
    "str []": str(empty.stats()),
    "str [1, 2.5, 1e20, -3]": str(sc.parallelize([1, 2.5, 1e20, -3]).stats()),
    "str [0.1, 0.2, 0.3] in 3": str(sc.parallelize([0.1, 0.2, 0.3], 3).stats()),
    "asDict [1, 2, 3, 4]": plain(sc.parallelize([1, 2, 3, 4]).stats().asDict()),
    "asDict sample [1, 2, 3, 4]": plain(sc.parallelize([1, 2, 3, 4]).stats().asDict(sample=True)),
    "mean []": outcome(lambda: empty.mean()),
    "mean emptyRDD": outcome(lambda: sc.emptyRDD().mean()),
    "stats emptyRDD": outcome(lambda: sc.emptyRDD().stats()),
    "sum []": outcome(lambda: empty.sum()),
    "variance []": outcome(lambda: empty.variance()),
    "mean of 1..10 in 3 (merge order)": sc.parallelize(list(range(1, 11)), 3).mean(),
    "stdev of 1..100 in 7": sc.parallelize([x * 0.37 for x in range(1, 101)], 7).stdev(),
    "methods [2, 4, 4, 4, 5, 5, 7, 9]": (lambda s: {
        "count": s.count(), "mean": s.mean(), "sum": s.sum(), "min": plain(s.min()), "max": plain(s.max()),
        "variance": s.variance(), "sampleVariance": s.sampleVariance(), "stdev": plain(s.stdev()), "sampleStdev": plain(s.sampleStdev()),
    })(sc.parallelize([2, 4, 4, 4, 5, 5, 7, 9]).stats()),
}
big = 2**53
out["bigIntegers"] = {
    "sum [2**53, 1, 1]": str(sc.parallelize([big, 1, 1]).sum()),
    "max [2**53 + 1, 3]": str(sc.parallelize([big + 1, 3]).max()),
}

# --- 5. Values of different kinds ----------------------------------------------------------------
out["mixedKinds"] = {
    name: outcome(f)
    for name, f in [
        ("sortBy [3, 'a', 1]", lambda: sc.parallelize([3, "a", 1]).sortBy(lambda x: x).collect()),
        ("max [1, 'a']", lambda: sc.parallelize([1, "a"]).max()),
        ("min [1, 'a']", lambda: sc.parallelize([1, "a"]).min()),
        ("sortByKey None keys", lambda: sc.parallelize([(None, 1), (2, 2), (1, 3)]).sortByKey().collect()),
        ("takeOrdered [3, 'a', 1]", lambda: sc.parallelize([3, "a", 1]).takeOrdered(2)),
        ("top [3, 'a', 1]", lambda: sc.parallelize([3, "a", 1]).top(2)),
        ("max [{}, {}]", lambda: sc.parallelize([{"a": 1}, {"a": 2}]).max()),
        ("sortBy tuples [(1, 'a'), (1, 2)]", lambda: sc.parallelize([(1, "a"), (1, 2)]).sortBy(lambda x: x).collect()),
        ("sortBy tuples [(1, 'a'), (2, 2)]", lambda: sc.parallelize([(1, "a"), (2, 2)]).sortBy(lambda x: x).collect()),
        ("sortBy [2.5, 1, True]", lambda: sc.parallelize([2.5, 1, True]).sortBy(lambda x: x).collect()),
        ("max ['b', 'a', 'c']", lambda: sc.parallelize(["b", "a", "c"]).max()),
        ("sortBy [None]", lambda: sc.parallelize([None], 1).sortBy(lambda x: x).collect()),
    ]
}

# --- 6. API tutorials use ------------------------------------------------------------------------
r51 = sc.parallelize(list(range(51)))
out["histogram"] = {
    name: outcome(f)
    for name, f in [
        ("range(51) 2", lambda: r51.histogram(2)),
        ("range(51) [0, 5, 25, 50]", lambda: r51.histogram([0, 5, 25, 50])),
        ("range(51) [0, 15, 30, 45, 60]", lambda: r51.histogram([0, 15, 30, 45, 60])),
        ("strings ['a', 'b', 'c']", lambda: sc.parallelize(["ab", "ac", "b", "bd", "ef"]).histogram(["a", "b", "c"])),
        ("[1.0, 2.5, 4.0, 10.0] 3", lambda: sc.parallelize([1.0, 2.5, 4.0, 10.0]).histogram(3)),
        ("[1, 2, 3, 4, 5, 6] 4", lambda: sc.parallelize([1, 2, 3, 4, 5, 6]).histogram(4)),
        ("[7, 7, 7] 3", lambda: sc.parallelize([7, 7, 7]).histogram(3)),
        ("[1, 2] 1", lambda: sc.parallelize([1, 2]).histogram(1)),
        ("[] 2", lambda: empty.histogram(2)),
        ("[1, NaN, None, 3] 2", lambda: sc.parallelize([1, float("nan"), None, 3]).histogram(2)),
        ("[1, 2] 0", lambda: sc.parallelize([1, 2]).histogram(0)),
        ("[1, 2] [1]", lambda: sc.parallelize([1, 2]).histogram([1])),
        ("[1, 2] [2, 1]", lambda: sc.parallelize([1, 2]).histogram([2, 1])),
        ("[1, 2] [1, 1, 2]", lambda: sc.parallelize([1, 2]).histogram([1, 1, 2])),
        ("[-1, 0, 1, 100] [0, 10]", lambda: sc.parallelize([-1, 0, 1, 10, 100]).histogram([0, 10])),
        ("[1, inf] 2", lambda: sc.parallelize([1, float("inf")]).histogram(2)),
        ("['a', 'b'] 2", lambda: sc.parallelize(["a", "b"]).histogram(2)),
    ]
}
nums = sc.parallelize(list(range(20)), 2)
out["sampling"] = {
    "sample(False, 0.5, 42)": nums.sample(False, 0.5, 42).collect(),
    "sample(False, 0.1, 7)": nums.sample(False, 0.1, 7).collect(),
    "sample(True, 0.5, 42)": nums.sample(True, 0.5, 42).collect(),
    "sample(True, 2.0, 3)": nums.sample(True, 2.0, 3).collect(),
    "sample(True, 25.0, 3) count": nums.sample(True, 25.0, 3).count(),
    "sample(False, 0.5, 2**40 + 5)": nums.sample(False, 0.5, 2**40 + 5).collect(),
    "sample(False, 0.5, 0)": nums.sample(False, 0.5, 0).collect(),
    "takeSample(False, 5, 1)": nums.takeSample(False, 5, 1),
    "takeSample(True, 5, 1)": nums.takeSample(True, 5, 1),
    "takeSample(False, 50, 1)": nums.takeSample(False, 50, 1),
    "takeSample(False, 0, 1)": nums.takeSample(False, 0, 1),
    "randomSplit([2, 3], 17)": [r.collect() for r in nums.randomSplit([2, 3], 17)],
    "randomSplit([1, 1, 2], 5)": [r.collect() for r in nums.randomSplit([1, 1, 2], 5)],
    "sample(False, -0.1)": outcome(lambda: nums.sample(False, -0.1, 1)),
    "takeSample(False, -1)": outcome(lambda: nums.takeSample(False, -1, 1)),
    "randomSplit([1, -1])": outcome(lambda: nums.randomSplit([1, -1], 1)),
    "randomSplit([0, 0])": outcome(lambda: nums.randomSplit([0, 0], 1)),
}
named = sc.parallelize([1, 2])
out["api"] = {
    "zipWithUniqueId": sc.parallelize(["a", "b", "c", "d", "e"], 3).zipWithUniqueId().collect(),
    "collectAsMap": plain(sc.parallelize([(1, "a"), (2, "b"), (1, "c")]).collectAsMap()),
    "toLocalIterator": list(sc.parallelize(list(range(7)), 3).toLocalIterator()),
    "name before setName": named.name(),
    "name after setName": named.setName("numbers").name(),
    "setName returns the RDD": named.setName("numbers") is named,
    "id is a method": callable(named.id),
    "countApproxDistinct range(1000) str": sc.parallelize(range(1000)).map(str).countApproxDistinct(),
    "countApproxDistinct i % 20": sc.parallelize([i % 20 for i in range(1000)]).countApproxDistinct(),
    "countApproxDistinct relativeSD 0.00001": outcome(lambda: sc.parallelize([1]).countApproxDistinct(0.00001)),
}
out["sparkContext"] = {
    "applicationId": re.sub(r"\d+", "<ms>", sc.applicationId),
    "uiWebUrl": re.sub(r"//[^/]+$", "//<host>:<port>", sc.uiWebUrl or ""),
    "getConf keys": sorted(k for k, _ in sc.getConf().getAll()),
    "getConf master": sc.getConf().get("spark.master"),
    "getConf missing": sc.getConf().get("spark.nope"),
    "getConf missing default": sc.getConf().get("spark.nope", "dflt"),
    "setLogLevel LOUD": outcome(lambda: sc.setLogLevel("LOUD")),
    "setLogLevel warn": outcome(lambda: sc.setLogLevel("warn")),
}
sc.setLogLevel("OFF")

# --- 7. Files in and out -------------------------------------------------------------------------
root = tempfile.mkdtemp()
def write(rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
write("in/a.txt", "a1\na2\n")
write("in/b.txt", "b1")
write("in/_c.txt", "hidden\n")
write("in/.d.txt", "hidden\n")
sc.parallelize(["w1", "w2", "w3"], 2).saveAsTextFile(os.path.join(root, "out/wordcounts-1000"))
sc.parallelize(["x1"], 1).saveAsTextFile(os.path.join(root, "out/wordcounts-2000"))
rel = lambda p: p.replace(root, "<root>")
files = {}
for name, path in [
    ("directory", "in"),
    ("directory of part files", "out/wordcounts-1000"),
    ("glob of directories", "out/wordcounts-*"),
    ("glob of part files", "out/*/part-*"),
    ("glob with ? and []", "in/[ab].tx?"),
    ("glob with {}", "in/{a,b}.txt"),
    ("comma list", "in/a.txt,in/b.txt"),
    ("comma list with a glob", "in/b.txt,out/wordcounts-2000/part-*"),
    ("file://", "file://<root>/in/a.txt"),
    ("file:/ (one slash)", "file:<root>/in/a.txt"),
    ("glob that matches nothing", "in/zz*"),
    ("missing path", "in/missing.txt"),
    ("directory with sub-directories", "out"),
]:
    p = path.replace("<root>", root) if "<root>" in path else ",".join(os.path.join(root, x) for x in path.split(","))
    r = outcome(lambda: sorted(sc.textFile(p).collect()))
    if "error" in r:
        r["error"] = rel(r["error"])
    files[name] = {"path": path, **r}
for name, path in [("hdfs://", "hdfs://namenode:8020/data/x.txt"), ("s3a://", "s3a://bucket/x.txt")]:
    files[name] = {"path": path, **outcome(lambda: sc.textFile(path).collect())}
out["textFile"] = files
out["wholeTextFiles"] = [[rel(k), v] for k, v in sorted(sc.wholeTextFiles(os.path.join(root, "in")).collect())]
out["saveAsTextFile"] = {
    "existing target": (lambda r: {"error": rel(r["error"])} if "error" in r else r)(
        outcome(lambda: sc.parallelize([1]).saveAsTextFile(os.path.join(root, "out/wordcounts-1000")))
    ),
    "part files": sorted(n for n in os.listdir(os.path.join(root, "out/wordcounts-1000")) if not n.startswith(".")),
}
shutil.rmtree(root)

# --- 8. Streams: slice(0, 0), default partitions, the listener -----------------------------------
ssc = StreamingContext(sc, 1)
events = []


class Recorder(StreamingListener):
    def onStreamingStarted(self, e):
        events.append(["onStreamingStarted", {"time": e.time() > 0}])

    def onBatchSubmitted(self, e):
        b = e.batchInfo()
        events.append(["onBatchSubmitted", {"batchTime": b.batchTime().milliseconds(), "numRecords": b.numRecords(),
                                            "processingStartTime": b.processingStartTime(), "processingEndTime": b.processingEndTime(),
                                            "schedulingDelay": b.schedulingDelay(), "totalDelay": b.totalDelay()}])

    def onBatchStarted(self, e):
        b = e.batchInfo()
        events.append(["onBatchStarted", {"batchTime": b.batchTime().milliseconds(), "processingStartTime>0": b.processingStartTime() > 0,
                                          "processingEndTime": b.processingEndTime()}])

    def onBatchCompleted(self, e):
        b = e.batchInfo()
        ops = b.outputOperationInfos()
        events.append(["onBatchCompleted", {"batchTime": b.batchTime().milliseconds(), "numRecords": b.numRecords(),
                                            "processingDelay>=0": b.processingDelay() >= 0, "totalDelay>=0": b.totalDelay() >= 0,
                                            "outputOperationIds": sorted(ops.keys()),
                                            "failed": sorted(k for k in ops.keys() if ops[k].failureReason() is not None)}])

    def onOutputOperationStarted(self, e):
        o = e.outputOperationInfo()
        events.append(["onOutputOperationStarted", {"batchTime": o.batchTime().milliseconds(), "id": o.id(), "endTime": o.endTime()}])

    def onOutputOperationCompleted(self, e):
        o = e.outputOperationInfo()
        events.append(["onOutputOperationCompleted", {"batchTime": o.batchTime().milliseconds(), "id": o.id(),
                                                      "startTime>0": o.startTime() > 0, "endTime>=startTime": o.endTime() >= o.startTime(),
                                                      "failureReason": (o.failureReason() or "").split("\n")[0] or None}])


ssc.addStreamingListener(Recorder())
stream = ssc.queueStream([sc.parallelize([1, 2, 3], 2)])
stream.count().pprint()
def fail(rdd):
    raise ValueError("boom")
stream.foreachRDD(fail)
slices = {"before start": outcome(lambda: stream.slice(0, 0))}
slices["before start"]["error"] = re.sub(r"@[0-9a-f]+", "@<hash>", slices["before start"]["error"])
pairs = ssc.queueStream([sc.parallelize([(1, 1), (2, 2)], 3)])
streamParts = {}
def parts(name):
    def record(rdd):
        streamParts.setdefault(name, rdd.getNumPartitions())  # returns None: foreachRDD takes a return value for an RDD
    return record
pairs.join(pairs).foreachRDD(parts("join"))
pairs.reduceByKey(add).foreachRDD(parts("reduceByKey"))
pairs.groupByKey().foreachRDD(parts("groupByKey"))
ssc.start()
deadline = time.time() + 60
while time.time() < deadline and sum(1 for e in events if e[0] == "onBatchCompleted") < 2:
    time.sleep(0.2)
slices["after start"] = outcome(lambda: stream.slice(0, 0))
ssc.stop(False, False)
time.sleep(1)
slices["after stop"] = outcome(lambda: stream.slice(0, 0))
first = min(e[1]["batchTime"] for e in events if e[0] == "onBatchSubmitted")
out["stream"] = {
    "slice(0, 0)": slices,
    "default partitions (local[2])": streamParts,
    # The first batch's events in order, batch times relative to it.
    "listener": [[n, {k: (v - first if k == "batchTime" else v) for k, v in f.items()}] for n, f in events
                 if n == "onStreamingStarted" or f.get("batchTime") == first],
}
sc.stop()

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote expected.json")
