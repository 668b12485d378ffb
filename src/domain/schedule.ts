/**
 * A repayment schedule (还款计划) rolled up per loan (SPEC §3): one row per
 * installment in, one account per loan out, every figure then as from a ledger.
 *
 * Rows are taken one at a time and only running figures are kept per loan (never
 * the installment rows themselves), so a 200,000-row schedule costs little more
 * than its loans.
 */
import { cents } from "./cells";
import type { Cell, CellContext } from "./cells";
import { type Day, ymd } from "./days";
import { FIELD_KEYS, type FieldKey, type HeaderMapping } from "./fields";
import type { MessageKey } from "./i18n";
import type { Account } from "./ledger";
import { type LedgerStatus, readStatus } from "./ledgerStatus";
import { problem, type RowProblem, RowReader, type Slot } from "./rowReader";

/** Something said once about the table as a whole (not a bad row): the CLI prints it, a run's summary shows it. */
export interface LedgerNote {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** The running figures of one loan while its installment rows are read. */
interface LoanRollUp {
  account: Account;
  /** Every row of the loan, its first row first (Daihou colours them all). */
  rows: number[];
  /** Installment numbers seen, with their rows. */
  numbers: Map<number, number[]>;
  badRows: number[];
  disagreeNoted: boolean;
  principalLeft: number;
  overdue: number;
  /** Earliest due date of an installment not fully paid (any date), and its amount due. */
  earliestUnpaid: Day;
  earliestUnpaidAmount: number;
  /** Earliest due date on or after t of an installment not fully paid, and its amount due. */
  nextUnpaid: Day;
  nextUnpaidAmount: number;
  firstInstallmentDue: Day | null;
  earliestDue: Day;
  dueDay: number;
}

/** Installment statuses that say "paid in full" when no amount paid is given. */
const PAID_WORDS = new Set(["已还", "已还款", "已结清", "结清", "正常还款", "提前还款", "已付", "paid", "settled", "paidoff"]);

function saysPaid(text: string): boolean {
  return PAID_WORDS.has(
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s_-]+/g, ""),
  );
}

/** Customer fields whose installments must agree (the first row's are used). */
const AGREEING: readonly FieldKey[] = ["customer", "mobile", "work_phone", "home_phone"];

/** What rolling up a schedule gives, in the ledger's terms. */
export interface RolledUpSchedule {
  accounts: Account[];
  problems: RowProblem[];
  notes: LedgerNote[];
  /** Each loan's other installment rows, by its first row. */
  loanRows: Map<number, number[]>;
  installmentRows: number;
}

/**
 * Rolls a schedule's installment rows up into accounts as of the end of day
 * `asOf`: `add` each installment row (blank and totals rows are the caller's to
 * pass over), then `finish`.
 */
export class ScheduleRollUp {
  private readonly loans = new Map<string, LoanRollUp>();
  private readonly problems: RowProblem[] = [];
  private readonly notes: LedgerNote[] = [];
  private readonly rowProblems: RowProblem[] = [];
  private readonly reader: RowReader;
  private readonly F: Record<FieldKey, Slot>;
  private readonly firstRowText = new Map<string, string[]>();
  private installmentRows = 0;

  constructor(
    private readonly mapping: HeaderMapping,
    private readonly asOf: Day,
    ctx: CellContext,
  ) {
    this.reader = new RowReader(mapping.headers, this.rowProblems, ctx);
    this.F = Object.fromEntries(FIELD_KEYS.map((field) => [field, { field, col: mapping.columns[field] ?? -1 }])) as Record<FieldKey, Slot>;
  }

