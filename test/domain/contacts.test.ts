import fc from "fast-check";
import {
  UNANSWERED_FOR_SMS,
  type FilledCallRow,
  checkCallRow,
  entryKey,
  maskNumber,
  newContactOf,
  readTime,
  refusalText,
} from "../../src/domain/contacts";
import { staffSummary, summarizeAttempts } from "../../src/domain/attempts";
import { type LedgerTimeline, judgePromise, promiseStatus, timelineOf } from "../../src/domain/promises";
import { type Day, parseIsoDay } from "../../src/domain/days";
import { HistoryView, type Observation, emptyMonth, recordDay } from "../../src/domain/history";
import { defaultSettings } from "../../src/domain/settings";
import { entry } from "../fixtures/contactEntry";

const d = (s: string): Day => parseIsoDay(s);
const A = (u: string | null, principal: number): Observation => ({ oldestUnpaid: u === null ? null : d(u), principal, status: "A" });

function filled(over: Partial<FilledCallRow>): FilledCallRow {
  return {
    row: 5,
    loanId: "L2",
    customer: "李四",
    staff: "甲",
    task: "collection",
    window: "09:00-12:00",
    numberKind: "mobile",
    number: "13800000002",
    time: "",
    outcomeText: "已联系-承诺还款",
    outcome: "ptp",
    ptpDate: "2026-11-20",
    ptpAmount: "1,000",
    ptpMethodText: "微信",
    ptpMethod: "wechat",
    note: "",
    ...over,
  };
}

const CALL = d("2026-11-16");

