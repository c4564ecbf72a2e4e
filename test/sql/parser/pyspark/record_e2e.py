"""Records what PySpark 3.5 answers to the statements of e2e.sql, run in order through spark.sql.

Run with a Python that has pyspark 3.5 (and Java 17):

    python test/sql/parser/pyspark/record_e2e.py

For each statement, e2e-expected.json holds either the result (column names, dtypes, the rows as
JSON values, and show()'s text) or the error (class, error class, str(e)). Rows keep the order
Spark returns; statements whose order matters have ORDER BY. Values: numbers and strings as
JSON, Decimal as its text, dates and timestamps as ISO text, structs as objects, arrays as lists.
"""
import datetime
import decimal
import json
import os
import re

from pyspark.sql import Row, SparkSession

HERE = os.path.dirname(os.path.abspath(__file__))


def read_statements(path):
    out = []
    current = None
    for line in open(path, encoding="utf-8").read().split("\n"):
        m = re.match(r"^-- (run|selectExpr|filter): (\S+)$", line)
        if m:
            current = {"kind": m.group(1), "id": m.group(2), "lines": []}
            out.append(current)
        elif current is not None:
            current["lines"].append(line)
    return [(s["kind"], s["id"], "\n".join(s["lines"]).strip("\n")) for s in out]


def value(v):
    if isinstance(v, Row):
        return {k: value(x) for k, x in v.asDict().items()}
    if isinstance(v, (list, tuple)):
        return [value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): value(x) for k, x in v.items()}
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return str(v)
    return v


def main():
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    result = {}
    for kind, sid, sql in read_statements(os.path.join(HERE, "e2e.sql")):
        entry = {"kind": kind, "sql": sql}
        try:
            if kind == "run":
                df = spark.sql(sql)
            elif kind == "selectExpr":
                df = spark.table("people").selectExpr(*sql.split("\n"))
            else:
                df = spark.table("people").filter(sql)
            entry["ok"] = True
            entry["columns"] = df.columns
            entry["dtypes"] = [t for _, t in df.dtypes]
            entry["rows"] = [[value(x) for x in r] for r in df.collect()]
            entry["show"] = df._jdf.showString(20, 20, False)
        except Exception as e:
            entry["ok"] = False
            entry["exception"] = type(e).__name__
            get_class = getattr(e, "getErrorClass", None)
            entry["errorClass"] = get_class() if get_class else None
            entry["message"] = re.sub(r"#\d+L?", "#", str(e))
        result[sid] = entry
    with open(os.path.join(HERE, "e2e-expected.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"recorded {len(result)} statements with pyspark {spark.version}")
    spark.stop()


if __name__ == "__main__":
    main()
