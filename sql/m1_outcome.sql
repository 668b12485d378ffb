-- The M1 outcome, SPEC §6: of the accounts in M1 at E′, ONE back to C or settled at E (gone from
-- the ledger counts as settled), TWO still in M1, THREE in M2 or worse or written off.
-- Null (ends_known = 0) when the history cannot tell a state at E′ or E.
-- Chain: counts summed over the stores that take part in the month; null when any has ends_known = 0.
WITH known AS (
  SELECT
    m.store,
    m.month_no,
    m.takes_part,
    CASE WHEN m.prev_end_covered AND m.end_covered AND COALESCE(u.unknown_accounts, 0) = 0 THEN 1 ELSE 0 END AS ends_known
  FROM store_months AS m
  LEFT JOIN (
    SELECT store, month_no, SUM(CASE WHEN state_prev_end = 'unknown' OR state_end = 'unknown' THEN 1 ELSE 0 END) AS unknown_accounts
    FROM account_months
    GROUP BY store, month_no
  ) AS u ON u.store = m.store AND u.month_no = m.month_no
),
outcomes AS (
  SELECT
    store,
    month_no,
    SUM(CASE WHEN state_end IN ('C', 'settled', 'none') OR state_end IS NULL THEN 1 ELSE 0 END) AS one,
    SUM(CASE WHEN state_end = 'M1' THEN 1 ELSE 0 END) AS two,
    SUM(CASE WHEN state_end IN ('M2', 'M3', 'M3+', 'written_off') THEN 1 ELSE 0 END) AS three
  FROM account_months
  WHERE state_prev_end = 'M1'
  GROUP BY store, month_no
),
per_store AS (
  SELECT k.store, k.month_no, k.takes_part, k.ends_known, COALESCE(o.one, 0) AS one, COALESCE(o.two, 0) AS two, COALESCE(o.three, 0) AS three
  FROM known AS k
  LEFT JOIN outcomes AS o ON o.store = k.store AND o.month_no = k.month_no
)
SELECT 'store' AS scope, store, month_no, ends_known, one, two, three
FROM per_store
UNION ALL
SELECT 'chain' AS scope, NULL AS store, month_no, MIN(ends_known) AS ends_known, SUM(one) AS one, SUM(two) AS two, SUM(three) AS three
FROM per_store
WHERE takes_part
GROUP BY month_no
