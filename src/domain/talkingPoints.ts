/**
 * Talking points (话术) for each task, from the course (SPEC §4), in Chinese and
 * English, with the customer's name, amount and date filled in.
 */
import type { CallTask } from "./calls";
import { isoDay } from "./days";
import { type Lang, t } from "./i18n";
import { fillPlaceholdersWith } from "./template";

type Script = Record<Lang, string>;

/**
 * Scripts by task type and, for reminders, class; `{name}`, `{amount}` (the next
 * installment), `{overdue}` (the whole overdue amount: "2 期共 3,560 元"), `{date}`,
 * `{dpd}` are filled in.
 */
export const SCRIPTS = {
  welcome: {
    zh: "确认放款已到账，恭喜{name}（由门店经理亲自致电，体现客户的尊贵）。用开放式问题请客户自己说出还款三要素：还款日期（{date}）、还款金额（{amount}）和还款账户，并请客户记牢。强调按时还款的好处：信用良好，可以续贷；不按时还款会带来损失。",
    en: "Confirm the money has arrived and congratulate {name} (the store manager calls in person, to show the customer matters). Ask open questions so the customer states the three elements themselves: repayment date ({date}), amount ({amount}) and the account to pay into, and asks them to remember them. Stress what paying on time brings — a good record and the chance to renew (续贷) — and what paying late costs.",
  },
  reminder_A: {
    zh: "先赞扬{name}一贯按时还款的好习惯，再提醒还款日期 {date}、金额 {amount}，强调按时还款的重要性。",
    en: "Praise {name} for always paying on time, then remind them of the date ({date}) and amount ({amount}), and stress how much paying on time matters.",
  },
  reminder_B: {
    zh: "{name}过去三个月基本能按时还款。提醒还款日期 {date}、金额 {amount}，强调逾期会产生高额违约金和罚息，请客户按时还款。",
    en: "{name} has mostly paid on time over the last three months. Remind them of the date ({date}) and amount ({amount}), and stress that paying late brings penalty interest and heavy fees.",
  },
  reminder_C: {
    zh: "注重沟通，了解{name}按时还款的困难。提醒还款日期 {date}、金额 {amount}，强调信用记录的重要性，帮助客户养成提前还款的好习惯。",
    en: "Talk with {name} and find out what gets in the way of paying on time. Remind them of the date ({date}) and amount ({amount}), stress that every late payment stays on the credit record, and help them build the habit of paying before the due day.",
  },
  first_reminder: {
    zh: "首期还款提醒：{name}的第一期 {amount} 将于 {date} 到期。用开放式问题请客户说出还款日期、金额和还款账户，确认三要素。",
    en: "First-installment reminder: {name}'s first installment of {amount} is due on {date}. Ask open questions so the customer states the date, amount and account, and confirm all three elements.",
  },
  confirm: {
    zh: "今天是还款日：确认{name}的 {amount} 是否已还。若未还，请客户明确说出还款时间、金额和方式（三要素齐全才算确认还款）。",
    en: "Today is the due day: check whether {name} has paid {amount}. If not, ask the customer to state when, how much and how they will pay — a repayment is confirmed only with all three.",
  },
  collection_M1: {
    zh: "M1（逾期 {dpd} 天）：了解{name}逾期的原因（自 {date} 起未还，{overdue}）；分析逾期后果（罚息、信用记录）并施压，帮客户想办法（亲友代还、分期筹款），取得还款承诺：时间、金额、方式三要素齐全。电话为主，配合短信。",
    en: "M1 ({dpd} days late): find out why {name} has not paid since {date} ({overdue}); explain the consequences (penalty interest, the credit record), help find a way (family, paying in parts), and get a promise with date, amount and method — all three. Phone first, with SMS.",
  },
  collection_M2: {
    zh: "M2（逾期 {dpd} 天，自 {date} 起未还，{overdue}）：客户已是真正意义上的逾期。加大电话催收力度，讲清后果；必要时发催收函并安排上门（注意人身安全）。取得三要素齐全的还款承诺。",
    en: "M2 ({dpd} days late, unpaid since {date}: {overdue}): this is now a real delinquency. Stronger phone collection with the consequences made clear; send a letter and plan a visit where needed (mind your safety). Get a promise with date, amount and method.",
  },
  broken_promise: {
    zh: "违约承诺：{name}承诺 {ptpDate} 还款 {ptpAmount}，到期{ptpStatus}。先提醒客户自己说过的承诺，问清原因，讲明失信对信用记录的影响，再取得新的还款承诺：时间、金额、方式三要素齐全。（逾期 {dpd} 天，自 {date} 起未还，{overdue}）",
    en: "Broken promise: {name} promised to pay {ptpAmount} by {ptpDate}, and by then {ptpStatus}. Remind the customer of their own promise, ask why, make clear what a broken promise does to the credit record, and get a new promise with date, amount and method — all three. ({dpd} days late; unpaid since {date}: {overdue})",
  },
  sms: {
    zh: "短信（发往客户本人手机，最近三次电话都未接通）：{name}您好，您自 {date} 起应还的款项（{overdue}）尚未收到，请尽快还款，以免产生罚息并影响信用记录；如已还款请忽略。如有困难请回电门店。",
    en: "SMS (to the customer's own mobile; the last three calls went unanswered): Dear {name}, the payments due since {date} ({overdue}) have not been received. Please pay as soon as you can to avoid penalty interest and a mark on your credit record; ignore this if you have paid. If you are having difficulties, please call the store.",
  },
  lost_contact: {
    zh: "失联上报：{name}的所有号码都打不通或已无效（逾期 {dpd} 天）。请客户经理立即通过自己掌握的渠道联系客户、核实并更新联系方式（新号码在呼叫表中以“获得新联系方式”记录，写在备注里），必要时安排上门。",
    en: "Lost contact: none of {name}'s numbers reaches them any more — each failed or is invalid ({dpd} days late). Account manager: reach the customer at once through your own channels, check and update their contact details (record a new number on the call sheet as “New contact info”, with the number in the note), and plan a visit if needed.",
  },
  handover: {
    zh: "M3及以上（逾期 {dpd} 天，{overdue}）：移交后线，考虑委外催收和法律诉讼；门店辅助，提供客户信息，不再安排门店电话。",
    en: "M3 or worse ({dpd} days late; {overdue}): handed to the back office for outsourced (委外) or legal (法律诉讼) collection; the store assists with what it knows and does not call.",
  },
  third_party: {
    zh: "【第三方话术】此号码可能不是客户本人接听：只说找{name}，先确认对方身份；对任何其他人都不提及贷款或欠款，只留姓名和回电号码。",
    en: "[Third-party script] Someone else may answer this number: ask only for {name} and confirm who you are speaking to first; never mention the loan or a debt to anyone else — leave only a name and a number to call back.",
  },
} satisfies Record<string, Script>;