describe("checking a filled call-sheet row", () => {
  it("records a promise with all three elements", () => {
    const c = checkCallRow(filled({ time: "14:05" }), CALL, "2026-11-16 18:00");
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.entry).toMatchObject({
      date: CALL,
      time: "14:05",
      loanId: "L2",
      outcome: "ptp",
      ptpDate: d("2026-11-20"),
      ptpAmount: 1000,
      ptpMethod: "wechat",
      sourceRow: 5,
    });
    expect(entryKey(c.entry)).toBe("2026-11-16|5|L2");
  });

  it("refuses a promise without an amount, naming the row and what is missing", () => {
    const c = checkCallRow(filled({ ptpAmount: "" }), CALL);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.refusal).toEqual({ row: 5, loanId: "L2", reasons: [{ code: "ptp_missing", missing: ["amount"] }] });
    expect(refusalText(c.refusal, "en")).toBe(
      "row 5 (loan L2) not recorded: a promise needs all three elements (date, amount, method); missing: amount (above 0)",
    );
    expect(refusalText(c.refusal, "zh")).toBe("第 5 行（合同 L2）未记录：承诺还款必须三要素齐全，缺少：还款金额（大于 0）");
  });

  it("for a log, leaves out what staff typed but keeps the row, the loan id and the dates", () => {
    const r = {
      row: 7,
      loanId: "DH2025-0101",
      reasons: [
        { code: "ptp_bad_amount" as const, text: "13812345678" },
        { code: "ptp_date_before_call" as const, date: "2026-11-10", callDate: "2026-11-16" },
      ],
    };
    expect(refusalText(r, "en")).toContain("“13812345678”");
    const logged = refusalText(r, "en", "left_out");
    expect(logged).toBe(
      "row 7 (loan DH2025-0101) not recorded: PTP amount “…” is not an amount of money; PTP date 2026-11-10 is before the call date 2026-11-16",
    );
  });

  it("refuses a promise of 0, and one missing every element", () => {
    expect(checkCallRow(filled({ ptpAmount: 0 }), CALL)).toMatchObject({
      ok: false,
      refusal: { reasons: [{ code: "ptp_missing", missing: ["amount"] }] },
    });
    const none = checkCallRow(filled({ ptpDate: null, ptpAmount: null, ptpMethodText: "", ptpMethod: null }), CALL);
    expect(none).toMatchObject({ ok: false, refusal: { reasons: [{ code: "ptp_missing", missing: ["date", "amount", "method"] }] } });
  });

  it("refuses a promise dated before the call, and unreadable PTP cells", () => {
    expect(checkCallRow(filled({ ptpDate: "2026-11-15" }), CALL)).toMatchObject({
      ok: false,
      refusal: { reasons: [{ code: "ptp_date_before_call", date: "2026-11-15", callDate: "2026-11-16" }] },
    });
    const bad = checkCallRow(filled({ ptpDate: "next week", ptpAmount: "a lot" }), CALL);
    expect(bad).toMatchObject({ ok: false, refusal: { reasons: [{ code: "ptp_bad_date" }, { code: "ptp_bad_amount" }] } });
  });

  it("accepts the promise's date on the call day and free-text methods", () => {
    expect(checkCallRow(filled({ ptpDate: "2026-11-16", ptpMethodText: "到店刷卡", ptpMethod: null }), CALL)).toMatchObject({
      ok: true,
      entry: { ptpMethod: "到店刷卡" },
    });
  });

  it("needs an outcome once anything is filled, from the list", () => {
    const noOutcome = filled({
      outcomeText: "",
      outcome: null,
      ptpDate: null,
      ptpAmount: null,
      ptpMethodText: "",
      ptpMethod: null,
      note: "回电",
    });
    expect(checkCallRow(noOutcome, CALL)).toMatchObject({ ok: false, refusal: { reasons: [{ code: "no_outcome" }] } });
    expect(checkCallRow({ ...noOutcome, outcomeText: "maybe" }, CALL)).toMatchObject({
      ok: false,
      refusal: { reasons: [{ code: "unknown_outcome", text: "maybe" }] },
    });
  });

  it("refuses PTP fields under an outcome that is not a promise; allows them with 'says paid'", () => {
    const r = filled({ outcome: "no_answer", outcomeText: "无人接听" });
    expect(checkCallRow(r, CALL)).toMatchObject({
      ok: false,
      refusal: { reasons: [{ code: "ptp_fields_without_promise", outcome: "无人接听" }] },
    });
    expect(checkCallRow(filled({ outcome: "says_paid", outcomeText: "已联系-称已还款" }), CALL).ok).toBe(true);
  });

  it("needs the new number or address in the note for new contact info", () => {
    const r = filled({
      outcome: "new_contact",
      outcomeText: "获得新联系方式",
      ptpDate: null,
      ptpAmount: null,
      ptpMethodText: "",
      ptpMethod: null,
    });
    expect(checkCallRow(r, CALL)).toMatchObject({ ok: false, refusal: { reasons: [{ code: "new_contact_empty" }] } });
    expect(checkCallRow({ ...r, note: "新手机 13912345678" }, CALL).ok).toBe(true);
  });

  it("reads the call time in the ways staff type it, and refuses one it cannot read", () => {
    expect(["14:05", "14：05", "14点05", "9点", "9:5", "14:05:00"].map(readTime)).toEqual([
      "14:05",
      "14:05",
      "14:05",
      "09:00",
      "09:05",
      "14:05",
    ]);
    expect(readTime(new Date(Date.UTC(1899, 11, 30, 14, 5)))).toBe("14:05");
    expect(readTime(0.5)).toBe("12:00");
    expect(readTime("")).toBe("");
    expect(readTime("25:00")).toBeNull();
    expect(checkCallRow(filled({ time: "afternoon" }), CALL)).toMatchObject({ ok: false, refusal: { reasons: [{ code: "bad_time" }] } });
  });

  it("refuses a row without a loan id", () => {
    expect(checkCallRow(filled({ loanId: "" }), CALL)).toMatchObject({ ok: false, refusal: { reasons: [{ code: "no_loan_id" }] } });
  });
});

