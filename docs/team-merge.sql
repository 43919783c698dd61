-- Merge the team aggregates of many teams into one roll-up, in DuckDB (1.1 or later), with the same rules as
-- `craft-time team report`, and write it as Parquet for a warehouse.
--
-- Input: the files written by `craft-time team report --dir DIR --month YYYY-MM --export-aggregates FILE`, one
-- per team and month (NDJSON, one line per group the team's own report showed). They hold counts and
-- histograms, never a member's row. Put them in one folder and run:
--
--     duckdb < docs/team-merge.sql            (after editing the two paths marked EDIT below)
--
-- What it does, in the order of docs/team-format.md ("The report"):
-- 1. merges each group across teams by adding counts and histogram bins ("Everyone" from each team's "all"
--    line, so members of groups a team had to suppress still count in the total);
-- 2. rolls single-role groups up into their coarse group (engineers, staff-principals, managers-directors)
--    whenever any team exported the coarse group for that month, so no two overlapping groups are shown;
-- 3. applies the minimum group size (the largest of min_group below and every team's own minimum) and
--    complementary suppression (everyone minus the shown groups must be 0 or at least the minimum);
-- 4. computes quartiles from the merged histograms with the report's method (type 7 from 20 members, else
--    the mean of three order statistics), rounded to the half hour and to 5 %.
-- With noise off, the result equals `team report` over the union of the teams' members (tested in
-- test/unit/store/teamMerge.test.ts). With noise on, every input is already noised (discrete Laplace) and the
-- merge is post-processing: negative bins count as empty, suppression is judged on the noisy counts, and the
-- merged numbers carry the sum of the teams' noise. Do not mix noisy and exact exports in one month.
--
-- BigQuery: load the NDJSON with `bq load --source_format=NEWLINE_DELIMITED_JSON` (hours and craftRatio become
-- REPEATED RECORD), replace `unnest(x) AS t(h)` by `CROSS JOIN UNNEST(x) AS h`, `range(n)` by
-- `UNNEST(GENERATE_ARRAY(1, n))`, `SET VARIABLE`/`getvariable` by DECLARE/SET, and `QUALIFY` works as is; or load
-- the Parquet this script writes.

SET VARIABLE min_group = 5;  -- never below 3; raised per month to the largest minimum any team signed

CREATE OR REPLACE TEMP TABLE agg AS
SELECT *
FROM read_json('aggregates/*.ndjson',                       -- EDIT: where the exported files are
  format = 'newline_delimited',
  columns = {
    kind: 'VARCHAR', version: 'INTEGER', team: 'VARCHAR', month: 'VARCHAR', "group": 'VARCHAR', minGroupSize: 'INTEGER',
    noise: 'STRUCT(mechanism VARCHAR, epsilon DOUBLE)', members: 'BIGINT', belowFloor: 'BIGINT',
    hours: 'STRUCT(halfHours INTEGER, count BIGINT)[]', craftRatio: 'STRUCT(steps INTEGER, count BIGINT)[]'
  })
WHERE kind = 'craft-time/team-aggregate' AND version = 1
QUALIFY row_number() OVER (PARTITION BY team, month, "group") = 1;  -- one line per team, month and group

-- Which coarse group each report group belongs to, and the order the report lists (and breaks ties in).
CREATE OR REPLACE TEMP TABLE families ("group" VARCHAR, family VARCHAR, ord INTEGER);
INSERT INTO families VALUES
  ('engineer', 'engineers', 1), ('senior', 'engineers', 2), ('engineers', 'engineers', 1),
  ('staff', 'staff-principals', 3), ('principal', 'staff-principals', 4), ('staff-principals', 'staff-principals', 3),
  ('manager', 'managers-directors', 5), ('director', 'managers-directors', 6), ('executive', 'managers-directors', 7),
  ('managers-directors', 'managers-directors', 5);

CREATE OR REPLACE TEMP TABLE settings AS
SELECT month, greatest(getvariable('min_group'), max(minGroupSize)) AS mg, sum(members) FILTER (WHERE "group" = 'all') AS total
FROM agg GROUP BY month;

-- 1 and 2: parts (disjoint groups), rolled up to the coarse group when any team exported it.
CREATE OR REPLACE TEMP TABLE part_rows AS
SELECT a.*, f.family,
  CASE WHEN bool_or(a."group" = f.family) OVER (PARTITION BY a.month, f.family) THEN f.family ELSE a."group" END AS part,
  CASE WHEN bool_or(a."group" = f.family) OVER (PARTITION BY a.month, f.family) THEN (SELECT min(ord) FROM families g WHERE g.family = f.family) ELSE f.ord END AS ord
FROM agg a JOIN families f ON f."group" = a."group";

CREATE OR REPLACE TEMP TABLE parts AS
SELECT month, part AS "group", min(ord) AS ord, sum(members) AS members, sum(belowFloor) AS belowFloor FROM part_rows GROUP BY ALL;

-- 3: minimum size, then complementary suppression (suppress the smallest shown part, the later one on a tie,
-- until everyone minus the shown parts is 0 or at least the minimum).
CREATE OR REPLACE TEMP TABLE visible AS
SELECT p.*, s.mg, s.total, row_number() OVER (PARTITION BY p.month ORDER BY p.members, p.ord DESC) AS rk
FROM parts p JOIN settings s USING (month)
WHERE s.total >= s.mg AND p.members >= s.mg;

CREATE OR REPLACE TEMP TABLE hidden0 AS
SELECT s.month, s.mg, s.total - coalesce((SELECT sum(v.members) FROM visible v WHERE v.month = s.month), 0) AS hidden
FROM settings s;

