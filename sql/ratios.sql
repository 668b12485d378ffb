-- M1%, M2% and M3+% by amount ($) and by count (#), SPEC §6, per store and for the chain.
-- Numerator: accounts in the bucket at E (month end), Σ principal at E.
-- Denominator: accounts active at E′ (the month before's end), Σ principal at E′.
-- A store's figure is null when the history cannot tell a state at E′ or E (ends_known = 0)
-- or nothing was active at E′. The chain's is Σ numerators ÷ Σ denominators over the
-- stores that take part in the month, null when any of them has ends_known = 0.
WITH ends AS (
  SELECT
    store,
    month_no,
    SUM(CASE WHEN state_prev_end = 'unknown' OR state_end = 'unknown' THEN 1 ELSE 0 END) AS unknown_accounts,
    SUM(CASE WHEN state_prev_end IN ('C', 'M1', 'M2', 'M3', 'M3+') THEN 1 ELSE 0 END) AS base_count,
    SUM(CASE WHEN state_prev_end IN ('C', 'M1', 'M2', 'M3', 'M3+') THEN principal_prev_end ELSE 0 END) AS base_amount,
    SUM(CASE WHEN state_end = 'M1' THEN 1 ELSE 0 END) AS m1_count,
    SUM(CASE WHEN state_end = 'M1' THEN principal_end ELSE 0 END) AS m1_amount,
    SUM(CASE WHEN state_end = 'M2' THEN 1 ELSE 0 END) AS m2_count,
    SUM(CASE WHEN state_end = 'M2' THEN principal_end ELSE 0 END) AS m2_amount,
    SUM(CASE WHEN state_end IN ('M3', 'M3+') THEN 1 ELSE 0 END) AS m3plus_count,
    SUM(CASE WHEN state_end IN ('M3', 'M3+') THEN principal_end ELSE 0 END) AS m3plus_amount
  FROM account_months
  GROUP BY store, month_no
),
per_store AS (
  SELECT
    m.store,
    m.month_no,
    m.takes_part,
    CASE WHEN m.prev_end_covered AND m.end_covered AND COALESCE(e.unknown_accounts, 0) = 0 THEN 1 ELSE 0 END AS ends_known,
    COALESCE(e.base_count, 0) AS base_count,
    COALESCE(e.base_amount, 0) AS base_amount,
    COALESCE(e.m1_count, 0) AS m1_count,
    COALESCE(e.m1_amount, 0) AS m1_amount,
    COALESCE(e.m2_count, 0) AS m2_count,
    COALESCE(e.m2_amount, 0) AS m2_amount,
    COALESCE(e.m3plus_count, 0) AS m3plus_count,
    COALESCE(e.m3plus_amount, 0) AS m3plus_amount
  FROM store_months AS m
  LEFT JOIN ends AS e ON e.store = m.store AND e.month_no = m.month_no
),
pooled AS (
  SELECT 'store' AS scope, store, month_no, ends_known, base_count, base_amount, m1_count, m1_amount, m2_count, m2_amount, m3plus_count, m3plus_amount
  FROM per_store
  UNION ALL
  SELECT
    'chain' AS scope,
    NULL AS store,
    month_no,
    MIN(ends_known) AS ends_known,
    SUM(base_count) AS base_count,
    SUM(base_amount) AS base_amount,
    SUM(m1_count) AS m1_count,
    SUM(m1_amount) AS m1_amount,
    SUM(m2_count) AS m2_count,
    SUM(m2_amount) AS m2_amount,
    SUM(m3plus_count) AS m3plus_count,
    SUM(m3plus_amount) AS m3plus_amount
  FROM per_store
  WHERE takes_part
  GROUP BY month_no
)
SELECT
  scope,
  store,
  month_no,
  ends_known,
  base_count,
  base_amount,
  m1_count,
  m1_amount,
  m2_count,
  m2_amount,
  m3plus_count,
  m3plus_amount,
  CASE WHEN ends_known = 1 AND base_count > 0 AND base_amount > 0 THEN m1_amount / base_amount END AS m1_ratio_amount,
  CASE WHEN ends_known = 1 AND base_count > 0 THEN m1_count / base_count END AS m1_ratio_count,
  CASE WHEN ends_known = 1 AND base_count > 0 AND base_amount > 0 THEN m2_amount / base_amount END AS m2_ratio_amount,
  CASE WHEN ends_known = 1 AND base_count > 0 THEN m2_count / base_count END AS m2_ratio_count,
  CASE WHEN ends_known = 1 AND base_count > 0 AND base_amount > 0 THEN m3plus_amount / base_amount END AS m3plus_ratio_amount,
  CASE WHEN ends_known = 1 AND base_count > 0 THEN m3plus_count / base_count END AS m3plus_ratio_count
FROM pooled
