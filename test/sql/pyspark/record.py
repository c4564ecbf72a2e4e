"""Records PySpark 3.5's output for the cases of test/sql/pyspark-cases.test.ts.

Run: TZ=UTC /path/to/python test/sql/pyspark/record.py  (pyspark 3.5, Java 17)
Writes test/sql/data/pyspark-expected.json: {case name: the text the case printed}.
Each case prints what its TypeScript twin prints; errors print as
"ERROR <errorClass>: <first line of the message>" (a trailing ';' dropped).
"""
import contextlib
import datetime as dt
import io
import json
import os
import sys
import traceback
from decimal import Decimal

from pyspark.sql import Row, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import *  # noqa: F401,F403

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def err(e):
    cls = e.getErrorClass() if hasattr(e, "getErrorClass") else None
    first = str(e).strip().split("\n")[0]
    java = getattr(e, "java_exception", None)
    if java is not None:
        # An exception pyspark did not convert: report the JVM's class and message.
        first = java.getMessage().split("\n")[0]
        cls = java.getErrorClass() if hasattr(java, "getErrorClass") else None
    if first.endswith(";"):
        first = first[:-1]
    print(f"ERROR {cls}: {first}")


def attempt(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        err(e)


def people(spark):
    return spark.createDataFrame(
        [("Alice", 34, "Paris"), ("Bob", 45, "London"), ("Cathy", 29, "Paris"), ("Dan", None, None), ("Eve", 22, "Berlin")],
        "name STRING, age INT, city STRING",
    )


@case
def show_formats(spark):
    df = spark.createDataFrame(
        [
            (1, "short", 1.0, 1e10, 12345678.9, True, None, [1, 2, 3], {"a": 1}, (1, "z"), dt.datetime(2024, 1, 2, 3, 4, 5, 123000), dt.date(2024, 1, 2), Decimal("12.30"), "a string that is longer than twenty"),
            (-20, None, float("nan"), 1e-5, -0.0, False, "x", [], {}, None, None, None, None, "日本語テキスト"),
            (300, "", float("inf"), 123456789012.0, 0.1, None, "y", [None], {"b": None}, (None, None), dt.datetime(2024, 1, 2), dt.date(1, 1, 1), None, "tab\there"),
        ],
        "i INT, s STRING, f FLOAT, d DOUBLE, d2 DOUBLE, b BOOLEAN, n STRING, arr ARRAY<INT>, m MAP<STRING,INT>, st STRUCT<x:INT,y:STRING>, ts TIMESTAMP, dt DATE, dec DECIMAL(5,2), long STRING",
    )
    df.show()
    df.show(2, truncate=5)
    df.show(2, truncate=3)
    df.show(1, vertical=True)
    df.show(truncate=False)
    spark.createDataFrame([], "a INT, b STRING").show()
    spark.createDataFrame([], "a INT, b STRING").show(vertical=True)
    spark.range(3).show(1)


@case
def print_schema(spark):
    df = spark.createDataFrame([], "aa ARRAY<ARRAY<INT>>, mm MAP<STRING,ARRAY<INT>>, sa ARRAY<STRUCT<a:INT>>, d DECIMAL(10,2), st STRUCT<x:INT NOT NULL,y:TIMESTAMP>")
    df.printSchema()
    print(df.schema.simpleString())
    print(df.dtypes)
    print(repr(df))
    spark.range(2).printSchema()


@case
def infer_schema(spark):
    df = spark.createDataFrame([(1, "a", True, 1.5, [1, 2], {"k": 1.5}), (2, "b", False, 2.5, [3], {})])
    print(df.dtypes)
    df.show()
    d2 = spark.createDataFrame([{"b": 1, "a": "x"}, {"b": 2, "a": "y", "c": 3.5}])
    print(d2.columns)
    d2.show()
    d3 = spark.createDataFrame([Row(name="Alice", age=11), Row(name="Bob", age=None)])
    d3.printSchema()
    print(d3.collect())
    spark.createDataFrame([("x", 1)], ["name"]).printSchema()
    attempt(lambda: spark.createDataFrame([(None,), (None,)]))
    attempt(lambda: spark.createDataFrame([]))
    attempt(lambda: spark.createDataFrame([("a",)], "x INT"))
    attempt(lambda: spark.createDataFrame([("a", 1)], "x STRING"))
    spark.createDataFrame([1, 2, 3], "int").show()


@case
def rows(spark):
    r = Row(name="Alice", age=11)
    print(r)
    print(r.name, r[1], r["age"])
    print(r.asDict())
    Person = Row("name", "age")
    print(Person("Bob", 3))
    print(spark.createDataFrame([("a", 1.5, None)], "x STRING, y DOUBLE, z ARRAY<INT>").first())
    print(spark.range(0).first())


@case
def select_names(spark):
    df = people(spark)
    df.select(df.age + 1, F.col("age") * 2, F.lit(1), F.lit("x"), F.lit(None), F.upper("city"), F.round(F.lit(2.5), 0), df.age.cast("string")).show()
    print(df.age + 1)
    print(F.col("age") == 1)
    df.select((df.age / 2).alias("half"), df.age % 7, (df.age > 30) & df.city.isNotNull()).show()
    df.select(df.name.isNull(), df.age.isin(34, 45), df.name.like("A%"), df.name.rlike("^[AB]"), df.name.contains("ath"), df.name.startswith("B"), df.age.between(20, 40)).show()
    df.select(F.when(df.age > 40, 1)).show()
    df.select(F.when(df.age > 40, "old").when(df.age > 30, "mid").otherwise("young").alias("band")).show()


@case
def null_logic(spark):
    df = spark.createDataFrame([(True, None), (False, None), (None, None), (True, True)], "a BOOLEAN, b BOOLEAN")
    df.select(df.a & df.b, df.a | df.b, ~df.a, df.a == df.b, df.a.eqNullSafe(df.b)).show()
    spark.range(1).select(F.concat(F.lit("a"), F.lit(None)), F.concat_ws("-", F.lit("a"), F.lit(None), F.lit("b"))).show()


@case
def arithmetic(spark):
    df = spark.createDataFrame([(7, 2, -7, 3, 2147483647, 3000000000)], "a INT, b INT, c INT, d INT, m INT, big BIGINT")
    df.select(df.a / df.b, F.expr("a div b") if False else (df.a / df.b).cast("int"), df.c % df.d, F.pmod(F.lit(-10), F.lit(4)), df.m + 1, df.a / 0, df.a % 0, df.big * 4000000000).show()
    spark.range(1).select(F.lit(9223372036854775807) + 1, F.lit(2.5) * 3, F.lit(1) / 3).show()


@case
def casts(spark):
    df = spark.createDataFrame([("abc", " 12 ", "1.9", "1e3", -1.9, 1e20, 3000000000, "yes", "true", True)], "s1 STRING, s2 STRING, s3 STRING, s4 STRING, d DOUBLE, big DOUBLE, l BIGINT, y STRING, t STRING, b BOOLEAN")
    df.select(df.s1.cast("int"), df.s2.cast("int"), df.s3.cast("int"), df.s4.cast("int"), df.d.cast("int"), df.big.cast("int"), df.l.cast("int"), df.y.cast("boolean"), df.t.cast("boolean"), df.b.cast("int"), df.s4.cast("double"), df.d.cast("string")).show()
    df.select(F.col("s2").cast("long").alias("x"), F.lit("2024-01-02 03:04:05").cast("timestamp"), F.lit("2024-01-02").cast("date"), F.lit(1.5).cast("decimal(5,2)")).show()


@case
def string_functions(spark):
    df = spark.createDataFrame([("a,b,,c", "  hi  ", "日本", "Hello World")], "s STRING, p STRING, j STRING, h STRING")
    df.select(F.split(df.s, ","), F.split(df.s, ",", 2), F.trim(df.p), F.length(df.j), F.substring(df.s, -2, 2), F.substring(df.h, 0, 3), F.lower(df.h), F.upper(df.h)).show()
    df.select(F.regexp_extract(df.h, r"(\w+) (\w+)", 2), F.regexp_extract(df.h, "zz(x)", 1), F.regexp_replace(df.h, "[aeiou]", "*"), F.concat(df.h, F.lit("!")), F.initcap(F.lit("hello world")), F.lpad(df.j, 5, "*"), F.reverse(df.h), F.instr(df.h, "o")).show()


@case
def aggregates(spark):
    df = people(spark)
    df.groupBy("city").count().orderBy("city").show()
    df.groupBy("city").agg(F.count("*"), F.count("age"), F.sum("age"), F.avg("age"), F.min("name"), F.max("age"), F.countDistinct("name")).orderBy("city").show()
    df.agg({"age": "max"}).show()
    df.groupBy().sum("age").show()
    df.groupBy("city").mean("age").orderBy("city").show()
    df.groupBy("city").agg(F.collect_list("name").alias("names"), F.first("age"), F.last("age", True), F.approx_count_distinct("name")).orderBy("city").show(truncate=False)
    df.select(F.stddev("age"), F.variance("age"), F.sum("age") / F.count("age")).show()
    spark.createDataFrame([], "x INT").agg(F.sum("x"), F.count("x"), F.avg("x")).show()


@case
def groupby_order(spark):
    words = spark.createDataFrame([(w,) for w in "apache spark hadoop hello world apache spark apache flink kafka storm beam".split()], ["word"])
    words.groupBy("word").count().show()
    words.distinct().show()
    nums = spark.createDataFrame([(i % 7, i) for i in range(30)], ["k", "v"])
    nums.groupBy("k").agg(F.sum("v")).show()


@case
def sorting(spark):
    df = people(spark)
    df.orderBy("age").show()
    df.orderBy(df.age.desc()).show()
    df.orderBy(F.col("city").asc_nulls_last(), "name").show()
    df.sort("city", "age", ascending=False).show()


@case
def joins(spark):
    l = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "lv"])
    r = spark.createDataFrame([(1, "x"), (3, "y"), (4, "z")], ["id", "rv"])
    for how in ["inner", "left", "right", "full", "semi", "anti"]:
        j = l.join(r, "id", how)
        print(how, j.columns)
        j.orderBy("id").show()
    j2 = l.join(r, l.id == r.id)
    print(j2.columns)
    j2.orderBy(l.id).show()
    attempt(lambda: j2.select("id"))
    attempt(lambda: l.join(r, "id", "bogus"))
    l.crossJoin(r).orderBy(l.id, r.id).show()
    l.alias("a").join(r.alias("b"), F.col("a.id") == F.col("b.id")).select("a.id", "b.rv").show()


