/**
 * The active accounts of fixtures/ledger-mixed.csv on 2026-11-14, worked out by
 * hand (DPD = days from the oldest unpaid due date to 2026-11-14; M1 1–30, M2 31–60, M3 61–90,
 * M3+ 91 and over).
 */
export const AS_OF = "2026-11-14";

export const EXPECTED_MIXED = [
  { loan_id: "HT001", dpd: 0, bucket: "C", class: "A" }, // nothing unpaid; 近三月入M1次数 0
  { loan_id: "HT002", dpd: 13, bucket: "M1", class: null }, // 2026/11/1: 14 − 1
  { loan_id: "HT003", dpd: 44, bucket: "M2", class: null }, // 2026年10月1日: (31 − 1) in October + 14
  { loan_id: "HT004", dpd: 74, bucket: "M3", class: null }, // 2026-09-01: (30 − 1) + 31 + 14
  { loan_id: "HT005", dpd: 90, bucket: "M3", class: null }, // 2026-08-16: (31 − 16) + 30 + 31 + 14 = 90, the last DPD of M3
  { loan_id: "HT006", dpd: 91, bucket: "M3+", class: null }, // 2026-08-15: (31 − 15) + 30 + 31 + 14 = 91
  { loan_id: "HT007", dpd: 0, bucket: "C", class: "B" }, // due today, unpaid: DPD 0 at the end of the day; one M1 month
  { loan_id: "HT008", dpd: 1, bucket: "M1", class: null }, // due yesterday
  // HT009 settled, HT010 written off, HT011 principal 0: left out
  { loan_id: "HT012", dpd: 0, bucket: "C", class: "NEW" }, // status blank = active; first due 2026-12-01 is after t
  { loan_id: "HT013", dpd: 29, bucket: "M1", class: null }, // 2026-10-16: (31 − 16) + 14
  { loan_id: "HT014", dpd: 0, bucket: "C", class: "C" }, // two M1 months
  { loan_id: "HT015", dpd: 31, bucket: "M2", class: null }, // 10/14/2026: (31 − 14) + 14 = 31, the first DPD of M2
  { loan_id: "007788", dpd: 0, bucket: "C", class: "A" }, // leading zeros kept; no M1 column value, no history: A, provisional
  { loan_id: "HT017", dpd: 0, bucket: "C", class: "NEW" }, // disbursed 2026-11-05: first due = first 16th ≥ 11-20 = 2026-12-16
  { loan_id: "HT018", dpd: 13, bucket: "M1", class: null }, // 2026-11-01: 14 − 1; principal in full-width digits
];
