/** Numbers (SPEC §4): a number recorded as new contact info is the first of its kind from then on. */
import { type CallTask, type ContactHistory, buildTasks, resolveTeam } from "../../src/domain/calls";
import { classify } from "../../src/domain/classify";
import type { ContactEntry } from "../../src/domain/contacts";
import { groupByLoan, summarizeAttempts } from "../../src/domain/attempts";
import { type Day, parseIsoDay } from "../../src/domain/days";
import { episodeStart, numberLists, usableFirst } from "../../src/domain/numbers";
import { defaultSettings } from "../../src/domain/settings";
import { WorkCalendar } from "../../src/domain/workdays";
import { account } from "../fixtures/account";
import { entry } from "../fixtures/contactEntry";

const d = (s: string): Day => parseIsoDay(s);

function tasksOn(t: string, entries: ContactEntry[], over = {}): CallTask[] {
  const settings = defaultSettings();
  const contacts: ContactHistory = { byLoan: groupByLoan(entries) };
  const a = account({ oldestUnpaid: d("2026-11-01"), dueDay: 1, workPhone: "01066666666", ...over });
  return buildTasks([classify(a, d(t), settings)], {
    t: d(t),
    settings,
    calendar: new WorkCalendar([], []),
    team: resolveTeam(settings, []),
    contacts,
  });
}

const newMobile = entry({ date: d("2026-11-05"), outcome: "new_contact", note: "new mobile 13912345678", time: "10:00" });

describe("a new number recorded as new contact info", () => {
  it("is dialled first from the next day, though the ledger's mobile still works", () => {
    const before = tasksOn("2026-11-05", []);
    expect(before[0]).toMatchObject({ type: "collection", phone: "mobile", number: "13800000001" });
    for (const t of ["2026-11-06", "2026-11-07", "2026-11-09"]) {
      const [task] = tasksOn(t, [newMobile]);
      if (task.phone === "mobile") expect(task.number).toBe("13912345678");
    }
    const mobiles = ["2026-11-06", "2026-11-07", "2026-11-08", "2026-11-09"]
      .map((t) => tasksOn(t, [newMobile])[0])
      .filter((x) => x.phone === "mobile");
    expect(mobiles.length).toBeGreaterThan(0);
  });

  it("lists the old number after it; the old one is dialled when the new one is invalid", () => {
    const s = summarizeAttempts([newMobile], d("2026-11-06"), d("2026-11-02"));
    const lists = numberLists({ mobile: "13800000001", work: "", home: "" }, s);
    expect(lists.mobile).toEqual(["13912345678", "13800000001"]);
    const bad = summarizeAttempts(
      [newMobile, entry({ date: d("2026-11-06"), number: "13912345678", outcome: "invalid_number" })],
      d("2026-11-07"),
      d("2026-11-02"),
    );
    expect(usableFirst(numberLists({ mobile: "13800000001", work: "", home: "" }, bad), bad, 6).mobile).toBe("13800000001");
  });

  it("a new landline heads the work phones when the ledger has none, else the home phones when that has none", () => {
    const s = summarizeAttempts([entry({ outcome: "new_contact", note: "单位电话 010-88886666" })], d("2026-11-17"), d("2026-11-02"));
    expect(numberLists({ mobile: "13800000001", work: "", home: "" }, s).work).toEqual(["01088886666"]);
    expect(numberLists({ mobile: "13800000001", work: "01066666666", home: "" }, s).home).toEqual(["01088886666"]);
    expect(numberLists({ mobile: "13800000001", work: "01066666666", home: "01077777777" }, s).work).toEqual([
      "01088886666",
      "01066666666",
    ]);
  });

  it("the SMS goes to the new mobile", () => {
    const unanswered = ["2026-11-06", "2026-11-07", "2026-11-08"].map((t, i) =>
      entry({ date: d(t), number: "13912345678", outcome: "no_answer", sourceRow: 10 + i, time: "10:00" }),
    );
    const sms = tasksOn("2026-11-09", [newMobile, ...unanswered]).find((x) => x.type === "sms");
    expect(sms?.number).toBe("13912345678");
  });
});

describe("the delinquency's first day", () => {
  it("is the day DPD reached M1's first DPD", () => {
    expect(episodeStart(d("2026-11-30"), 29, 1)).toBe(d("2026-11-02"));
  });
});
