/**
 * Reading the ledger (SPEC §3): columns in any order under the store's own headers,
 * bad rows flagged with the spreadsheet's row number (header = row 1) and the
 * column's header text, and left out; blank rows skipped; the run goes on.
 */
import fc from "fast-check";
import {
  type Cell,
  errorOf,
  isBlank,
  isCellError,
  readAmount,
  readDate,
  readPhone,
  readText,
  readWholeNumber,
} from "../../src/domain/cells";
import {
  type Account,
  MissingColumnsError,
  type RowProblem,
  type Table,
  accountIds,
  parseLedger,
  readStatus,
} from "../../src/domain/ledger";
import { ownNumbers } from "../../src/domain/calls";
import { defaultSettings } from "../../src/domain/settings";

/** Day number of an ISO date, computed with Date.UTC (independent of src/domain/days). */
const D = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

const AS_OF = D("2026-11-14");

/** Shuffled columns, mixed languages, a unit in a header and unrelated columns (备注, Branch). */
const HEADER = [
  "备注",
  "Status",
  "剩余本金(元)",
  "客户姓名",
  "Branch",
  "最早未还款日",
  "合同编号",
  "手机号码",
  "还款日",
  "每期还款额",
  "放款日期",
  "近三月入M1次数",
  "单位电话",
];

interface RowSpec {
  note?: Cell;
  status?: Cell;
  principal?: Cell;
  name?: Cell;
  branch?: Cell;
  oldest?: Cell;
  id?: Cell;
  mobile?: Cell;
  dueDay?: Cell;
  inst?: Cell;
  disb?: Cell;
  m1?: Cell;
  work?: Cell;
}

const GOOD: RowSpec = {
  status: "正常",
  principal: "5000",
  name: "客户",
  oldest: "2026-11-01",
  mobile: "13900000000",
  dueDay: "1",
  inst: "500",
  disb: "2025-10-20",
};

/** A row in HEADER's column order. */
function R(spec: RowSpec): Cell[] {
  const s = { ...GOOD, ...spec };
  return [s.note, s.status, s.principal, s.name, s.branch, s.oldest, s.id, s.mobile, s.dueDay, s.inst, s.disb, s.m1, s.work];
}

/** An account with every optional field empty, to be overridden. */
function account(over: Partial<Account>): Account {
  return {
    row: 0,
    loanId: "",
    customer: "",
    mobile: "",
    workPhone: "",
    homePhone: "",
    principal: 0,
    oldestUnpaid: null,
    statedDpd: null,
    dueDay: null,
    nextDueDate: null,
    installment: null,
    overdueAmount: null,
    disbursedOn: null,
    firstDueDate: null,
    status: "active",
    manager: "",
    collector: "",
    preferredTime: "",
    m1Entries3m: null,
    ...over,
  };
}

const byRowThenReason = (a: { row: number; reason: string }, b: { row: number; reason: string }) =>
  a.row - b.row || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0);