CREATE OR REPLACE TEMP TABLE stops AS
SELECT h.month,
  CASE WHEN h.hidden = 0 OR h.hidden >= h.mg THEN 0
       ELSE coalesce((SELECT min(r.rk) FROM (
              SELECT v.rk, h.hidden + sum(v.members) OVER (ORDER BY v.rk) AS after FROM visible v WHERE v.month = h.month
            ) r WHERE r.after = 0 OR r.after >= h.mg), 1000000) END AS stop
FROM hidden0 h;

CREATE OR REPLACE TEMP TABLE shown AS
SELECT v.month, v."group", v.ord, v.members, v.belowFloor FROM visible v JOIN stops s USING (month) WHERE v.rk > s.stop
UNION ALL
SELECT a.month, 'all', 0, sum(a.members), sum(a.belowFloor) FROM agg a JOIN settings s USING (month)
WHERE a."group" = 'all' AND s.total >= s.mg GROUP BY a.month;

-- 4: histograms of the shown groups, expanded to one row per member value, then the quartiles.
CREATE OR REPLACE TEMP TABLE bins AS
SELECT month, part AS "group", 'hours' AS measure, h.halfHours AS value, h.count AS count
FROM (SELECT * FROM part_rows UNION ALL BY NAME SELECT *, 'all' AS part FROM agg WHERE "group" = 'all'), unnest(hours) AS t(h)
UNION ALL
SELECT month, part, 'ratio', r.steps, r.count
FROM (SELECT * FROM part_rows UNION ALL BY NAME SELECT *, 'all' AS part FROM agg WHERE "group" = 'all'), unnest(craftRatio) AS t(r);

CREATE OR REPLACE TEMP TABLE ordered AS
WITH merged AS (
  SELECT b.month, b."group", b.measure, b.value, CAST(sum(b.count) AS BIGINT) AS count
  FROM bins b JOIN shown s ON s.month = b.month AND s."group" = b."group" GROUP BY ALL HAVING sum(b.count) > 0
)
SELECT month, "group", measure, value,
  row_number() OVER (PARTITION BY month, "group", measure ORDER BY value) - 1 AS k,
  count(*) OVER (PARTITION BY month, "group", measure) AS n
FROM merged, range(count);

CREATE OR REPLACE TEMP TABLE quartiles AS
WITH ps AS (SELECT * FROM (VALUES (0.25, 'p25'), (0.5, 'median'), (0.75, 'p75')) t(p, name)),
plan AS (
  SELECT DISTINCT o.month, o."group", o.measure, o.n, ps.p, ps.name,
    (o.n - 1) * ps.p AS h,
    least(o.n - 3, greatest(0, CAST(round((o.n - 1) * ps.p) AS BIGINT) - 1)) AS start
  FROM ordered o, ps
)
SELECT p.month, p."group", p.measure, p.name,
  CASE WHEN p.n >= 20 OR p.n < 3 THEN
         (SELECT x.value FROM ordered x WHERE x.month = p.month AND x."group" = p."group" AND x.measure = p.measure AND x.k = floor(p.h))
         + (p.h - floor(p.h)) * (
           coalesce((SELECT x.value FROM ordered x WHERE x.month = p.month AND x."group" = p."group" AND x.measure = p.measure AND x.k = floor(p.h) + 1),
                    (SELECT x.value FROM ordered x WHERE x.month = p.month AND x."group" = p."group" AND x.measure = p.measure AND x.k = floor(p.h)))
           - (SELECT x.value FROM ordered x WHERE x.month = p.month AND x."group" = p."group" AND x.measure = p.measure AND x.k = floor(p.h)))
       ELSE
         (SELECT sum(x.value) FROM ordered x WHERE x.month = p.month AND x."group" = p."group" AND x.measure = p.measure AND x.k BETWEEN p.start AND p.start + 2)::DOUBLE / 3
  END AS q
FROM plan p;

CREATE OR REPLACE TABLE team_rollup AS
SELECT s.month, s."group", greatest(s.members, 0) AS members,
  least(greatest(s.members, 0), greatest(s.belowFloor, 0)) AS belowFloor,
  CASE WHEN s.members > 0 THEN round((least(greatest(s.members, 0), greatest(s.belowFloor, 0))::DOUBLE / s.members) * 100) / 100 ELSE 0 END AS belowFloorShare,
  max(round(q.q) / 2) FILTER (WHERE q.measure = 'hours' AND q.name = 'p25') AS weeklyHandsOnHours_p25,
  max(round(q.q) / 2) FILTER (WHERE q.measure = 'hours' AND q.name = 'median') AS weeklyHandsOnHours_median,
  max(round(q.q) / 2) FILTER (WHERE q.measure = 'hours' AND q.name = 'p75') AS weeklyHandsOnHours_p75,
  max(round(q.q) / 20) FILTER (WHERE q.measure = 'ratio' AND q.name = 'p25') AS craftRatio_p25,
  max(round(q.q) / 20) FILTER (WHERE q.measure = 'ratio' AND q.name = 'median') AS craftRatio_median,
  max(round(q.q) / 20) FILTER (WHERE q.measure = 'ratio' AND q.name = 'p75') AS craftRatio_p75,
  count(DISTINCT a.team) AS teams
FROM shown s
LEFT JOIN quartiles q ON q.month = s.month AND q."group" = s."group"
LEFT JOIN agg a ON a.month = s.month AND a."group" = 'all'
GROUP BY s.month, s."group", s.ord, s.members, s.belowFloor
ORDER BY s.month, s.ord, s."group";

COPY team_rollup TO 'team-rollup.parquet' (FORMAT parquet);  -- EDIT: where the Parquet file goes
