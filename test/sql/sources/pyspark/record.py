"""Records what real PySpark 3.5 does with the file data sources, as test data for tspark.

Run: /path/to/pyspark-3.5/bin/python test/sql/sources/pyspark/record.py
Writes test/sql/sources/pyspark/expected/{csv,json,text,write,parquet}.json and the parquet
fixtures under test/sql/sources/pyspark/parquet/. Each read case lists its input files inline
(text), the reader options and schema, and what Spark returned: the schema (Spark's JSON) and
the rows in tspark's internal form (long as int, timestamp as µs, date as days, decimal as the
unscaled integer in a string, struct as a list, map as [[k, v]…]), or the error class and message.
The TypeScript tests write the same inputs to a temp dir, read them with tspark and compare.
"""
import base64
import datetime as dt
import decimal
import glob
import json
import math
import os
import shutil
import sys
import tempfile
import time

os.environ["TZ"] = "UTC"
time.tzset()

from pyspark.sql import SparkSession, Row  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "expected")
os.makedirs(OUT, exist_ok=True)

spark = (
    SparkSession.builder.master("local[2]")
    .appName("record-sources")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

decimal.getcontext().prec = 100  # exact unscaled values of decimal(38, s)
EPOCH = dt.datetime(1970, 1, 1)
EPOCH_DATE = dt.date(1970, 1, 1)


def enc(v, t):
    """A collected value in tspark's internal form (JSON-safe)."""
    if v is None:
        return None
    if isinstance(t, T.StructType):
        return [enc(v[i], f.dataType) for i, f in enumerate(t.fields)]
    if isinstance(t, T.ArrayType):
        return [enc(x, t.elementType) for x in v]
    if isinstance(t, T.MapType):
        return {"map": [[enc(k, t.keyType), enc(x, t.valueType)] for k, x in v.items()]}
    if isinstance(t, (T.LongType, T.IntegerType, T.ShortType, T.ByteType)):
        return v if abs(v) <= 2**53 - 1 else {"long": str(v)}
    if isinstance(t, (T.DoubleType, T.FloatType)):
        if math.isnan(v):
            return {"double": "NaN"}
        if math.isinf(v):
            return {"double": "Infinity" if v > 0 else "-Infinity"}
        return v
    if isinstance(t, T.DecimalType):
        return {"decimal": str(int(v.scaleb(t.scale)))}
    if isinstance(t, T.TimestampType) or isinstance(t, T.TimestampNTZType):
        d = v - EPOCH
        return d.days * 86400_000_000 + d.seconds * 1_000_000 + d.microseconds
    if isinstance(t, T.DateType):
        return (v - EPOCH_DATE).days
    if isinstance(t, T.BinaryType):
        return {"binary": base64.b64encode(bytes(v)).decode()}
    return v


def error_of(e):
    """The error's class and message; for a Java error, every exception in its cause chain."""
    cls = None
    try:
        cls = e.getErrorClass()
    except Exception:
        pass
    out = {"errorClass": cls, "message": str(e).split("\n\nJVM stacktrace:")[0]}
    if hasattr(e, "java_exception"):
        chain = []
        j = e.java_exception
        while j is not None:
            try:
                jc = j.getErrorClass()
            except Exception:
                jc = None
            text = j.toString()
            # Drop the "Job aborted due to stage failure … (executor driver): " wrapping.
            if "Job aborted due to stage failure" in text:
                j = j.getCause()
                continue
            chain.append({"errorClass": jc, "message": text})
            j = j.getCause()
        out = dict(chain[0]) if chain else out
        out["causes"] = chain
    return out


def write_inputs(base, files):
    for rel, content in files.items():
        p = os.path.join(base, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        data = base64.b64decode(content[4:]) if content.startswith("b64:") else content.encode("utf-8")
        if rel.endswith(".gz"):
            import gzip

            data = gzip.compress(data, mtime=0)
        with open(p, "wb") as f:
            f.write(data)


def run_read(case):
    base = tempfile.mkdtemp(prefix="rec-")
    try:
        write_inputs(base, case["files"])
        conf = case.get("conf", {})
        old = {k: spark.conf.get(k) for k in conf}
        for k, v in conf.items():
            spark.conf.set(k, v)
        try:
            r = spark.read.format(case["format"])
            for k, v in case.get("options", {}).items():
                r = r.option(k, v)
            if case.get("schema"):
                r = r.schema(case["schema"])
            paths = [os.path.join(base, p) for p in case.get("paths", ["."])]
            df = r.load(paths if len(paths) > 1 else paths[0])
            out = {"schema": json.loads(df.schema.json())}
            rows = df.collect()
            out["rows"] = [enc(list(row), df.schema) for row in rows]
            if case.get("unordered"):
                out["rows"].sort(key=lambda x: json.dumps(x))
        except Exception as e:  # noqa: BLE001
            out = {"error": error_of(e)}
        finally:
            for k, v in old.items():
                spark.conf.set(k, v)
        case = dict(case)
        case["expected"] = out
        return case
    finally:
        shutil.rmtree(base, ignore_errors=True)


def record(name, cases):
    results = [run_read(c) for c in cases]
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    print(name, len(results), "cases")


def csv(name, text, options=None, schema=None, **kw):
    c = {"name": name, "format": "csv", "files": {"data.csv": text}, "options": options or {}, "schema": schema}
    c.update(kw)
    return c


MIXED = "i,l,big,d,ts,dt,b,s,e\n1,3000000000,12345678901234567890,1.5,2020-01-01 10:00:00,2020-01-01,true,x,\n-2,4,1,NaN,2020-01-02T03:04:05.123Z,2021-12-31,FALSE,,\n"
MALFORMED = "1,2\n3\n4,5,6\nx,7\n8,9\n"

CSV_CASES = [
    csv("no header: _c0… all string", "a,b\n1,2\n"),
    csv("header names, values stay strings", "name,age\nAlice,11\nBob,\n", {"header": "true"}),
    csv("inferSchema: int long decimal double timestamp date boolean string", MIXED, {"header": "true", "inferSchema": "true"}),
    csv("inferSchema: number forms", "a,b,c,d,e,f,g\n+1,1e5,1.0,0x10, 7,Infinity,1.5d\n2,2,2,2,8,-Infinity,2\n", {"header": "true", "inferSchema": "true"}),
    csv("inferSchema: date among timestamps widens", "a\n2020-01-01\n2020-01-02 10:00:00\n", {"header": "true", "inferSchema": "true"}),
    csv("inferSchema: int then double then string", "a,b,c\n1,1,1\n2.5,x,true\n", {"header": "true", "inferSchema": "true"}),
    csv("inferSchema: prefersDecimal", "a,b\n1.25,1\n2.5,2\n", {"header": "true", "inferSchema": "true", "prefersDecimal": "true"}),
    csv("inferSchema: all empty column is string", "a,b\n1,\n2,\n", {"header": "true", "inferSchema": "true"}),
    csv("inferSchema: boolean forms", "a,b\ntrue,True\nfalse,yes\n", {"header": "true", "inferSchema": "true"}),
    csv("inferSchema: custom timestampFormat", "a,b\n01/02/2020 10:30,01/02/2020\n", {"header": "true", "inferSchema": "true", "timestampFormat": "dd/MM/yyyy HH:mm", "dateFormat": "dd/MM/yyyy"}),
    csv("sep semicolon", "a;b\n1;2\n", {"sep": ";", "header": "true"}),
    csv("sep tab escape", "a\tb\n1\t2\n", {"sep": "\\t", "header": "true"}),
    csv("delimiter multi-char", "a||b\n1||2\n", {"delimiter": "||"}),
    csv("quotes: separator inside, escaped, doubled, empty", '"a,b",c\n"x\\"y",z\n"p""q",r\n"",s\n,t\n'),
    csv("quote char in unquoted field", 'a"b,c\n'),
    csv("unclosed quote at end", '1,"abc\n'),
    csv("quoted newline splits the record without multiLine", 'a,b\n"x\ny",1\n', {"header": "true"}),
    csv("multiLine keeps the quoted newline", 'a,b\n"x\ny",1\n"p\r\nq",2\n', {"header": "true", "multiLine": "true"}),
    csv("comment lines", "#c\na,b\n#x,y\n1,2\n", {"comment": "#", "header": "true"}),
    csv("nullValue and nanValue", "a,b\nNA,1.5\nx,NA\nNaN,nan\n", {"header": "true", "nullValue": "NA", "nanValue": "nan"}, schema="a STRING, b DOUBLE"),
    csv("emptyValue on read", 'a,b\n"",1\n,2\n', {"header": "true", "emptyValue": "EMPTY"}),
    csv("whitespace kept by default", "a,b\n x , y \n", {"header": "true"}),
    csv("ignoreLeading/TrailingWhiteSpace", "a,b\n x , y \n", {"header": "true", "ignoreLeadingWhiteSpace": "true", "ignoreTrailingWhiteSpace": "true"}),
    csv("CRLF and CR line ends", "a,b\r\n1,2\r\n3,4\r5,6", {"header": "true"}),
    csv("lineSep", "a,b;1,2;3,4", {"header": "true", "lineSep": ";"}),
    csv("BOM is dropped", "\ufeffa,b\n1,2\n", {"header": "true"}),
    csv("quote disabled", '"a",b\n', {"quote": ""}),
    csv("custom quote and escape", "'a,b',c\n'x''y',z\n'p#'q',r\n", {"quote": "'", "escape": "#"}),
    csv("schema: typed values", "1,2,2.5,true,2020-01-01,2020-01-01 10:00:00,x,1.234\n", schema="a INT, b BIGINT, c DOUBLE, d BOOLEAN, e DATE, f TIMESTAMP, g STRING, h DECIMAL(5,2)"),
    csv("schema: unparsable values are null (PERMISSIVE)", "x,1\n300,y\n1,2\n", schema="a TINYINT, b INT"),
    csv("schema: decimal overflow", "123456.7\n1.005\n", schema="a DECIMAL(5,2)"),
    csv("schema: float and double special values", "NaN,Inf\n-Inf,1e400\n", schema="a FLOAT, b DOUBLE"),
    csv("schema: dates lenient without dateFormat", "2020-1-2,2020-01-02T03:04\n2020,2020-01\n", schema="a DATE, b TIMESTAMP"),
    csv("schema: timestamps with zones", "2020-01-01T10:00:00+02:00\n2020-01-01 10:00:00Z\n2020-01-01 10:00:00.123456\n2020-06-01 10:00\n", schema="a TIMESTAMP"),
    csv("schema: timestamps in session time zone", "2020-01-01 10:00:00\n2020-07-01 10:00:00\n", schema="a TIMESTAMP", conf={"spark.sql.session.timeZone": "America/Los_Angeles"}),
    csv("schema: custom formats", "02/01/2020,02/01/2020 10:30:15.12\n", {"dateFormat": "dd/MM/yyyy", "timestampFormat": "dd/MM/yyyy HH:mm:ss.SS"}, schema="a DATE, b TIMESTAMP"),
    csv("PERMISSIVE: too few, too many, bad value", MALFORMED, {"mode": "PERMISSIVE"}, schema="a INT, b INT"),
    csv("PERMISSIVE with _corrupt_record", MALFORMED, {"mode": "PERMISSIVE"}, schema="a INT, b INT, _corrupt_record STRING"),
    csv("PERMISSIVE with custom corrupt column", MALFORMED, {"columnNameOfCorruptRecord": "bad"}, schema="a INT, bad STRING, b INT"),
    csv("DROPMALFORMED", MALFORMED, {"mode": "DROPMALFORMED"}, schema="a INT, b INT"),
    csv("DROPMALFORMED with corrupt column in schema", MALFORMED, {"mode": "DROPMALFORMED"}, schema="a INT, b INT, _corrupt_record STRING"),
    csv("FAILFAST: too many tokens", "1,2\n4,5,6\n", {"mode": "FAILFAST"}, schema="a INT, b INT"),
    csv("FAILFAST: bad value", "1,2\nx,7\n", {"mode": "FAILFAST"}, schema="a INT, b INT"),
    csv("FAILFAST: too few tokens", "1,2\n3\n", {"mode": "FAILFAST"}, schema="a INT, b INT"),
    csv("FAILFAST: string schema accepts everything", "1,2\nx,y\n", {"mode": "FAILFAST"}, schema="a STRING, b STRING"),
    csv("corrupt column must be a string", "1\n", {}, schema="a INT, _corrupt_record INT"),
    csv("header: duplicate and empty names", "a,a,,b,B\n1,2,3,4,5\n", {"header": "true"}),
    csv("header: schema names win with enforceSchema", "x,y\n1,2\n", {"header": "true"}, schema="a INT, b INT"),
    csv("header: enforceSchema false checks names", "x,y\n1,2\n", {"header": "true", "enforceSchema": "false"}, schema="a INT, b INT"),
    csv("header only", "a,b\n", {"header": "true", "inferSchema": "true"}),
    csv("empty file", ""),
    csv("empty file with header", "", {"header": "true"}),
    csv("blank lines are skipped", "a,b\n\n1,2\n\n\n3,4\n", {"header": "true"}),
    csv("schema with fewer columns than the file", "1,2,3\n", schema="a INT, b INT"),
    csv("unknown mode falls back", "1\n", {"mode": "WHATEVER"}, schema="a INT"),
    {"name": "directory: part files, hidden files skipped", "format": "csv", "files": {"d/part-0.csv": "1\n", "d/part-1.csv": "2\n", "d/_SUCCESS": "", "d/.part-0.csv.crc": "x\n", "d/_tmp/x.csv": "9\n"}, "paths": ["d"], "options": {}, "unordered": True},
    {"name": "partition discovery with types", "format": "csv", "files": {"t/k=1/s=a/p.csv": "x\n", "t/k=2/s=b%2Fc/p.csv": "y\n", "t/k=3/s=__HIVE_DEFAULT_PARTITION__/p.csv": "z\n"}, "paths": ["t"], "options": {}, "unordered": True},
    {"name": "partition discovery: date, double, string", "format": "csv", "files": {"t/d=2020-01-01/x=1.5/y=u/p.csv": "1\n", "t/d=2020-01-02/x=2/y=7/p.csv": "2\n"}, "paths": ["t"], "options": {"inferSchema": "true"}, "unordered": True},
    {"name": "partition columns with a user schema", "format": "csv", "files": {"t/k=1/p.csv": "5\n"}, "paths": ["t"], "options": {}, "schema": "v INT"},
    {"name": "partition column in user schema", "format": "csv", "files": {"t/k=1/p.csv": "5\n"}, "paths": ["t"], "options": {}, "schema": "k STRING, v INT"},
    {"name": "globs", "format": "csv", "files": {"g/a1.csv": "1\n", "g/a2.csv": "2\n", "g/b1.csv": "3\n", "g/c.txt": "4\n"}, "paths": ["g/a*.csv", "g/{b1,c}.*"], "options": {}, "unordered": True},
    {"name": "missing path", "format": "csv", "files": {}, "paths": ["nope.csv"], "options": {}},
    {"name": "glob matching nothing", "format": "csv", "files": {"g/a.csv": "1\n"}, "paths": ["g/z*.csv"], "options": {}},
    {"name": "gzip file", "format": "csv", "files": {"z/a.csv.gz": "1,2\n3,4\n"}, "paths": ["z"], "options": {}},
    {"name": "recursiveFileLookup", "format": "csv", "files": {"r/a/b/x.csv": "1\n", "r/y.csv": "2\n"}, "paths": ["r"], "options": {"recursiveFileLookup": "true"}, "unordered": True},
    {"name": "a comma in one path string is part of the name", "format": "csv", "files": {"a.csv": "1\n", "b.csv": "2\n"}, "paths": ["a.csv,b.csv"], "options": {}},
    {"name": "several paths", "format": "csv", "files": {"a.csv": "1\n", "b.csv": "2\n"}, "paths": ["a.csv", "b.csv"], "options": {}, "unordered": True},
    {"name": "pathGlobFilter", "format": "csv", "files": {"f/x.csv": "1\n", "f/y.txt": "2\n"}, "paths": ["f"], "options": {"pathGlobFilter": "*.csv"}},
]

JSON_CASES = [
    {"name": "json lines: types and sorted fields", "text": '{"name":"a","age":1,"h":1.5,"ok":true,"n":null}\n{"name":"b","age":2,"h":2,"ok":false}\n'},
    {"name": "merge: long+double, number+string, bool+number", "text": '{"a":1,"b":1,"c":true}\n{"a":1.5,"b":"x","c":2}\n'},
    {"name": "nested structs and arrays", "text": '{"p":{"z":1,"a":"x"},"arr":[1,2],"objs":[{"k":1},{"j":"y"}]}\n{"p":{"m":true},"arr":[],"objs":null}\n'},
    {"name": "empty array and all-null field", "text": '{"a":[],"b":null,"c":{}}\n'},
    {"name": "conflicts: struct vs string, array vs number", "text": '{"a":{"x":1},"b":[1]}\n{"a":"s","b":2}\n'},
    {"name": "array element merge", "text": '{"a":[1,2.5,null]}\n{"a":[[1]]}\n'},
    {"name": "big integers become decimal", "text": '{"a":12345678901234567890,"b":1}\n{"a":1,"b":9007199254740993}\n'},
    {"name": "corrupt lines: _corrupt_record sorted first", "text": '{"a":1}\n{bad json\n\n{"a":2}\n[1,2]\n"str"\n'},
    {"name": "top-level array of objects is several rows", "text": '[{"a":1},{"a":2}]\n{"a":3}\n'},
    {"name": "schema: values converted", "text": '{"i":1,"l":3000000000,"d":1,"s":"x","b":true,"dt":"2020-01-02","ts":"2020-01-02T03:04:05.678Z","dec":1.25,"arr":[1,null],"m":{"k":1},"st":{"x":1}}\n', "schema": "i INT, l BIGINT, d DOUBLE, s STRING, b BOOLEAN, dt DATE, ts TIMESTAMP, dec DECIMAL(5,2), arr ARRAY<INT>, m MAP<STRING,INT>, st STRUCT<x: INT, y: STRING>"},
    {"name": "schema: mismatches PERMISSIVE", "text": '{"a":"x","b":1}\n{"a":1.5,"b":2}\n{"a":3000000000,"b":3}\n{"a":4,"b":"5"}\n{"a":6}\n', "schema": "a INT, b INT"},
    {"name": "schema: mismatches PERMISSIVE with corrupt column", "text": '{"a":"x","b":1}\n{"a":1.5,"b":2}\n{"a":4,"b":5}\nnot json\n', "schema": "a INT, b INT, _corrupt_record STRING"},
    {"name": "schema: DROPMALFORMED", "text": '{"a":"x","b":1}\n{"a":4,"b":5}\nnot json\n', "schema": "a INT, b INT", "options": {"mode": "DROPMALFORMED"}},
    {"name": "schema: FAILFAST", "text": '{"a":4,"b":5}\n{"a":"x","b":1}\n', "schema": "a INT, b INT", "options": {"mode": "FAILFAST"}},
    {"name": "schema: FAILFAST on bad json", "text": '{"a":4,"b":5}\nnot json\n', "schema": "a INT, b INT", "options": {"mode": "FAILFAST"}},
    {"name": "inference FAILFAST", "text": '{"a":4}\nnot json\n', "options": {"mode": "FAILFAST"}},
    {"name": "inference DROPMALFORMED", "text": '{"a":4}\nnot json\n', "options": {"mode": "DROPMALFORMED"}},
    {"name": "string to string field, number to string field", "text": '{"s":1,"t":{"x":1},"u":[1,"a"]}\n', "schema": "s STRING, t STRING, u STRING"},
    {"name": "multiLine: array of objects", "text": '[\n {"a": 1},\n {"a": 2, "b": "x"}\n]\n', "options": {"multiLine": "true"}},
    {"name": "multiLine: one object", "text": '{\n "a": 1,\n "b": [1,\n 2]\n}\n', "options": {"multiLine": "true"}},
    {"name": "multiLine: corrupt file", "text": '{"a": 1,\n', "options": {"multiLine": "true"}},
    {"name": "primitivesAsString", "text": '{"a":1,"b":1.5,"c":true,"d":"x","e":[1]}\n', "options": {"primitivesAsString": "true"}},
    {"name": "prefersDecimal", "text": '{"a":1.25,"b":0.5,"c":1}\n', "options": {"prefersDecimal": "true"}},
    {"name": "allowComments", "text": '{"a":1} // c\n/* x */ {"a":2}\n', "options": {"allowComments": "true"}},
    {"name": "comments not allowed by default", "text": '{"a":1} // c\n'},
    {"name": "single quotes allowed by default", "text": "{'a':'x'}\n"},
    {"name": "allowUnquotedFieldNames", "text": '{a:1}\n', "options": {"allowUnquotedFieldNames": "true"}},
    {"name": "unquoted field names refused by default", "text": '{a:1}\n{"a":2}\n'},
    {"name": "NaN and Infinity allowed by default", "text": '{"a":NaN}\n{"a":Infinity}\n{"a":-Infinity}\n'},
    {"name": "leading zeros", "text": '{"a":01}\n{"a":2}\n'},
    {"name": "allowNumericLeadingZeros", "text": '{"a":01}\n', "options": {"allowNumericLeadingZeros": "true"}},
    {"name": "dropFieldIfAllNull", "text": '{"a":1,"b":null}\n', "options": {"dropFieldIfAllNull": "true"}},
    {"name": "duplicate keys", "text": '{"a":1,"a":2}\n'},
    {"name": "keys differing in case", "text": '{"a":1,"A":2}\n'},
    {"name": "timestamps inferred only with inferTimestamp", "text": '{"t":"2020-01-01T10:00:00.000Z"}\n'},
    {"name": "inferTimestamp", "text": '{"t":"2020-01-01T10:00:00.000Z"}\n', "options": {"inferTimestamp": "true"}},
    {"name": "timestampFormat on read", "text": '{"t":"01/02/2020 10:30"}\n', "schema": "t TIMESTAMP", "options": {"timestampFormat": "dd/MM/yyyy HH:mm"}},
    {"name": "escapes and unicode", "text": '{"a":"x\\ny\\u00e9\\t\\"q\\""}\n{"a":"caf\u00e9 \U0001F600"}\n'},
    {"name": "whitespace only lines and CRLF", "text": '{"a":1}\r\n   \r\n{"a":2}\r\n'},
    {"name": "lineSep", "text": '{"a":1}|{"a":2}', "options": {"lineSep": "|"}},
    {"name": "empty json file", "text": ""},
    {"name": "scalar into struct field", "text": '{"s":1}\n{"s":{"x":2}}\n', "schema": "s STRUCT<x: INT>"},
    {"name": "custom corrupt column name in inference", "text": '{"a":1}\nbad\n', "options": {"columnNameOfCorruptRecord": "oops"}},
]

TEXT_CASES = [
    {"name": "lines", "files": {"a.txt": "hello world\n\nlast"}},
    {"name": "CRLF and CR", "files": {"a.txt": "a\r\nb\rc\n"}},
    {"name": "wholetext", "files": {"a.txt": "a\nb\n", "b.txt": "c"}, "options": {"wholetext": "true"}, "unordered": True},
    {"name": "lineSep", "files": {"a.txt": "a,b,,c"}, "options": {"lineSep": ","}},
    {"name": "partitioned text", "files": {"k=1/a.txt": "x\n", "k=2/a.txt": "y\n"}, "unordered": True},
    {"name": "invalid utf-8 bytes", "files": {"a.txt": "b64:" + base64.b64encode(b"ok\xff\xfe!\n").decode()}},
    {"name": "empty file", "files": {"a.txt": ""}},
]


def json_case(c):
    out = {"name": c["name"], "format": "json", "files": {"data.json": c["text"]}, "options": c.get("options", {}), "schema": c.get("schema")}
    return out


def text_case(c):
    return {"name": c["name"], "format": "text", "files": c["files"], "options": c.get("options", {}), "schema": None, "unordered": c.get("unordered", False)}


# ---------------------------------------------------------------- writes

WRITE_SCHEMA = "s STRING, i INT, l BIGINT, d DOUBLE, f FLOAT, dec DECIMAL(10,3), b BOOLEAN, dt DATE, ts TIMESTAMP"
WRITE_ROWS = [
    ["plain", 1, 3000000000, 1.5, 0.25, "12.345", True, "2020-01-02", "2020-01-02 03:04:05.678901"],
    ["with,comma", -2, -1, 1e10, 1e-5, "-0.001", False, "1969-12-31", "1969-12-31 23:59:59"],
    ['with "quote"', 0, 9007199254740993, float("nan"), float("inf"), "0", None, None, None],
    ["  spaced  ", None, None, None, None, None, None, None, "2020-06-01 00:00:00"],
    ["", 3, 4, -0.0, 1.0, "1", True, "2020-01-01", "2020-01-01 00:00:00.1"],
    [None, 5, 6, 123456789.125, 3.4e38, "99.9", False, "2000-02-29", "2000-02-29 12:00:00"],
    ["multi\nline", 7, 8, 0.1, 0.1, "5", True, "2024-12-31", "2024-12-31 23:59:59.999999"],
]


def py_value(v, t):
    if v is None:
        return None
    if isinstance(t, T.DecimalType):
        return decimal.Decimal(v)
    if isinstance(t, T.DateType):
        return dt.date.fromisoformat(v)
    if isinstance(t, T.TimestampType):
        return dt.datetime.fromisoformat(v)
    return v


def make_df(schema_ddl, rows):
    schema = T._parse_datatype_string(schema_ddl)
    data = [[py_value(v, f.dataType) for v, f in zip(r, schema.fields)] for r in rows]
    return spark.createDataFrame(data, schema).coalesce(1)


def written_files(path):
    out = {}
    for root, _dirs, files in os.walk(path):
        for f in sorted(files):
            full = os.path.join(root, f)
            rel = os.path.relpath(full, path)
            if f.endswith(".crc"):
                continue
            with open(full, "rb") as fh:
                data = fh.read()
            if f.endswith(".gz"):
                import gzip

                data = gzip.decompress(data)
            out[rel] = data.decode("utf-8", "replace")
    return out


def normalize_names(files):
    """Replaces the job's UUID in part file names by <uuid>."""
    import re

    return {re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", k): v for k, v in files.items()}


WRITE_CASES = [
    {"name": "csv default", "format": "csv"},
    {"name": "csv header", "format": "csv", "options": {"header": "true"}},
    {"name": "csv options", "format": "csv", "options": {"sep": ";", "quoteAll": "true", "nullValue": "NULL", "emptyValue": "EMPTY", "dateFormat": "dd/MM/yyyy", "timestampFormat": "yyyy-MM-dd HH:mm:ss"}},
    {"name": "csv escapeQuotes false, whitespace kept", "format": "csv", "options": {"escapeQuotes": "false", "ignoreLeadingWhiteSpace": "false", "ignoreTrailingWhiteSpace": "false"}},
    {"name": "csv timestamps in session time zone", "format": "csv", "conf": {"spark.sql.session.timeZone": "America/Los_Angeles"}},
    {"name": "csv gzip", "format": "csv", "options": {"compression": "gzip"}},
    {"name": "json default", "format": "json"},
    {"name": "json ignoreNullFields false", "format": "json", "options": {"ignoreNullFields": "false"}},
    {"name": "json formats", "format": "json", "options": {"timestampFormat": "yyyy/MM/dd HH:mm", "dateFormat": "MM-dd"}},
    {"name": "json nested", "format": "json", "schema": "a ARRAY<INT>, m MAP<STRING,DOUBLE>, st STRUCT<x: INT, y: ARRAY<STRING>>", "rows": [[[1, None, 3], {"k": 1.5}, [1, ["p", None]]], [None, None, None], [[], {}, [None, []]]]},
    {"name": "text", "format": "text", "schema": "v STRING", "rows": [["a"], [""], [None], ["x y"]]},
    {"name": "text lineSep", "format": "text", "schema": "v STRING", "rows": [["a"], ["b"]], "options": {"lineSep": ","}},
    {"name": "partitionBy layout", "format": "csv", "schema": "k STRING, n INT, v STRING", "rows": [["a", 1, "x"], ["a/b", 2, "y"], [None, 1, "z"], ["", 3, "w"], ["a=b%", 1, "v"]], "partitionBy": ["k", "n"]},
    {"name": "partitionBy date and timestamp", "format": "json", "schema": "d DATE, t TIMESTAMP, v INT", "rows": [["2020-01-02", "2020-01-02 03:04:05", 1], ["2020-01-02", "2020-01-02 03:04:05.5", 2]], "partitionBy": ["d", "t"]},
    {"name": "empty csv with header", "format": "csv", "schema": "a INT, b STRING", "rows": [], "options": {"header": "true"}},
]


def row_value(v):
    """A write case's input value as JSON: non-finite doubles and longs past 2^53 tagged."""
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return {"double": str(v)}
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53 - 1:
        return {"long": str(v)}
    return v


def run_write(case):
    base = tempfile.mkdtemp(prefix="recw-")
    conf = case.get("conf", {})
    old = {k: spark.conf.get(k) for k in conf}
    for k, v in conf.items():
        spark.conf.set(k, v)
    try:
        schema = case.get("schema", WRITE_SCHEMA)
        rows = case.get("rows", WRITE_ROWS)
        df = make_df(schema, rows)
        path = os.path.join(base, "out")
        w = df.write.format(case["format"])
        for k, v in case.get("options", {}).items():
            w = w.option(k, v)
        if case.get("partitionBy"):
            w = w.partitionBy(*case["partitionBy"])
        w.save(path)
        files = normalize_names(written_files(path))
        out = dict(case)
        out["schema"] = schema
        out["rows"] = [[row_value(v) for v in r] for r in rows]
        out["expected"] = {"files": files}
        return out
    finally:
        for k, v in old.items():
            spark.conf.set(k, v)
        shutil.rmtree(base, ignore_errors=True)


def record_modes():
    """Save modes: messages and effects."""
    base = tempfile.mkdtemp(prefix="recm-")
    out = []
    df = spark.createDataFrame([(1,)], "a INT").coalesce(1)
    p = os.path.join(base, "t")
    df.write.csv(p)
    for mode in ["error", "errorifexists", "ignore", "append", "overwrite"]:
        try:
            df.write.mode(mode).csv(p)
            files = sorted(f for f in os.listdir(p) if not f.endswith(".crc"))
            out.append({"mode": mode, "parts": len([f for f in files if f.startswith("part-")]), "files": [f if not f.startswith("part-") else "part" for f in files]})
        except Exception as e:  # noqa: BLE001
            m = error_of(e)
            m["message"] = m["message"].replace(base, "<base>")
            out.append({"mode": mode, "error": m})
    try:
        df.write.mode("bogus").csv(p)
    except Exception as e:  # noqa: BLE001
        m = error_of(e)
        out.append({"mode": "bogus", "error": m})
    # Writing an unsupported type to CSV, two columns to text.
    for fmt, ddf in [("csv", spark.createDataFrame([([1],)], "a ARRAY<INT>")), ("text", spark.createDataFrame([(1, "x")], "a INT, b STRING")), ("text", spark.createDataFrame([(1,)], "a INT"))]:
        try:
            ddf.write.format(fmt).save(os.path.join(base, "u" + fmt))
            out.append({"format": fmt, "ok": True})
        except Exception as e:  # noqa: BLE001
            m = error_of(e)
            m["message"] = m["message"].replace(base, "<base>")
            out.append({"format": fmt, "schema": ddf.schema.simpleString(), "error": m})
    shutil.rmtree(base, ignore_errors=True)
    return out


# ---------------------------------------------------------------- parquet

PQ_DIR = os.path.join(HERE, "parquet")
PQ_SCHEMA = (
    "by TINYINT, sh SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, d1 DECIMAL(5,2), d2 DECIMAL(18,4), d3 DECIMAL(30,6), "
    "s STRING, bin BINARY, b BOOLEAN, dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, arr ARRAY<INT>, "
    "sarr ARRAY<STRUCT<x: INT, y: STRING>>, m MAP<STRING,BIGINT>, st STRUCT<a: INT, b: ARRAY<STRING>>"
)


def pq_rows():
    return [
        [1, 2, 3, 9007199254740993, 1.5, 2.25, decimal.Decimal("1.25"), decimal.Decimal("12345678901234.5678"), decimal.Decimal("-123456789012345678901234.123456"),
         "héllo", bytearray(b"\x00\x01\xff"), True, dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5, 678901), dt.datetime(2021, 5, 6, 7, 8, 9, 123456),
         [1, None, 3], [Row(x=1, y="a"), None, Row(x=None, y=None)], {"k": 7, "z": None}, Row(a=5, b=["p", None])],
        [None] * 19,
        [-128, -32768, -2147483648, -9223372036854775808, float("nan"), float("-inf"), decimal.Decimal("-999.99"), decimal.Decimal("0.0001"), decimal.Decimal("0"),
         "", bytearray(b""), False, dt.date(1969, 12, 31), dt.datetime(1969, 12, 31, 23, 59, 59, 999999), dt.datetime(1900, 1, 1), [], [], {}, Row(a=None, b=[])],
    ]


def record_parquet():
    os.makedirs(PQ_DIR, exist_ok=True)
    schema = T._parse_datatype_string(PQ_SCHEMA)
    df = spark.createDataFrame(pq_rows(), schema).coalesce(1)
    results = {"schema": PQ_SCHEMA}
    for name, conf in [("spark-int96", {}), ("spark-micros", {"spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS"}), ("spark-gzip", {"spark.sql.parquet.compression.codec": "gzip"})]:
        tmp = tempfile.mkdtemp(prefix="pq-")
        old = {k: spark.conf.get(k) for k in conf}
        for k, v in conf.items():
            spark.conf.set(k, v)
        df.write.mode("overwrite").parquet(os.path.join(tmp, "o"))
        for k, v in old.items():
            spark.conf.set(k, v)
        part = [f for f in glob.glob(os.path.join(tmp, "o", "part-*.parquet"))][0]
        shutil.copy(part, os.path.join(PQ_DIR, name + ".parquet"))
        shutil.rmtree(tmp)
    back = spark.read.parquet(os.path.join(PQ_DIR, "spark-int96.parquet"))
    results["sparkSchema"] = json.loads(back.schema.json())
    results["rows"] = [enc(list(r), back.schema) for r in back.collect()]
    # Files tspark wrote (test/sql/sources/pyspark/parquet/tspark-*.parquet): what Spark reads back.
    results["tspark"] = {}
    for f in sorted(glob.glob(os.path.join(PQ_DIR, "tspark-*.parquet"))):
        try:
            d = spark.read.parquet(f)
            results["tspark"][os.path.basename(f)] = {"schema": json.loads(d.schema.json()), "rows": [enc(list(r), d.schema) for r in d.collect()]}
        except Exception as e:  # noqa: BLE001
            results["tspark"][os.path.basename(f)] = {"error": error_of(e)}
    with open(os.path.join(OUT, "parquet.json"), "w") as fh:
        json.dump(results, fh, indent=1, sort_keys=True)
    print("parquet recorded; tspark files read back:", list(results["tspark"].keys()))


# ---------------------------------------------------------------- end to end (spark.read / df.write)

PEOPLE = "name,age,city,joined\nAlice,34,Paris,2020-01-15\nBob,,London,2021-06-01\nCarol,29,Paris,2019-11-30\nDan,41,Berlin,\n"
EVENTS = '{"user":"a","n":1,"tags":["x","y"]}\n{"user":"b","n":2.5}\n{broken\n{"user":"a","n":3,"tags":[]}\n'


def show(df, n=20, truncate=20):
    return df._jdf.showString(n, truncate, False)


def record_e2e():
    base = tempfile.mkdtemp(prefix="rece-")
    out = {"people": PEOPLE, "events": EVENTS, "steps": {}}
    steps = out["steps"]
    try:
        with open(os.path.join(base, "people.csv"), "w") as f:
            f.write(PEOPLE)
        with open(os.path.join(base, "events.json"), "w") as f:
            f.write(EVENTS)
        people = spark.read.csv(os.path.join(base, "people.csv"), header=True, inferSchema=True)
        steps["csv schema"] = people._jdf.schema().treeString()
        steps["csv show"] = show(people)
        steps["csv groupBy"] = show(people.groupBy("city").count().orderBy("city"))
        events = spark.read.json(os.path.join(base, "events.json"))
        steps["json schema"] = events._jdf.schema().treeString()
        steps["json show"] = show(events, 20, 0)
        people.write.partitionBy("city").mode("overwrite").parquet(os.path.join(base, "pq"))
        back = spark.read.parquet(os.path.join(base, "pq"))
        steps["parquet partitioned schema"] = back._jdf.schema().treeString()
        steps["parquet partitioned show"] = show(back.orderBy("name"))
        steps["parquet dirs"] = sorted(d for d in os.listdir(os.path.join(base, "pq")) if not d.startswith("."))
        people.write.csv(os.path.join(base, "csvout"), header=True)
        steps["csv round trip"] = show(spark.read.csv(os.path.join(base, "csvout"), header=True, inferSchema=True).orderBy("name"))
        people.select("name", "age").write.json(os.path.join(base, "jsonout"))
        steps["json round trip"] = show(spark.read.json(os.path.join(base, "jsonout")).orderBy("name"))
        try:
            people.write.csv(os.path.join(base, "csvout"))
        except Exception as e:  # noqa: BLE001
            m = error_of(e)
            m["message"] = m["message"].replace(base, "<base>")
            steps["write existing"] = m
        try:
            spark.read.csv(os.path.join(base, "nope.csv"))
        except Exception as e:  # noqa: BLE001
            m = error_of(e)
            m["message"] = m["message"].replace(base, "<base>")
            steps["read missing"] = m
        try:
            spark.read.schema("name STRING, age INT, city STRING, joined DATE").csv(os.path.join(base, "people.csv"), mode="FAILFAST").collect()
        except Exception as e:  # noqa: BLE001
            steps["failfast"] = error_of(e)
        steps["permissive corrupt"] = show(spark.read.schema("a INT, b INT, _corrupt_record STRING").csv(os.path.join(base, "people.csv")), 20, 0)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    with open(os.path.join(OUT, "e2e.json"), "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
    print("e2e recorded")


if __name__ == "__main__":
    which = sys.argv[1:] or ["csv", "json", "text", "write", "parquet", "e2e"]
    if "csv" in which:
        record("csv", CSV_CASES)
    if "json" in which:
        record("json", [json_case(c) for c in JSON_CASES])
    if "text" in which:
        record("text", [text_case(c) for c in TEXT_CASES])
    if "write" in which:
        res = [run_write(c) for c in WRITE_CASES]
        with open(os.path.join(OUT, "write.json"), "w") as f:
            json.dump({"cases": res, "modes": record_modes()}, f, indent=1, sort_keys=True)
        print("write", len(res), "cases")
    if "parquet" in which:
        record_parquet()
    if "e2e" in which:
        record_e2e()
    spark.stop()