@case
def join_order(spark):
    l = spark.createDataFrame([(k, f"l{k}") for k in [5, 3, 9, 1, 7, 3, 12, 8]], ["id", "lv"])
    r = spark.createDataFrame([(k, f"r{k}") for k in [3, 1, 12, 5, 40, 9, 3]], ["id", "rv"])
    for how in ["inner", "left", "full", "semi"]:
        l.join(r, "id", how).show()
    l.join(r, l.id == r.id).show()
    spark.range(10).join(spark.range(3, 8), "id").show()
    w = spark.createDataFrame([(c, v) for c, v in [("b", 3), ("a", 1), ("c", 2), ("a", 5), ("b", 1), (None, 4)]], ["g", "v"])
    w.select("g", "v", F.row_number().over(Window.partitionBy("g").orderBy("v")).alias("rn")).show()


@case
def unions(spark):
    a = spark.createDataFrame([(1, "x")], ["id", "v"])
    b = spark.createDataFrame([("y", 2)], ["v", "id"])
    a.union(a).show()
    a.unionByName(b).show()
    attempt(lambda: a.union(spark.createDataFrame([(1,)], ["id"])))
    attempt(lambda: a.unionByName(spark.createDataFrame([(1,)], ["id"])))
    a.unionByName(spark.createDataFrame([(3,)], ["id"]), allowMissingColumns=True).show()


