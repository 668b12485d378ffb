-- The cure rate, SPEC §6: of the accounts in M1 at E′, the share back in C or settled at E
-- (= ONE ÷ all; gone from the ledger counts as settled); the same for M2; self-cure: the share of
-- the accounts in M1 at E′ that cured with no reached contact (a dial answered: promise, says paid,
-- hardship) in the contact log during the month. Null when the history cannot tell a state at E′
-- or E (ends_known = 0) or nobody was in the bucket at E′; self-cure also when the store keeps
-- no contact log. Chain: Σ cured ÷ Σ in the bucket over the stores that take part in the month.
WITH known AS (
  SELECT
    m.store,
    m.month_no,
    m.takes_part,
    CASE WHEN m.prev_end_covered AND m.end_covered AND COALESCE(u.unknown_accounts, 0) = 0 THEN 1 ELSE 0 END AS ends_known,
    CASE WHEN s.has_contact_log THEN 1 ELSE 0 END AS has_log
  FROM store_months AS m
  JOIN stores AS s ON s.store = m.store
  LEFT JOIN (
    SELECT store, month_no, SUM(CASE WHEN state_prev_end = 'unknown' OR state_end = 'unknown' THEN 1 ELSE 0 END) AS unknown_accounts
    FROM account_months
    GROUP BY store, month_no
  ) AS u ON u.store = m.store AND u.month_no = m.month_no
),
reached AS (
  SELECT DISTINCT store, month_no, loan_id
  FROM contacts
  WHERE reached
),
moves AS (
  SELECT
    a.store,
    a.month_no,
    a.state_prev_end AS from_bucket,
    CASE WHEN a.state_end IN ('C', 'settled', 'none') OR a.state_end IS NULL THEN 1 ELSE 0 END AS cured,
    CASE WHEN r.loan_id IS NULL THEN 1 ELSE 0 END AS not_reached
  FROM account_months AS a
  LEFT JOIN reached AS r ON r.store = a.store AND r.month_no = a.month_no AND r.loan_id = a.loan_id
  WHERE a.state_prev_end IN ('M1', 'M2')
),
per_store AS (
  SELECT
    k.store,
    k.month_no,
    k.takes_part,
    k.ends_known,
    k.has_log,
    COALESCE(SUM(CASE WHEN v.from_bucket = 'M1' THEN 1 ELSE 0 END), 0) AS m1_accounts,
    COALESCE(SUM(CASE WHEN v.from_bucket = 'M1' THEN v.cured ELSE 0 END), 0) AS m1_cured,
    COALESCE(SUM(CASE WHEN v.from_bucket = 'M1' THEN v.cured * v.not_reached ELSE 0 END), 0) AS m1_self_cured,
    COALESCE(SUM(CASE WHEN v.from_bucket = 'M2' THEN 1 ELSE 0 END), 0) AS m2_accounts,
    COALESCE(SUM(CASE WHEN v.from_bucket = 'M2' THEN v.cured ELSE 0 END), 0) AS m2_cured
  FROM known AS k
  LEFT JOIN moves AS v ON v.store = k.store AND v.month_no = k.month_no
  GROUP BY k.store, k.month_no, k.takes_part, k.ends_known, k.has_log
),
pooled AS (
  SELECT 'store' AS scope, store, month_no, ends_known, has_log, m1_accounts, m1_cured, m1_self_cured, m2_accounts, m2_cured
  FROM per_store
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, month_no, MIN(ends_known) AS ends_known, MIN(has_log) AS has_log,
    SUM(m1_accounts) AS m1_accounts, SUM(m1_cured) AS m1_cured, SUM(m1_self_cured) AS m1_self_cured,
    SUM(m2_accounts) AS m2_accounts, SUM(m2_cured) AS m2_cured
  FROM per_store
  WHERE takes_part
  GROUP BY month_no
)
SELECT
  scope,
  store,
  month_no,
  ends_known,
  m1_accounts,
  m1_cured,
  m1_self_cured,
  m2_accounts,
  m2_cured,
  CASE WHEN ends_known = 1 AND m1_accounts > 0 THEN m1_cured / m1_accounts END AS m1,
  CASE WHEN ends_known = 1 AND m2_accounts > 0 THEN m2_cured / m2_accounts END AS m2,
  CASE WHEN ends_known = 1 AND has_log = 1 AND m1_accounts > 0 THEN m1_self_cured / m1_accounts END AS self_cure_m1
FROM pooled
