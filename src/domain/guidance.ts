/**
 * The guidance sidebar's content: the training course on post-loan work (贷后管理),
 * reorganised and written in Daihou's own words, in Chinese and English, as plain
 * text data (no HTML, no markup). Where the course and SPEC.md differ, SPEC wins:
 * classes, schedules and figures here say what Daihou does.
 *
 * A table block's first row is its header row.
 */
import type { Lang } from "./i18n";

/** One block of a section: a paragraph, a bulleted list or a table (first row = header). */
export interface GuidanceBlock {
  kind: "p" | "list" | "table";
  text?: Record<Lang, string>;
  items?: Record<Lang, string>[];
  rows?: Record<Lang, string>[][];
}

/** One section of the guidance sidebar. */
export interface GuidanceSection {
  id: string;
  title: Record<Lang, string>;
  blocks: GuidanceBlock[];
}

type Pair = [zh: string, en: string];

const L = (zh: string, en: string): Record<Lang, string> => ({ zh, en });
const p = (zh: string, en: string): GuidanceBlock => ({ kind: "p", text: L(zh, en) });
const list = (...items: Pair[]): GuidanceBlock => ({ kind: "list", items: items.map(([zh, en]) => L(zh, en)) });
const table = (...rows: Pair[][]): GuidanceBlock => ({ kind: "table", rows: rows.map((row) => row.map(([zh, en]) => L(zh, en))) });