@case
def explode_functions(spark):
    df = spark.createDataFrame([(1, ["a", "b"], {"k": 1}), (2, [], {}), (3, None, None)], "id INT, arr ARRAY<STRING>, m MAP<STRING,INT>")
    df.select("id", F.explode("arr")).show()
    df.select("id", F.explode_outer("arr")).show()
    df.select("id", F.posexplode("arr")).show()
    df.select("id", F.explode("m")).show()
    df.select(F.size("arr"), F.array_contains("arr", "a"), F.element_at("arr", 1), df.arr.getItem(0), F.sort_array("arr", False)).show()
    lines = spark.createDataFrame([("apache spark",), ("apache hadoop",)], ["value"])
    lines.select(F.explode(F.split(lines.value, " ")).alias("word")).groupBy("word").count().show()


@case
def windows(spark):
    df = spark.createDataFrame([("a", 1, 10), ("a", 2, 20), ("a", 3, 20), ("b", 1, 5), ("b", 2, 15)], ["dept", "id", "salary"])
    w = Window.partitionBy("dept").orderBy(F.desc("salary"))
    df.select("dept", "id", "salary", F.row_number().over(w).alias("rn"), F.rank().over(w).alias("rk"), F.dense_rank().over(w).alias("dr")).show()
    w2 = Window.partitionBy("dept").orderBy("id")
    df.select("dept", "id", F.lag("salary").over(w2), F.lead("salary", 1, 0).over(w2), F.sum("salary").over(w2).alias("running")).show()
    df.select("dept", "id", F.sum("salary").over(Window.partitionBy("dept")).alias("total"), F.avg("salary").over(w2.rowsBetween(-1, 1)).alias("avg3")).show()
    df.withColumn("rn", F.row_number().over(w)).filter("rn = 1").show() if False else df.withColumn("rn", F.row_number().over(w)).filter(F.col("rn") == 1).show()