describe("parseLedger on a store's ledger with good, bad and blank rows", () => {
  const table: Table = {
    header: HEADER,
    rows: [
      /* row 2 */ R({
        note: "VIP",
        status: "正常",
        principal: "12,345.67",
        name: " 张三 ",
        branch: "南山店",
        oldest: "2026-11-01",
        id: "HT001",
        mobile: "138 0013 8000",
        dueDay: "1",
        inst: "¥1,200",
        disb: "2026-05-20",
        m1: "0",
        work: "",
      }),
      /* row 3 */ [null, "", "  ", "\u3000", undefined, "", "", "", "", "", "", "", ""],
      /* row 4 */ R({ id: "" }),
      /* row 5 */ R({ id: "HT002", status: "结清", principal: 0, oldest: "" }),
      /* row 6 */ R({ id: "HT003", oldest: "2026-02-30" }),
      /* row 7 */ R({ id: "HT004", principal: "abc" }),
      /* row 8 */ R({ id: "HT005", principal: "-500" }),
      /* row 9 */ R({ id: "HT006", oldest: "2026-11-15" }),
      /* row 10 */ R({ id: "HT007", oldest: "#N/A" }),
      /* row 11 */ R({ id: "HT008" }),
      /* row 12 */ R({ id: "HT009", oldest: 46327, principal: 5000, note: { error: "#N/A" }, branch: "#REF!" }),
      /* row 13 */ R({ id: "HT008", inst: "x" }),
      /* row 14 */ R({ id: "HT010", name: { error: "#REF!" } }),
      /* row 15 */ R({ id: "HT011", oldest: "2026-11-14" }),
      /* row 16 */ R({ id: "HT012", status: "核销", principal: "3,000", oldest: "2025-12-01" }),
      /* row 17 */ R({ id: "HT013", status: "Written off", principal: 0 }),
      /* row 18 */ R({ id: "HT014", oldest: new Date(Date.UTC(2026, 9, 16)), dueDay: "每月16日", principal: "１２，０００" }),
      /* row 19 */ R({ id: "#N/A" }),
      /* row 20 */ R({ id: "HT015", m1: "5" }),
      /* row 21 */ R({ id: "HT016", principal: "" }),
      /* row 22 */ R({ id: "HT017", status: "Settled", principal: "", oldest: "" }),
      /* row 23 */ R({ id: "HT018", dueDay: "32" }),
      /* row 24 */ R({ id: "HT019", mobile: { error: "#N/A" } }),
      /* row 25 */ ["", "正常", "800", "王五", "", "", "HT020"],
      /* row 26 */ R({ id: "HT021", status: "#N/A" }),
      /* row 27 */ R({ id: "HT022", disb: "2026年13月1日" }),
      /* row 28 */ [],
      /* row 29 */ new Array(HEADER.length).fill(null),
    ],
  };
  const parsed = parseLedger(table, defaultSettings(), AS_OF);

  it("reads the good rows, in ledger order, with the spreadsheet's row numbers", () => {
    expect(parsed.accounts.map((a) => [a.row, a.loanId])).toEqual([
      [2, "HT001"],
      [5, "HT002"],
      [12, "HT009"],
      [15, "HT011"],
      [16, "HT012"],
      [17, "HT013"],
      [18, "HT014"],
      [22, "HT017"],
      [25, "HT020"],
    ]);
  });

  it("reads every field of a good row, whatever the column order", () => {
    expect(parsed.accounts[0]).toEqual(
      account({
        row: 2,
        loanId: "HT001",
        customer: "张三",
        // As typed: cleaned where the account is dialled (ownNumbers).
        mobile: "138 0013 8000",
        principal: 12345.67,
        oldestUnpaid: D("2026-11-01"),
        dueDay: 1,
        installment: 1200,
        disbursedOn: D("2026-05-20"),
        m1Entries3m: 0,
      }),
    );
    expect(ownNumbers(parsed.accounts[0])).toEqual({ mobile: "13800138000", work: "", home: "" });
  });

  it("reads the other good rows", () => {
    const byId = new Map(parsed.accounts.map((a) => [a.loanId, a]));
    expect(byId.get("HT002")).toMatchObject({ status: "settled", principal: 0, oldestUnpaid: null });
    expect(byId.get("HT009")).toMatchObject({ oldestUnpaid: D("2026-11-01"), principal: 5000 }); // serial 46327
    expect(byId.get("HT011")).toMatchObject({ oldestUnpaid: AS_OF }); // oldest unpaid == t is not in the future
    expect(byId.get("HT012")).toMatchObject({ status: "written_off", principal: 3000, oldestUnpaid: D("2025-12-01") });
    expect(byId.get("HT013")).toMatchObject({ status: "written_off", principal: 0 });
    expect(byId.get("HT014")).toMatchObject({ oldestUnpaid: D("2026-10-16"), dueDay: 16, principal: 12000 });
    expect(byId.get("HT017")).toMatchObject({ status: "settled", principal: 0 });
    expect(byId.get("HT020")).toEqual(account({ row: 25, loanId: "HT020", customer: "王五", principal: 800 }));
  });

  it("flags each bad row with its row number, the column's header as typed, the field and the reason", () => {
    const got = parsed.problems.map((p) => ({ row: p.row, column: p.column, field: p.field, reason: p.reason, params: p.params }));
    const want: RowProblem[] = [
      { row: 4, column: "合同编号", field: "loan_id", reason: "reason.no_id", params: {} },
      { row: 6, column: "最早未还款日", field: "oldest_unpaid_due_date", reason: "reason.impossible_date", params: { text: "2026-02-30" } },
      { row: 7, column: "剩余本金(元)", field: "outstanding_principal", reason: "reason.bad_amount", params: { text: "abc" } },
      { row: 8, column: "剩余本金(元)", field: "outstanding_principal", reason: "reason.negative_principal", params: { text: -500 } },
      {
        row: 9,
        column: "最早未还款日",
        field: "oldest_unpaid_due_date",
        reason: "reason.future_oldest_unpaid",
        params: { date: "2026-11-15", asOf: "2026-11-14" },
      },
      { row: 10, column: "最早未还款日", field: "oldest_unpaid_due_date", reason: "reason.error_value", params: { text: "#N/A" } },
      { row: 11, column: "合同编号", field: "loan_id", reason: "reason.duplicate_id", params: { id: "HT008", rows: "11, 13" } },
      { row: 13, column: "每期还款额", field: "installment", reason: "reason.bad_amount", params: { text: "x" } },
      { row: 13, column: "合同编号", field: "loan_id", reason: "reason.duplicate_id", params: { id: "HT008", rows: "11, 13" } },
      { row: 14, column: "客户姓名", field: "customer", reason: "reason.error_value", params: { text: "#REF!" } },
      { row: 19, column: "合同编号", field: "loan_id", reason: "reason.error_value", params: { text: "#N/A" } },
      { row: 20, column: "近三月入M1次数", field: "m1_entries_3m", reason: "reason.bad_m1_months", params: { text: 5 } },
      { row: 21, column: "剩余本金(元)", field: "outstanding_principal", reason: "reason.blank_required", params: {} },
      { row: 23, column: "还款日", field: "due_day", reason: "reason.bad_due_day", params: { text: 32 } },
      { row: 24, column: "手机号码", field: "mobile", reason: "reason.error_value", params: { text: "#N/A" } },
      { row: 26, column: "Status", field: "status", reason: "reason.error_value", params: { text: "#N/A" } },
      { row: 27, column: "放款日期", field: "disbursed_on", reason: "reason.bad_date", params: { text: "2026年13月1日" } },
    ];
    expect([...got].sort(byRowThenReason)).toEqual([...want].sort(byRowThenReason));
  });

  it("lists problems in row order", () => {
    const rows = parsed.problems.map((p) => p.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  it("no flagged row is among the accounts, and every non-blank row is one or the other", () => {
    const flagged = new Set(parsed.problems.map((p) => p.row));
    for (const a of parsed.accounts) expect(flagged.has(a.row)).toBe(false);
    const seen = new Set([...flagged, ...parsed.accounts.map((a) => a.row)]);
    // rows 2 … 27 except the blank row 3; rows 28 and 29 are blank
    expect([...seen].sort((a, b) => a - b)).toEqual([2, ...Array.from({ length: 24 }, (_, i) => i + 4)]);
  });

  it("an error value in a column Daihou does not read (备注, Branch) does not flag the row", () => {
    expect(parsed.problems.some((p) => p.row === 12)).toBe(false);
  });

  it("an error value in the id column is reported as an error value, not as a missing id", () => {
    expect(parsed.problems.filter((p) => p.row === 19).map((p) => p.reason)).toEqual(["reason.error_value"]);
  });

  it("does not change the table it reads", () => {
    expect(table.rows[1]).toEqual([null, "", "  ", "\u3000", undefined, "", "", "", "", "", "", "", ""]);
    expect(table.rows[12][3]).toEqual({ error: "#REF!" });
  });
});

describe("duplicate ids", () => {
  const header = ["合同编号", "客户姓名", "剩余本金", "最早未还款日", "还款日"];
  it("every row sharing an id is flagged, naming all of them, and none is counted", () => {
    const p = parseLedger(
      {
        header,
        rows: [
          ["L1", "a", 100, "", 1],
          ["L2", "b", 100, "", 1],
          [" L1 ", "c", 100, "", 1],
          ["L1", "d", 100, "", 1],
        ],
      },
      defaultSettings(),
      AS_OF,
    );
    expect(p.accounts.map((a) => a.loanId)).toEqual(["L2"]);
    expect(p.problems.map((x) => [x.row, x.column, x.reason, x.params.rows])).toEqual([
      [2, "合同编号", "reason.duplicate_id", "2, 4, 5"],
      [4, "合同编号", "reason.duplicate_id", "2, 4, 5"],
      [5, "合同编号", "reason.duplicate_id", "2, 4, 5"],
    ]);
  });
  it("a number and the same digits as text are the same id", () => {
    const p = parseLedger(
      {
        header,
        rows: [
          [1001, "a", 100, "", 1],
          ["1001", "b", 100, "", 1],
        ],
      },
      defaultSettings(),
      AS_OF,
    );
    expect(p.accounts).toEqual([]);
    expect(p.problems.map((x) => x.row)).toEqual([2, 3]);
  });
  it("a row with another problem still takes part in the duplicate check", () => {
    const p = parseLedger(
      {
        header,
        rows: [
          ["L1", "a", "abc", "", 1],
          ["L1", "b", 100, "", 1],
        ],
      },
      defaultSettings(),
      AS_OF,
    );
    expect(p.accounts).toEqual([]);
    expect(p.problems.filter((x) => x.reason === "reason.duplicate_id").map((x) => x.row)).toEqual([2, 3]);
  });
  it("among 20,000 rows (where ids' hashes coincide), exactly the repeated ids are flagged, with all their rows", () => {
    // Ids L0 … L17999, with 2,000 rows repeating earlier ids (some of them several times).
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(i < 18_000 || random() < 0.5 ? `L${Math.floor(random() * 18_000)}` : `L${i}`);
    // One row in ten is unreadable (text for the principal): it still takes part in the check.
    const unreadable = ids.map(() => random() < 0.1);
    const rows = ids.map((id, i) => [id, "a", unreadable[i] ? "abc" : 100, "", 1]);
    const p = parseLedger({ header, rows }, defaultSettings(), AS_OF);
    const unreadableRows = unreadable.flatMap((u, i) => (u ? [i + 2] : []));
    expect(p.problems.filter((x) => x.reason === "reason.bad_amount").map((x) => x.row)).toEqual(unreadableRows);

    const rowsOf = new Map<string, number[]>();
    for (const [i, id] of ids.entries()) rowsOf.set(id, [...(rowsOf.get(id) ?? []), i + 2]);
    const repeated = [...rowsOf].filter(([, r]) => r.length > 1);
    expect(repeated.length).toBeGreaterThan(1000);
    const want = repeated.flatMap(([id, r]) => r.map((row) => [row, id, r.join(", ")])).sort((a, b) => (a[0] as number) - (b[0] as number));
    const duplicates = p.problems.filter((x) => x.reason === "reason.duplicate_id");
    expect(duplicates.map((x) => [x.row, x.params.id, x.params.rows])).toEqual(want);
    expect(p.accounts.map((a) => a.loanId)).toEqual(ids.filter((id, i) => rowsOf.get(id)?.length === 1 && !unreadable[i]));
    // The accounts' numbering: account k is number k.
    const numbers = accountIds(p.accounts);
    expect(numbers.size).toBe(p.accounts.length);
    expect(p.accounts.every((a, k) => numbers.get(a.loanId) === k && numbers.id(k) === a.loanId)).toBe(true);
  });
  it("accountIds numbers the accounts read (made as they were read) or any other list of them, and refuses a repeated id", () => {
    const rows = [
      ["L1", "a", 100, "", 1],
      ["L2", "b", 100, "", 1],
      ["L3", "c", 100, "", 1],
    ];
    const p = parseLedger({ header, rows }, defaultSettings(), AS_OF);
    expect(accountIds(p.accounts).all()).toEqual(["L1", "L2", "L3"]);
    expect(accountIds(p.accounts.slice().reverse()).all()).toEqual(["L3", "L2", "L1"]);
    expect(() => accountIds([...p.accounts, p.accounts[0]])).toThrow(/row 2: loan id L1 is not unique/);
    // With a repeated id the accounts left are numbered afresh.
    const q = parseLedger({ header, rows: [...rows.slice(0, 2), ["L1", "d", 100, "", 1]] }, defaultSettings(), AS_OF);
    expect(accountIds(q.accounts).all()).toEqual(["L2"]);
  });
});

describe("row numbers and blank rows", () => {
  it("blank rows are skipped silently but still count in the numbering", () => {
    const p = parseLedger(
      {
        header: ["合同编号", "客户姓名", "剩余本金", "逾期天数", "下期还款日"],
        rows: [[], [null, null, null, null, null], ["", " ", "\u3000", "", ""], ["", "no id", 100, 0, ""], ["L9", "x", 100, 0, ""]],
      },
      defaultSettings(),
      AS_OF,
    );
    expect(p.problems).toEqual([{ row: 5, column: "合同编号", field: "loan_id", reason: "reason.no_id", params: {} }]);
    expect(p.accounts.map((a) => a.row)).toEqual([6]);
  });
  it("an empty ledger reads as no accounts and no problems", () => {
    const p = parseLedger({ header: ["合同编号", "客户姓名", "剩余本金", "逾期天数", "还款日"], rows: [] }, defaultSettings(), AS_OF);
    expect(p.accounts).toEqual([]);
    expect(p.problems).toEqual([]);
  });
});

describe("a ledger with a DPD column instead of an oldest unpaid date", () => {
  const header = ["Loan ID", "Customer", "Outstanding principal", "Days past due", "Next due date"];
  it("takes DPD as stated and the next due date as given", () => {
    const p = parseLedger(
      {
        header,
        rows: [
          ["L1", "A", "1,000", "5天", "2026-12-01"],
          ["L2", "B", 2000, 0, "12/1/2026"],
          ["L3", "C", 3000, "-1", "2026-12-01"],
          ["L4", "D", 3000, "five", "2026-12-01"],
        ],
      },
      defaultSettings(),
      AS_OF,
    );
    expect(p.accounts).toEqual([
      account({ row: 2, loanId: "L1", customer: "A", principal: 1000, statedDpd: 5, nextDueDate: D("2026-12-01") }),
      account({ row: 3, loanId: "L2", customer: "B", principal: 2000, statedDpd: 0, nextDueDate: D("2026-12-01") }),
    ]);
    expect(p.problems).toEqual([
      { row: 4, column: "Days past due", field: "dpd", reason: "reason.negative_dpd", params: { text: -1 } },
      { row: 5, column: "Days past due", field: "dpd", reason: "reason.bad_number", params: { text: "five" } },
    ]);
  });
  it("with both columns, the oldest unpaid date wins and the stated DPD is ignored", () => {
    const p = parseLedger(
      { header: [...header, "最早未还款日"], rows: [["L1", "A", 1000, 99, "2026-12-01", "2026-11-10"]] },
      defaultSettings(),
      AS_OF,
    );
    expect(p.accounts[0]).toMatchObject({ statedDpd: null, oldestUnpaid: D("2026-11-10") });
  });
});

describe("a missing required column stops the run", () => {
  it("throws MissingColumnsError naming the field and the headers looked for", () => {
    const table: Table = { header: ["合同编号", "客户姓名", "最早未还款日", "还款日"], rows: [["L1", "A", "", 1]] };
    let err: unknown;
    try {
      parseLedger(table, defaultSettings(), AS_OF);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingColumnsError);
    const missing = (err as MissingColumnsError).missing;
    expect(missing.map((m) => m.fields)).toEqual([["outstanding_principal"]]);
    for (const h of ["剩余本金", "未还本金", "贷款余额", "Outstanding principal"]) {
      expect(missing[0].lookedFor).toContain(h);
      expect((err as Error).message).toContain(h);
    }
    expect((err as Error).message).toContain("outstanding_principal");
  });
  it("lists every missing group, one-of groups together", () => {
    expect(() => parseLedger({ header: ["备注"], rows: [] }, defaultSettings(), AS_OF)).toThrow(/customer.*oldest_unpaid_due_date or dpd/);
  });
});

describe("Settings change how the ledger is read", () => {
  it("a column mapping override finds fields under the store's own headers", () => {
    const settings = { ...defaultSettings(), columnMapping: { loan_id: "编号", outstanding_principal: "欠款" } };
    const p = parseLedger(
      { header: ["编号", "合同编号", "姓名", "欠款", "逾期天数", "还款日"], rows: [["X1", "ignored", "A", "800", 3, 16]] },
      settings,
      AS_OF,
    );
    expect(p.accounts).toEqual([account({ row: 2, loanId: "X1", customer: "A", principal: 800, statedDpd: 3, dueDay: 16 })]);
  });
  it("dateOrder DMY reads 1/11/2026 as 1 November and 11/1/2026 as 11 January", () => {
    const header = ["合同编号", "客户姓名", "剩余本金", "最早未还款日", "放款日期", "还款日"];
    const rows = [["L1", "A", 100, "1/11/2026", "11/1/2026", 1]];
    const dmy = parseLedger({ header, rows }, { ...defaultSettings(), dateOrder: "DMY" }, AS_OF);
    expect(dmy.accounts[0]).toMatchObject({ oldestUnpaid: D("2026-11-01"), disbursedOn: D("2026-01-11") });
    const mdy = parseLedger({ header, rows }, { ...defaultSettings(), dateOrder: "MDY" }, AS_OF);
    // MDY: 1/11/2026 = 2026-01-11, 11/1/2026 = 2026-11-01
    expect(mdy.accounts[0]).toMatchObject({ oldestUnpaid: D("2026-01-11"), disbursedOn: D("2026-11-01") });
  });
});

describe("status words (SPEC §3: 正常 / 结清 / 核销, Active / Settled / Written off)", () => {
  it.each<[Cell, string]>([
    ["正常", "active"],
    ["结清", "settled"],
    ["核销", "written_off"],
    ["Active", "active"],
    ["Settled", "settled"],
    ["Written off", "written_off"],
    ["WRITTEN OFF", "written_off"],
    ["written-off", "written_off"],
    [" settled ", "settled"],
    ["ｓｅｔｔｌｅｄ", "settled"],
    ["已结清", "settled"],
    ["已核销", "written_off"],
    ["逾期", "active"],
    ["", "active"],
    [null, "active"],
  ])("%p → %s", (cell, want) => expect(readStatus(cell)).toBe(want));

  it("the status column is found under 状态 and Status and read per row", () => {
    const header = ["合同编号", "客户姓名", "剩余本金", "逾期天数", "还款日", "状态"];
    const rows = [
      ["L1", "a", 100, 0, 1, "正常"],
      ["L2", "b", 100, 0, 1, "结清"],
      ["L3", "c", 100, 0, 1, "核销"],
      ["L4", "d", 100, 0, 1, "Active"],
      ["L5", "e", 100, 0, 1, "Settled"],
      ["L6", "f", 100, 0, 1, "Written off"],
      ["L7", "g", 100, 0, 1, ""],
    ];
    const p = parseLedger({ header, rows }, defaultSettings(), AS_OF);
    expect(p.accounts.map((a) => a.status)).toEqual(["active", "settled", "written_off", "active", "settled", "written_off", "active"]);
  });
});

describe("the row reader's fast paths read every field as the cell readers do (property)", () => {
  const header = [
    "合同编号",
    "客户姓名",
    "手机号码",
    "单位电话",
    "家庭电话",
    "剩余本金",
    "最早未还款日",
    "还款日",
    "每期还款额",
    "放款日期",
    "客户经理",
  ];
  const DATE = new Date(Date.UTC(2026, 10, 1));
  const texts: Cell[] = [
    "张三",
    " 张三 ",
    "张三\u3000",
    "\u3000李四",
    "Wang Wu",
    "王\u00a0",
    "  ",
    "",
    "#N/A",
    " #REF! ",
    "＃N/A",
    { error: "#N/A" },
    12345,
    null,
    DATE,
  ];
  const phones: Cell[] = [
    "13800138000",
    "138-0013-8000",
    "+86 138 0013 8000",
    "0086-13800138000",
    "008613800138000",
    "（０１０）６５５２１２３４",
    "021-66440985",
    " 13800138000 ",
    "1380013800012345678901",
    "123",
    "",
    null,
    13800138000,
    "#N/A",
    { error: "#REF!" },
    "无",
  ];
  const amounts: Cell[] = [
    "12345.67",
    "12,345.67",
    "１２３４５",
    "¥8000",
    "8000元",
    "1.2万",
    "-5",
    "12.345",
    "",
    null,
    8000,
    1234.5,
    "abc",
    "#N/A",
    "=A1",
    ".5",
    "00012",
    " 500 ",
  ];
  const dates: Cell[] = [
    "2026-11-01",
    "2026-02-30",
    "2026-13-01",
    "2026/11/1",
    "２０２６-１１-０１",
    " 2026-11-01",
    "2026-11-30",
    46327,
    "46327",
    DATE,
    "",
    null,
    "#N/A",
    "bad",
    "2026-1-1",
    "20261101",
  ];
  const wholes: Cell[] = [
    "1",
    "16",
    "１５",
    "每月15日",
    "5天",
    " 7 ",
    "32",
    "0",
    "",
    null,
    15,
    1.5,
    "x",
    "#N/A",
    "0016",
    "1234567890123456",
  ];
  const row = fc.tuple(
    fc.constantFrom<Cell>("L1", " L1", "#N/A", ""),
    fc.constantFrom(...texts),
    fc.constantFrom(...phones),
    fc.constantFrom(...phones),
    fc.constantFrom(...phones),
    fc.constantFrom(...amounts),
    fc.constantFrom(...dates),
    fc.constantFrom(...wholes),
    fc.constantFrom(...amounts),
    fc.constantFrom(...dates),
    fc.constantFrom(...texts),
  );

  /** The field, or the problem's reason, as the cell readers read the cell. */
  const text = (v: Cell) => (errorOf(v) ? "reason.error_value" : readText(v));
  /** A phone number is kept as typed; `ownNumbers` cleans it as `readPhone` does. */
  const phone = text;
  const read = <T>(v: Cell, reader: (v: Cell) => T | { code: string }, blank: T | string) => {
    if (isBlank(v)) return blank;
    const r = reader(v);
    return isCellError(r) ? `reason.${r.code}` : r;
  };

  it("for rows made of tricky cells", () => {
    fc.assert(
      fc.property(row, (cells) => {
        const [id, name, mobile, work, home, principal, oldest, dueDay, installment, disbursed, manager] = cells;
        const want = {
          loanId: text(id),
          customer: text(name),
          mobile: phone(mobile),
          workPhone: phone(work),
          homePhone: phone(home),
          principal: read(principal, readAmount, "reason.blank_required"),
          oldestUnpaid: read(oldest, (v) => readDate(v), null),
          dueDay: read(dueDay, readWholeNumber, null),
          installment: read(installment, readAmount, null),
          disbursedOn: read(disbursed, (v) => readDate(v), null),
          manager: text(manager),
        };
        const reasons = Object.values(want).filter((v): v is string => typeof v === "string" && v.startsWith("reason."));
        if (want.loanId === "") reasons.push("reason.no_id");
        if (typeof want.principal === "number" && want.principal < 0) reasons.push("reason.negative_principal");
        if (typeof want.oldestUnpaid === "number" && want.oldestUnpaid > AS_OF) reasons.push("reason.future_oldest_unpaid");
        if (typeof want.dueDay === "number" && (want.dueDay < 1 || want.dueDay > 31)) reasons.push("reason.bad_due_day");

        const p = parseLedger({ header, rows: [cells] }, defaultSettings(), AS_OF);
        expect(p.problems.map((x) => x.reason).sort()).toEqual(reasons.sort());
        if (reasons.length === 0) {
          expect(p.accounts).toEqual([account({ row: 2, ...want } as Partial<Account>)]);
          expect(ownNumbers(p.accounts[0])).toEqual({ mobile: readPhone(mobile), work: readPhone(work), home: readPhone(home) });
        } else expect(p.accounts).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
