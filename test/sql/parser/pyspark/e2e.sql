-- Statements run in order by record_e2e.py (PySpark 3.5, session time zone UTC) and by
-- e2e.test.ts (tspark). A block headed `-- run: <id>` is one spark.sql statement; `-- selectExpr:
-- <id>` is spark.table("people").selectExpr(…) with one expression a line; `-- filter: <id>` is
-- spark.table("people").filter("…").

-- run: view-people
CREATE OR REPLACE TEMP VIEW people AS SELECT * FROM VALUES ('Alice', 34, 'Paris'), ('Bob', 45, 'Oslo'), ('Cathy', 19, 'Paris'), ('Dan', NULL, 'Rome'), ('Eve', 28, NULL) AS t(name, age, city)
-- run: view-orders
CREATE OR REPLACE TEMP VIEW orders AS SELECT * FROM VALUES (1, 'Alice', 120.5D), (2, 'Alice', 30.0D), (3, 'Bob', 75.25D), (4, 'Zed', 10.0D) AS t(id, person, total)
-- run: view-words
CREATE OR REPLACE TEMP VIEW words AS SELECT explode(split('spark is fast and spark is fun', ' ')) AS word
-- run: view-events
CREATE OR REPLACE TEMP VIEW events AS SELECT * FROM VALUES (TIMESTAMP '2024-01-01 12:07:00', 'open'), (TIMESTAMP '2024-01-01 12:14:30', 'close'), (TIMESTAMP '2024-01-01 12:21:00', 'open') AS t(time, action)
-- run: select-star
SELECT * FROM people ORDER BY name
-- run: guide-teenagers
SELECT name FROM people WHERE age BETWEEN 13 AND 19
-- run: guide-wordcount
select word, count(*) as total from words group by word order by total desc, word
-- run: group-avg
SELECT city, count(*) AS n, avg(age) AS avg_age FROM people GROUP BY city ORDER BY city NULLS LAST
-- run: auto-names
SELECT age + 1, count(*), upper(name), CAST(age AS STRING), age IS NULL, 'x' || name FROM people GROUP BY age, name ORDER BY 3
-- run: join-inner
SELECT p.name, o.total FROM people p JOIN orders o ON p.name = o.person ORDER BY o.id
-- run: join-left
SELECT name, total FROM people LEFT JOIN orders ON people.name = orders.person ORDER BY name, total
-- run: join-full
SELECT name, person, total FROM people FULL OUTER JOIN orders ON name = person ORDER BY name NULLS LAST, id
-- run: join-semi
SELECT name FROM people LEFT SEMI JOIN orders ON name = person ORDER BY name
-- run: join-anti
SELECT name FROM people ANTI JOIN orders ON name = person ORDER BY name
-- run: join-using
WITH a AS (SELECT name AS k, age FROM people), b AS (SELECT person AS k, total FROM orders) SELECT * FROM a JOIN b USING (k) ORDER BY k, total
-- run: join-self
SELECT a.name, b.name FROM people a JOIN people b ON a.city = b.city AND a.name < b.name ORDER BY 1, 2
-- run: cte-group
WITH big AS (SELECT * FROM orders WHERE total > 50) SELECT person, sum(total) AS s FROM big GROUP BY person ORDER BY person
-- run: case-when
SELECT name, CASE WHEN age >= 30 THEN 'senior' WHEN age IS NULL THEN 'unknown' ELSE 'junior' END AS band FROM people ORDER BY name
-- run: window-rank
SELECT name, city, rank() OVER (PARTITION BY city ORDER BY age DESC) AS r FROM people ORDER BY name
-- run: window-running-sum
SELECT person, total, sum(total) OVER (PARTITION BY person ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM orders ORDER BY id
-- run: window-named
SELECT id, lag(total) OVER w AS prev, row_number() OVER w AS rn FROM orders WINDOW w AS (ORDER BY id) ORDER BY id
-- run: arithmetic
SELECT CAST('12' AS INT) + 1, CAST('abc' AS INT), 7 / 2, 7 DIV 2, -7 % 3, 1.0 / 3, 2 * 3.0, 2147483647 + 1, 'a' || 'b', concat_ws('-', 'a', NULL, 'b')
-- run: literals
SELECT 1, 10000000000, 1.5, 1.5D, 1e10, 1L, TRUE, NULL, 'it''s', DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05'
-- run: like-rlike
SELECT name FROM people WHERE name LIKE 'A%' OR name RLIKE '^[BC]' ORDER BY name
-- run: distinct
SELECT DISTINCT city FROM people ORDER BY city
-- run: union-all
SELECT name FROM people UNION ALL SELECT person FROM orders ORDER BY 1
-- run: union
SELECT name FROM people UNION SELECT person FROM orders ORDER BY 1
-- run: intersect
SELECT name FROM people INTERSECT SELECT person FROM orders ORDER BY 1
-- run: except
SELECT name FROM people EXCEPT SELECT person FROM orders ORDER BY 1
-- run: subquery-from
SELECT * FROM (SELECT name, age FROM people WHERE age > 20) t WHERE t.age < 40 ORDER BY name
-- run: subquery-in
SELECT name FROM people WHERE name IN (SELECT person FROM orders) ORDER BY name
-- run: subquery-scalar
SELECT name, (SELECT max(total) FROM orders) AS m FROM people ORDER BY name LIMIT 2
-- run: strings
SELECT upper(name), length(name), substring(name, 1, 2), lower(city) FROM people ORDER BY 1
-- run: interval-window
SELECT time + INTERVAL 10 MINUTES AS later, window(time, '10 minutes') AS w, action FROM events ORDER BY time
-- run: aggregates
SELECT count(DISTINCT city), count(city), count(*), sum(age), max(age), min(name) FROM people
-- run: having
SELECT city, count(*) FROM people GROUP BY city HAVING count(*) > 1
-- run: values
VALUES (1, 'a'), (2, 'b')
-- run: range
SELECT * FROM range(3)
-- run: range-step
SELECT id, id * 2 AS dbl FROM range(1, 10, 3)
-- run: case-insensitive
SELECT `name`, AGE FROM PEOPLE WHERE Age > 30 ORDER BY NAME
-- run: cast-name
SELECT CAST(age AS STRING), CAST(age AS DOUBLE) AS d FROM people ORDER BY name
-- run: multiline
SELECT city,
       count(*) AS n   -- how many
FROM people
WHERE city IS NOT NULL
GROUP BY city
ORDER BY n DESC, city
-- selectExpr: select-expr
name
age * 2 AS dbl
upper(city) city_upper
-- selectExpr: select-expr-window
name
rank() OVER (ORDER BY age DESC NULLS LAST) AS r
-- filter: filter-string
age > 21 AND city IN ('Paris', 'Oslo')
-- filter: filter-string-error
age > > 21
-- run: explode
SELECT explode(array(1, 2, 3)) AS x
-- run: lambda
SELECT transform(array(1, 2, 3), x -> x * 10) AS t
-- run: lateral-view
SELECT name, c FROM people LATERAL VIEW explode(split(name, '')) t AS c WHERE name = 'Bob'
-- run: limit
SELECT name FROM people ORDER BY age DESC NULLS LAST LIMIT 2
-- run: global-view
CREATE OR REPLACE GLOBAL TEMP VIEW gp AS SELECT name FROM people WHERE age > 30
-- run: global-view-read
SELECT * FROM global_temp.gp ORDER BY name
-- run: show-tables
SHOW TABLES
-- run: describe
DESCRIBE people
-- run: set
SET spark.sql.shuffle.partitions=4
-- run: set-read
SET spark.sql.shuffle.partitions
-- run: view-temp
CREATE TEMP VIEW adults AS SELECT name FROM people WHERE age >= 21
-- run: view-temp-read
SELECT * FROM adults ORDER BY name
-- run: view-exists
CREATE TEMP VIEW adults AS SELECT 1
-- run: drop-view
DROP VIEW adults
-- run: dropped-view-read
SELECT * FROM adults
-- run: err-unknown-column
SELECT nme FROM people
-- run: err-unknown-table
SELECT * FROM peple
-- run: err-unknown-function
SELECT foo(name) FROM people
-- run: err-missing-group-by
SELECT name, count(*) FROM people GROUP BY city
-- run: err-syntax
SELEC * FROM people
-- run: set-zone
SET spark.sql.session.timeZone = America/Los_Angeles
-- run: timestamp-in-session-zone
SELECT TIMESTAMP '2024-01-01 10:00:00' AS local, TIMESTAMP '2024-01-01 10:00:00Z' AS utc, hour(TIMESTAMP '2024-07-01 10:00:00') AS h
-- selectExpr: timestamp-in-session-zone-expr
name
TIMESTAMP '2024-01-01 10:00:00' AS local
-- run: set-zone-back
SET spark.sql.session.timeZone = UTC
-- run: current-date-bare
SELECT current_date IS NOT NULL AS today
-- run: extract
SELECT extract(YEAR FROM DATE '2024-03-01') AS y, extract(MONTH FROM TIMESTAMP '2024-03-01 10:00:00') AS m
-- run: bitwise
SELECT ~5 AS n, +5 AS p, 5 & 3 AS a, 5 | 3 AS o, 5 ^ 3 AS x
-- run: date-plus-int
SELECT DATE '2024-01-31' + 1 AS d
-- run: null-safe-predicates
SELECT NULL IS DISTINCT FROM 1 AS a, 1 IS NOT DISTINCT FROM 1 AS b, (age > 30) IS TRUE AS c FROM people ORDER BY name
-- run: trim-position-like
SELECT trim(BOTH 'x' FROM 'xxaxx') AS t, trim(LEADING 'x' FROM 'xxaxx') AS l, position('b' IN 'abc') AS p, 'a_c' LIKE 'a/_c' ESCAPE '/' AS e
-- run: first-filter
SELECT first(age IGNORE NULLS) AS f, count(*) FILTER (WHERE age > 30) AS n FROM people
-- run: struct-subscript
SELECT struct(1 AS a, 2 AS b).b AS sb, map('k', 1)['k'] AS mk, array(10, 20)[1] AS a1, (1, 'x') AS rc
-- run: lambda-aggregate
SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x) AS s, filter(array(1, 2, 3), x -> x % 2 = 1) AS odd
-- run: exists
SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM orders) ORDER BY name LIMIT 1
-- run: hint-cluster
SELECT /*+ BROADCAST(orders) */ id FROM orders CLUSTER BY id
-- run: cache
CACHE TABLE people
-- run: cached-read
SELECT count(*) FROM people
-- run: uncache
UNCACHE TABLE people
-- run: explain
EXPLAIN SELECT name FROM people
-- run: show-columns
SHOW COLUMNS IN people
-- run: describe-query
DESCRIBE QUERY SELECT name, age + 1 AS next FROM people
-- run: offset
SELECT name FROM people ORDER BY name LIMIT 2 OFFSET 1
-- run: nulls-order
SELECT name, age FROM people ORDER BY age ASC NULLS LAST, name
-- run: count-distinct-window-frame
SELECT name, avg(age) OVER (ORDER BY name ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS smooth FROM people ORDER BY name
