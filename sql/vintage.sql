-- The vintage, SPEC §6: for each disbursement month V (loans.disbursed_month_no) that the store's
-- history covers from its first day (stores.first_full_month_no), and k = 0, 1, …: the loans
-- disbursed in V, and how many were ever in M1 or worse (DPD ≥ the M1 start, 1 by default) or in
-- M2 or worse (DPD ≥ the M2 start, 31) on any day the job ran up to the last day of month V+k
-- (account_months.max_dpd; months before disbursement count as not in M1).
-- month_no is V+k; a report for month M reads the rows with month_no ≤ M.
-- Chain: Σ ever ÷ Σ loans over the stores whose history covers V.
WITH firsts AS (
  SELECT
    l.store,
    l.loan_id,
    l.disbursed_month_no AS cohort,
    MIN(CASE WHEN a.max_dpd >= s.m1_start THEN a.month_no END) AS first_m1,
    MIN(CASE WHEN a.max_dpd >= s.m2_start THEN a.month_no END) AS first_m2
  FROM loans AS l
  JOIN stores AS s ON s.store = l.store
  LEFT JOIN account_months AS a ON a.store = l.store AND a.loan_id = l.loan_id AND a.month_no >= l.disbursed_month_no
  WHERE s.first_full_month_no IS NOT NULL AND l.disbursed_month_no >= s.first_full_month_no
  GROUP BY l.store, l.loan_id, l.disbursed_month_no
),
grid AS (
  SELECT c.store, c.cohort, m.month_no
  FROM (SELECT DISTINCT store, cohort FROM firsts) AS c
  JOIN store_months AS m ON m.store = c.store AND m.month_no >= c.cohort
),
per_store AS (
  SELECT
    g.store,
    g.cohort,
    g.month_no,
    COUNT(*) AS loans,
    SUM(CASE WHEN f.first_m1 <= g.month_no THEN 1 ELSE 0 END) AS ever_m1,
    SUM(CASE WHEN f.first_m2 <= g.month_no THEN 1 ELSE 0 END) AS ever_m2plus
  FROM grid AS g
  JOIN firsts AS f ON f.store = g.store AND f.cohort = g.cohort
  GROUP BY g.store, g.cohort, g.month_no
),
pooled AS (
  SELECT 'store' AS scope, store, cohort, month_no, loans, ever_m1, ever_m2plus
  FROM per_store
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, cohort, month_no, SUM(loans) AS loans, SUM(ever_m1) AS ever_m1, SUM(ever_m2plus) AS ever_m2plus
  FROM per_store
  GROUP BY cohort, month_no
)
SELECT
  scope,
  store,
  cohort,
  month_no,
  month_no - cohort AS k,
  loans,
  ever_m1,
  ever_m2plus,
  ever_m1 / loans AS ever_m1_share,
  ever_m2plus / loans AS ever_m2plus_share
FROM pooled