  /** Takes one installment row (spreadsheet row `rowNo`). */
  add(cells: readonly Cell[], rowNo: number): void {
    const { reader, F, rowProblems, mapping } = this;
    this.installmentRows++;
    if (rowProblems.length > 0) rowProblems.length = 0;
    reader.start(cells, rowNo);
    const loanId = reader.text(F.loan_id);
    if (loanId === "" && !rowProblems.some((p) => p.field === "loan_id"))
      rowProblems.push(problem(rowNo, mapping, "loan_id", "reason.no_id", {}));
    const number = reader.whole(F.installment_no);
    if (number === null && !rowProblems.some((p) => p.field === "installment_no")) {
      rowProblems.push(problem(rowNo, mapping, "installment_no", "reason.blank_required", {}));
    } else if (number !== null && number < 1) {
      rowProblems.push(problem(rowNo, mapping, "installment_no", "reason.bad_installment_no", { text: number }));
    }
    const due = reader.date(F.due_date);
    if (due === null && !rowProblems.some((p) => p.field === "due_date"))
      rowProblems.push(problem(rowNo, mapping, "due_date", "reason.blank_required", {}));
    const amountDue = this.nonNegative(F.amount_due, true);
    const principalDue = this.nonNegative(F.principal_due, true);
    const paidCell = this.nonNegative(F.amount_paid, false);
    const statusText = F.installment_status.col < 0 ? "" : reader.text(F.installment_status);
    const texts = AGREEING.map((f) => (F[f].col < 0 ? "" : reader.text(F[f])));
    if (loanId === "") {
      for (const p of rowProblems) this.problems.push(p);
      return;
    }
    let loan = this.loans.get(loanId);
    if (loan === undefined) {
      loan = this.startLoan(loanId, rowNo, texts);
      this.loans.set(loanId, loan);
    } else {
      loan.rows.push(rowNo);
      this.checkAgreement(loan, loanId, rowNo, texts);
    }
    if (rowProblems.length > 0) {
      for (const p of rowProblems) this.problems.push(p);
      loan.badRows.push(rowNo);
      return;
    }
    // Every figure below is read: number, due date and amounts are not null.
    const n = number as number;
    const d = due as Day;
    const owed = amountDue as number;
    const seen = loan.numbers.get(n);
    if (seen) {
      seen.push(rowNo);
      return;
    }
    loan.numbers.set(n, [rowNo]);
    const paid = paidCell ?? (saysPaid(statusText) ? owed : 0);
    const unpaid = Math.max(0, cents(owed - paid));
    if (n === 1) loan.firstInstallmentDue = d;
    if (d < loan.earliestDue) loan.earliestDue = d;
    const day = ymd(d).day;
    if (day > loan.dueDay) loan.dueDay = day;
    if (d <= this.asOf) loan.overdue += unpaid;
    if (unpaid <= 0) return;
    // A partly paid installment counts its principal less the paid share, pro rata.
    loan.principalLeft += owed > 0 ? ((principalDue as number) * unpaid) / owed : (principalDue as number);
    if (d < loan.earliestUnpaid) {
      loan.earliestUnpaid = d;
      loan.earliestUnpaidAmount = owed;
    }
    if (d >= this.asOf && d < loan.nextUnpaid) {
      loan.nextUnpaid = d;
      loan.nextUnpaidAmount = owed;
    }
  }

  private nonNegative(s: Slot, required: boolean): number | null {
    if (s.col < 0) return null;
    const n = this.reader.amount(s, required);
    if (n !== null && n < 0) {
      this.rowProblems.push(problem(this.reader.rowNumber, this.mapping, s.field, "reason.bad_amount", { text: n }));
      return null;
    }
    return n;
  }

