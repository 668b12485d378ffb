/**
 * Daihou's columns beside the store's on the ledger (SPEC §4, §6): DPD, bucket,
 * class, oldest unpaid, grace days and why, then the contact block (latest
 * contact, new mobile, new contact info), and the bucket colours. Written by the
 * daily job; the contact block also by the record path.
 */
import type { Cell } from "../domain/cells";
import type { ClassResult, Classification } from "../domain/classify";
import type { ContactEntry } from "../domain/contacts";
import type { PtpStatus } from "../domain/promises";
import { isoDay } from "../domain/days";
import { type Lang, t as msg } from "../domain/i18n";
import type { ParsedLedger, RowProblem } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { contactColumnValues } from "./contactLog";
import type { LedgerRead } from "./ledgerSheet";
import { BASE_OWNED_COLUMNS, OWNED_LEDGER_COLUMNS, OWNED_LEDGER_HEADERS } from "./names";
import type { BookPort } from "./port";

/**
 * The ledger's contact columns (header first, one row per ledger row): the
 * cells worked out afresh (`freshContactCells`) where there are any, else the
 * cells already there.
 */
export function contactColumnsBlock(ledger: LedgerRead, fresh: ReadonlyMap<number, Cell[]>, lang: Lang): Cell[][] {
  const rows: Cell[][] = [contactHeaders(lang)];
  for (let r = 2; r <= ledger.values.length; r++) rows.push(fresh.get(r) ?? keptContactCells(ledger, r));
  return rows;
}

/** The contact columns' headers. */
function contactHeaders(lang: Lang): Cell[] {
  return OWNED_LEDGER_COLUMNS.slice(BASE_OWNED_COLUMNS).map((k) => OWNED_LEDGER_HEADERS[k][lang]);
}

/** The contact cells already in ledger row r (1-based), or blanks where Daihou has no contact columns yet. */
function keptContactCells(ledger: LedgerRead, r: number): Cell[] {
  const cells = new Array<Cell>(OWNED_LEDGER_COLUMNS.length - BASE_OWNED_COLUMNS);
  for (let j = 0; j < cells.length; j++) cells[j] = keptContactCell(ledger, r - 1, j);
  return cells;
}

/** Contact cell j already in the ledger's row at index i (the header's is 0), or "" where Daihou has no contact columns yet. */
function keptContactCell(ledger: LedgerRead, i: number, j: number): Cell {
  return ledger.contactColumns === "present" ? (ledger.values[i][ledger.ownedStart - 1 + BASE_OWNED_COLUMNS + j] ?? "") : "";
}

/**
 * The contact cells worked out afresh from the log, by ledger row (1-based):
 * each account of `loanAtRow` with log entries gets its latest contact, new
 * mobile and new contact info; a cell the log says nothing of keeps what is there.
 */
export function freshContactCells(
  ledger: LedgerRead,
  loanAtRow: ReadonlyMap<number, string>,
  byLoan: ReadonlyMap<string, readonly ContactEntry[]>,
  status: (e: ContactEntry) => PtpStatus | null,
  lang: Lang,
): Map<number, Cell[]> {
  const out = new Map<number, Cell[]>();
  for (const [r, id] of loanAtRow) {
    const entries = byLoan.get(id);
    if (!entries || entries.length === 0) continue;
    const kept = keptContactCells(ledger, r);
    out.set(
      r,
      contactColumnValues(entries, status, lang).map((v, j) => (v === "" ? kept[j] : v)),
    );
  }
  return out;
}