describe("numbers", () => {
  it("masks all but the first 3 and last 4 digits", () => {
    expect(maskNumber("13800000001")).toBe("138****0001");
    expect(maskNumber("01066666666")).toBe("010****6666");
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8,15}$/), (n) => {
        const m = maskNumber(n);
        expect(m).toHaveLength(n.length);
        expect(m.slice(3, -4)).toMatch(/^\*+$/);
      }),
    );
  });
  it("finds a new mobile, another number, or an address in a note", () => {
    expect(newContactOf("客户新手机 139 1234 5678，单位 010-66668888")).toEqual({ mobile: "13912345678", other: "01066668888" });
    expect(newContactOf("+86 13912345678")).toEqual({ mobile: "13912345678", other: "" });
    expect(newContactOf("新地址：北京市朝阳区某路 8 号")).toEqual({ mobile: "", other: "新地址：北京市朝阳区某路 8 号" });
  });
});

describe("a promise judged from the ledger's later state (installment 1,000)", () => {
  const promise = { date: d("2026-11-20"), amount: 1000 };
  it("kept: nothing due by the date is unpaid any more", () => {
    expect(judgePromise(promise, A("2026-10-16", 10000), A(null, 9000), 1000)).toBe("kept");
    expect(judgePromise(promise, A("2026-10-16", 10000), A("2026-12-16", 9000), 1000)).toBe("kept");
  });
  it("kept: the oldest unpaid date moved past one installment of 1,000", () => {
    expect(judgePromise(promise, A("2026-09-16", 10000), A("2026-10-16", 9200), 1000)).toBe("kept");
  });
  it("partial: one installment paid of a 2,000 promise", () => {
    expect(judgePromise({ ...promise, amount: 2000 }, A("2026-09-16", 10000), A("2026-10-16", 9200), 1000)).toBe("partial");
  });
  it("partial or kept from the principal's drop when the ledger has no installment", () => {
    expect(judgePromise(promise, A("2026-10-16", 10000), A("2026-10-16", 9700), null)).toBe("partial");
    expect(judgePromise({ ...promise, amount: 300 }, A("2026-10-16", 10000), A("2026-10-16", 9700), null)).toBe("kept");
  });
  it("broken: neither the principal nor the oldest unpaid date moved", () => {
    expect(judgePromise(promise, A("2026-09-16", 10000), A("2026-09-16", 10000), 1000)).toBe("broken");
    // A promise made at a reminder, for the due day itself, unpaid at its end.
    expect(judgePromise({ date: d("2026-11-16"), amount: 1000 }, A(null, 10000), A("2026-11-16", 10000), 1000)).toBe("broken");
  });
  it("kept when the account is settled or gone from the ledger; without a state before the call only kept/broken", () => {
    expect(judgePromise(promise, A("2026-09-16", 10000), { oldestUnpaid: null, principal: 0, status: "S" }, 1000)).toBe("kept");
    expect(judgePromise(promise, A("2026-09-16", 10000), { oldestUnpaid: null, principal: 0, status: "X" }, 1000)).toBe("kept");
    expect(judgePromise(promise, null, A("2026-09-16", 9500), 1000)).toBe("broken");
  });
  it("is pending until the promised date has passed", () => {
    const e = entry({ outcome: "ptp", ptpDate: d("2026-11-20"), ptpAmount: 1000, ptpMethod: "wechat" });
    const tl: LedgerTimeline = {
      known: () => A("2026-10-16", 10000),
      atOrAfter: () => A("2026-10-16", 10000),
      before: () => A("2026-10-16", 10000),
    };
    expect(promiseStatus(e, d("2026-11-20"), tl, 1000)).toBe("pending");
    expect(promiseStatus(e, d("2026-11-21"), tl, 1000)).toBe("broken");
  });
});

