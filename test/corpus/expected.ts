/**
 * What each hostile ledger in test/corpus/ledgers/ (and each one the test generates)
 * must give, run on 2026-11-16: the exit code and, for exit 0, the number of active
 * accounts classified and every flagged row with its column header (as typed in the
 * file) and reason; for exit 2, the substrings stderr must hold.
 *
 * Where SPEC is silent the entry records what the code does today (marked "today:").
 */

/** The reason keys of the ledger reader (`reason.<key>` in src/domain/i18n.ts). */
export type ReasonKey =
  | "no_id"
  | "duplicate_id"
  | "error_value"
  | "formula"
  | "bad_date"
  | "impossible_date"
  | "bad_amount"
  | "bad_number"
  | "blank_required"
  | "negative_principal"
  | "future_oldest_unpaid"
  | "bad_due_day"
  | "negative_dpd"
  | "bad_m1_months";

export interface Flag {
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number;
  /** The column's header as the file has it (line breaks are printed as spaces). */
  column: string;
  reason: ReasonKey;
  /** A substring the line must also hold (the cell's text, a date …). */
  text?: string;
}

export interface Usable {
  exit: 0;
  /** Active accounts in `classify --json` (readable, not settled or written off). */
  good: number;
  flagged: Flag[];
  /** The JSON loan ids, in order, when the case is about ids. */
  ids?: string[];
  /** DPD per loan id, for the date cases. */
  dpd?: Record<string, number>;
  /** Notes said once about the whole ledger (substrings; each must be one stderr line, said exactly once). */
  notes?: string[];
}

export interface Unusable {
  exit: 2;
  /** Substrings stderr must hold (beside the file's path). */
  stderr: string[];
}

export type Expected = Usable | Unusable;

/** The run date of every case. */
export const DATE = "2026-11-16";

const P = "剩余本金";
const O = "最早未还款日";
const ID = "合同编号";
const DUE = "还款日";

const flags = (column: string, reason: ReasonKey, rows: number[]): Flag[] => rows.map((row) => ({ row, column, reason }));
const missing = (field: string, header: string): Unusable => ({ exit: 2, stderr: [`the ledger has no column for ${field}`, header] });