/** Writes DPD, bucket, class and why-this-bucket beside the store's columns, and the bucket colours. */
export function writeOwnedColumns(
  port: BookPort,
  sheet: string,
  ledger: LedgerRead,
  parsed: ParsedLedger,
  items: readonly Classification[],
  settings: Settings,
  lang: Lang,
  contactCells: ReadonlyMap<number, Cell[]> | null,
): void {
  const contactWidth = OWNED_LEDGER_COLUMNS.length - BASE_OWNED_COLUMNS;
  // The rows below are written out at that width.
  if (contactWidth !== 3) throw new Error(`writeOwnedColumns writes 3 contact columns, not ${contactWidth}`);
  const contactHeader = contactHeaders(lang);
  const rows = new Array<Cell[]>(ledger.values.length);
  // Each row made at its full width (Daihou's six columns, then the contact block's), cell by cell.
  // Whether row i's contact block comes out blank (no fresh cells, nothing kept): such rows alike can be one array.
  const blankContacts = (i: number): boolean => {
    if (!contactCells || ledger.contactColumns !== "present") return true;
    if (contactCells.has(i + 1)) return false;
    for (let j = 0; j < contactWidth; j++) if (keptContactCell(ledger, i, j) !== "") return false;
    return true;
  };
  const row = (i: number, dpd: Cell, bucket: Cell, cls: Cell, oldestUnpaid: Cell, grace: Cell, why: Cell) => {
    // Literals, at full width (V8 then allocates these rows, which live to the end of the run, straight into the old generation).
    if (!contactCells) {
      rows[i] = [dpd, bucket, cls, oldestUnpaid, grace, why];
      return;
    }
    // The contact cells: the header's own; else worked out afresh; else what the row already holds (or blanks).
    const fresh = i === headerAt ? contactHeader : contactCells.get(i + 1);
    const contact = (j: number): Cell => (fresh ? fresh[j] : keptContactCell(ledger, i, j));
    rows[i] = [dpd, bucket, cls, oldestUnpaid, grace, why, contact(0), contact(1), contact(2)];
  };
  const problems = parsed.problems;
  // Daihou's header on the ledger's header row; title rows above it are left blank (the loop at the end).
  const headerAt = parsed.headerRow - 1;
  const header = OWNED_LEDGER_COLUMNS.slice(0, BASE_OWNED_COLUMNS).map((k) => OWNED_LEDGER_HEADERS[k][lang]);
  row(headerAt, header[0], header[1], header[2], header[3], header[4], header[5]);
  const notCounted = {
    written_off: msg(lang, "ledger.written_off"),
    settled: msg(lang, "ledger.settled"),
  };
  // Most rows of a big ledger are alike (an account in C with nothing unpaid, a settled one, no contacts):
  // one array stands for all rows alike, made once (a port never changes the rows it is given), found
  // by kind (in C with nothing unpaid, by class cell; not counted, by why-text; blank) and key.
  const alikeInC = new Map<string, Cell[]>();
  const alikeNotCounted = new Map<string, Cell[]>();
  const alikeBlank = new Map<string, Cell[]>();
  /** Row i from the array of rows alike (true), when its contact block is blank and there is one; else false. */
  const sharedRow = (i: number, alike: Map<string, Cell[]>, key: string): boolean => {
    const r = alike.get(key);
    if (r === undefined || !blankContacts(i)) return false;
    rows[i] = r;
    return true;
  };
  /** Keeps row i as the array of rows alike when its contact block is blank. */
  const keepAlike = (i: number, alike: Map<string, Cell[]>, key: string): void => {
    if (blankContacts(i)) alike.set(key, rows[i]);
  };
  // The class cell of each (shared) class result.
  const classCells = new Map<ClassResult, string>();
  const classCell = (r: ClassResult | null): string => {
    if (r === null) return "";
    let text = classCells.get(r);
    if (text === undefined) {
      text = r.reminderClass + (r.provisional ? "*" : "");
      classCells.set(r, text);
    }
    return text;
  };
  // An overdue account's why-text and oldest unpaid date depend on that date alone (t and the grace days are the run's).
  const byOldestUnpaid = new Map<number, [string, string]>();
  for (let k = 0; k < items.length; k++) {
    const c = items[k];
    const a = c.account;
    const i = a.row - 1;
    if (c.active) {
      const cls = classCell(c.reminder);
      if (a.statedDpd === null && a.oldestUnpaid !== null) {
        let texts = byOldestUnpaid.get(a.oldestUnpaid);
        if (texts === undefined) {
          texts = [isoDay(a.oldestUnpaid), whyText(c, settings, lang)];
          byOldestUnpaid.set(a.oldestUnpaid, texts);
        }
        row(i, c.dpd, c.bucket, cls, texts[0], settings.graceDays, texts[1]);
      } else if (a.statedDpd !== null) {
        row(i, c.dpd, c.bucket, cls, "", settings.graceDays, whyText(c, settings, lang));
      } else if (!sharedRow(i, alikeInC, cls)) {
        // Nothing unpaid: DPD 0, in C, the same why-text; only the class differs.
        row(i, c.dpd, c.bucket, cls, "", settings.graceDays, whyText(c, settings, lang));
        keepAlike(i, alikeInC, cls);
      }
    } else {
      const why = a.status === "written_off" && a.principal > 0 ? notCounted.written_off : notCounted.settled;
      if (!sharedRow(i, alikeNotCounted, why)) {
        row(i, "", "", "", "", "", why);
        keepAlike(i, alikeNotCounted, why);
      }
    }
  }
  // A schedule's loan: its figures on its first installment row; its other rows carry the bucket (so the
  // colour covers the whole loan) and say where its figures are (DECISIONS, issue 15).
  if (parsed.loanRows.size > 0) {
    for (const c of items) {
      if (!c.active) continue;
      const first = c.account.row;
      const see = msg(lang, "ledger.see_row", { row: first });
      for (const r of parsed.loanRows.get(first) ?? []) row(r - 1, "", c.bucket, "", "", "", see);
    }
  }
  const byRow = new Map<number, RowProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  for (const [r, list] of byRow) {
    const text = list.map((p) => `${p.column ? `“${p.column}”: ` : ""}${msg(lang, p.reason, p.params)}`).join("; ");
    row(r - 1, "", "", "", "", "", msg(lang, "ledger.not_counted", { text }));
  }
  // Rows that hold no account: blank rows (and the title rows above the header).
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] !== undefined || sharedRow(i, alikeBlank, "")) continue;
    row(i, "", "", "", "", "", "");
    keepAlike(i, alikeBlank, "");
  }
  port.writeColumns(sheet, ledger.ownedStart, rows);
  const lastRow = Math.max(2, ledger.values.length);
  const lastColumn = ledger.ownedStart + rows[0].length - 1;
  const keyColumn = ledger.ownedStart + 1;
  port.setRowColours(
    sheet,
    (["M1", "M2", "M3", "M3+"] as const).map((b) => ({ keyColumn, equals: b, colour: settings.bucketColours[b], lastRow, lastColumn })),
  );
}

/** Why an account is in its bucket, in words that settle a dispute on the spot. */
export function whyText(c: Classification, settings: Settings, lang: Lang): string {
  const a = c.account;
  const g = settings.graceDays;
  if (a.oldestUnpaid === null) {
    if (a.statedDpd !== null) return msg(lang, "why.stated_dpd", { dpd: a.statedDpd, bucket: c.bucket });
    return msg(lang, "why.nothing_unpaid");
  }
  return msg(lang, "why.oldest_unpaid", { date: isoDay(a.oldestUnpaid), grace: g, dpd: c.dpd, bucket: c.bucket });
}
