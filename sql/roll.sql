-- The roll matrix, SPEC §6: rows the bucket at E′ (C, M1, M2, M3, M3+), columns the bucket at E,
-- settled (principal 0, or gone from the ledger by E) or written_off; each cell a count and
-- Σ principal at E′. Only cells with accounts are returned (the others are 0).
-- ends_known = 0: the history cannot tell a state at E′ or E; the matrix is then null.
-- Chain: cells summed over the stores that take part in the month; null when any has ends_known = 0.
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
moves AS (
  SELECT
    store,
    month_no,
    state_prev_end AS from_bucket,
    CASE WHEN state_end IS NULL OR state_end = 'none' THEN 'settled' ELSE state_end END AS to_state,
    principal_prev_end AS principal
  FROM account_months
  WHERE state_prev_end IN ('C', 'M1', 'M2', 'M3', 'M3+')
),
cells AS (
  SELECT store, month_no, from_bucket, to_state, COUNT(*) AS accounts, SUM(principal) AS principal
  FROM moves
  GROUP BY store, month_no, from_bucket, to_state
),
chain_known AS (
  SELECT month_no, MIN(ends_known) AS ends_known
  FROM known
  WHERE takes_part
  GROUP BY month_no
)
SELECT 'store' AS scope, c.store, c.month_no, k.ends_known, c.from_bucket, c.to_state, c.accounts, c.principal
FROM cells AS c
JOIN known AS k ON k.store = c.store AND k.month_no = c.month_no
UNION ALL
SELECT 'chain' AS scope, NULL AS store, c.month_no, ck.ends_known, c.from_bucket, c.to_state, SUM(c.accounts) AS accounts, SUM(c.principal) AS principal
FROM cells AS c
JOIN known AS k ON k.store = c.store AND k.month_no = c.month_no
JOIN chain_known AS ck ON ck.month_no = c.month_no
WHERE k.takes_part
GROUP BY c.month_no, ck.ends_known, c.from_bucket, c.to_state
