-- Cases for record.py: `-- <kind>: <id>` then the SQL text (up to the next header).
-- kind plan: a statement whose parsed plan tree is compared; statement: only success or the
-- error text is compared; expr: parseExpression; ident: parseMultipartIdentifier.

-- plan: select-star
SELECT * FROM people
-- plan: select-columns
SELECT name, age FROM people
-- plan: select-no-from
SELECT 1
-- plan: select-lowercase
select a from t where a > 1 order by a limit 1
-- plan: select-mixed-case
SeLeCt NAME, Age FrOm PEOPLE wHeRe AGE > 21
-- plan: select-full
SELECT name, age + 1 AS a, count(*) FROM people WHERE age > 1 GROUP BY name HAVING count(*) > 1 ORDER BY name DESC NULLS FIRST LIMIT 3
-- plan: select-distinct
SELECT DISTINCT a, b FROM t
-- plan: select-all-quantifier
SELECT ALL a FROM t
-- plan: select-aliases
SELECT a AS x, b y, c AS `z z`, d AS `from` FROM t
-- plan: select-literal-aliases
SELECT 1 AS a, 2 b, 3 AS `c d`
-- plan: select-qualified-star
SELECT t.*, s.a.* FROM t
-- plan: select-alias-star
SELECT a.* FROM t a
-- plan: select-qualified-columns
SELECT t.a, t.b.c FROM t
-- plan: select-backticks
SELECT `a``b`, `x`.`y`, `select` FROM `my db`.`my table`
-- plan: select-keyword-columns
SELECT date, timestamp, year, count, user, order_id, `order` FROM t
-- plan: select-multi-alias
SELECT posexplode(arr) AS (p, v) FROM t
-- plan: from-multipart
SELECT * FROM db.tbl AS t, `my db`.`my tbl` u, global_temp.v
-- plan: from-file
SELECT * FROM parquet.`/tmp/x.parquet`
-- plan: from-subquery
SELECT * FROM (SELECT a FROM t) s WHERE s.a > 1
-- plan: from-subquery-no-alias
SELECT * FROM (SELECT 1)
-- plan: from-subquery-column-aliases
SELECT * FROM (SELECT 1, 2) AS s(x, y)
-- plan: from-table-column-aliases
SELECT * FROM t AS s(x, y)
-- plan: from-parenthesized-join
SELECT * FROM (a JOIN b ON x) AS j
-- plan: from-comma
SELECT * FROM a, b, c WHERE a.x = b.x
-- plan: from-values
SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y)
-- plan: from-values-single
SELECT * FROM VALUES 1, 2
-- plan: from-range
SELECT * FROM range(10)
-- plan: from-range-args
SELECT id FROM range(1, 10, 2) r
-- plan: from-first
FROM t SELECT a
-- plan: values
VALUES (1, 'a'), (2, 'b') AS t(x, y)
-- plan: values-no-alias
VALUES (1, 'a'), (2, 'b')
-- plan: table
TABLE t
-- plan: table-global-temp
TABLE global_temp.people
-- plan: where-dangling
SELECT * FROM t WHERE
-- plan: limit-dangling
SELECT a FROM t LIMIT
-- plan: as-dangling
SELECT 1 FROM t AS
-- plan: from-dangling
SELECT * FROM
-- plan: trailing-semicolon
SELECT a FROM t;
-- plan: trailing-semicolons
SELECT a FROM t;;
-- plan: comments
SELECT /* c1 /* nested */ still */ 1 -- end
-- plan: comment-lines
-- leading comment
SELECT a, -- first
       b  /* second */
FROM t
-- plan: hint
SELECT /*+ BROADCAST(u) */ * FROM t JOIN u ON t.a = u.a
-- plan: lateral-view
SELECT * FROM t LATERAL VIEW explode(arr) e AS x
-- plan: lateral-view-outer
SELECT k, v FROM t LATERAL VIEW OUTER explode(m) e AS k, v