/** The sections, in the order the sidebar shows them. */
export const GUIDANCE: readonly GuidanceSection[] = [
  // ------------------------------------------------------------------ goal
  {
    id: "goal",
    title: L("贷后管理的目标和意义", "The goal of post-loan work and why it matters"),
    blocks: [
      p(
        "贷后管理是放款之后门店对每一笔贷款的持续跟进，分成两部分：一是对正常还款客户的提醒，包括放款回访和每期还款前的温馨提醒，作用是防止客户走到逾期这一步；二是对已经逾期客户的催收。无论做哪一部分，都要随时留意客户的新情况，并及时登记、更新资料。",
        "Post-loan work is everything the store does for a loan once the money has gone out. It has two halves. The first is reminding customers who pay on time, through the welcome call after disbursement and a reminder before each due day, so that accounts do not go late in the first place. The second is collecting from customers who already are late. In both halves, staff watch for anything new about the customer and write it down straight away.",
      ),
      p(
        "目标可以用一句话概括：把各项逾期指标控制在基准线以内，在此前提下为公司创造尽可能多的利润。每一个保持正常的账户，本金都在继续产生收益；一旦滑向深度逾期，收益就变成了催收成本，甚至坏账。",
        "The goal fits in one sentence: keep every overdue indicator inside its baseline, and so make the most profit the loan book can give. An account that stays current keeps earning; one that slides into deep delinquency turns its earnings into collection cost, and in the end into bad debt.",
      ),
      p("贷后管理的意义体现在三个方面：", "Post-loan work matters for three reasons:"),
      list(
        [
          "获得新的客户信息：客户会换工作、搬家、换号码。每一次通话都是核实和补充联系方式的机会，掌握的信息越全，日后越不容易失联。",
          "New customer information: customers change jobs, homes and numbers. Every call is a chance to check and add to what the store knows, and the more it knows, the less likely it is to lose touch with the customer later.",
        ],
        [
          "培养还款习惯、建立良好关系：从头几期就按时还款的客户，往后多半也会按时还款；被尊重、被及时提醒的客户，遇到困难时更愿意主动找门店商量，而不是躲起来。",
          "Repayment habits and a good relationship: a customer who pays the first few installments on time usually keeps doing so, and one who has been treated with respect and reminded in good time is more likely to call the store when trouble comes instead of going quiet.",
        ],
        [
          "反馈风险信息：哪些客户群、哪些行业、哪些获客渠道的贷款容易逾期，贷后最先看到。把这些情况反馈给市场拓展和信贷审批，帮助他们调整获客方向和审批政策。",
          "Risk feedback: post-loan staff are the first to see which kinds of customers, occupations or sales channels tend to go late. Passing this back to sales and to credit approval helps them adjust where they look for customers and what they approve.",
        ],
      ),
      p(
        "正因为如此，门店客服部门大约 60% 的时间和精力应当投入贷后管理。它不是放款之后的附带工作，而是风险控制的最后一道防线：做得好，利润留得住；做不好，逾期就会变成坏账。",
        "That is why the store's customer-service department should give about 60% of its time and effort to post-loan work. It is not an afterthought to lending but the last line of risk control: done well, the profit stays; done badly, late accounts become bad debt.",
      ),
      p(
        "预防胜于催收：账户还在正常状态时多打一通提醒电话，远比它进入 M1 之后再去催收省力。",
        "Prevention costs less than collection: one extra reminder call while an account is current is far cheaper than chasing the account once it has reached M1.",
      ),
    ],
  },

  // ------------------------------------------------------------------ responsibility
  {
    id: "responsibility",
    title: L("门店的职责范围", "Where the store's responsibility starts and ends"),
    blocks: [
      p(
        "贷后职责按账龄划分。账户从正常（C）到 M2，整个过程都由门店负责；进入 M3 以后移交后线，门店转为辅助角色。",
        "Responsibility follows the bucket. From current (C) through M2 the account belongs to the store; once it reaches M3 it passes to the back office and the store moves to a supporting role.",
      ),
      table(
        [
          ["账龄", "Bucket"],
          ["逾期天数", "Days past due"],
          ["负责方", "Responsible"],
          ["门店的工作", "What the store does"],
        ],
        [
          ["C（正常）", "C (current)"],
          ["0", "0"],
          ["门店", "Store"],
          ["放款回访、温馨提醒、还款日下午电话确认", "Welcome call, reminders, the due-day afternoon confirmation"],
        ],
        [
          ["M1", "M1"],
          ["1–30", "1–30"],
          ["门店", "Store"],
          ["电话加短信催收；投入约 60% 的催收精力", "Phone and SMS collection; about 60% of the collection effort"],
        ],
        [
          ["M2", "M2"],
          ["31–60", "31–60"],
          ["门店", "Store"],
          ["加大电话力度，配合信函和上门", "Stronger phone collection, plus letters and visits"],
        ],
        [
          ["M3", "M3"],
          ["61–90", "61–90"],
          ["后线（门店辅助）", "Back office (store assists)"],
          ["向后线提供客户信息，按需配合", "Give the back office what the store knows and help when asked"],
        ],
        [
          ["M3+", "M3+"],
          ["91 及以上", "91 and over"],
          ["后线（门店辅助）", "Back office (store assists)"],
          ["同上；后线考虑委外和法律途径", "The same; the back office considers outsourced and legal collection"],
        ],
      ),
      list(
        [
          "M1 是最关键的阶段。这时很多客户只是忘了、钱晚到了几天，或者一时周转不开，还谈不上真正的逾期，一通电话、一条短信往往就能解决。在这里多下功夫，账户回到正常的机会最大，所以门店应把大约 60% 的催收时间和精力放在 M1。",
          "M1 is where the effort pays most. Many customers at this stage simply forgot, were paid a few days late or are briefly short of cash; they are not yet truly delinquent, and one call or one message often settles it. The chance of bringing an account back to current is highest here, so the store should put about 60% of its collection time and effort into M1.",
        ],
        [
          "到了 M2，客户已经逾期一个月以上，是真正意义上的逾期，需要更有力的手段。",
          "By M2 the customer has been late for more than a month. This is real delinquency and needs firmer measures.",
        ],
        [
          "M3 及以上由后线接手。门店不再打催收电话，但要把掌握的情况交给后线：新号码、住址、单位、联系人、之前的承诺和沟通经过，并在后线需要时提供协助。",
          "From M3 the back office takes over. The store stops making collection calls but hands over everything it knows (new numbers, address, employer, contacts, earlier promises and how past calls went) and helps whenever the back office asks.",
        ],
        [
          "整个过程都要防止失联：每个阶段都坚持电话加短信，一旦发现联系异常，立即请客户经理协助。",
          "Guard against losing contact all the way through: keep up phone calls and SMS at every stage, and bring in the account manager the moment contact looks wrong.",
        ],
        [
          "在 Daihou 中，M3 和 M3+ 账户每天以“移交后线”出现在呼叫表上，只列出、不拨打，提醒大家这些账户已由后线负责。",
          "In Daihou, M3 and M3+ accounts appear on the call sheet every day as “Handover to back office”: listed, never dialled, as a reminder that the back office now owns them.",
        ],
      ),
    ],
  },

  // ------------------------------------------------------------------ classes
  {
    id: "classes",
    title: L("贷后账户的四种分类", "The four account classes"),
    blocks: [
      p(
        "门店的在贷账户按逾期天数（DPD）分为四类。某一天的逾期天数等于当天日期减去最早一期未还款的应还日，再减去宽限天数（默认 0 天），最小为 0。",
        "The store's active accounts fall into four classes by days past due (DPD). An account's DPD on a given day is that day minus the due date of its oldest unpaid installment, minus any grace days (0 by default), and never below zero.",
      ),
      table(
        [
          ["账户分类", "Account class"],
          ["Daihou 账龄", "Daihou bucket"],
          ["逾期天数", "Days past due"],
          ["含义", "What it means"],
        ],
        [
          ["正常账户", "Normal account (正常账户)"],
          ["C", "C"],
          ["0", "0"],
          ["没有逾期的款项", "Nothing is overdue"],
        ],
        [
          ["M1账户", "M1 account (M1账户)"],
          ["M1", "M1"],
          ["1–30", "1–30"],
          ["逾期一个月以内，以提醒和解决问题为主", "Up to a month late; mostly a matter of reminding and solving a problem"],
        ],
        [
          ["M2账户", "M2 account (M2账户)"],
          ["M2", "M2"],
          ["31–60", "31–60"],
          ["逾期一到两个月，已是真正的逾期", "One to two months late; real delinquency"],
        ],
        [
          ["M2+账户", "M2+ account (M2+账户)"],
          ["M3 和 M3+", "M3 and M3+"],
          ["61 及以上（M3：61–90；M3+：91 及以上）", "61 and over (M3: 61–90; M3+: 91 and over)"],
          ["深度逾期，移交后线", "Deep delinquency; handed to the back office"],
        ],
      ),
      list(
        ["上表的分界是默认值，可以在设置中调整。", "The boundaries in the table are the defaults; they can be changed in Settings."],
        [
          "只统计在贷账户：已结清、已核销或剩余本金为 0 的账户不进入任何分类和指标。",
          "Only active accounts count: an account that is settled, written off or has no principal left is in no class and no figure.",
        ],
        [
          "今天到期而今天还没还的一期，当天仍算正常（DPD 为 0）；第二天才变成 DPD 1，进入 M1。",
          "An installment due today and not yet paid still leaves the account current today (DPD 0); tomorrow it becomes DPD 1 and the account enters M1.",
        ],
        [
          "账龄由最早未还的那一期决定。客户只还一部分时，要还清最早的那一期，账龄才会往回走；全部逾期款项还清，账户回到正常。",
          "The oldest unpaid installment decides the bucket. When a customer pays only part, the bucket moves back only once that oldest installment is paid; when everything overdue is paid, the account is current again.",
        ],
        [
          "Daihou 按账龄给台账行着色，并在自己的列里写明最早未还款日、宽限天数和逾期天数。客户对账龄有疑问时，可以当场解释清楚。",
          "Daihou colours ledger rows by bucket and shows the oldest unpaid date, the grace days and the DPD in its own columns, so a customer who questions the bucket can be answered on the spot.",
        ],
      ),
    ],
  },

  // ------------------------------------------------------------------ metrics
  {
    id: "metrics",
    title: L("门店逾期指标", "The store's overdue metrics"),
    blocks: [
      p(
        "每到月末，门店用下面这些指标衡量贷后工作的成效。记号：E 是本月最后一天，E′ 是上月最后一天（即“上月同期”）。只统计在贷账户；带 ($) 的按剩余本金计算，带 (#) 的按账户数计算。",
        "At each month end the store measures its post-loan work with the figures below. Notation: E is the last day of the month, E′ the last day of the month before (“the same time last month”). Only active accounts count; ($) figures are by outstanding principal, (#) figures by number of accounts.",
      ),
      table(
        [
          ["指标", "Figure"],
          ["定义", "Definition"],
        ],
        [
          ["M1%($)（金额）", "M1%($) (by amount)"],
          [
            "E 日处于 M1 的账户在 E 日的剩余本金合计 ÷ E′ 日全部在贷账户在 E′ 日的剩余本金合计",
            "Total principal at E of the accounts in M1 at E ÷ total principal at E′ of all accounts active at E′",
          ],
        ],
        [
          ["M1%(#)（户数）", "M1%(#) (by count)"],
          ["E 日处于 M1 的账户数 ÷ E′ 日的在贷账户数", "Number of accounts in M1 at E ÷ number of accounts active at E′"],
        ],
        [
          ["M2%($)（金额）", "M2%($) (by amount)"],
          ["与 M1%($) 相同，只是把 M1 换成 M2", "As M1%($), with M2 in place of M1"],
        ],
        [
          ["M2%(#)（户数）", "M2%(#) (by count)"],
          ["与 M1%(#) 相同，只是把 M1 换成 M2", "As M1%(#), with M2 in place of M1"],
        ],
        [
          ["M3+%($)（金额）", "M3+%($) (by amount)"],
          ["与 M1%($) 相同，分子是 M3 和 M3+ 合计", "As M1%($), with M3 and M3+ together in place of M1"],
        ],
        [
          ["M3+%(#)（户数）", "M3+%(#) (by count)"],
          ["与 M1%(#) 相同，分子是 M3 和 M3+ 合计", "As M1%(#), with M3 and M3+ together in place of M1"],
        ],
        [
          ["C-M1%($)（流入率）", "C-M1%($) (inflow rate)"],
          [
            "对门店的每个固定还款日 d（默认每月 1 日和 16 日）分别计算 流入 ÷ 基数，再取平均。流入：还款日为 d、在本月 d 日的前一天（d 为 1 日时即上月最后一天）处于正常、在本月 d+1 日处于 M1 的账户，在本月 d+1 日的剩余本金合计。基数：上月 d+1 日（上月同期）全部在贷账户的剩余本金合计，不论其还款日。缺少任何一个还款日的数据时，此指标显示为无法计算。",
            "The mean, over the store's fixed due days d (by default the 1st and the 16th), of inflow ÷ base. Inflow: the total principal on day d+1 of this month of the accounts with due day d that were current on the day before d (for d = 1, the last day of last month) and in M1 on day d+1. Base: the total principal of all active accounts, whatever their due day, on day d+1 of last month (the same time last month). When any due day's data is missing, the figure is shown as unavailable.",
          ],
        ],
        [
          ["迁徙矩阵", "Roll matrix"],
          [
            "行是 E′ 日的账龄（C、M1、M2、M3、M3+），列是 E 日的账龄，另加“结清”（含剩余本金为 0）和“核销”两列。每一格给出账户数和这些账户在 E′ 日的剩余本金合计；没有账户的格子也列出，记为 0。",
            "Rows are the bucket at E′ (C, M1, M2, M3, M3+); columns are the bucket at E, plus “settled” (including principal 0) and “written off”. Each cell gives a number of accounts and their total principal at E′; every cell is shown, empty ones as 0.",
          ],
        ],
        [
          ["M1 结果", "M1 outcome"],
          [
            "E′ 日处于 M1 的账户到 E 日的去向：ONE（优秀）回到正常或已结清；TWO（能接受）仍在 M1；THREE（oh no!）进入 M2 或更差，或被核销。",
            "Where the accounts in M1 at E′ stand at E: ONE (excellent) back to current or settled; TWO (acceptable) still in M1; THREE (oh no!) in M2 or worse, or written off.",
          ],
        ],
        [
          ["催收总结", "Staff summary (催收总结)"],
          [
            "每位催收员本月的拨打次数、接通次数、承诺还款数、兑现的承诺数和催回（回到正常或结清）的账户数。",
            "For each collector, this month's dials, calls that reached the customer, promises to pay, promises kept and accounts cured (back to current or settled).",
          ],
        ],
      ),
      p("M1 结果的三种情况意味着什么：", "What the three M1 outcomes mean:"),
      list(
        [
          "ONE 优秀：账户恢复正常，整体资产质量变好；罚息不再累计，客户的信用记录保住了，甚至会改善；催收压力随之减轻。",
          "ONE, excellent: the account is healthy again and the book as a whole improves; penalty interest stops, the customer's credit record is protected or even repaired, and the collection load falls.",
        ],
        [
          "TWO 能接受：账户仍在 M1，依然属于危险账户，催收负担没有减轻；罚息还在增加，客户的负担越来越重，一旦再出问题就会跌入深度逾期。",
          "TWO, acceptable: the account is still in M1 and still at risk, and the collection load is no lighter; penalty interest keeps growing, so the customer's burden rises, and one more problem will push the account into deep delinquency.",
        ],
        [
          "THREE oh no!：催收没有成功，逾期继续恶化，只能转向效率更低的其他催收手段。",
          "THREE, oh no: collection has failed, the delinquency is getting worse, and the store is left with other, less efficient ways to collect.",
        ],
      ),
      p(
        "每个指标在设置中都有一条基准线（上限），应按公司对门店绩效的考核标准设定。月末报告会标出超过基准线的指标。催收的目标很明确：让超标的逾期指标回到基准范围之内。",
        "Each figure has a baseline (a maximum) in Settings, which should follow the company's performance standard for the store. The month-end report marks every figure that is over its baseline. The aim of collection is simple: bring every figure that is over back inside its baseline.",
      ),
      p(
        "这些指标来自 Daihou 每天运行时记下的历史。某项指标需要的数据缺失时（比如月末那天没有运行今日作业），报告会显示“无法计算”并写明原因，绝不悄悄估算。",
        "These figures come from the history Daihou records each time the daily job runs. When a figure's data is missing (for example, the job did not run on the last day of the month), the report shows it as unavailable and says why; it never quietly estimates.",
      ),
    ],
  },

  // ------------------------------------------------------------------ welcome
  {
    id: "welcome",
    title: L("放款回访", "The welcome call after disbursement"),
    blocks: [
      p(
        "放款后的第一个工作日，由门店经理亲自给客户打回访电话（周一回访上周五、周六和周日放款的客户）。由经理出面，是让客户感受到门店对他的重视。这通电话也是客户按时还款习惯的起点。",
        "On the first working day after disbursement, the store manager personally calls the customer (on a Monday, the customers disbursed on Friday, Saturday and Sunday). Having the manager call shows the customer that the store values them, and the call is where the habit of paying on time begins.",
      ),
      list(
        [
          "确认到账：先问清款项是否已经到账、金额是否无误。如果还没到账，记下来并跟进，先不谈还款。",
          "Confirm the money arrived: first check that the loan has reached the customer and the amount is right. If it has not arrived, note it and follow it up, and leave repayment for later.",
        ],
        [
          "表示祝贺：确认到账后，马上真诚地恭喜客户。",
          "Congratulate: once the money is confirmed, congratulate the customer straight away and sincerely.",
        ],
        [
          "确认还款三要素：用开放式问题请客户自己说出每期的还款日期、还款金额和还款账户（方式），并请他记下来。说得不对的地方当场纠正。",
          "Confirm the three elements: with open questions, have the customer say the repayment date, the amount of each installment and the account (or method) they will pay with, and ask them to note it down. Correct anything they get wrong there and then.",
        ],
        [
          "强调按时还款：讲清按时还款的好处，信用良好，日后可以续贷；也讲清不按时还款的代价，违约金、罚息和信用记录受损。需要时举个例子，但不要透露其他客户的姓名和细节。",
          "Stress paying on time: explain what it brings (a good record and the chance to renew the loan, 续贷) and what late payment costs (fees, penalty interest and a damaged credit record). Give an example if it helps, without naming or describing any other customer.",
        ],
      ),
      p(
        "开放式问题的例子：“您每个月几号还款？”“每期要还多少钱？”“您准备从哪个账户、用什么方式还？”不要问“您知道每月 16 号还款吧？”这样的问题，客户回答一个“知道”，并不能说明他真的记住了。",
        "Open questions sound like: “Which day of the month do you repay?”, “How much is each installment?”, “Which account will you pay from, and how?” Avoid questions such as “You know you pay on the 16th, right?”: a “yes” does not show the customer has actually remembered anything.",
      ),
      p(
        "在 Daihou 中，放款回访排在门店经理名下的呼叫表上，通话结果和其他电话一样记录。客户给了新的联系方式时，选择“获得新联系方式”，并把号码或地址写在备注里。",
        "In Daihou, welcome calls are on the call sheet under the store manager, and their outcomes are recorded like any other call. If the customer gives new contact details, choose “New contact info” and put the number or address in the note.",
      ),
    ],
  },

  // ------------------------------------------------------------------ reminders
  {
    id: "reminders",
    title: L("温馨提醒：A、B、C 类和新客户", "Reminders: classes A, B, C and NEW"),
    blocks: [
      p(
        "对处于正常状态的客户，按过去三个月的还款表现分类，表现越差，提醒越早、越频繁。“过去三个月”指当月之前的三个自然月（例如 11 月 14 日看 8、9、10 月），当月不算；某个月里只要有一天逾期天数达到 1 天或以上，就算“这个月进入过 M1”。",
        "Customers who are current are sorted by how they paid over the last three months: the worse the record, the earlier and more often they are reminded. “The last three months” are the three calendar months before the current one (on 14 November: August, September and October); the current month never counts. A month counts as “in M1” if the account was at least one day past due on any day of it.",
      ),
      table(
        [
          ["类别", "Class"],
          ["哪些客户", "Who"],
          ["何时提醒", "When"],
          ["提醒要点", "Talking points"],
        ],
        [
          ["A", "A"],
          ["过去三个月一直正常", "Current throughout the last three months"],
          [
            "还款日前一天上午提醒一次；还款日 15:00–16:00 未还则电话确认",
            "Once, on the morning of the day before the due day; a confirmation call at 15:00–16:00 on the due day if still unpaid",
          ],
          [
            "先称赞客户一贯按时还款的好习惯，再提醒还款日期和金额，强调按时还款的重要性",
            "Praise the customer's habit of paying on time, then give the date and amount, and stress how much paying on time matters",
          ],
        ],
        [
          ["B", "B"],
          ["过去三个月中恰好有一个月进入过 M1", "In M1 in exactly one of the last three months"],
          [
            "从还款日前 3 天起，每天上午提醒；还款日 15:00–16:00 未还则电话确认",
            "Every morning from 3 days before the due day; a confirmation call at 15:00–16:00 on the due day if still unpaid",
          ],
          [
            "提醒还款日期和金额，强调逾期会带来高额违约金和罚息，请客户按时还款",
            "Give the date and amount, and stress that paying late brings heavy fees and penalty interest",
          ],
        ],
        [
          ["C", "C"],
          [
            "过去三个月中有两个月或以上进入过 M1（习惯性流入 M1）",
            "In M1 in two or more of the last three months (habitually flows into M1)",
          ],
          [
            "从还款日前 5 天起，每天上午提醒；还款日 15:00–16:00 未还则电话确认",
            "Every morning from 5 days before the due day; a confirmation call at 15:00–16:00 on the due day if still unpaid",
          ],
          [
            "注重沟通，了解按时还款的困难；强调信用记录的重要性，帮助客户养成提前还款的习惯",
            "Talk it through and find out what gets in the way; stress the credit record, and help the customer build the habit of paying before the due day",
          ],
        ],
        [
          ["新客户（NEW）", "NEW"],
          ["首期还款日还没到的客户", "Customers whose first due date has not yet come"],
          ["首期还款日前 3 到 5 个工作日期间，每天上午提醒", "Each morning while the first due date is 3 to 5 working days away"],
          [
            "首期提醒：用开放式问题请客户说出还款日期、金额和还款账户，确认三要素",
            "First-installment reminder: with open questions, have the customer state the date, amount and account, and confirm all three elements",
          ],
        ],
      ),
      p(
        "还款日当天 15:00–16:00，对当天应还而尚未还款的正常账户（不论 A、B、C 类）再打一通确认电话：先查是否已还；如果还没还，请客户明确说出还款时间、金额和方式，三要素齐全才算确认还款。",
        "On the due day itself, in the 15:00–16:00 window, every current account whose installment due that day is still unpaid (whatever its class) gets a confirmation call: check whether the customer has paid, and if not, have them state when, how much and how they will pay; only all three make a confirmed repayment.",
      ),
      list(
        [
          "提醒电话都安排在上午，让客户当天就有时间准备资金。",
          "Reminders are made in the morning so the customer still has the day to arrange the money.",
        ],
        [
          "到了首期还款日当天，新客户就按 A、B、C 归类（此时通常是 A 类）。",
          "From the first due date itself, a new customer is classed A, B or C (usually A at that point).",
        ],
        [
          "已知历史不足三个月时，按已知的情况归类并标为暂定（例如 A*）；台账中有“近三月入M1次数”列时，以该列为准。",
          "With less than three months of history known, the class is worked out from what is known and marked provisional (for example A*); where the ledger has a column with the number of M1 months in the last three, that column wins.",
        ],
        [
          "提醒和催收是同一件事的两头：提醒做得好，进入 M1 的账户就少，C-M1%($) 流入率就低。",
          "Reminders and collection are two ends of the same job: good reminders mean fewer accounts entering M1 and a lower C-M1%($) inflow rate.",
        ],
      ),
    ],
  },

  // ------------------------------------------------------------------ process
  {
    id: "process",
    title: L("催收流程：四个步骤", "The collection process in four steps"),
    blocks: [
      p(
        "每一个逾期账户都按同样的四步处理：全面了解客户 → 联系客户 → 确认还款 → 总结与分析。",
        "Every late account goes through the same four steps: know the customer → contact them → confirm repayment → summarise and analyse.",
      ),
      p(
        "第一步，全面了解客户。拨号之前先弄清楚对方是什么样的人：",
        "Step 1, know the customer. Before dialling, find out who you are calling:",
      ),
      list(
        [
          "基本情况：籍贯、户籍、年龄、住房类型、婚姻状况。",
          "The basics: home town, household registration, age, type of housing, marital status.",
        ],
        ["工作和收入：单位性质、职位、收入水平。", "Work and income: type of employer, position, income level."],
        ["联系人情况：有哪些联系人，和客户是什么关系。", "Contacts: who the listed contacts are and how they relate to the customer."],
        [
          "记录：信用记录、还款记录，以及以往的提醒和催收记录。",
          "The records: credit record, repayment record, and past reminder and collection records.",
        ],
      ),
      p("这些信息可以从以下渠道找到：", "Where to find this information:"),
      list(
        ["客户经理：最了解客户的人，可以直接问。", "The account manager, who knows the customer best and can simply be asked."],
        ["签约时的面谈记录。", "The interview records made when the contract was signed."],
        ["影像资料。", "The customer's images and scanned documents."],
        ["门店登记的各类表格。", "The forms the store filled in."],
        ["历史催收记录和贷中检查记录。", "Past collection records and in-loan check records."],
      ),
      p(
        "选择合适的时机。翻看之前的提醒和催收记录，看客户在什么时段容易接通：上夜班的人白天多在睡觉，做生意的人午饭后和傍晚比较空。把摸清的时段记在台账的“方便联系时间”列里。Daihou 也会记住客户上次接听的时段，之后优先安排在这个时段。",
        "Choose the right time. Look through earlier reminder and collection records for the times the customer tends to answer: someone on night shifts sleeps by day, a shopkeeper is freer after lunch and in the early evening. Note what you learn in the ledger's preferred-contact-time column. Daihou also remembers the period in which the customer last answered and schedules the next call then.",
      ),
      p(
        "第二步，联系客户。能联系上的客户，重点是弄清逾期原因，并找到客户还得起的办法：",
        "Step 2, contact the customer. With customers you can reach, the point is to find out why they are late and to find a way they can actually pay:",
      ),
      list(
        ["先问清困难的真实原因。", "First find out the real reason for the difficulty."],
        [
          "讲清逾期的后果（罚息、违约金、信用记录）并适当施压，同时帮客户想办法：请家人代还、向亲友周转、每周或每月分几次存钱凑足。",
          "Explain what staying late costs (penalty interest, fees, the credit record) and apply fair pressure, while helping the customer find a way: a family member paying, borrowing from relatives or friends, or setting money aside in several smaller amounts until the installment is covered.",
        ],
        ["最后落到一个客户确实还得起的安排上。", "End with an arrangement the customer can really keep."],
      ),
      p("常见的逾期原因和应对：", "Common reasons for paying late, and how to respond:"),
      table(
        [
          ["原因", "Reason"],
          ["应对", "Response"],
        ],
        [
          ["忘记或记错还款日", "Forgot, or had the wrong date"],
          ["请客户自己说出三要素，建议设手机提醒", "Have the customer state the three elements, and suggest a phone reminder"],
        ],
        [
          ["资金晚到（例如发薪日在还款日之后）", "Money arrives late (for example, payday falls after the due day)"],
          [
            "约定发薪后的具体日期，建议以后提前存好",
            "Agree a definite date just after payday, and suggest setting the money aside early in future",
          ],
        ],
        [
          ["暂时困难（生病、失业、生意周转）", "Temporary hardship (illness, job loss, a business short of cash)"],
          ["了解何时能好转，帮客户找办法，争取先还一部分", "Ask when things will improve, help find a way, and aim for a part payment now"],
        ],
        [
          ["对金额或扣款有异议", "Disputes the amount or a deduction"],
          [
            "当场说明账龄依据，需要时请客户经理尽快答复，不要拖",
            "Explain the bucket from Daihou's columns, and get the account manager to answer quickly if needed; do not let it drag",
          ],
        ],
        [
          ["有能力但不愿意还", "Able to pay but unwilling"],
          [
            "讲清后果，坚持要三要素齐全的承诺，必要时升级催收手段",
            "Make the consequences clear, insist on a promise with all three elements, and step up the methods if needed",
          ],
        ],
      ),
      p(
        "联系不上的客户，重点是查找新的信息：拨打客户的所有号码（单位和家庭电话先用第三方话术）；请客户经理协助；翻查签约资料里的联系人、单位和住址；发短信请客户回电；必要时上门。所有号码都打不通或已无效时，立即上报客户经理。",
        "With customers you cannot reach, the point is to find new information: try every number the customer has (on work and home numbers, open with the third-party script); ask the account manager for help; go through the signing documents for contacts, employer and address; send an SMS asking the customer to call back; visit if it comes to that. When every number fails or is invalid, report it to the account manager at once.",
      ),
      p(
        "第三步，确认还款。只有客户明确说出还款日期、金额和方式，才算确认还款（见“还款三要素”）。",
        "Step 3, confirm repayment. A repayment is confirmed only when the customer clearly states the date, the amount and the method (see “The three elements of a repayment”).",
      ),
      p(
        "第四步，总结与分析。每通电话打完就记录结果。定期回头看：承诺有没有兑现，哪些办法有效，哪些客户需要换时段、换号码或换手段；把新发现的风险信息反馈给市场和审批。Daihou 会自动判断每个承诺是兑现、部分兑现还是违约，并在月末的催收总结里汇总。",
        "Step 4, summarise and analyse. Record each call's outcome as soon as it ends. Look back regularly: were promises kept, what worked, which customers need a different time, number or method; pass any new risk information back to sales and credit approval. Daihou judges every promise as kept, partly kept or broken, and adds it all up in the month-end staff summary.",
      ),
    ],
  },

  // ------------------------------------------------------------------ methods
  {
    id: "methods",
    title: L("催收方式及适用时机", "Collection methods and when to use each"),
    blocks: [
      table(
        [
          ["方式", "Method"],
          ["做法要点", "How"],
          ["何时使用", "When"],
        ],
        [
          ["电话催收", "Phone"],
          [
            "在不同时段、用两个以上的号码联系。不要只打手机，按比例拨打：手机约 70–80%，单位电话约 10–15%，家庭电话约 5–10%。手机连续两次联系不上，下一次改拨单位电话。",
            "Call at different times of day on two or more numbers. Do not call only the mobile; share the dials out: mobile about 70–80%, work phone about 10–15%, home phone about 5–10%. After two failed attempts on the mobile, the next dial goes to the work phone.",
          ],
          ["所有阶段，贯穿始终", "Every stage, throughout"],
        ],
        [
          ["短信催收", "SMS"],
          [
            "发到客户本人手机，写明应还金额和日期，请客户还款或回电。",
            "Sent to the customer's own mobile, with the amount and date due, asking them to pay or call back.",
          ],
          [
            "经常不接电话的客户；Daihou 在连续三次未接通后随电话一起安排",
            "Customers who habitually do not answer; Daihou adds one to the call after three unanswered dials in a row",
          ],
        ],
        [
          ["信函催收", "Letter"],
          [
            "寄给客户本人的正式书面通知，写明欠款和后果。",
            "A formal written notice to the customer in person, stating the debt and the consequences.",
          ],
          ["M2 起", "From M2"],
        ],
        [
          ["上门催收", "Visit"],
          [
            "当面沟通、当面施压。务必注意人身安全：两人同行，出发前告知门店，避免冲突。",
            "Face-to-face talk and face-to-face pressure. Personal safety comes first: go in pairs, tell the store before you leave, and walk away from confrontation.",
          ],
          ["M2 起，电话效果不好时", "From M2, when calls are not working"],
        ],
        [
          ["法律诉讼", "Legal action"],
          ["耗时长、手续复杂，一般不建议门店采用。", "Slow and procedurally complex; generally not advised."],
          ["M3+，由后线决定", "M3+, the back office's decision"],
        ],
        [
          ["委外催收", "Outsourced collection"],
          ["交给专业催收机构处理。", "Handed to a specialist collection agency."],
          ["客户已接近坏账时（M3+）", "When the account is close to bad debt (M3+)"],
        ],
      ),
      p("按阶段选择手段：", "Methods by stage:"),
      list(
        [
          "M1：电话为主，配合短信。客户多半还不是真正的逾期，语气以提醒和帮客户解决问题为主。",
          "M1: phone first, with SMS. Most customers are not truly delinquent yet, so the tone is a reminder and help with the problem.",
        ],
        ["M2：加大电话催收力度，再加上信函和上门（外访）。", "M2: firmer phone collection, plus letters and visits."],
        [
          "M3 及以上：客户已接近坏账，后线增加委外催收和法律催收，门店提供信息并配合。",
          "M3 and beyond: the account is close to bad debt; the back office adds outsourced and legal collection, and the store supplies information and helps.",
        ],
        ["每个阶段都要坚持电话加短信，防止失联。", "Keep up phone and SMS at every stage, so that contact is never lost."],
      ),
      p(
        "Daihou 的呼叫表按约 75% 手机、15% 单位电话、10% 家庭电话轮换号码（都在课程的比例之内），客户没有的号码自动跳过，比例随之调整；拨打时段在上午 09–12 点、下午 14–17 点和晚上 19–21 点之间轮换。打单位或家庭电话时，话术以第三方话术开头。",
        "Daihou's call sheet rotates the numbers at about 75% mobile, 15% work and 10% home (all inside the course's ranges), skipping numbers the customer does not have and sharing their dials among the rest; the call periods rotate between morning 09–12, afternoon 14–17 and evening 19–21. Calls to work or home numbers open with the third-party script.",
      ),
    ],
  },

  // ------------------------------------------------------------------ three_elements
  {
    id: "three_elements",
    title: L("还款三要素", "The three elements of a repayment"),
    blocks: [
      p(
        "还款三要素是：还款日期、还款金额、还款账户（或还款方式）。只有客户明确说出全部三项，才能算客户确认还款，也就是一个承诺还款（PTP）。“这两天就还”“我尽量想办法”都不算。",
        "The three elements of a repayment are the date, the amount and the account (or method). Only when the customer clearly states all three has the customer confirmed repayment; that is a promise to pay (PTP). “I'll pay in a day or two” or “I'll do my best” is not one.",
      ),
      p("为什么三项缺一不可：", "Why all three are needed:"),
      list(
        [
          "可以核对：有了日期和金额，到期就能查清是否兑现。Daihou 据此判断承诺是兑现、部分兑现还是违约。",
          "It can be checked: with a date and an amount, the store can see afterwards whether the promise was kept. Daihou uses them to judge each promise kept, partly kept or broken.",
        ],
        [
          "客户记得住：自己说出口的话比听别人说的记得牢，也更有约束力。",
          "The customer remembers: what people say themselves sticks better than what they are told, and it binds them more.",
        ],
        [
          "避免差错：说清账户或方式，钱就不会打错账户，也不会因为转账方式不对而晚到。",
          "No mistakes: with the account or method agreed, the money does not go to the wrong account or arrive late because of the wrong way of paying.",
        ],
      ),
      p(
        "怎样问：用开放式问题，让客户自己把三要素说出来，再复述一遍请客户确认，并请客户记牢。例如：",
        "How to ask: use open questions so that the customer says the three elements in their own words, repeat them back for the customer to confirm, and ask them to remember. For example:",
      ),
      list(
        ["日期：“您哪一天能把钱还上？”", "Date: “Which day can you pay?”"],
        ["金额：“那天您能还多少？”", "Amount: “How much can you pay that day?”"],
        ["账户或方式：“您打算从哪个账户、用什么方式还？”", "Account or method: “Which account will you pay from, and how?”"],
        [
          "避免只需回答“是”或“好”的问题，比如“您 20 号还，可以吧？”，这样得到的不是客户自己的承诺。",
          "Avoid questions that only need a “yes” or “OK”, such as “You'll pay on the 20th, fine?”: the answer is not the customer's own promise.",
        ],
      ),
      p(
        "在呼叫表中选择“已联系-承诺还款”时，承诺日期、承诺金额和还款方式三列都必须填写：日期不能早于通话当天，金额必须大于 0，方式可从列表中选择或直接输入。缺一项，这一行就不会记入催收记录，而是留在呼叫表上等待更正。",
        "When you choose “Reached – promise to pay” on the call sheet, the PTP date, PTP amount and PTP method must all be filled in: a date no earlier than the call, an amount above 0, and a method chosen from the list or typed in. If one is missing the row is not recorded in the contact log; it stays on the call sheet to be corrected.",
      ),
      p(
        "承诺到期后，Daihou 对照台账判断结果。没有兑现或只还了一部分的，第二天会排在呼叫表的最前面：先提醒客户他自己说过的承诺，问清原因，再取得一个新的、三要素齐全的承诺。",
        "Once a promise's date has passed, Daihou checks it against the ledger. A promise that was broken or only partly kept comes first on the next call sheet: remind the customer of the promise they made, ask why, and get a new promise with all three elements.",
      ),
    ],
  },

  // ------------------------------------------------------------------ compliance
  {
    id: "compliance",
    title: L("合规底线", "Compliance guards"),
    blocks: [
      p(
        "以下底线在设置中默认开启，是每个人都必须遵守的规矩，而不是可以商量的建议。",
        "The guards below are on by default in Settings. They are rules everyone keeps, not suggestions.",
      ),
      list(
        [
          "时间：根据中国 2026 年消费贷款催收指引，未经客户同意，不得在晚上 22:00 到早上 08:00 之间催收。Daihou 不会把任何任务安排在 08:00–22:00 以外；设置只能把这个时段缩短，不能放宽。客户主动约定在这个时段外联系的，要征得同意并在备注中写明。",
          "Hours: under China's 2026 consumer-loan collection guideline, no collection calls between 22:00 and 08:00 without the customer's consent. Daihou schedules no task outside 08:00–22:00; Settings can narrow those hours but not widen them. If a customer asks to be called outside them, get their consent and write it in the note.",
        ],
        [
          "次数：同一个号码每天最多 6 次未接通；达到上限后，当天不再拨打这个号码。",
          "Frequency: at most 6 unanswered dials per number per day; once a number reaches that, it is not dialled again that day.",
        ],
        [
          "第三方：单位和家庭电话可能不是客户本人接听。先说明要找的人，确认对方身份；如果不是本人，绝不提及贷款、欠款或逾期，只留下姓名和回电号码。Daihou 在这类号码的话术前面自动加上第三方话术。",
          "Third parties: a work or home number may be answered by someone else. Ask for the customer by name and confirm who you are speaking to; if it is not the customer, never mention the loan, the debt or that anything is overdue, and leave only a name and a number to call back. Daihou puts the third-party script at the top of the talking points for these numbers.",
        ],
        [
          "失联：客户所有号码都打不通或已无效时，立即交给客户经理处理，不要拖到第二天。Daihou 会为这样的账户生成“失联上报”任务，交给客户经理。",
          "Lost contact: when none of the customer's numbers reaches them, hand the account to the account manager at once, not tomorrow. Daihou raises a “Lost contact” task for the account manager on such accounts.",
        ],
        [
          "施压有分寸：讲的是真实的后果，不威胁、不辱骂、不夸大，不冒充任何机构。",
          "Pressure within limits: state real consequences only; no threats, no abuse, no exaggeration, and never pretend to be any authority.",
        ],
        [
          "保护客户信息：客户资料只用于工作。Daihou 打印号码时会部分隐藏，命令行不输出客户姓名和号码。",
          "Protect customer data: use it for the work and nothing else. Daihou masks phone numbers wherever it prints them, and its command line prints no names or numbers.",
        ],
        [
          "账龄有据可查：台账中 Daihou 的列写明了最早未还款日、宽限天数和逾期天数，客户有异议时可以当场说明。",
          "Buckets can be explained: Daihou's ledger columns show the oldest unpaid date, the grace days and the DPD, so a disputed bucket can be explained on the spot.",
        ],
      ),
    ],
  },

  // ------------------------------------------------------------------ daily_use
  {
    id: "daily_use",
    title: L("每天怎样使用 Daihou", "Using Daihou every day"),
    blocks: [
      p(
        "每天开始工作时，先运行今日作业：在 Daihou 菜单中选择“运行今日作业”（也可以开启每天 07:00 自动运行；本地版使用 daihou day 命令）。Daihou 读取台账，算出每个账户的逾期天数、账龄和提醒类别，按账龄给台账着色，并生成当天的呼叫表。",
        "Start each day by running today's work: choose “Run today's work” in the Daihou menu (or switch on the daily run at 07:00; in the local version, use the daihou day command). Daihou reads the ledger, works out each account's DPD, bucket and reminder class, colours the ledger by bucket and writes the day's call sheet.",
      ),
      p("客服和催收专员：", "Staff and collectors:"),
      list(
        [
          "打开当天的呼叫表，找到自己名下的行，从上往下打。顺序已经排好：违约承诺在最前面，然后按时段排列；同一时段内 M1 在 M2 之前，今天到期的承诺优先，剩余本金大的优先。",
          "Open today's call sheet, find your rows and work them from the top down. The order is already set: broken promises first, then by call period; within a period M1 before M2, promises due today first, then larger outstanding principal first.",
        ],
        [
          "每一行都给出要拨的号码、时段和话术要点。拨打单位或家庭电话时，先用第三方话术。",
          "Each row gives the number to dial, the time window and the talking points. On a work or home number, start with the third-party script.",
        ],
        [
          "打完在同一行选择结果并填写通话时间。承诺还款必须填齐日期、金额和方式三要素；得到新号码或新地址时，选择“获得新联系方式”并写在备注里。",
          "After each call, choose the outcome on the same row and fill in the call time. A promise to pay needs all three elements: date, amount and method. For a new number or address, choose “New contact info” and write it in the note.",
        ],
        [
          "随时或下班前在 Daihou 菜单中选择“录入呼叫结果”。已记录的行标上 ✓；被退回的行标上 ⚠ 并写明原因，改正后再录入一次。录入不会改动你填写的任何内容。",
          "Whenever you like, and before you leave, choose “Record call results” in the Daihou menu. Rows that were recorded are marked ✓; rows that were refused are marked ⚠ with the reason, so you can fix them and record again. Recording never changes anything you typed.",
        ],
        [
          "标有“超出当日容量，顺延”的行不会丢失，第二天继续处理。",
          "Rows marked “over capacity: carry to tomorrow” are not lost; they carry over to the next day.",
        ],
        [
          "违约承诺（到期未还或只还一部分）第二天会排在最前面：先处理这些客户。",
          "Broken promises (nothing or only part paid by the promised date) come first the next day: deal with those customers before anyone else.",
        ],
        [
          "台账中标有 ⚠ 的行没有计入任何任务和指标，请按提示改正台账。",
          "Ledger rows marked ⚠ are left out of every task and figure; correct them as the message says.",
        ],
      ),
      p("门店经理：", "The store manager:"),
      list(
        [
          "每天先打自己名下的放款回访，再看“失联上报”和“移交后线”的行，以及每位同事的工作量。",
          "Each day, make the welcome calls on your rows first, then look at the “Lost contact” and “Handover to back office” rows and at each colleague's workload.",
        ],
        [
          "每月初在 Daihou 菜单中选择“月末报表”，生成上个月的月末报告：各项指标与基准线的对比（超标的会标出）、各还款日的 C-M1%、迁徙矩阵、M1 结果、催收总结和趋势图。",
          "At the start of each month, choose “Month-end report” in the Daihou menu to write last month's report: each figure against its baseline (those over are marked), C-M1% per due day, the roll matrix, the M1 outcome, the staff summary and the trend charts.",
        ],
        [
          '也可以在任意单元格中使用 =M1_RATIO(, "$", Daihou_Run)、=CM1_RATE(, Daihou_Run)、=ROLL_RATE("M1", "M2", , , Daihou_Run)、=ROLL_MATRIX(, "#", Daihou_Run) 等函数查看指标；不填月份时取最近一个完整的月份。最后一个参数 Daihou_Run 让表格在每次每日作业后重新计算。',
          'The figures are also available in any cell through functions such as =M1_RATIO(, "$", Daihou_Run), =CM1_RATE(, Daihou_Run), =ROLL_RATE("M1", "M2", , , Daihou_Run) and =ROLL_MATRIX(, "#", Daihou_Run); without a month they give the latest complete month. The last argument, Daihou_Run, makes the spreadsheet compute them again after every daily run.',
        ],
        [
          "读报告的顺序：先看哪些指标超标；再看迁徙矩阵中从 C 流入 M1、从 M1 滚入 M2 的账户；M1 结果中 THREE 偏多，说明 M1 阶段的催收需要加强；最后用催收总结找出需要帮助的同事。",
          "How to read it: first, which figures are over their baselines; then, in the roll matrix, the accounts that flowed from C into M1 and rolled from M1 into M2; many THREEs in the M1 outcome mean M1 collection needs more effort; finally, use the staff summary to see who needs help.",
        ],
        [
          "某项指标显示“无法计算”时，报告会写明原因，多半是某天没有运行今日作业。坚持每天运行，是月末指标完整的前提。",
          "When a figure shows as unavailable, the report says why, usually a day on which the daily job did not run. Running it every day is what keeps the month-end figures complete.",
        ],
      ),
    ],
  },
];