export const EXPECTED: Record<string, Expected> = {
  "basic-good.csv": { exit: 0, good: 3, flagged: [], dpd: { G1: 0, G2: 15, G3: 107 } },
  // Blank lines, comma-only and space-only lines are skipped but still count as rows.
  "blank-rows.csv": { exit: 0, good: 2, flagged: [{ row: 7, column: P, reason: "bad_amount", text: "abc" }], ids: ["B1", "B2"] },
  // Columns with no header (even holding text) are not read.
  "blank-columns.csv": { exit: 0, good: 2, flagged: [{ row: 3, column: P, reason: "bad_amount", text: "oops" }], ids: ["C1", "C3"] },
  "two-line-header.csv": {
    exit: 0,
    good: 1,
    flagged: [{ row: 3, column: "剩余本金\n(元)", reason: "bad_amount", text: "一千" }],
    ids: ["T1"],
  },
  "fullwidth-headers.csv": {
    exit: 0,
    good: 2,
    flagged: [{ row: 3, column: " Outstanding  Principal ", reason: "bad_amount", text: "12,3x" }],
    dpd: { F1: 0, F3: 15 },
  },
  // Every row sharing an id is flagged; a row with another problem still takes part.
  "duplicate-ids.csv": {
    exit: 0,
    good: 2,
    flagged: [
      { row: 2, column: ID, reason: "duplicate_id", text: "rows 2, 4" },
      { row: 4, column: ID, reason: "duplicate_id", text: "rows 2, 4" },
      { row: 5, column: P, reason: "bad_amount", text: "bad" },
      { row: 5, column: ID, reason: "duplicate_id", text: "rows 5, 6" },
      { row: 6, column: ID, reason: "duplicate_id", text: "rows 5, 6" },
    ],
    ids: ["D2", "D4"],
  },
  // Ids are text: leading zeros are kept, "0012" and "00012" are different loans.
  "leading-zero-ids.csv": { exit: 0, good: 3, flagged: [], ids: ["0012", "0013", "00012"] },
  // Ids compare after trimming (" ab1 " is "ab1") but with case ("AB1" is another loan).
  "case-sensitive-ids.csv": { exit: 0, good: 1, flagged: flags(ID, "duplicate_id", [2, 4]), ids: ["AB1"] },
  "text-in-money.csv": {
    exit: 0,
    good: 5,
    flagged: [
      { row: 2, column: P, reason: "bad_amount", text: "abc" },
      { row: 7, column: P, reason: "bad_amount", text: "N/A" },
      { row: 8, column: P, reason: "bad_amount", text: "--" },
      { row: 9, column: P, reason: "bad_amount", text: "一万" },
    ],
    ids: ["M2", "M3", "M4", "M5", "M9"],
  },
  "chinese-numbers.csv": { exit: 0, good: 4, flagged: [] },
  // A negative principal is flagged on a settled row too.
  "negative-principal.csv": { exit: 0, good: 1, flagged: flags(P, "negative_principal", [2, 3, 5]), ids: ["N3"] },
  // today: no upper bound — 1e15 written out (and 999,999,999,999,999.99) is accepted; "1e15", "Infinity", "0x10" are not amounts.
  "absurd-principal.csv": {
    exit: 0,
    good: 2,
    flagged: [
      { row: 3, column: P, reason: "bad_amount", text: "1e15" },
      { row: 4, column: P, reason: "bad_amount", text: "Infinity" },
      { row: 6, column: P, reason: "bad_amount", text: "0x10" },
    ],
    ids: ["X1", "X4"],
  },
  // Every SPEC §3 form of 2026-11-01 gives DPD 15; "1/11/2026" is month/day (MDY default): 2026-01-11.
  "dates-spec-forms.csv": {
    exit: 0,
    good: 12,
    flagged: [],
    dpd: { DT1: 15, DT2: 15, DT3: 15, DT4: 15, DT5: 15, DT6: 15, DT7: 15, DT8: 15, DT9: 15, DT10: 15, DT11: 15, DT12: 309 },
  },
  "dates-impossible.csv": {
    exit: 0,
    good: 1,
    flagged: [
      { row: 2, column: O, reason: "impossible_date", text: "2026-02-30" },
      { row: 3, column: O, reason: "bad_date", text: "2026-13-01" },
      { row: 4, column: O, reason: "impossible_date", text: "31/11/2026" },
      { row: 5, column: O, reason: "impossible_date", text: "2026年2月29日" },
      { row: 6, column: O, reason: "impossible_date", text: "20260230" },
      { row: 8, column: O, reason: "bad_date", text: "next monday" },
      { row: 9, column: O, reason: "bad_date", text: "2026-00-10" },
    ],
    dpd: { I6: 991 },
  },
  "dates-future.csv": {
    exit: 0,
    good: 1,
    flagged: [
      { row: 2, column: O, reason: "future_oldest_unpaid", text: "2026-11-17" },
      { row: 3, column: O, reason: "future_oldest_unpaid", text: "2099-01-01" },
      { row: 5, column: O, reason: "future_oldest_unpaid", text: "2199-12-31" },
    ],
    dpd: { FU3: 0 },
  },
  // Serial 18263 (1949-12-31) and bare years are not dates; serial 18264 (1950-01-01) is.
  // today: the TEXT "1949-12-31" is accepted (DPD 28,079, M3+) — see the final report.
  "dates-past.csv": {
    exit: 0,
    good: 2,
    flagged: [
      { row: 2, column: O, reason: "bad_date", text: "18263" },
      { row: 3, column: O, reason: "bad_date", text: "1949" },
      { row: 6, column: O, reason: "bad_date", text: "2026" },
    ],
    dpd: { PA3: 28078, PA4: 28079 },
  },
  "excel-serials.csv": {
    exit: 0,
    good: 3,
    flagged: [
      { row: 4, column: O, reason: "bad_date", text: "109575" },
      { row: 6, column: O, reason: "bad_date", text: "-46327" },
    ],
    dpd: { S1: 15, S2: 15, S4: 0 },
  },
  "dmy-unambiguous.csv": {
    exit: 0,
    good: 2,
    flagged: [{ row: 4, column: O, reason: "bad_date", text: "13/13/2026" }],
    dpd: { DM1: 3, DM2: 3 },
  },
  // Error values flag the row in every column Daihou reads (ids, names, phones, status too); 备注 is not read.
  "error-values.csv": {
    exit: 0,
    good: 1,
    flagged: [
      { row: 2, column: P, reason: "error_value", text: "#N/A" },
      { row: 3, column: ID, reason: "error_value", text: "#REF!" },
      { row: 4, column: "客户姓名", reason: "error_value", text: "#VALUE!" },
      { row: 5, column: "手机号码", reason: "error_value", text: "#DIV/0!" },
      { row: 6, column: O, reason: "error_value", text: "#NAME?" },
      { row: 8, column: DUE, reason: "error_value", text: "#NUM!" },
      { row: 9, column: "状态", reason: "error_value", text: "#NULL!" },
    ],
    ids: ["E6"],
  },
  // A formula as text in a money or date column is flagged as a formula; as a name it is the name,
  // as a phone it is no number. today: in the due day column it is "not a whole number".
  "formulas-as-text.csv": {
    exit: 0,
    good: 2,
    flagged: [
      { row: 2, column: P, reason: "formula", text: "=SUM(A1)" },
      { row: 3, column: O, reason: "formula", text: "=TODAY()" },
      { row: 6, column: DUE, reason: "bad_number", text: "=DAY(A1)" },
    ],
    ids: ["FX3", "FX4"],
  },
  "long-text.csv": { exit: 0, good: 1, flagged: [{ row: 3, column: P, reason: "bad_amount" }], ids: ["L1"] },
  "emoji-rtl-names.csv": { exit: 0, good: 5, flagged: [], ids: ["U1", "U2", "U3", "U4", "U5😀"] },
  // Spaces, dashes, brackets, +86 / 0086; a phone with no usable number is no number, not a problem.
  "phones.csv": { exit: 0, good: 5, flagged: [], dpd: { PH1: 15, PH2: 15, PH3: 0 } },
  "missing-loan-id.csv": missing("loan id", "Contract No"),
  "missing-customer.csv": missing("customer", "客户姓名"),
  "missing-principal.csv": missing("outstanding principal", "Outstanding principal"),
  "missing-oldest-or-dpd.csv": missing("oldest unpaid due date (最早未还款日) or days past due", "逾期天数"),
  // SPEC §3 (issue 15): a ledger without a due day or next due date is still classified and its collection
  // work scheduled; what needs the due day is left out and said once (a note, not a flagged row).
  "missing-due.csv": {
    exit: 0,
    good: 1,
    flagged: [],
    ids: ["R1"],
    notes: [
      "no due day (还款日), next due date or disbursement date column: reminders, confirmations, first-installment reminders, welcome calls and C-M1 by due day are left out",
    ],
  },
  "missing-all.csv": {
    exit: 2,
    stderr: ["no column for loan id", "no column for customer", "no column for outstanding principal", "no column for oldest unpaid"],
  },
  "one-row.csv": { exit: 0, good: 1, flagged: [], ids: ["ONE"] },
  "header-only.csv": { exit: 0, good: 0, flagged: [] },
  "header-only-no-newline.csv": { exit: 0, good: 0, flagged: [] },
  "bom-crlf.csv": { exit: 0, good: 2, flagged: [{ row: 3, column: O, reason: "bad_date", text: "2026/11/40" }], dpd: { BC1: 0, BC3: 76 } },
  "bom-only.csv": { exit: 2, stderr: ["the file is empty"] },
  "empty.csv": { exit: 2, stderr: ["the file is empty"] },
  "whitespace-only.csv": { exit: 2, stderr: ["the file is empty"] },
  "unclosed-quote.csv": { exit: 2, stderr: ["never closed"] },
  // A DPD column only: used as stated; negative, text and fractions are flagged.
  "dpd-column.csv": {
    exit: 0,
    good: 3,
    flagged: [
      { row: 3, column: "逾期天数", reason: "negative_dpd", text: "-3" },
      { row: 4, column: "逾期天数", reason: "bad_number", text: "abc" },
      { row: 7, column: "逾期天数", reason: "bad_number", text: "2.5" },
    ],
    dpd: { DP1: 5, DP4: 0, DP5: 95 },
  },
  "next-due-date.csv": {
    exit: 0,
    good: 2,
    flagged: [
      { row: 3, column: "Next due date", reason: "impossible_date", text: "2026-11-31" },
      { row: 4, column: "Next due date", reason: "bad_date", text: "soon" },
    ],
    ids: ["ND1", "ND4"],
  },
  "due-day-bad.csv": {
    exit: 0,
    good: 4,
    flagged: [
      { row: 2, column: DUE, reason: "bad_due_day", text: "0" },
      { row: 3, column: DUE, reason: "bad_due_day", text: "32" },
      { row: 7, column: DUE, reason: "bad_number", text: "x" },
    ],
    ids: ["DD3", "DD4", "DD5", "DD7"],
  },
  // Settled / written-off rows (blank principal allowed) and principal 0 are not active; blank principal on an active row is flagged.
  "status-words.csv": { exit: 0, good: 1, flagged: [{ row: 6, column: P, reason: "blank_required" }], dpd: { ST7: 46 } },
  "m1-entries.csv": {
    exit: 0,
    good: 3,
    flagged: [
      { row: 2, column: "近三月入M1次数", reason: "bad_m1_months", text: "4" },
      { row: 3, column: "近三月入M1次数", reason: "bad_number", text: "x" },
      { row: 5, column: "近三月入M1次数", reason: "bad_m1_months", text: "-1" },
    ],
    ids: ["ME3", "ME5", "ME6"],
  },
  "english-headers.csv": { exit: 0, good: 4, flagged: [], dpd: { EN1: 0, EN2: 45, EN3: 200, EN5: 0 } },
  "unit-in-header.csv": { exit: 0, good: 1, flagged: [{ row: 3, column: "剩余本金(元)", reason: "bad_amount", text: "x" }], ids: ["UH1"] },
  "no-id.csv": { exit: 0, good: 1, flagged: flags(ID, "no_id", [2, 3]), ids: ["NI3"] },
  // Quoted commas, doubled quotes and a line break inside a name are one cell; "1,2,3" reads as 123 (today).
  "quoted-commas.csv": { exit: 0, good: 3, flagged: [] },
  // Short rows are padded with blanks, long rows keep their extra cells.
  "ragged-rows.csv": { exit: 0, good: 3, flagged: [{ row: 3, column: P, reason: "blank_required" }], ids: ["RG1", "RG3", "RG4"] },
  "zero-width-header.csv": { exit: 0, good: 1, flagged: [] },
  // The first of two columns with the same header is read; the second is ignored.
  "duplicate-header-columns.csv": { exit: 0, good: 1, flagged: [{ row: 3, column: P, reason: "bad_amount", text: "bad" }], ids: ["DH1"] },

  // ---- generated at test time (not committed)
  "typed.xlsx": {
    exit: 0,
    good: 8,
    flagged: [
      { row: 3, column: P, reason: "negative_principal", text: "-5" },
      { row: 4, column: P, reason: "bad_amount", text: "true" },
      { row: 5, column: P, reason: "error_value", text: "#N/A" },
      { row: 7, column: P, reason: "formula", text: "=SUM(A1)" },
      { row: 11, column: O, reason: "future_oldest_unpaid", text: "2026-12-01" },
    ],
    ids: ["X1", "X6", "X8", "X9", "12", "0013", "X14", "X15"],
    dpd: { X1: 15, X9: 15, X8: 28079 },
  },
  "blank-rows.xlsx": {
    exit: 0,
    good: 2,
    flagged: [{ row: 5, column: "剩余本金\n(元)", reason: "bad_amount", text: "abc" }],
    ids: ["Y1", "Y2"],
  },
  "missing-principal.xlsx": missing("outstanding principal", "剩余本金"),
  "big-100k.csv": {
    exit: 0,
    good: 100_000 - 7,
    flagged: [
      { row: 1_000, column: P, reason: "bad_amount", text: "abc" },
      { row: 25_000, column: O, reason: "impossible_date", text: "2026-02-30" },
      { row: 50_001, column: ID, reason: "error_value", text: "#N/A" },
      { row: 60_000, column: ID, reason: "duplicate_id", text: "rows 60000, 90000" },
      { row: 77_777, column: O, reason: "future_oldest_unpaid", text: "2027-01-01" },
      { row: 90_000, column: ID, reason: "duplicate_id", text: "rows 60000, 90000" },
      { row: 100_001, column: P, reason: "negative_principal", text: "-1" },
    ],
  },
};

/** Cases the test writes into a temporary folder (xlsx files and the 100,000-row ledger). */
export const GENERATED = ["typed.xlsx", "blank-rows.xlsx", "missing-principal.xlsx", "big-100k.csv"];