@case
def dataframe_ops(spark):
    df = people(spark)
    df.withColumn("age2", df.age * 2).withColumnRenamed("city", "town").drop("name").show()
    df.dropDuplicates(["city"]).orderBy("name").show()
    df.na.fill(0).show()
    df.na.fill("none").show()
    df.na.drop().show()
    df.na.fill({"age": -1, "city": "?"}).show()
    df.describe().show()
    df.summary().show()
    print(df.count(), df.first())
    print(df.limit(2).collect())
    df.toDF("n", "a", "c").show(2)
    print(df.toJSON().collect())
    attempt(lambda: df.select("nme"))
    attempt(lambda: df.select(F.col("agee")))
    attempt(lambda: df.withColumn("x", 1))
    attempt(lambda: df.select(F.sum("name"), "name"))
    attempt(lambda: df.groupBy("city").agg(F.col("name")))
    attempt(lambda: df.select(df.age == F.array(F.lit(1))))
    attempt(lambda: df.select(F.call_function("foo", df.age)) if hasattr(F, "call_function") else None)
    attempt(lambda: spark.table("peple"))


@case
def pivot(spark):
    df = people(spark)
    df.groupBy("city").pivot("name").agg(F.max("age")).orderBy("city").show()
    df.groupBy("city").pivot("name", ["Alice", "Bob"]).agg(F.max("age"), F.count("*")).orderBy("city").show()


@case
def dates(spark):
    df = spark.createDataFrame([("2024-03-05 14:30:15", 0)], ["s", "z"])
    ts = F.to_timestamp("s")
    df.select(ts, F.to_date("s"), F.date_format(ts, "EEE MMM d yyyy"), F.unix_timestamp("s"), F.from_unixtime("z"), F.year(ts), F.month(ts), F.dayofmonth(ts), F.hour(ts), F.minute(ts), F.second(ts)).show(truncate=False)
    df.select(F.to_timestamp(F.lit("05/03/2024 14:30"), "dd/MM/yyyy HH:mm"), F.to_date(F.lit("nope")), F.dayofweek(ts), F.date_add(F.to_date("s"), 30), F.datediff(F.lit("2024-03-10"), F.to_date("s"))).show()
    ev = spark.createDataFrame([(dt.datetime(2024, 1, 1, 12, 7), "dog"), (dt.datetime(2024, 1, 1, 12, 8), "owl"), (dt.datetime(2024, 1, 1, 12, 14), "dog")], ["t", "w"])
    ev.groupBy(F.window("t", "10 minutes", "5 minutes"), "w").count().orderBy("window", "w").show(truncate=False)
    ev.select(F.window("t", "10 minutes")).printSchema()


@case
def json_functions(spark):
    df = spark.createDataFrame([('{"a": 1, "b": "x"}',), ("not json",)], ["js"])
    df.select(F.from_json("js", "a INT, b STRING").alias("p")).show()
    df.select(F.get_json_object("js", "$.b")).show()
    spark.createDataFrame([(1, None, "z")], "a INT, b STRING, c STRING").select(F.to_json(F.struct("a", "b", "c"))).show(truncate=False)


@case
def udfs(spark):
    df = people(spark)
    slen = F.udf(lambda s: len(s), IntegerType())
    df.select(slen(df.name).alias("n")).show()
    plus = F.udf(lambda a: None if a is None else a + 100, "int")
    df.select(plus("age")).show()


@case
def views_catalog(spark):
    df = people(spark)
    df.createOrReplaceTempView("people")
    spark.table("people").filter(F.col("age") > 30).show()
    attempt(lambda: df.createTempView("people"))
    print(spark.catalog.listTables())
    print(spark.catalog.dropTempView("people"), spark.catalog.dropTempView("people"))
    df.createGlobalTempView("gp")
    spark.table("global_temp.gp").select("name").show(2)
    print(spark.conf.get("spark.sql.shuffle.partitions"))
    spark.conf.set("spark.sql.shuffle.partitions", 4)
    print(repr(spark.conf.get("spark.sql.shuffle.partitions")))
    attempt(lambda: spark.conf.get("spark.nonexistent.key"))


