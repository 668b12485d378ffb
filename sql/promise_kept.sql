-- The promise-kept rate, SPEC §6: PTPs made in the month that were kept ÷ PTPs made in the month
-- whose date has passed (judged kept, partial or broken from the history; pending ones are left
-- out), for the store and per collector (staff). Null when none has passed.
-- Chain: Σ kept ÷ Σ judged over every store; per collector within its store (staff names are a
-- store's own: the chain keeps them apart by store).
WITH ptps AS (
  SELECT
    store,
    month_no,
    staff,
    SUM(CASE WHEN ptp_status = 'kept' THEN 1 ELSE 0 END) AS kept,
    SUM(CASE WHEN ptp_status IN ('kept', 'partial', 'broken') THEN 1 ELSE 0 END) AS judged,
    COUNT(*) AS made
  FROM contacts
  WHERE outcome = 'ptp' AND is_dial
  GROUP BY store, month_no, staff
),
pooled AS (
  SELECT 'collector' AS scope, store, month_no, staff, kept, judged, made
  FROM ptps
  UNION ALL
  SELECT 'store' AS scope, store, month_no, NULL AS staff, SUM(kept) AS kept, SUM(judged) AS judged, SUM(made) AS made
  FROM ptps
  GROUP BY store, month_no
  UNION ALL
  SELECT 'chain' AS scope, NULL AS store, month_no, NULL AS staff, SUM(kept) AS kept, SUM(judged) AS judged, SUM(made) AS made
  FROM ptps
  GROUP BY month_no
)
SELECT scope, store, month_no, staff, kept, judged, made, CASE WHEN judged > 0 THEN kept / judged END AS rate
FROM pooled