  /** A loan's first row gives its customer fields, status and the rest (SPEC §3: the first row's are used). */
  private startLoan(loanId: string, rowNo: number, texts: string[]): LoanRollUp {
    const { reader, F, rowProblems, mapping } = this;
    this.firstRowText.set(loanId, texts);
    const status: LedgerStatus = F.status.col < 0 ? "active" : readStatus(reader.text(F.status));
    const m1Entries3m = reader.whole(F.m1_entries_3m);
    if (m1Entries3m !== null && (m1Entries3m < 0 || m1Entries3m > 3)) {
      rowProblems.push(problem(rowNo, mapping, "m1_entries_3m", "reason.bad_m1_months", { text: m1Entries3m }));
    }
    const account: Account = {
      row: rowNo,
      loanId,
      customer: texts[0],
      mobile: texts[1],
      workPhone: texts[2],
      homePhone: texts[3],
      principal: 0,
      oldestUnpaid: null,
      statedDpd: null,
      dueDay: null,
      nextDueDate: null,
      installment: null,
      overdueAmount: null,
      disbursedOn: reader.date(F.disbursed_on),
      firstDueDate: null,
      status,
      manager: reader.text(F.manager),
      collector: reader.text(F.collector),
      preferredTime: reader.text(F.preferred_time),
      m1Entries3m,
    };
    return {
      account,
      rows: [rowNo],
      numbers: new Map(),
      badRows: [],
      disagreeNoted: false,
      principalLeft: 0,
      overdue: 0,
      earliestUnpaid: Number.POSITIVE_INFINITY,
      earliestUnpaidAmount: 0,
      nextUnpaid: Number.POSITIVE_INFINITY,
      nextUnpaidAmount: 0,
      firstInstallmentDue: null,
      earliestDue: Number.POSITIVE_INFINITY,
      dueDay: 0,
    };
  }

  /** Says once per loan when a later installment row names the customer differently. */
  private checkAgreement(loan: LoanRollUp, loanId: string, rowNo: number, texts: string[]): void {
    if (loan.disagreeNoted) return;
    const first = this.firstRowText.get(loanId) ?? [];
    const k = texts.findIndex((text, i) => text !== first[i]);
    if (k < 0) return;
    loan.disagreeNoted = true;
    const col = this.mapping.columns[AGREEING[k]];
    this.notes.push({
      key: "note.schedule_disagree",
      params: { id: loanId, column: col === undefined ? "" : this.mapping.headers[col], row: rowNo },
    });
  }

  /** The loans, in the order their first rows stand. */
  finish(): RolledUpSchedule {
    const accounts: Account[] = [];
    const loanRows = new Map<number, number[]>();
    const problems = this.problems;
    for (const [id, loan] of this.loans) {
      const repeated = [...loan.numbers].filter(([, rows]) => rows.length > 1);
      for (const [number, rows] of repeated) {
        for (const r of rows)
          problems.push(problem(r, this.mapping, "installment_no", "reason.duplicate_installment", { id, number, rows: rows.join(", ") }));
        loan.badRows.push(...rows);
      }
      const a = loan.account;
      loanRows.set(a.row, loan.rows.slice(1));
      if (loan.badRows.length > 0) {
        const bad = [...new Set(loan.badRows)].sort((x, y) => x - y);
        if (!bad.includes(a.row))
          problems.push({
            row: a.row,
            column: "",
            field: null,
            reason: "reason.bad_installment_row",
            params: { id, rows: bad.join(", ") },
          });
        continue;
      }
      if (loan.numbers.size === 0) continue;
      a.principal = cents(loan.principalLeft);
      a.oldestUnpaid = loan.earliestUnpaid <= this.asOf ? loan.earliestUnpaid : null;
      a.dueDay = loan.dueDay;
      a.installment = Number.isFinite(loan.nextUnpaid)
        ? loan.nextUnpaidAmount
        : Number.isFinite(loan.earliestUnpaid)
          ? loan.earliestUnpaidAmount
          : null;
      a.overdueAmount = cents(loan.overdue);
      a.firstDueDate = loan.firstInstallmentDue ?? (Number.isFinite(loan.earliestDue) ? loan.earliestDue : null);
      accounts.push(a);
    }
    problems.sort((x, y) => x.row - y.row);
    return { accounts, problems, notes: this.notes, loanRows, installmentRows: this.installmentRows };
  }
}
