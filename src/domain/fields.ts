/**
 * The ledger's fields and the headers a store may use for them (SPEC §3), and
 * the mapping from a header row to fields.
 */

/** A field Daihou reads from the store's ledger. */
export type FieldKey =
  | "loan_id"
  | "customer"
  | "mobile"
  | "work_phone"
  | "home_phone"
  | "outstanding_principal"
  | "oldest_unpaid_due_date"
  | "dpd"
  | "due_day"
  | "next_due_date"
  | "installment"
  | "overdue_amount"
  | "disbursed_on"
  | "first_due_date"
  | "status"
  | "manager"
  | "collector"
  | "preferred_time"
  | "m1_entries_3m"
  // A repayment schedule's (还款计划) own fields: one row per installment (SPEC §3).
  | "installment_no"
  | "due_date"
  | "amount_due"
  | "principal_due"
  | "amount_paid"
  | "installment_status";

/** Header synonyms per field, in the store's words (Chinese first, then English). */
export const FIELD_HEADERS: Record<FieldKey, readonly string[]> = {
  loan_id: ["合同编号", "合同号", "借款编号", "贷款编号", "借据号", "借据编号", "Loan ID", "Contract No", "Contract Number", "Loan No"],
  customer: ["客户姓名", "姓名", "借款人", "借款人姓名", "客户名称", "Customer", "Name", "Customer Name", "Borrower"],
  mobile: ["手机号码", "手机", "手机号", "移动电话", "Mobile", "Mobile Phone", "Cell Phone"],
  work_phone: ["单位电话", "公司电话", "办公电话", "Work phone", "Office Phone"],
  home_phone: ["家庭电话", "住宅电话", "家里电话", "Home phone"],
  outstanding_principal: ["剩余本金", "未还本金", "贷款余额", "本金余额", "Outstanding principal", "Principal Outstanding"],
  oldest_unpaid_due_date: ["最早未还款日", "最早未还款日期", "最早未还日期", "Oldest unpaid due date"],
  dpd: ["逾期天数", "DPD", "Days past due"],
  due_day: ["还款日", "每月还款日", "Due day", "Repayment Day"],
  next_due_date: ["下期还款日", "下次还款日", "下期还款日期", "Next due date"],
  installment: ["每期还款额", "月还款额", "期供", "月供", "Installment", "Monthly Payment"],
  overdue_amount: ["逾期金额", "应还未还金额", "拖欠金额", "逾期总额", "Overdue amount", "Amount past due"],
  disbursed_on: ["放款日期", "放款日", "Disbursed on", "Disbursement Date"],
  first_due_date: ["首期还款日", "首次还款日", "首期还款日期", "First due date"],
  status: ["状态", "账户状态", "贷款状态", "Status"],
  manager: ["客户经理", "Account manager"],
  collector: ["催收员", "贷后专员", "催收专员", "Collector"],
  preferred_time: ["方便联系时间", "Preferred contact time"],
  m1_entries_3m: ["近三月入M1次数", "M1 months (last 3)"],
  installment_no: ["期数", "期次", "还款期数", "当前期数", "Installment no.", "Installment no", "Installment number"],
  due_date: ["应还日期", "还款日期", "应还款日期", "到期日", "Due date", "Installment due date"],
  amount_due: ["应还金额", "应还总额", "本期应还", "Amount due"],
  principal_due: ["应还本金", "本期本金", "Principal due"],
  amount_paid: ["已还金额", "实还金额", "已还总额", "Amount paid", "Paid amount"],
  installment_status: ["还款状态", "本期状态", "Repayment status", "Installment status"],
};

/** The fields only a repayment schedule has. */
export const SCHEDULE_FIELDS: readonly FieldKey[] = [
  "installment_no",
  "due_date",
  "amount_due",
  "principal_due",
  "amount_paid",
  "installment_status",
];

/** The order fields are listed in (messages, settings). */
export const FIELD_KEYS = Object.keys(FIELD_HEADERS) as FieldKey[];

/**
 * Required fields of a ledger; each inner list is "one of these". A due day or
 * next due date is not required (SPEC §3): without one, what needs it is left out.
 */
export const REQUIRED_FIELDS: readonly (readonly FieldKey[])[] = [
  ["loan_id"],
  ["customer"],
  ["outstanding_principal"],
  ["oldest_unpaid_due_date", "dpd"],
];

/** Required fields of a repayment schedule: what paid or not comes from the amount paid or the status. */
export const SCHEDULE_REQUIRED_FIELDS: readonly (readonly FieldKey[])[] = [
  ["loan_id"],
  ["customer"],
  ["installment_no"],
  ["due_date"],
  ["amount_due"],
  ["principal_due"],
  ["amount_paid", "installment_status"],
];

/** The two shapes of input Daihou reads: one row per loan, or one row per installment (还款计划). */
export type TableShape = "ledger" | "schedule";