@case
def getting_started(spark):
    df = spark.createDataFrame([
        (1, 2., 'string1', dt.date(2000, 1, 1), dt.datetime(2000, 1, 1, 12, 0)),
        (2, 3., 'string2', dt.date(2000, 2, 1), dt.datetime(2000, 1, 2, 12, 0)),
        (3, 4., 'string3', dt.date(2000, 3, 1), dt.datetime(2000, 1, 3, 12, 0))
    ], schema='a long, b double, c string, d date, e timestamp')
    print(repr(df))
    df.show()
    df.printSchema()
    df.show(1)
    df.show(1, vertical=True)
    print(df.columns)
    df.select("a", "b", "c").describe().show()
    print(df.collect())
    print(df.take(1))
    print(df.a)
    df.select(df.c).show()
    df.withColumn('upper_c', F.upper(df.c)).show()
    df.filter(df.a == 1).show()
    df2 = spark.createDataFrame([
        ['red', 'banana', 1, 10], ['blue', 'banana', 2, 20], ['red', 'carrot', 3, 30],
        ['blue', 'grape', 4, 40], ['red', 'carrot', 5, 50], ['black', 'carrot', 6, 60],
        ['red', 'banana', 7, 70], ['red', 'grape', 8, 80]], schema=['color', 'fruit', 'v1', 'v2'])
    df2.show()
    df2.groupby('color').avg().show()


@case
def rollup_cube(spark):
    df = people(spark)
    df.rollup("city").agg(F.count("*").alias("n"), F.sum("age")).orderBy(F.col("city").asc_nulls_last(), "n").show()
    df.cube("city", df.age > 30).count().orderBy("city", "(age > 30)", "count").show()
    df.rollup("city", "name").agg(F.grouping("city"), F.grouping("name"), F.grouping_id().alias("gid"), F.max("age")).orderBy("city", "name", "gid").show()
    df.cube("city").agg(F.grouping_id().alias("gid"), F.sum("age").alias("s")).orderBy("gid", "city").show()
    df.rollup("city").count().printSchema()
    print(df.cube("city").agg(F.grouping("city"), F.grouping_id()).dtypes)
    df.createOrReplaceTempView("people")
    spark.sql("SELECT city, count(*) AS n, grouping(city) AS g FROM people GROUP BY ROLLUP(city) ORDER BY city NULLS LAST, n").show()
    spark.sql("SELECT city, age > 30 AS old, sum(age) FROM people GROUP BY CUBE(city, age > 30) ORDER BY 1, 2, 3").show()
    spark.sql("SELECT city, name, count(*) FROM people GROUP BY GROUPING SETS ((city, name), (city), ()) ORDER BY city, name, 3").show()
    spark.sql("SELECT city, grouping_id() AS gid, count(*) FROM people GROUP BY city WITH ROLLUP HAVING count(*) > 1 ORDER BY gid, city").show()
    spark.sql("SELECT city, name, grouping_id(city, name) AS gid FROM people GROUP BY city, name GROUPING SETS ((city), (name)) ORDER BY gid, city, name").show()
    attempt(lambda: df.groupBy("city").agg(F.grouping("city")).show())


@case
def getting_started_rest(spark):
    # The rest of pyspark's "Quickstart: DataFrame" (pandas parts left out): Rows, Column
    # objects, data in and out (CSV, Parquet), SQL over a view with a registered UDF.
    import tempfile
    df = spark.createDataFrame([
        Row(a=1, b=2., c='string1', d=dt.date(2000, 1, 1), e=dt.datetime(2000, 1, 1, 12, 0)),
        Row(a=2, b=3., c='string2', d=dt.date(2000, 2, 1), e=dt.datetime(2000, 1, 2, 12, 0)),
        Row(a=4, b=5., c='string3', d=dt.date(2000, 3, 1), e=dt.datetime(2000, 1, 3, 12, 0))
    ])
    print(repr(df))
    df.show()
    df.printSchema()
    print(df.c.isNull())
    print(F.upper(df.c))
    df2 = spark.createDataFrame([
        ['red', 'banana', 1, 10], ['blue', 'banana', 2, 20], ['red', 'carrot', 3, 30],
        ['blue', 'grape', 4, 40], ['red', 'carrot', 5, 50], ['black', 'carrot', 6, 60],
        ['red', 'banana', 7, 70], ['red', 'grape', 8, 80]], schema=['color', 'fruit', 'v1', 'v2'])
    d = tempfile.mkdtemp()
    df2.write.csv(d + '/foo.csv', header=True)
    spark.read.csv(d + '/foo.csv', header=True).orderBy('v1').show()
    df2.write.parquet(d + '/bar.parquet')
    spark.read.parquet(d + '/bar.parquet').orderBy('v1').show()
    df2.createOrReplaceTempView("tableA")
    spark.sql("SELECT count(*) from tableA").show()
    spark.udf.register("add_one", lambda s: s + 1, "integer")
    spark.sql("SELECT add_one(v1) FROM tableA").show()
    df2.selectExpr('add_one(v1)').show(1)
    df2.select(F.expr('count(*)') > 0).show()
    spark.catalog.dropTempView("tableA")