/** Plain text of a section in a language (for search): title, then every paragraph, item and cell, one per line. */
export function sectionText(s: GuidanceSection, lang: Lang): string {
  const lines: string[] = [s.title[lang]];
  for (const b of s.blocks) {
    if (b.text) lines.push(b.text[lang]);
    for (const item of b.items ?? []) lines.push(item[lang]);
    for (const row of b.rows ?? []) lines.push(row.map((cell) => cell[lang]).join(" | "));
  }
  return lines.join("\n");
}

/** Folds text for matching: NFKC (full-width to half-width) and lower case. */
function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

const folded: Partial<Record<Lang, string[]>> = {};

/** The folded text of every section in a language, computed once. */
function foldedTexts(lang: Lang): string[] {
  let texts = folded[lang];
  if (!texts) {
    texts = GUIDANCE.map((s) => fold(sectionText(s, lang)));
    folded[lang] = texts;
  }
  return texts;
}

/**
 * Sections whose title or text contains every word of the query (case-insensitive,
 * full-width folded with NFKC), in order. Words are separated by white space; an
 * empty query matches every section.
 */
export function searchGuidance(query: string, lang: Lang): GuidanceSection[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((w) => w !== "");
  const texts = foldedTexts(lang);
  return GUIDANCE.filter((_, i) => words.every((w) => texts[i].includes(w)));
}
