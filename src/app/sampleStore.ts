/**
 * A realistic generated store for the demo, the "insert a sample store" menu,
 * tests and benchmarks: loans with due days on the 1st and 16th, customers who
 * pay on time, sometimes late, habitually late, or stop paying — and the ledger
 * as it stands at the end of any day. Deterministic for a given seed.
 * The names and numbers are invented.
 */
import type { Cell } from "../domain/cells";
import { type Day, dayFromYmd, isoDay, nextDayOfMonth, ymd } from "../domain/days";
import type { StaffMember } from "../domain/settings";

/** How a simulated customer pays. */
type Behaviour = "good" | "sometimes_late" | "habitual" | "defaulter";

/** One simulated loan. */
export interface SampleLoan {
  loanId: string;
  customer: string;
  mobile: string;
  workPhone: string;
  homePhone: string;
  amount: number;
  installment: number;
  principalPart: number;
  term: number;
  dueDay: number;
  disbursedOn: Day;
  firstDue: Day;
  /** Due date and paid date of each installment (Infinity: never paid). */
  dueDates: Day[];
  paidOn: number[];
  writtenOffOn: number;
  manager: string;
  preferredTime: string;
  behaviour: Behaviour;
}

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏飞建华志强春梅海燕丹晓东雪梅建国金凤文博子涵浩然思远欣怡宇轩梓萱";
const MANAGERS = ["周经理", "林经理", "郑经理"];
const TIMES = ["", "", "上午", "下午", "晚上", "午休 12:00-13:30", "18:00 以后"];

/** The sample store's people: its store manager (welcome calls) and four collectors, each with calls a day. */
export function sampleStaff(): StaffMember[] {
  return [
    { name: "王芳", role: "manager", dailyCapacity: 30 },
    { name: "张敏", role: "staff", dailyCapacity: 60 },
    { name: "李强", role: "staff", dailyCapacity: 60 },
    { name: "陈静", role: "staff", dailyCapacity: 50 },
    { name: "刘洋", role: "staff", dailyCapacity: 40 },
  ];
}

/** Options for generating a store. */
export interface SampleOptions {
  loans: number;
  seed?: number;
  /** Disbursements fall between these days. */
  from: Day;
  to: Day;
}

/** Generates the store's loans (payment behaviour included). */
export function generateLoans(options: SampleOptions): SampleLoan[] {
  const rand = rng(options.seed ?? 20261116);
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const loans: SampleLoan[] = [];
  const span = options.to - options.from;
  for (let i = 0; i < options.loans; i++) {
    // More loans recently; a few in the last days for welcome calls and NEW accounts.
    const disbursedOn = options.to - Math.floor(span * rand() ** 1.3);
    const dueDay = rand() < 0.55 ? 1 : 16;
    const firstDue = nextDayOfMonth(disbursedOn + 15, dueDay);
    const term = pick([12, 12, 18, 24, 24, 36]);
    const amount = (10 + Math.floor(rand() * 19)) * 5000;
    const principalPart = Math.round((amount / term) * 100) / 100;
    const installment = Math.round((principalPart + amount * 0.012) * 100) / 100;
    const r = rand();
    const behaviour: Behaviour = r < 0.55 ? "good" : r < 0.75 ? "sometimes_late" : r < 0.87 ? "habitual" : "defaulter";
    const dueDates: Day[] = [];
    let due = firstDue;
    for (let k = 0; k < term; k++) {
      dueDates.push(due);
      const { year, month } = ymd(due);
      due = nextDayOfMonth(dayFromYmd(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), dueDay);
    }
    const stopAt = behaviour === "defaulter" ? Math.floor(rand() * Math.min(term, 10)) : term;
    const curesAfter = behaviour === "defaulter" && rand() < 0.35 ? 20 + Math.floor(rand() * 60) : Number.POSITIVE_INFINITY;
    const paidOn: number[] = [];
    let prevPaid = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < term; k++) {
      let delay = 0;
      if (behaviour === "good") delay = rand() < 0.5 ? -Math.floor(rand() * 4) : 0;
      else if (behaviour === "sometimes_late") delay = rand() < 0.78 ? -Math.floor(rand() * 3) : 1 + Math.floor(rand() * 18);
      else if (behaviour === "habitual") delay = rand() < 0.35 ? 0 : 1 + Math.floor(rand() * 9);
      else delay = k < stopAt ? (rand() < 0.6 ? 0 : 1 + Math.floor(rand() * 12)) : curesAfter;
      const paid = Math.max(dueDates[k] + delay, prevPaid);
      paidOn.push(paid);
      prevPaid = paid;
    }
    const firstUnpaid = paidOn.indexOf(Number.POSITIVE_INFINITY);
    const writtenOffOn = firstUnpaid >= 0 && rand() < 0.5 ? dueDates[firstUnpaid] + 181 : Number.POSITIVE_INFINITY;
    const phone = (prefix: string) => `${prefix}${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`;
    loans.push({
      loanId: `HT${ymd(disbursedOn).year}${String(i + 1).padStart(5, "0")}`,
      customer: pick<string>(SURNAMES) + pick<string>(GIVEN) + (rand() < 0.6 ? pick<string>(GIVEN) : ""),
      mobile: phone(pick(["138", "139", "136", "158", "186", "187", "150"])),
      workPhone: rand() < 0.75 ? `0${pick(["21", "10", "755", "571", "28"])}-${String(Math.floor(rand() * 1e7)).padStart(8, "6")}` : "",
      homePhone: rand() < 0.55 ? `0${pick(["21", "10", "755", "571", "28"])}-${String(Math.floor(rand() * 1e7)).padStart(8, "8")}` : "",
      amount,
      installment,
      principalPart,
      term,
      dueDay,
      disbursedOn,
      firstDue,
      dueDates,
      paidOn,
      writtenOffOn,
      manager: pick(MANAGERS),
      preferredTime: pick(TIMES),
      behaviour,
    });
  }
  return loans;
}