@case
def more_semantics(spark):
    d = spark.createDataFrame([(Decimal("1.50"), Decimal("2.25"), 3)], "a DECIMAL(5,2), b DECIMAL(5,2), n INT")
    d.select(d.a + d.b, d.a * d.b, d.a / d.b, d.a + d.n, d.a * 2, F.round(d.b, 1), F.sum(d.a).over(Window.partitionBy()) if False else d.a.cast("double")).show()
    d.printSchema()
    u = spark.createDataFrame([(1, "a")], "x INT, y STRING").union(spark.createDataFrame([(2.5, "b")], "x DOUBLE, y STRING"))
    u.printSchema()
    u.show()
    a = spark.createDataFrame([(1,), (2,), (2,), (3,)], ["v"])
    b = spark.createDataFrame([(2,), (4,)], ["v"])
    a.intersect(b).show()
    a.subtract(b).orderBy("v").show()
    a.exceptAll(b).orderBy("v").show()
    w = Window.partitionBy("g").orderBy("v")
    df = spark.createDataFrame([("x", 1), ("x", 2), ("x", 2), ("x", 5), ("y", 3)], ["g", "v"])
    df.select("g", "v", F.ntile(2).over(w).alias("nt"), F.percent_rank().over(w).alias("pr"), F.cume_dist().over(w).alias("cd"), F.sum("v").over(w.rangeBetween(-1, 1)).alias("rs"), F.max("v").over(w.rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("mx")).show()
    df.na.replace(2, 20).show()
    spark.createDataFrame([(1.0, 1e-4, 1e7, 123456.789, 0.00012345)], "a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE, e DOUBLE").show()
    spark.createDataFrame([(1, 2)], ["a", "b"]).select(F.greatest("a", "b"), F.least("a", "b"), F.coalesce(F.lit(None), "a"), F.struct("a", "b").alias("s"), F.array("a", "b").alias("arr"), F.create_map(F.lit("k"), "a").alias("m")).show()
    spark.createDataFrame([(1, 2)], ["a", "b"]).select(F.struct("a", "b").alias("s")).select("s.a", "s.*").show()


@case
def ansi_mode(spark):
    spark.conf.set("spark.sql.ansi.enabled", "true")
    try:
        attempt(lambda: spark.range(1).select(F.lit("abc").cast("int")).collect())
        attempt(lambda: spark.range(1).select(F.lit(5) / F.lit(0)).collect())
        attempt(lambda: spark.range(1).select(F.lit(2147483647) + F.lit(1)).collect())
        spark.range(1).select(F.lit(7) / F.lit(2)).show()
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "false")


def main():
    spark = SparkSession.builder.master("local[2]").appName("record").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    out = {}
    only = sys.argv[1:]
    for name, fn in CASES.items():
        if only and name not in only:
            continue
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            try:
                fn(spark)
            except Exception:  # noqa: BLE001
                print("CASE FAILED:\n" + traceback.format_exc())
        spark.conf.set("spark.sql.shuffle.partitions", "200")
        for v in ["people"]:
            spark.catalog.dropTempView(v)
        spark.catalog.dropGlobalTempView("gp")
        out[name] = buf.getvalue()
        sys.stderr.write(f"recorded {name}\n")
    path = os.path.join(os.path.dirname(__file__), "..", "data", "pyspark-expected.json")
    existing = {}
    if only and os.path.exists(path):
        with open(path) as f:
            existing = json.load(f)
    existing.update(out)
    with open(path, "w") as f:
        json.dump(existing, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