describe("the timeline over Daihou's history", () => {
  // Runs on 13 (Fri), 16 (Mon) and 17 November; the customer paid over the weekend.
  const hist = emptyMonth("2026-11");
  const seen = (o: Observation) => new Map([["L1", { obs: o, dueDay: 16 }]]);
  recordDay(hist, d("2026-11-13"), seen(A("2026-10-16", 10000)));
  recordDay(hist, d("2026-11-16"), seen(A(null, 9000)));
  recordDay(hist, d("2026-11-17"), seen(A(null, 9000)));
  const tl = timelineOf(new HistoryView([hist]));
  it("before a day: the end of the day before, else the last run before it", () => {
    expect(tl.before("L1", d("2026-11-17"))).toEqual(A(null, 9000));
    expect(tl.before("L1", d("2026-11-16"))).toEqual(A("2026-10-16", 10000)); // Sunday unknown → Friday's run
  });
  it("at or after a day: the day's state when known, else the first run after it", () => {
    expect(tl.known("L1", d("2026-11-14"))).toBeNull();
    expect(tl.atOrAfter("L1", d("2026-11-14"))).toEqual(A(null, 9000));
    expect(tl.atOrAfter("L1", d("2026-11-18"))).toBeNull();
  });
});

describe("attempts", () => {
  const t = d("2026-11-16");
  it("counts the unanswered streak, failed mobiles, today's dials per number, invalid and failed numbers", () => {
    const s = summarizeAttempts(
      [
        entry({ date: d("2026-11-10"), outcome: "hardship", time: "19:30" }),
        entry({ date: d("2026-11-12"), numberKind: "work", number: "01066666666", outcome: "invalid_number" }),
        entry({ date: d("2026-11-14"), outcome: "no_answer", time: "10:00" }),
        entry({ date: d("2026-11-15"), outcome: "sms_sent" }),
        entry({ date: d("2026-11-16"), outcome: "switched_off", time: "15:00", sourceRow: 3 }),
        entry({ date: d("2026-11-16"), outcome: "no_answer", time: "16:00", sourceRow: 2 }),
        entry({ date: d("2026-11-17"), outcome: "ptp" }), // after t: not counted
      ],
      t,
      d("2026-11-01"),
    );
    expect(s.dials).toBe(5);
    expect(s.unansweredStreak).toBe(4);
    expect(s.unansweredSinceSms).toBe(2);
    expect(s.failedMobileStreak).toBe(3);
    expect(s.unansweredToday.get("13800000001")).toBe(2);
    expect([...s.invalid]).toEqual(["01066666666"]);
    expect([...s.failed]).toEqual([]); // 3 unanswered in a row: not yet failed
    expect(s.periods).toEqual([2, 2, 0]); // 12th (window 9–12), 14th at 10:00, 16th at 15:00 and 16:00
    expect(s.lastPeriod).toBe(1);
    expect(s.lastReachedPeriod).toBe(2);
    expect(s.latestPromise).toBeNull();
  });
  it("an SMS needs the last 3 dials unanswered: a dial that reached the customer starts the count again", () => {
    const outcomes = ["no_answer", "no_answer", "hardship", "no_answer"] as const;
    const s = summarizeAttempts(
      outcomes.map((outcome, i) => entry({ date: d("2026-11-10") + i, outcome })),
      t,
      0,
    );
    expect(s.unansweredSinceSms).toBe(1);
    expect(s.unansweredSinceSms).toBeLessThan(UNANSWERED_FOR_SMS);
  });
  it("a number has failed after 5 unanswered dials to it in a row", () => {
    const dials = (n: number) =>
      Array.from({ length: n }, (_, i) => entry({ date: d("2026-11-01") + i, outcome: i % 2 ? "switched_off" : "no_answer" }));
    expect(summarizeAttempts(dials(4), t, 0).failed.size).toBe(0);
    expect([...summarizeAttempts(dials(5), t, 0).failed]).toEqual(["13800000001"]);
  });
  it("a number answered after being marked invalid is valid again", () => {
    const s = summarizeAttempts(
      [entry({ outcome: "invalid_number", date: d("2026-11-10") }), entry({ outcome: "hardship", date: d("2026-11-11") })],
      t,
      0,
    );
    expect(s.invalid.size).toBe(0);
  });
});