-- plan: join-inner
SELECT * FROM t1 JOIN t2 ON t1.id = t2.id
-- plan: join-no-condition
SELECT * FROM t1 JOIN t2
-- plan: join-using
SELECT a FROM t t2 JOIN u USING (id) LEFT SEMI JOIN v ON t.a = v.a
-- plan: join-kinds
SELECT * FROM a CROSS JOIN b, c LEFT OUTER JOIN e ON x RIGHT JOIN f ON y FULL OUTER JOIN g USING (i, j) LEFT ANTI JOIN h ON z SEMI JOIN k ON w ANTI JOIN l ON v INNER JOIN m ON u FULL JOIN n ON s
-- plan: join-left
SELECT * FROM t LEFT JOIN u ON t.id = u.id
-- plan: join-multiline
SELECT p.name, o.total
FROM people p
  INNER JOIN orders o ON p.id = o.person_id
  LEFT JOIN refunds r ON r.order_id = o.id
WHERE r.order_id IS NULL

-- plan: group-by-ordinal
SELECT a FROM t GROUP BY 1
-- plan: group-by-rollup
SELECT a FROM t GROUP BY ROLLUP(a, b)
-- plan: group-by-cube
SELECT a FROM t GROUP BY CUBE(a, b)
-- plan: group-by-with-rollup
SELECT a FROM t GROUP BY a, b WITH ROLLUP
-- plan: having-no-group
SELECT count(*) FROM t HAVING count(*) > 1
-- plan: group-order-limit
SELECT a FROM t GROUP BY a ORDER BY count(*) DESC LIMIT 5
-- plan: order-by-kinds
SELECT a FROM t ORDER BY a NULLS LAST, b DESC, 2 ASC, c DESC NULLS FIRST
-- plan: sort-by
SELECT a FROM t SORT BY a
-- plan: limit-offset
SELECT a FROM t LIMIT 10 OFFSET 5
-- plan: limit-all
SELECT a FROM t LIMIT ALL
-- plan: limit-expression
SELECT a, b FROM t ORDER BY a, b LIMIT 1 + 1
-- plan: set-ops
SELECT * FROM a INTERSECT SELECT * FROM b EXCEPT ALL SELECT * FROM c UNION ALL SELECT * FROM d MINUS SELECT * FROM e
-- plan: set-ops-precedence
SELECT * FROM a UNION DISTINCT SELECT * FROM b INTERSECT ALL SELECT * FROM c
-- plan: union-order-limit
SELECT * FROM t UNION SELECT * FROM u ORDER BY a LIMIT 1
-- plan: union-parenthesized
(SELECT 1) UNION (SELECT 2 ORDER BY 1 LIMIT 1)
-- plan: cte-two
WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b
-- plan: cte-columns
WITH t(a, b) AS (SELECT 1, 2) SELECT * FROM t
-- plan: cte-union
WITH t AS (SELECT 1) SELECT * FROM t UNION SELECT * FROM t
-- plan: cte-nested
SELECT * FROM (WITH t AS (SELECT 1) SELECT * FROM t)
-- plan: subquery-in
SELECT * FROM t WHERE x IN (SELECT y FROM u) AND EXISTS (SELECT 1 FROM v WHERE v.a = t.a) AND NOT EXISTS (SELECT 1)
-- plan: subquery-scalar
SELECT a FROM t WHERE a > (SELECT avg(a) FROM t)
-- plan: window-functions
SELECT rank() OVER (ORDER BY a RANGE BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING), lag(a, 1) OVER (PARTITION BY b), row_number() OVER (ORDER BY a DESC ROWS 2 PRECEDING), sum(a) OVER (PARTITION BY a, b ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t
-- statement: window-named
SELECT sum(a) OVER w, avg(a) OVER (w) FROM t WINDOW w AS (PARTITION BY a ORDER BY b)
-- statement: window-named-undefined
SELECT sum(a) OVER w FROM t
-- plan: window-frame-following
SELECT sum(x) OVER (ORDER BY t ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t

-- expr: arith-precedence
a + b * c - d / e % f
-- expr: arith-unary
-a * b
-- expr: arith-concat
a || b || c
-- expr: concat-plus-precedence
a + b || c
-- expr: comparison-chain
a = b = c
-- expr: bool-precedence
a < b AND c OR d AND NOT e
-- expr: not-comparison
NOT a = b
-- expr: not-is-null
NOT a IS NULL
-- expr: bitwise
a & b | c ^ d
-- expr: operators
a == b AND a <> b AND a != b AND a <=> b AND a >= b AND a <= b
-- expr: div-mod
a DIV b + a % b
-- expr: negative-literal
2 - -1
-- expr: minus-no-space
a -1
-- expr: unary-ops
~a + +b + -(1)
-- expr: bang-not
!a
-- expr: between
age BETWEEN 13 AND 19
-- expr: not-between
a NOT BETWEEN 1 AND 2
-- expr: in-list
a IN (1, 2, 3)
-- expr: not-in
a NOT IN ('x')
-- expr: like
name LIKE 'A%'
-- expr: not-like
name NOT LIKE 'A%'
-- expr: like-escape
a LIKE 'x/%' ESCAPE '/'
-- expr: rlike
name RLIKE '^[AB]'
-- expr: ilike
a ILIKE 'x'
-- expr: is-null
a IS NULL OR b IS NOT NULL
-- expr: is-true
a IS TRUE
-- expr: is-not-false
a IS NOT FALSE
-- expr: is-distinct
a IS DISTINCT FROM b
-- expr: is-not-distinct
a IS NOT DISTINCT FROM b
-- expr: case-searched
CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END
-- expr: case-simple
CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END
-- expr: case-string-operand
CASE 'a' WHEN 'a' THEN 1 END
-- expr: cast
CAST(a AS DOUBLE)
-- expr: cast-types
CAST(CAST(CAST(CAST(a AS ARRAY<INT>) AS MAP<STRING, ARRAY<INT>>) AS STRUCT<x: INT, y STRING>) AS DECIMAL(10,2))
-- expr: cast-type-names
CAST(CAST(CAST(CAST(CAST(CAST(a AS VARCHAR(10)) AS CHAR(2)) AS DECIMAL) AS LONG) AS timestamp_ntz) AS bigint)
-- expr: try-cast
TRY_CAST(a AS INT)
-- expr: count-star
count(*)
-- expr: count-distinct
count(DISTINCT a, b)
-- expr: count-all
count(ALL a)
-- expr: function-filter
count(*) FILTER (WHERE a > 1)
-- expr: first-ignore-nulls
first(a IGNORE NULLS)
-- expr: function-qualified
x.y(1)
-- expr: function-uppercase
UPPER(name)
-- expr: function-no-args
current_timestamp()
-- expr: current-date-bare
current_date
-- expr: named-argument
f(x => 1)
-- expr: lambda
transform(arr, x -> x + 1)
-- expr: lambda-two
aggregate(arr, 0, (acc, x) -> acc + x)
-- expr: lambda-field
filter(people, p -> p.age > 1)
-- expr: subscript
arr[0] + m['k']
-- expr: subscript-chain
s.arr[1].f
-- expr: subscript-function
ARRAY(1,2)[0]
-- expr: extract
extract(YEAR FROM ts)
-- expr: substring-from
substring('abc' FROM 1 FOR 2)
-- expr: substring-commas
substring(name, 1, 3)
-- expr: position
position('a' IN b)
-- expr: trim-leading
trim(LEADING 'x' FROM a)
-- expr: alias-as
age * 2 AS dbl
-- expr: alias-implicit
age * 2 dbl
-- expr: alias-backtick
upper(name) AS `Upper Name`
-- expr: star
*
-- expr: qualified-star
t.*
-- expr: scalar-subquery
(SELECT max(a) FROM t) + 1
-- expr: window-expr
row_number() OVER (PARTITION BY dept ORDER BY salary DESC)

-- expr: literals-int
1 + 10000000000 + 2147483648 + -2147483648
-- expr: literal-big-integer
1000000000000000000000
-- expr: literals-suffix
1L + 1S + 1Y + 1.5D + 1.5F + 1.5BD
-- expr: literals-decimal
1.5 + 0.05 + 5. + .5 + 1.50 + 00012
-- expr: literals-exponent
1e10 + 1.5e3 + 1E-2 + 1.5e3D + 1e3BD
-- expr: literals-negative
-1 + - 1 + -128Y + -9223372036854775808L
-- expr: literals-strings
'a' || "b" || 'it''s' || 'a\'b' || "x\"y" || 'tab\there' || 'uni\u0041' || 'a' 'b'
-- expr: literals-boolean-null
TRUE AND FALSE OR NULL IS NULL
-- expr: literal-date
DATE '2024-01-02' = DATE '2024-1-2'
-- expr: literal-date-short
DATE '2024'
-- expr: literal-timestamp
TIMESTAMP '2024-01-01 10:00:00'
-- expr: literal-timestamp-fraction-zone
TIMESTAMP '2024-01-01T10:00:00.123456Z'
-- expr: literal-timestamp-offset
TIMESTAMP '2024-01-01 10:00:00+02:00'
-- expr: literal-timestamp-region
TIMESTAMP '2024-01-01 10:00:00 America/Los_Angeles'
-- expr: literal-timestamp-short-fields
TIMESTAMP '2024-01-02 3:4:5'
-- expr: literal-timestamp-ntz
TIMESTAMP_NTZ '2024-01-01 10:00'
-- expr: literal-binary
X'0A'
-- expr: literal-binary-odd
X'a'
-- statement: interval-minute
SELECT INTERVAL '10' MINUTE
-- statement: interval-minutes
SELECT INTERVAL 10 MINUTES
-- statement: interval-multi
SELECT INTERVAL 1 DAY 2 HOURS
-- statement: interval-string
SELECT INTERVAL '1 day 2 hours'
-- statement: interval-year-month
SELECT INTERVAL '1-2' YEAR TO MONTH
-- statement: interval-day-second
SELECT INTERVAL '1 02:03:04.5' DAY TO SECOND
-- statement: interval-sum-units
SELECT INTERVAL 1 YEAR 2 YEARS
-- statement: interval-negative
SELECT INTERVAL -10 MINUTES
-- statement: interval-weeks
SELECT INTERVAL 3 WEEKS
-- statement: interval-seconds-fraction
SELECT INTERVAL 1.5 SECONDS
-- statement: interval-in-expression
SELECT ts + INTERVAL 10 MINUTES FROM t

-- ident: ident-simple
people
-- ident: ident-multipart
global_temp.`my view`
-- ident: ident-backtick-dot
`a.b`.c
-- ident: ident-keyword
select.from

-- statement: create-temp-view
CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1
-- statement: create-temp-view-short
CREATE TEMP VIEW people_v AS SELECT name FROM people WHERE age > 21
-- statement: create-global-temp-view
CREATE GLOBAL TEMP VIEW v AS SELECT 1
-- statement: create-temp-view-columns
CREATE TEMP VIEW v (a COMMENT 'first', b) AS SELECT 1, 2
-- statement: create-view-permanent
CREATE VIEW v AS SELECT 1
-- statement: drop-view
DROP VIEW IF EXISTS v
-- statement: drop-view-global
DROP VIEW global_temp.v
-- statement: drop-table
DROP TABLE t
-- statement: set-key-value
SET spark.sql.shuffle.partitions=4
-- statement: set-key-value-spaces
SET spark.sql.shuffle.partitions = 4
-- statement: set-list
SET
-- statement: set-verbose
SET -v
-- statement: set-key
SET spark.sql.shuffle.partitions
-- statement: set-quoted
SET `a b` = `c d`
-- statement: set-zone-value
SET spark.sql.session.timeZone = America/Los_Angeles
-- statement: set-time-zone
SET TIME ZONE 'UTC'
-- statement: set-semicolon
SET k = v; 
-- statement: reset
RESET
-- statement: reset-key
RESET spark.sql.shuffle.partitions
-- statement: show-tables
SHOW TABLES
-- statement: show-tables-in
SHOW TABLES IN global_temp
-- statement: show-tables-like
SHOW TABLES LIKE 'p*'
-- statement: show-tables-from-like
SHOW TABLES FROM db LIKE 'p*'
-- statement: show-functions
SHOW FUNCTIONS
-- statement: show-functions-like
SHOW FUNCTIONS LIKE 'a*'
-- statement: show-columns
SHOW COLUMNS IN t
-- statement: describe
DESCRIBE t
-- statement: describe-extended
DESC EXTENDED t
-- statement: describe-table
DESCRIBE TABLE t
-- statement: describe-query
DESCRIBE QUERY SELECT 1
-- statement: describe-select
DESCRIBE SELECT 1
-- statement: cache-table
CACHE TABLE t
-- statement: cache-lazy-as
CACHE LAZY TABLE t AS SELECT 1
-- statement: uncache
UNCACHE TABLE IF EXISTS t
-- statement: clear-cache
CLEAR CACHE
-- statement: explain
EXPLAIN SELECT 1
-- statement: explain-extended
EXPLAIN EXTENDED SELECT * FROM t WHERE a > 1
-- statement: explain-formatted
EXPLAIN FORMATTED SELECT 1
-- statement: explain-codegen
EXPLAIN CODEGEN SELECT 1

-- plan: guide-select-all
SELECT * FROM people
-- plan: guide-teenagers
SELECT name FROM people WHERE age >= 13 AND age <= 19
-- plan: guide-global-temp
SELECT * FROM global_temp.people
-- plan: guide-between
SELECT name, age FROM people WHERE age BETWEEN 13 AND 19
-- plan: guide-wordcount
select word, count(*) as total from words group by word
-- plan: guide-count
SELECT count(*) from tableA
-- plan: guide-udf
SELECT add_one(v) FROM tableA
-- plan: guide-parquet-file
SELECT * FROM parquet.`examples/src/main/resources/users.parquet`
-- plan: guide-window-rank
SELECT name, dept, salary, RANK() OVER (PARTITION BY dept ORDER BY salary) AS rank FROM employees
-- plan: guide-streaming-count
select count(*) from updates
-- plan: guide-window-time
SELECT window(time, '1 hour'), action, count(*) FROM events GROUP BY window(time, '1 hour'), action
-- plan: guide-case-report
SELECT city, CASE WHEN avg(age) > 30 THEN 'old' ELSE 'young' END AS bucket FROM people GROUP BY city ORDER BY city

-- statement: err-misspelled-select
SELEC * FROM people
-- statement: err-unclosed-string
SELECT 'abc
-- statement: err-unclosed-double-string
SELECT * FROM t WHERE a = "x
-- statement: err-unclosed-backtick
SELECT `a FROM t
-- statement: err-unclosed-paren
SELECT (1
-- statement: err-unclosed-paren-where
SELECT a FROM t WHERE (a = 1
-- statement: err-extra-paren
SELECT * FROM t WHERE a = 1)
-- statement: err-paren-before-from
SELECT (1 FROM t
-- statement: err-count-star-unclosed
SELECT count(* FROM t
-- statement: err-order-by-end
SELECT a FROM t ORDER BY
-- statement: err-just-select
SELECT
-- statement: err-trailing-plus
SELECT 1 +
-- statement: err-join-on-end
SELECT * FROM t1 JOIN t2 ON
-- statement: err-triple-equals
SELECT * FROM t WHERE a === 1
-- statement: err-two-statements
SELECT 1; SELECT 2
-- statement: err-multiline
SELECT a FROM t
WHERE b = 
  AND c
-- statement: err-multiline-end
SELECT * FROM t JOIN u
ON t.a = u.a WHERE
-- statement: err-alias-alias
SELECT a b c FROM t
-- statement: err-table-two-aliases
SELECT a FROM t x y
-- statement: err-unknown-type
SELECT CAST(a AS foo) FROM t
-- statement: err-missing-type
SELECT CAST(a AS) FROM t
-- statement: err-decimal-precision
SELECT CAST(a AS DECIMAL(40, 2))
-- statement: err-bad-date
SELECT DATE 'abc'
-- statement: err-bad-timestamp
SELECT TIMESTAMP 'abc'
-- statement: err-bigint-range
SELECT 1000000000000000000000L
-- statement: err-tinyint-range
SELECT 128Y
-- statement: err-double-range
SELECT 1e400
-- statement: err-float-range
SELECT 3.5e38F
-- statement: err-unsupported-typed-literal
SELECT foo 'x'
-- statement: err-int-typed-literal
SELECT INT '1'
-- statement: err-bad-binary
SELECT x'GG'
-- statement: err-bad-interval-string
SELECT INTERVAL '10' foo
-- statement: err-interval-no-unit
SELECT INTERVAL 10 foo
-- statement: err-interval-mixed
SELECT INTERVAL 1 MONTH 2 DAYS
-- statement: err-interval-fraction
SELECT INTERVAL 1.5 MONTHS
-- statement: err-double-colon
SELECT x::int
-- statement: err-double-quoted-alias
SELECT 'x' AS "y"
-- statement: err-dotted-alias
SELECT a AS b.c FROM t
-- statement: err-invalid-identifier
SELECT * FROM a-b
-- statement: err-unclosed-comment
/* abc
-- statement: err-non-ascii
SELECT 日本
-- statement: err-in-empty
SELECT x FROM t WHERE a IN ()
-- statement: err-is-null-comparison
SELECT a IS NULL = b
-- statement: err-using-no-paren
SELECT * FROM t JOIN u USING id
-- statement: err-cte-no-paren
WITH a AS SELECT 1 SELECT * FROM a
-- statement: err-alias-in-parens
SELECT (a AS b)
-- statement: err-semicolon-only
;
-- statement: err-empty
 
-- statement: err-comment-only
-- only a comment
-- statement: err-set-syntax
SET a b c
-- statement: err-temp-view-if-not-exists
CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1
-- statement: err-replace-if-not-exists
CREATE OR REPLACE TEMP VIEW IF NOT EXISTS v AS SELECT 1
-- statement: err-case-no-end
SELECT CASE WHEN a THEN 1
-- statement: err-group-no-by
SELECT a FROM t GROUP a
-- statement: err-where-nothing-after
SELECT a FROM t WHERE ORDER BY a
-- statement: err-missing-comma
SELECT a b, c d e FROM t
-- statement: err-from-from
SELECT a FROM FROM t
-- statement: err-trailing-comma-from
SELECT a, FROM t
-- statement: err-trailing-plus-from
SELECT a + FROM t
-- statement: err-select-from-where-dangling-and
SELECT * FROM t WHERE a = 1 AND
-- statement: err-join-missing-table
SELECT * FROM t JOIN ON t.a = 1
-- statement: err-between-missing-and
SELECT * FROM t WHERE a BETWEEN 1
-- statement: err-function-trailing-comma
SELECT concat(a, ) FROM t
-- statement: err-unbalanced-bracket
SELECT arr[0 FROM t
-- statement: err-where-then-order-end
SELECT a FROM t WHERE a > 1 ORDER BY
-- statement: err-where-then-group-end
SELECT a FROM t WHERE a > 1 GROUP BY
-- statement: err-having-end
SELECT a FROM t GROUP BY a HAVING
-- statement: err-where-then-limit-end
SELECT a FROM t WHERE a > 1 LIMIT
-- statement: err-aliased-where-end
SELECT a FROM t x WHERE
-- statement: err-order-by-comma-end
SELECT a FROM t ORDER BY a,
-- statement: err-select-comma-end
SELECT a,
-- statement: err-group-by-end
SELECT a FROM t GROUP BY

-- expr: literal-tiny-decimal
0.000000000000000000000000000000000000000001
-- expr: literal-huge-integer
12345678901234567890123456789012345678901234567890
-- statement: err-double-d-range
SELECT 1e309D
-- expr: literal-exponent-plus
1.0E+2 + 5e-1
-- plan: keyword-aliases
SELECT 1 AS select, 2 AS from, 3 AS where
-- plan: deep-name
SELECT a.b.c.d FROM a
-- plan: scalar-subquery-arith
SELECT (SELECT 1) + 1
-- plan: parenthesized-join-of-subqueries
SELECT * FROM ((SELECT 1 AS x) s JOIN (SELECT 1 AS x) u ON s.x = u.x)
-- plan: full-report
SELECT a.z, count(*) AS n FROM t1 AS a JOIN t2 b ON a.x = b.x WHERE a.y > 0 GROUP BY a.z HAVING count(*) > 1 ORDER BY 1 DESC LIMIT 10
-- plan: case-in
SELECT CASE WHEN a IN (1, 2) THEN 'x' END FROM t
-- plan: not-parenthesized-or
SELECT * FROM t WHERE NOT (a = 1 OR b = 2)
-- plan: group-by-all
SELECT city, count(*) FROM people GROUP BY ALL
-- plan: limit-offset-order
SELECT a, b FROM t ORDER BY a LIMIT 5 OFFSET 10
-- plan: cluster-by
SELECT * FROM t CLUSTER BY a
-- plan: distribute-sort
SELECT * FROM t DISTRIBUTE BY a SORT BY b
-- plan: union-three
SELECT 1 UNION SELECT 2 UNION SELECT 3
-- expr: subscript-field-chain
a.b[0].c[1]
-- expr: map-subscript
map('a', 1)['a']
-- expr: functions-mix
array_contains(arr, 'x') AND size(arr) > 0 AND coalesce(a, b, 'x') = date_format(ts, 'yyyy-MM-dd')
-- plan: double-quoted-string
SELECT * FROM people WHERE name = "Alice"
-- plan: window-current-to-unbounded
SELECT sum(x) OVER (PARTITION BY y ORDER BY z ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t
-- plan: exists-where
SELECT 1 FROM t WHERE EXISTS (SELECT 1)
-- plan: lowercase-interval
SELECT ts FROM t WHERE ts > current_timestamp() - interval 1 day
-- plan: nested-functions
SELECT round(avg(price * qty), 2) AS avg_value, max(length(trim(name))) FROM sales
-- plan: count-distinct-multi-group
SELECT dept, count(DISTINCT emp), sum(salary) / count(*) AS avg FROM employees GROUP BY dept ORDER BY dept
-- plan: tab-and-newlines
SELECT
	a,
	b
FROM
	t
WHERE
	a > 1
-- statement: err-unclosed-second-string
SELECT * FROM t WHERE a = 'x' AND b = "y
-- statement: err-order-no-by
SELECT * FROM t ORDER a
-- statement: err-count-distinct-empty
SELECT count(DISTINCT) FROM t
-- statement: err-limit-string
SELECT a FROM t LIMIT 'x'
-- statement: err-or-dangling
SELECT * FROM t WHERE a = 1 OR
-- statement: err-max-unclosed
SELECT max(a FROM t
-- statement: err-in-unclosed
SELECT a FROM t WHERE b IN (1, 2
-- statement: err-select-star-comma
SELECT *, FROM t
-- statement: err-join-no-right
SELECT * FROM t LEFT JOIN
-- statement: err-having-no-group-comparison
SELECT a FROM t HAVING
-- statement: err-case-no-when
SELECT CASE a END FROM t
-- statement: err-cast-no-as
SELECT CAST(a INT) FROM t
-- statement: err-cte-missing-select
WITH a AS (SELECT 1)
-- statement: err-union-dangling
SELECT 1 UNION
-- statement: err-values-trailing-comma
VALUES (1), 
-- statement: err-function-dot
SELECT f.(1)
-- statement: err-decimal-scale
SELECT CAST(a AS DECIMAL(2, 5))
