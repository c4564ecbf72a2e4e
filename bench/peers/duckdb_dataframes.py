"""B9 peer: the same queries in DuckDB (the PyPI wheel, in-process, 2 threads as local[2]):
the single-machine limit beside tspark and PySpark. Each query runs once to warm up, then
--rounds timed runs (medians reported); results are returned for the harness to check.
"""
import json
import resource
import statistics
import sys
import time

import duckdb


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    rows = int(arg('--rows', 10_000_000))
    dims = int(arg('--dims', 100_000))
    rounds = int(arg('--rounds', 3))
    csv_path = arg('--csv', '')
    con = duckdb.connect()
    con.execute('SET threads = 2')

    def group_by():
        res = con.sql(f'SELECT range % 1000 AS k, count(*) AS count FROM range({rows}) GROUP BY k').fetchall()
        return sum(r[1] for r in res)

    def join():
        return con.sql(
            f'SELECT count(*) FROM (SELECT range AS id, range % {dims} AS k FROM range({rows})) f '
            f'JOIN (SELECT range AS k, range * 2 AS v FROM range({dims})) d USING (k)').fetchone()[0]

    def csv():
        cols = "{'id': 'BIGINT', 'key': 'VARCHAR', 'value': 'DOUBLE', 'ts': 'TIMESTAMP', 'flag': 'BOOLEAN'}"
        res = con.sql(
            f"SELECT key, count(*) AS n, sum(value) AS s FROM read_csv('{csv_path}', header = true, columns = {cols}) GROUP BY key").fetchall()
        return sum(r[1] for r in res)

    queries = [('groupBy', group_by, rounds), ('join', join, rounds)]
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
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print('BENCH_REPORT ' + json.dumps({'name': 'duckdb', 'maxRssMB': max_rss_mb, 'extra': out}), flush=True)


if __name__ == '__main__':
    main()
