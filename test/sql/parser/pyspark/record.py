"""Records what PySpark 3.5's SQL parser makes of every case in cases.sql.

Run with a Python that has pyspark 3.5 (and Java 17):

    python test/sql/parser/pyspark/record.py

For each case it writes, to expected.json, either the parsed (unresolved) plan / expression /
name as Spark prints it, or the error: its Python class, error class, message parameters and
the exact text of str(e). Expression ids (`#12`) are removed so reruns give the same file.
Cases are blocks in cases.sql headed `-- <kind>: <id>`, kind one of plan (statement; the tree
is compared), statement (statement; only success and error text are compared), expr,
ident. The session time zone is UTC.
"""
import json
import os
import re
import sys

from pyspark.sql import SparkSession

HERE = os.path.dirname(os.path.abspath(__file__))


def read_cases(path):
    cases = []
    current = None
    for line in open(path, encoding="utf-8").read().split("\n"):
        m = re.match(r"^-- (plan|statement|expr|ident): (\S+)$", line)
        if m:
            current = {"kind": m.group(1), "id": m.group(2), "lines": []}
            cases.append(current)
        elif current is not None:
            current["lines"].append(line)
    out = []
    for c in cases:
        lines = c["lines"]
        while lines and lines[-1] == "":
            lines.pop()
        out.append({"kind": c["kind"], "id": c["id"], "sql": "\n".join(lines)})
    return out


def main():
    spark = (
        SparkSession.builder.master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    parser = spark._jsparkSession.sessionState().sqlParser()
    result = {}
    ids = set()
    for case in read_cases(os.path.join(HERE, "cases.sql")):
        if case["id"] in ids:
            sys.exit("duplicate case id " + case["id"])
        ids.add(case["id"])
        entry = {"kind": case["kind"], "sql": case["sql"]}
        try:
            if case["kind"] in ("plan", "statement"):
                out = parser.parsePlan(case["sql"]).toString()
            elif case["kind"] == "expr":
                out = parser.parseExpression(case["sql"]).toString()
            else:
                parts = parser.parseMultipartIdentifier(case["sql"])
                out = json.dumps([parts.apply(i) for i in range(parts.size())])
            entry["ok"] = True
            entry["tree"] = re.sub(r"#\d+", "", out)
        except Exception as e:  # pyspark's captured ParseException / AnalysisException / Java errors
            entry["ok"] = False
            entry["exception"] = type(e).__name__
            get_class = getattr(e, "getErrorClass", None)
            entry["errorClass"] = get_class() if get_class else None
            get_params = getattr(e, "getMessageParameters", None)
            entry["messageParameters"] = dict(get_params()) if get_params and get_params() is not None else None
            entry["message"] = str(e)
        result[case["id"]] = entry
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False, sort_keys=False)
        f.write("\n")
    print(f"recorded {len(result)} cases with pyspark {spark.version}")
    spark.stop()


if __name__ == "__main__":
    main()
