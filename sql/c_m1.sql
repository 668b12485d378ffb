-- C-M1%($), SPEC §6: for each of a store's due days d, inflow_d ÷ base_d, and their mean.
-- inflow_d: Σ principal on day d+1 of accounts with due day d that were in C on day d−1
--   and in M1 on day d+1 (account_months.state_eve / state_morrow).
-- base_d: Σ principal of all active accounts on day d+1 of the month before (base_states).
-- A due day is null when a state on those days is unknown or the history does not reach
-- them (known = 0) or base_d is 0; the month's rate is null unless every due day has one.
-- Chain: for each due day d, Σ inflow_d ÷ Σ base_d over the stores that take part in the
-- month and have d among their due days (null when any of them has known = 0); the chain's
-- rate is the mean of those pooled rates over every due day of the chain, as §6 defines a
-- store's (one store alone gives exactly its own figure).
WITH inflow AS (
  SELECT
    store,
    month_no,
    due_day,
    SUM(CASE WHEN state_eve = 'unknown' OR state_morrow = 'unknown' THEN 1 ELSE 0 END) AS unknown_accounts,
    SUM(CASE WHEN state_eve = 'C' AND state_morrow = 'M1' THEN principal_morrow ELSE 0 END) AS inflow
  FROM account_months
  WHERE state_eve IS NOT NULL
  GROUP BY store, month_no, due_day
),
base AS (
  SELECT
    store,
    month_no,
    due_day,
    SUM(CASE WHEN state = 'unknown' THEN 1 ELSE 0 END) AS unknown_accounts,
    SUM(CASE WHEN state IN ('C', 'M1', 'M2', 'M3', 'M3+') THEN principal ELSE 0 END) AS base
  FROM base_states
  GROUP BY store, month_no, due_day
),
per_store AS (
  SELECT
    d.store,
    d.month_no,
    d.due_day,
    m.takes_part,
    CASE
      WHEN d.eve_covered AND d.morrow_covered AND d.base_covered
        AND COALESCE(i.unknown_accounts, 0) = 0 AND COALESCE(b.unknown_accounts, 0) = 0 THEN 1
      ELSE 0
    END AS known,
    COALESCE(i.inflow, 0) AS inflow,
    COALESCE(b.base, 0) AS base
  FROM store_due_days AS d
  JOIN store_months AS m ON m.store = d.store AND m.month_no = d.month_no
  LEFT JOIN inflow AS i ON i.store = d.store AND i.month_no = d.month_no AND i.due_day = d.due_day
  LEFT JOIN base AS b ON b.store = d.store AND b.month_no = d.month_no AND b.due_day = d.due_day
),
rates AS (
  SELECT 'store' AS scope, store, month_no, due_day, known, inflow, base,
    CASE WHEN known = 1 AND base > 0 THEN inflow / base END AS rate
  FROM per_store
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, month_no, due_day, MIN(known) AS known, SUM(inflow) AS inflow, SUM(base) AS base,
    CASE WHEN MIN(known) = 1 AND SUM(base) > 0 THEN SUM(inflow) / SUM(base) END AS rate
  FROM per_store
  WHERE takes_part
  GROUP BY month_no, due_day
)
SELECT
  scope,
  store,
  month_no,
  due_day,
  known,
  inflow,
  base,
  rate,
  CASE
    WHEN COUNT(rate) OVER (PARTITION BY scope, store, month_no) = COUNT(*) OVER (PARTITION BY scope, store, month_no)
      THEN AVG(rate) OVER (PARTITION BY scope, store, month_no)
  END AS c_m1_rate_amount
FROM rates