/** The ledger's Chinese headers, in the order a store might keep them (with columns Daihou ignores). */
export const SAMPLE_HEADERS = [
  "合同编号",
  "客户姓名",
  "手机号码",
  "单位电话",
  "家庭电话",
  "放款日期",
  "放款金额",
  "首期还款日",
  "还款日",
  "每期还款额",
  "剩余本金",
  "最早未还款日",
  "状态",
  "客户经理",
  "方便联系时间",
  "备注",
];

/** A loan's state at the end of day t. */
export function loanStateOn(loan: SampleLoan, t: Day): { oldestUnpaid: Day | null; principal: number; status: "正常" | "结清" | "核销" } {
  let paidCount = 0;
  let oldestUnpaid: Day | null = null;
  for (let k = 0; k < loan.term; k++) {
    if (loan.paidOn[k] <= t) paidCount++;
    else if (loan.dueDates[k] <= t && oldestUnpaid === null) oldestUnpaid = loan.dueDates[k];
  }
  const principal = Math.max(0, Math.round((loan.amount - paidCount * loan.principalPart) * 100) / 100);
  if (t >= loan.writtenOffOn) return { oldestUnpaid, principal, status: "核销" };
  if (paidCount >= loan.term || principal <= 0) return { oldestUnpaid: null, principal: 0, status: "结清" };
  return { oldestUnpaid, principal, status: "正常" };
}

/** The store's ledger (header + rows) as it stands at the end of day t: loans disbursed by t. */
export function sampleLedger(loans: readonly SampleLoan[], t: Day): Cell[][] {
  const rows: Cell[][] = [SAMPLE_HEADERS.slice()];
  for (const loan of loans) {
    if (loan.disbursedOn > t) continue;
    const s = loanStateOn(loan, t);
    rows.push([
      loan.loanId,
      loan.customer,
      loan.mobile,
      loan.workPhone,
      loan.homePhone,
      isoDay(loan.disbursedOn),
      loan.amount,
      isoDay(loan.firstDue),
      loan.dueDay,
      loan.installment,
      s.principal,
      s.oldestUnpaid === null ? "" : isoDay(s.oldestUnpaid),
      s.status,
      loan.manager,
      loan.preferredTime,
      "",
    ]);
  }
  return rows;
}

/** The two shapes a store's input comes in (SPEC §3): one row per loan, or a repayment schedule (还款计划). */
export type SampleShape = "ledger" | "schedule";

/** A repayment schedule's Chinese headers, as a lending system exports its 还款计划. */
export const SCHEDULE_HEADERS = [
  "合同编号",
  "客户姓名",
  "手机号码",
  "单位电话",
  "家庭电话",
  "放款日期",
  "放款金额",
  "期数",
  "应还日期",
  "应还金额",
  "应还本金",
  "已还金额",
  "还款状态",
  "状态",
  "客户经理",
  "方便联系时间",
];

/**
 * The same store as a repayment schedule at the end of day t: one row per
 * installment of each loan disbursed by t. The last installment's principal
 * takes the rounding, so the principal parts add up to the amount lent.
 */
export function sampleSchedule(loans: readonly SampleLoan[], t: Day): Cell[][] {
  const rows: Cell[][] = [SCHEDULE_HEADERS.slice()];
  for (const loan of loans) {
    if (loan.disbursedOn > t) continue;
    const status = t >= loan.writtenOffOn ? "核销" : "正常";
    const lastPart = Math.round((loan.amount - (loan.term - 1) * loan.principalPart) * 100) / 100;
    for (let k = 0; k < loan.term; k++) {
      const due = loan.dueDates[k];
      const paid = loan.paidOn[k] <= t;
      rows.push([
        loan.loanId,
        loan.customer,
        loan.mobile,
        loan.workPhone,
        loan.homePhone,
        isoDay(loan.disbursedOn),
        loan.amount,
        k + 1,
        isoDay(due),
        loan.installment,
        k === loan.term - 1 ? lastPart : loan.principalPart,
        paid ? loan.installment : 0,
        paid ? "已还" : due < t ? "逾期" : "未还",
        status,
        loan.manager,
        loan.preferredTime,
      ]);
    }
  }
  return rows;
}

/** The store in either shape at the end of day t. */
export function sampleStore(loans: readonly SampleLoan[], t: Day, shape: SampleShape = "ledger"): Cell[][] {
  return shape === "schedule" ? sampleSchedule(loans, t) : sampleLedger(loans, t);
}
