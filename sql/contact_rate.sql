-- The contact rate, SPEC §6: reached dials (promise, says paid, hardship) ÷ dials (every outcome
-- but "SMS sent") in the month, by hour of the day (the call's time, else its window's start) and
-- by number type (mobile, work, home). Null where there were no dials.
-- Chain: Σ reached ÷ Σ dials over every store.
-- (A column that is always null here is typed from its own column, MIN(CASE WHEN FALSE THEN … END):
-- BigQuery types a bare NULL in a union's first branch as INT64.)
WITH dials AS (
  SELECT store, month_no, hour, number_kind, CASE WHEN reached THEN 1 ELSE 0 END AS reached
  FROM contacts
  WHERE is_dial
),
by_hour AS (
  SELECT 'store' AS scope, store, month_no, 'hour' AS dimension, hour, MIN(CASE WHEN FALSE THEN number_kind END) AS number_kind, COUNT(*) AS dials, SUM(reached) AS reached
  FROM dials
  WHERE hour IS NOT NULL
  GROUP BY store, month_no, hour
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, month_no, 'hour' AS dimension, hour, MIN(CASE WHEN FALSE THEN number_kind END) AS number_kind, COUNT(*) AS dials, SUM(reached) AS reached
  FROM dials
  WHERE hour IS NOT NULL
  GROUP BY month_no, hour
),
by_kind AS (
  SELECT 'store' AS scope, store, month_no, 'number_type' AS dimension, MIN(CASE WHEN FALSE THEN hour END) AS hour, number_kind, COUNT(*) AS dials, SUM(reached) AS reached
  FROM dials
  WHERE number_kind IS NOT NULL
  GROUP BY store, month_no, number_kind
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, month_no, 'number_type' AS dimension, MIN(CASE WHEN FALSE THEN hour END) AS hour, number_kind, COUNT(*) AS dials, SUM(reached) AS reached
  FROM dials
  WHERE number_kind IS NOT NULL
  GROUP BY month_no, number_kind
),
pooled AS (
  SELECT scope, store, month_no, dimension, hour, number_kind, dials, reached FROM by_hour
  UNION ALL
  SELECT scope, store, month_no, dimension, hour, number_kind, dials, reached FROM by_kind
)
SELECT scope, store, month_no, dimension, hour, number_kind, dials, reached, CASE WHEN dials > 0 THEN reached / dials END AS rate
FROM pooled
