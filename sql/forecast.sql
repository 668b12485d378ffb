-- The forecast of month M+1 from month M, SPEC §6: n̂(X) = Σ_b n_E(b) · r(b→X), where n_E(b) is the
-- number of active accounts in bucket b at E and r(b→X) = roll[b][X].count ÷ Σ_X′ roll[b][X′].count
-- (0 when the row is empty); forecast M1%(#) = n̂(M1) ÷ Σ_b n_E(b), M2%(#) and M3+%(#) (M3 and M3+)
-- likewise. The amount forms use principal at E and roll[b][X].principal in the same way.
-- Null when the roll matrix is (ends_known = 0) or nothing is active at E.
-- Chain: Σ over stores of n̂(X) ÷ Σ over stores of Σ_b n_E(b) (each store with its own roll rates).
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
roll_rows AS (
  SELECT
    store,
    month_no,
    from_bucket,
    COUNT(*) AS row_count,
    SUM(principal) AS row_principal,
    SUM(CASE WHEN to_state = 'M1' THEN 1 ELSE 0 END) AS to_m1_count,
    SUM(CASE WHEN to_state = 'M2' THEN 1 ELSE 0 END) AS to_m2_count,
    SUM(CASE WHEN to_state IN ('M3', 'M3+') THEN 1 ELSE 0 END) AS to_m3plus_count,
    SUM(CASE WHEN to_state = 'M1' THEN principal ELSE 0 END) AS to_m1_principal,
    SUM(CASE WHEN to_state = 'M2' THEN principal ELSE 0 END) AS to_m2_principal,
    SUM(CASE WHEN to_state IN ('M3', 'M3+') THEN principal ELSE 0 END) AS to_m3plus_principal
  FROM moves
  GROUP BY store, month_no, from_bucket
),
at_end AS (
  SELECT store, month_no, state_end AS bucket, COUNT(*) AS accounts, SUM(principal_end) AS principal
  FROM account_months
  WHERE state_end IN ('C', 'M1', 'M2', 'M3', 'M3+')
  GROUP BY store, month_no, state_end
),
per_store AS (
  SELECT
    k.store,
    k.month_no,
    k.takes_part,
    k.ends_known,
    COALESCE(SUM(e.accounts), 0) AS end_count,
    COALESCE(SUM(e.principal), 0) AS end_amount,
    COALESCE(SUM(CASE WHEN r.row_count > 0 THEN e.accounts * r.to_m1_count / r.row_count ELSE 0 END), 0) AS m1_count,
    COALESCE(SUM(CASE WHEN r.row_count > 0 THEN e.accounts * r.to_m2_count / r.row_count ELSE 0 END), 0) AS m2_count,
    COALESCE(SUM(CASE WHEN r.row_count > 0 THEN e.accounts * r.to_m3plus_count / r.row_count ELSE 0 END), 0) AS m3plus_count,
    COALESCE(SUM(CASE WHEN r.row_principal > 0 THEN e.principal * r.to_m1_principal / r.row_principal ELSE 0 END), 0) AS m1_amount,
    COALESCE(SUM(CASE WHEN r.row_principal > 0 THEN e.principal * r.to_m2_principal / r.row_principal ELSE 0 END), 0) AS m2_amount,
    COALESCE(SUM(CASE WHEN r.row_principal > 0 THEN e.principal * r.to_m3plus_principal / r.row_principal ELSE 0 END), 0) AS m3plus_amount
  FROM known AS k
  LEFT JOIN at_end AS e ON e.store = k.store AND e.month_no = k.month_no
  LEFT JOIN roll_rows AS r ON r.store = e.store AND r.month_no = e.month_no AND r.from_bucket = e.bucket
  GROUP BY k.store, k.month_no, k.takes_part, k.ends_known
),
pooled AS (
  SELECT 'store' AS scope, store, month_no, ends_known, end_count, end_amount, m1_count, m2_count, m3plus_count, m1_amount, m2_amount, m3plus_amount
  FROM per_store
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, month_no, MIN(ends_known) AS ends_known, SUM(end_count) AS end_count, SUM(end_amount) AS end_amount,
    SUM(m1_count) AS m1_count, SUM(m2_count) AS m2_count, SUM(m3plus_count) AS m3plus_count,
    SUM(m1_amount) AS m1_amount, SUM(m2_amount) AS m2_amount, SUM(m3plus_amount) AS m3plus_amount
  FROM per_store
  WHERE takes_part
  GROUP BY month_no
)
SELECT
  scope,
  store,
  month_no,
  ends_known,
  end_count,
  end_amount,
  CASE WHEN ends_known = 1 AND end_amount > 0 THEN m1_amount / end_amount END AS m1_ratio_amount,
  CASE WHEN ends_known = 1 AND end_count > 0 THEN m1_count / end_count END AS m1_ratio_count,
  CASE WHEN ends_known = 1 AND end_amount > 0 THEN m2_amount / end_amount END AS m2_ratio_amount,
  CASE WHEN ends_known = 1 AND end_count > 0 THEN m2_count / end_count END AS m2_ratio_count,
  CASE WHEN ends_known = 1 AND end_amount > 0 THEN m3plus_amount / end_amount END AS m3plus_ratio_amount,
  CASE WHEN ends_known = 1 AND end_count > 0 THEN m3plus_count / end_count END AS m3plus_ratio_count
FROM pooled
