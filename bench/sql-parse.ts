/**
 * Time to parse SQL text: `spark.sql` statements and `selectExpr` / `F.expr` strings, after
 * warm-up, median of several rounds, in microseconds per statement. Not a test: it prints a
 * table (figures go in docs/BENCHMARKS.md).
 *
 * Run: npx esbuild bench/sql-parse.ts --bundle --platform=node --format=esm --outfile=/tmp/sql-parse.mjs
 *      node /tmp/sql-parse.mjs           (or, after npm run build: node dist/bench/sql-parse.js)
 */
import { parseExpression, parsePlan } from '../src/sql/parser/index.js';

/** Statements of the kinds the tutorials run, from one line to a report query. */
export const STATEMENTS: ReadonlyArray<readonly [label: string, sql: string]> = [
  ['select star', 'SELECT * FROM people'],
  ['word count', 'select word, count(*) as total from words group by word'],
  ['filter + order + limit', 'SELECT name, age FROM people WHERE age BETWEEN 13 AND 19 ORDER BY age DESC LIMIT 10'],
  [
    'join + group + having',
    'SELECT p.city, count(DISTINCT o.id) AS orders, sum(o.total) AS revenue FROM people p JOIN orders o ON p.id = o.person_id ' +
      "WHERE o.status <> 'cancelled' AND o.created >= DATE '2024-01-01' GROUP BY p.city HAVING sum(o.total) > 1000 ORDER BY revenue DESC",
  ],
  [
    'CTE + window + CASE',
    'WITH ranked AS (SELECT name, dept, salary, RANK() OVER (PARTITION BY dept ORDER BY salary DESC) AS rnk FROM employees) ' +
      "SELECT dept, name, CASE WHEN rnk = 1 THEN 'top' WHEN rnk <= 3 THEN 'podium' ELSE 'rest' END AS tier FROM ranked WHERE rnk <= 5",
  ],
];

const EXPRESSIONS: ReadonlyArray<readonly [label: string, sql: string]> = [
  ['selectExpr', 'age * 2 AS dbl'],
  ['filter string', "age > 21 AND city IN ('Paris', 'Oslo')"],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Microseconds of CPU per call of `fn` (user + system time of this process, so other work on a
 * busy machine does not count), median over rounds of `perRound` calls.
 */
function time(fn: () => unknown, perRound: number, rounds: number): number {
  for (let i = 0; i < perRound; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < perRound; i++) fn();
    const d = process.cpuUsage(t0);
    samples.push((d.user + d.system) / perRound);
  }
  return median(samples);
}

function main(): void {
  const rows: Array<[string, number, string]> = [];
  for (const [label, sql] of STATEMENTS) rows.push([label, sql.length, time(() => parsePlan(sql), 2000, 15).toFixed(1)]);
  for (const [label, sql] of EXPRESSIONS) rows.push([label, sql.length, time(() => parseExpression(sql), 5000, 15).toFixed(1)]);
  const error = 'SELECT name, FROM people WHERE age > = 21';
  rows.push(['syntax error (throws)', error.length, time(() => {
    try {
      parsePlan(error);
    } catch {
      // the error path builds Spark's message with the caret block
    }
  }, 2000, 15).toFixed(1)]);
  console.log(`node ${process.version}, CPU time per parse, median of 15 rounds`);
  console.log('| statement | chars | µs CPU per parse |');
  console.log('|---|---:|---:|');
  for (const [label, chars, us] of rows) console.log(`| ${label} | ${chars} | ${us} |`);
}

main();