describe("the staff summary of a month (SPEC §6), worked by hand", () => {
  // States by account: [from day, state]; each known up to `until`.
  const STATES: Record<string, { until: string; from: [string, Observation][] }> = {
    // M1 on 3–4 Nov; pays everything on 6 Nov → kept, and back in C at month end: cured.
    L1: {
      until: "2026-11-30",
      from: [
        ["2026-11-01", A("2026-10-16", 10000)],
        ["2026-11-06", A(null, 9000)],
      ],
    },
    // M2 all month (unpaid since 1 Oct): not cured.
    L2: { until: "2026-11-30", from: [["2026-11-01", A("2026-10-01", 8000)]] },
    // M1; pays 200 of a 500 promise (installment 500): partial; month end unknown.
    L3: {
      until: "2026-11-20",
      from: [
        ["2026-11-01", A("2026-10-16", 5000)],
        ["2026-11-12", A("2026-10-16", 4800)],
      ],
    },
    // In C when called: not a cure candidate.
    L4: { until: "2026-11-30", from: [["2026-11-01", A(null, 3000)]] },
  };
  const known = (id: string, day: Day): Observation | null => {
    const s = STATES[id];
    if (!s || day > d(s.until)) return null;
    let o: Observation | null = null;
    for (const [from, obs] of s.from) if (d(from) <= day) o = obs;
    return o;
  };
  const timeline: LedgerTimeline = { known, atOrAfter: known, before: (id, day) => known(id, day - 1) };
  const entries = [
    entry({ staff: "甲", loanId: "L1", date: d("2026-10-30"), outcome: "no_answer" }), // October: not counted
    entry({ staff: "甲", loanId: "L1", date: d("2026-11-03"), outcome: "no_answer" }),
    entry({
      staff: "甲",
      loanId: "L1",
      date: d("2026-11-04"),
      outcome: "ptp",
      ptpDate: d("2026-11-06"),
      ptpAmount: 1000,
      ptpMethod: "cash",
    }),
    entry({ staff: "甲", loanId: "L2", date: d("2026-11-05"), outcome: "hardship" }),
    entry({ staff: "甲", loanId: "L2", date: d("2026-11-05"), outcome: "sms_sent", sourceRow: 9 }),
    entry({
      staff: "乙",
      loanId: "L3",
      date: d("2026-11-10"),
      outcome: "ptp",
      ptpDate: d("2026-11-12"),
      ptpAmount: 500,
      ptpMethod: "alipay",
    }),
    entry({ staff: "乙", loanId: "L4", date: d("2026-11-11"), outcome: "switched_off" }),
    entry({ staff: "乙", loanId: "L2", date: d("2026-11-20"), outcome: "no_answer" }),
  ];
  it("dials, reached, promises, promises kept and accounts cured per collector", () => {
    const rows = staffSummary(entries, "2026-11", timeline, defaultSettings(), (id) => (id === "L3" ? 500 : 1000));
    expect(rows).toEqual([
      { staff: "乙", dials: 3, reached: 1, ptps: 1, ptpsKept: 0, ptpsPending: 0, cured: 0, curedUnknown: 1 },
      { staff: "甲", dials: 3, reached: 2, ptps: 1, ptpsKept: 1, ptpsPending: 0, cured: 1, curedUnknown: 0 },
    ]);
  });
  it("a promise whose date the history has not reached is pending, not kept", () => {
    const late = [
      entry({
        staff: "丙",
        loanId: "L1",
        date: d("2026-11-28"),
        outcome: "ptp",
        ptpDate: d("2026-12-03"),
        ptpAmount: 1000,
        ptpMethod: "cash",
      }),
    ];
    expect(staffSummary(late, "2026-11", timeline, defaultSettings())[0]).toMatchObject({ ptps: 1, ptpsKept: 0, ptpsPending: 1 });
  });
});