/** Header text normalised for matching: full-width forms folded (NFKC), case, spaces, `_` and `-` ignored. */
export function normalizeHeader(text: unknown): string {
  return String(text ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-\u200b\ufeff]+/g, "");
}

/** The same without a trailing unit in brackets: `剩余本金(元)` → `剩余本金`. */
function withoutUnit(norm: string): string {
  return norm.replace(/[([【][^)\]】]*[)\]】]$/, "");
}

const SYNONYM_INDEX: Map<string, FieldKey> = (() => {
  const index = new Map<string, FieldKey>();
  for (const key of FIELD_KEYS) for (const h of FIELD_HEADERS[key]) index.set(normalizeHeader(h), key);
  return index;
})();

/** Which column (0-based) holds each field; absent fields are missing. */
export type ColumnMap = Partial<Record<FieldKey, number>>;

/** A required field the header row does not have. */
export interface MissingField {
  fields: FieldKey[];
  lookedFor: string[];
}

/** The result of reading a header row. */
export interface HeaderMapping {
  columns: ColumnMap;
  missing: MissingField[];
  /** Header text per column, as the store typed it. */
  headers: string[];
  /** A schedule when the header names an installment number and a due date (SPEC §3). */
  shape: TableShape;
}

/**
 * Maps a header row to fields by synonym; `overrides` (field → header text, from
 * Settings) win over synonyms. The first matching column wins.
 */
export function mapHeaders(headerRow: readonly unknown[], overrides: Partial<Record<FieldKey, string>> = {}): HeaderMapping {
  const headers = headerRow.map((h) => (h == null ? "" : String(h)));
  const norms = headers.map(normalizeHeader);
  const columns: ColumnMap = {};
  const taken = new Set<number>();
  for (const key of FIELD_KEYS) {
    const want = overrides[key];
    if (want == null || want === "") continue;
    const i = norms.indexOf(normalizeHeader(want));
    if (i >= 0) {
      columns[key] = i;
      taken.add(i);
    }
  }
  for (const pass of [0, 1]) {
    norms.forEach((norm, i) => {
      if (taken.has(i) || norm === "") return;
      const key = SYNONYM_INDEX.get(pass === 0 ? norm : withoutUnit(norm));
      if (key && columns[key] === undefined) {
        columns[key] = i;
        taken.add(i);
      }
    });
  }
  const shape: TableShape = columns.installment_no !== undefined && columns.due_date !== undefined ? "schedule" : "ledger";
  const missing: MissingField[] = [];
  for (const group of shape === "schedule" ? SCHEDULE_REQUIRED_FIELDS : REQUIRED_FIELDS) {
    if (group.some((f) => columns[f] !== undefined)) continue;
    missing.push({
      fields: [...group],
      lookedFor: group.flatMap((f) => (overrides[f] ? [overrides[f] as string, ...FIELD_HEADERS[f]] : [...FIELD_HEADERS[f]])),
    });
  }
  return { columns, missing, headers, shape };
}

/** How many rows from the top may hold the header (SPEC §3: title rows above it). */
export const HEADER_SEARCH_ROWS = 10;

/** How many cells of a row name a known field (by synonym or by a Settings override). */
export function knownFieldCount(row: readonly unknown[], overrides: Partial<Record<FieldKey, string>> = {}): number {
  const wanted = new Set(
    Object.values(overrides)
      .filter((h): h is string => typeof h === "string" && h !== "")
      .map(normalizeHeader),
  );
  let n = 0;
  for (const cell of row) {
    const norm = normalizeHeader(cell);
    if (norm === "") continue;
    if (SYNONYM_INDEX.has(norm) || SYNONYM_INDEX.has(withoutUnit(norm)) || wanted.has(norm)) n++;
  }
  return n;
}

/**
 * The header row's index (0-based) among a sheet's rows: the row Settings names
 * (1-based `headerRow`, when it is given and within the sheet), else the row among
 * the first ten naming the most known fields (the first such on a tie; row 1 when none names any).
 */
export function findHeaderRow(
  rowAt: (i: number) => readonly unknown[] | undefined,
  overrides: Partial<Record<FieldKey, string>> = {},
  headerRow = 0,
): number {
  if (headerRow >= 1 && rowAt(headerRow - 1) !== undefined) return headerRow - 1;
  let best = 0;
  let most = 0;
  for (let i = 0; i < HEADER_SEARCH_ROWS; i++) {
    const row = rowAt(i);
    if (row === undefined) break;
    const n = knownFieldCount(row, overrides);
    if (n > most) {
      best = i;
      most = n;
    }
  }
  return best;
}

/** Words a totals row (合计行) starts with (SPEC §3), normalised. */
const TOTALS_WORDS = /^(合计|小计|总计|总合计|共计|total|totals|subtotal|grandtotal)[:：]?$/;

/** True when a cell's text says "totals" (合计, 小计, 总计, Total …). */
export function isTotalsText(cell: unknown): boolean {
  if (typeof cell !== "string") return false;
  return TOTALS_WORDS.test(normalizeHeader(cell));
}