/** The script key for a task. */
export function scriptKey(task: Pick<CallTask, "type" | "reminderClass" | "bucket">): keyof typeof SCRIPTS {
  switch (task.type) {
    case "reminder":
      return task.reminderClass === "B" ? "reminder_B" : task.reminderClass === "C" ? "reminder_C" : "reminder_A";
    case "collection":
      return task.bucket === "M2" ? "collection_M2" : "collection_M1";
    case "welcome":
    case "first_reminder":
    case "confirm":
    case "handover":
    case "broken_promise":
    case "sms":
    case "lost_contact":
      return task.type;
    default:
      return "collection_M1";
  }
}

/** Formats an amount the way staff read it: 1,234.5 → "1,234.50", 8000 → "8,000". */
export function formatAmount(n: number | null): string {
  if (n === null) return "—";
  const cents = Math.round(Math.abs(n) * 100);
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = cents % 100;
  return `${n < 0 ? "-" : ""}${whole}${frac === 0 ? "" : `.${String(frac).padStart(2, "0")}`}`;
}

/**
 * The whole overdue amount in words (SPEC §4): "2 期共 3,560 元" / "2 installments,
 * 3,560 in all"; one installment: "1 期 1,780 元" / "1 installment, 1,780". Without
 * an overdue amount (DPD 0), the amount due.
 */
export function overdueText(task: Pick<CallTask, "amountOverdue" | "installmentsOverdue" | "amountDue">, lang: Lang): string {
  const n = task.installmentsOverdue;
  if (n === null) return formatAmount(task.amountDue);
  const amount = task.amountOverdue;
  if (amount === null) return n === 1 ? t(lang, "overdue.one") : t(lang, "overdue.many", { n });
  return t(lang, n === 1 ? "overdue.one_amount" : "overdue.many_amount", { n, amount: formatAmount(amount) });
}

const PTP_STATUS_WORDS: Record<"kept" | "partial" | "broken" | "pending", Record<Lang, string>> = {
  kept: { zh: "已兑现", en: "it was kept" },
  partial: { zh: "只还了一部分", en: "only part was paid" },
  broken: { zh: "分文未还", en: "nothing was paid" },
  pending: { zh: "尚未到期", en: "it is not due yet" },
};

/** The filled talking points for a task, with the third-party script first on work and home numbers. */
export function talkingPoints(task: CallTask, lang: Lang): string {
  const p = task.promise;
  // One pass: a customer's name is inserted as text, never read again as a placeholder.
  // Each value is worked out only when the script has its placeholder (a big store has thousands of tasks).
  const valueFor = (name: string): string | number | undefined => {
    switch (name) {
      case "name":
        return task.customer;
      case "amount":
        return formatAmount(task.amountDue);
      case "overdue":
        return overdueText(task, lang);
      case "date":
        return task.dueDate === null ? "—" : isoDay(task.dueDate);
      case "dpd":
        return task.dpd;
      case "ptpDate":
        return p ? isoDay(p.date) : "—";
      case "ptpAmount":
        return p ? formatAmount(p.amount) : "—";
      case "ptpStatus":
        return p ? PTP_STATUS_WORDS[p.status][lang] : "—";
      default:
        return undefined;
    }
  };
  const main = fillPlaceholdersWith(SCRIPTS[scriptKey(task)][lang], valueFor);
  return task.thirdParty ? `${fillPlaceholdersWith(SCRIPTS.third_party[lang], valueFor)}\n${main}` : main;
}
