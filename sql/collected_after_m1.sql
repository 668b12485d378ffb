-- Collected after M1, SPEC §6, for month M: of the accounts that entered M1 in M−1 (a run day in
-- M1 after a run day in C), Σ principal paid down within 30, 60 and 90 days of entry ÷ their
-- principal at entry. A period the history does not reach yet for some account is null.
-- month_no is M's (the month of entry + 1). Chain: Σ paid ÷ Σ principal at entry over every store,
-- null for a period when any store's is.
WITH entries AS (
  SELECT
    store,
    month_no + 1 AS month_no,
    COUNT(*) AS accounts,
    SUM(principal_at_m1_entry) AS principal,
    SUM(paid_d30) AS paid_d30,
    SUM(paid_d60) AS paid_d60,
    SUM(paid_d90) AS paid_d90,
    SUM(CASE WHEN paid_d30 IS NULL THEN 1 ELSE 0 END) AS open_d30,
    SUM(CASE WHEN paid_d60 IS NULL THEN 1 ELSE 0 END) AS open_d60,
    SUM(CASE WHEN paid_d90 IS NULL THEN 1 ELSE 0 END) AS open_d90
  FROM account_months
  WHERE entered_m1_on IS NOT NULL
  GROUP BY store, month_no
),
pooled AS (
  SELECT 'store' AS scope, store, month_no, accounts, principal, paid_d30, paid_d60, paid_d90, open_d30, open_d60, open_d90
  FROM entries
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, month_no, SUM(accounts) AS accounts, SUM(principal) AS principal,
    SUM(paid_d30) AS paid_d30, SUM(paid_d60) AS paid_d60, SUM(paid_d90) AS paid_d90,
    SUM(open_d30) AS open_d30, SUM(open_d60) AS open_d60, SUM(open_d90) AS open_d90
  FROM entries
  GROUP BY month_no
)
SELECT
  scope,
  store,
  month_no,
  accounts,
  principal,
  CASE WHEN open_d30 = 0 AND principal > 0 THEN paid_d30 / principal END AS d30,
  CASE WHEN open_d60 = 0 AND principal > 0 THEN paid_d60 / principal END AS d60,
  CASE WHEN open_d90 = 0 AND principal > 0 THEN paid_d90 / principal END AS d90
FROM pooled
