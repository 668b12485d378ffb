/**
 * The sidebar's and the settings dialog's client code, bundled by
 * scripts/build.mjs into build/Sidebar.html and build/Settings.html. Text from
 * cells is only ever set with textContent (never innerHTML). Every server call
 * goes through callServer (success and failure handlers always set); buttons
 * are disabled while a call runs, and errors are shown in words.
 */
import type { CardView, Failure } from "../app/sidebarService";
import { GUIDANCE, type GuidanceSection, searchGuidance } from "../domain/guidance";
import { tx } from "../domain/messages/ui";
import { T, boot, busy, call, el, errorText, labelled, lang, row, select, showErrors } from "./dom";
import { settingsView } from "./settingsForm";

// ---------------------------------------------------------------- course

function renderSection(s: GuidanceSection): HTMLElement {
  const body = el("section", { id: `g-${s.id}`, class: "section", "data-testid": "section" }, el("h2", {}, s.title[lang]));
  for (const b of s.blocks) {
    if (b.kind === "p" && b.text) body.append(el("p", {}, b.text[lang]));
    if (b.kind === "list" && b.items) body.append(el("ul", {}, ...b.items.map((i) => el("li", {}, i[lang]))));
    if (b.kind === "table" && b.rows) {
      const [head, ...rest] = b.rows;
      body.append(
        el(
          "table",
          {},
          head ? el("thead", {}, el("tr", {}, ...head.map((c) => el("th", {}, c[lang])))) : null,
          el("tbody", {}, ...rest.map((r) => el("tr", {}, ...r.map((c) => el("td", {}, c[lang]))))),
        ),
      );
    }
  }
  return body;
}

function courseView(): HTMLElement {
  const search = el("input", {
    type: "search",
    placeholder: T("course.search"),
    "aria-label": T("course.search"),
    "data-testid": "search",
  }) as HTMLInputElement;
  const printBtn = el("button", { type: "button", class: "secondary no-print" }, T("course.print")) as HTMLButtonElement;
  printBtn.addEventListener("click", () => window.print());
  const toc = el("ol", { class: "toc", "data-testid": "toc" });
  const count = el("div", { class: "muted no-print", "data-testid": "count" });
  const sections = el("div", { class: "sections" });
  const all = new Map(GUIDANCE.map((s) => [s.id, renderSection(s)]));
  const show = () => {
    const found = searchGuidance(search.value, lang);
    const ids = new Set(found.map((s) => s.id));
    count.textContent = found.length === 0 ? T("course.none", { q: search.value }) : T("course.count", { n: found.length });
    toc.replaceChildren(
      ...found.map((s) => {
        const a = el("a", { href: `#g-${s.id}` }, s.title[lang]);
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          all.get(s.id)?.scrollIntoView({ behavior: "smooth" });
        });
        return el("li", {}, a);
      }),
    );
    sections.replaceChildren(...GUIDANCE.filter((s) => ids.has(s.id)).map((s) => all.get(s.id) as HTMLElement));
  };
  search.addEventListener("input", show);
  show();
  return el(
    "div",
    { "data-testid": "course" },
    el("div", { class: "toolbar no-print" }, search, printBtn),
    count,
    el("nav", { class: "no-print", "aria-label": T("course.contents") }, el("h3", {}, T("course.contents")), toc),
    sections,
  );
}

// ---------------------------------------------------------------- customer

function cardView(card: CardView, onRecorded: (c: CardView) => void): HTMLElement {
  const root = el("div", { class: "card", "data-testid": "card" });
  const rows: (HTMLElement | null)[] = [
    el("h2", {}, el("span", { "data-testid": "customer" }, card.customer), " ", el("span", { class: "muted" }, card.loanId)),
    // A settled or written-off account has no bucket badge, class, amounts or due date ("" from the server).
    card.bucket ? el("div", { class: `badge b-${card.bucket.replace("+", "p")}`, "data-testid": "bucket" }, card.bucket) : null,
    row(T("card.dpd"), String(card.dpd), "dpd"),
    row(T("card.why"), card.why, "why"),
    card.active ? row(T("card.class"), card.reminderClass || "—") : null,
    row(T("card.principal"), card.principal),
    card.amountDue ? row(T("card.amount_due"), card.amountDue, "amount-due") : null,
    card.amountOverdue ? row(T("card.amount_overdue"), card.amountOverdue, "amount-overdue") : null,
    card.dueDate ? row(T("card.due_date"), card.dueDate, "due-date") : null,
    card.bestWindow ? row(T("card.best_window"), card.bestWindow, "best-window") : null,
  ];
  root.append(...rows.filter((r): r is HTMLElement => r !== null));
  if (card.numbers.length > 0) {
    root.append(
      el("h3", {}, T("card.numbers")),
      el(
        "ul",
        { class: "numbers" },
        ...card.numbers.map((n) =>
          el(
            "li",
            { class: n.next ? "next" : "" },
            `${n.label} ${n.number}`,
            n.next ? el("strong", {}, ` ← ${T("card.next")}`) : null,
            n.invalid ? el("em", {}, ` (${T("card.invalid")})`) : null,
          ),
        ),
      ),
      ...card.nextWhy.map((w) => el("p", { class: "muted" }, w)),
    );
  }
  root.append(el("h3", {}, T("card.tasks")));
  if (card.tasks.length === 0)
    root.append(el("p", { class: "muted" }, card.active ? T("card.no_task", { date: card.date }) : T("card.inactive")));
  for (const k of card.tasks) {
    root.append(
      el("div", { class: "task" }, el("strong", {}, k.label), ` · ${k.window} · ${k.owner}`),
      el("h4", {}, T("card.talking_points")),
      el("p", { class: "points", "data-testid": "talking-points" }, k.talkingPoints),
    );
  }
  root.append(el("h3", {}, T("card.contacts")));
  if (card.contacts.length === 0) root.append(el("p", { class: "muted" }, T("card.no_contacts")));
  else
    root.append(
      el(
        "ul",
        { class: "contacts", "data-testid": "contacts" },
        ...card.contacts.map((c) =>
          el(
            "li",
            {},
            `${c.date} ${c.time} · ${c.staff} · ${c.numberKind} · ${c.outcome}`,
            c.promise ? el("div", {}, c.promise) : null,
            c.note ? el("div", { class: "muted" }, c.note) : null,
          ),
        ),
      ),
    );
  if (card.callable) root.append(recordForm(card, onRecorded));
  else if (card.active) root.append(el("p", { class: "muted", "data-testid": "not-called" }, T("card.not_called")));
  return root;
}

function recordForm(card: CardView, onRecorded: (c: CardView) => void): HTMLElement {
  const outcome = select("outcome", card.outcomes, T("form.choose"));
  const kind = select("numberKind", card.phoneKinds, null, card.defaultKind);
  const time = el("input", { name: "time", placeholder: "14:05", "data-testid": "time" }) as HTMLInputElement;
  const ptpDate = el("input", { name: "ptpDate", type: "date", "data-testid": "ptpDate" }) as HTMLInputElement;
  const ptpAmount = el("input", { name: "ptpAmount", inputmode: "decimal", "data-testid": "ptpAmount" }) as HTMLInputElement;
  const ptpMethod = select("ptpMethod", card.methods, T("form.choose"));
  const note = el("textarea", { name: "note", rows: "2", "data-testid": "note" }) as HTMLTextAreaElement;
  const submit = el("button", { type: "submit", "data-testid": "record" }, T("form.submit")) as HTMLButtonElement;
  const messages = el("div", { role: "alert", "data-testid": "form-messages" });
  const ptpBox = el(
    "fieldset",
    { class: "ptp" },
    el("legend", {}, T("form.three_elements")),
    labelled(T("form.ptp_date"), ptpDate),
    labelled(T("form.ptp_amount"), ptpAmount),
    labelled(T("form.ptp_method"), ptpMethod),
  );
  const form = el(
    "form",
    { class: "record", "data-testid": "record-form" },
    el("h3", {}, T("form.title")),
    labelled(T("form.outcome"), outcome),
    card.phoneKinds.length > 0 ? labelled(T("form.number_kind"), kind) : null,
    labelled(T("form.time"), time),
    ptpBox,
    labelled(T("form.note"), note),
    submit,
    messages,
  ) as HTMLFormElement;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    messages.replaceChildren();
    const sent = {
      loanId: card.loanId,
      date: card.date,
      outcome: outcome.value,
      numberKind: kind.value,
      time: time.value,
      ptpDate: ptpDate.value,
      ptpAmount: ptpAmount.value,
      ptpMethod: ptpMethod.value,
      note: note.value,
    };
    submit.textContent = T("form.saving");
    busy([submit], () => call("sidebarRecord", sent))
      .then((r) => {
        if (!r.ok) showErrors(messages, r.errors);
        else {
          onRecorded(r.card);
        }
        return r;
      })
      .catch((e) => showErrors(messages, [errorText(e)]))
      .finally(() => {
        submit.textContent = T("form.submit");
      });
  });
  return form;
}

function customerView(): HTMLElement {
  const holder = el("div", { "data-testid": "customer-view" });
  const status = el("div", { role: "status", class: "muted", "data-testid": "status" }, T("card.pick"));
  const refresh = el("button", { type: "button", class: "secondary", "data-testid": "refresh" }, T("card.refresh")) as HTMLButtonElement;
  const done = el("div", { class: "ok", role: "status", "data-testid": "done" });
  let shown = "";
  let inFlight = false;
  const render = (card: CardView, message = "") => {
    shown = card.loanId;
    done.textContent = message;
    holder.replaceChildren(cardView(card, (c) => render(c, T("form.done", { log: "催收记录 Contact log" }))));
  };
  const load = (loan: string, force: boolean) => {
    if (inFlight) return;
    inFlight = true;
    if (force) status.textContent = T("card.loading");
    busy([refresh], () => call("sidebarCard", loan))
      .then((r: CardView | Failure) => {
        if (r.ok) {
          status.textContent = "";
          if (force || r.loanId !== shown) render(r);
        } else {
          // The column the poll reads may have moved: find it again next time.
          hint = "";
          if (force || shown === "") showErrors(status, r.errors);
        }
      })
      .catch((e) => showErrors(status, [errorText(e)]))
      .finally(() => {
        inFlight = false;
      });
  };
  // The poll reads only the selected row's loan id (one cell) and fetches the card only when it changes.
  let hint = "";
  let selected = "";
  const poll = () => {
    if (inFlight || document.hidden) return;
    inFlight = true;
    call("sidebarSelection", hint)
      .then((s) => {
        hint = s.hint;
        const changed = s.loanId !== "" && s.loanId !== selected;
        selected = s.loanId;
        inFlight = false;
        if (changed && s.loanId !== shown) load(s.loanId, false);
      })
      .catch(() => {
        inFlight = false;
      });
  };
  refresh.addEventListener("click", () => load(boot.loan, true));
  load(boot.loan, true);
  // One poller at a time (opening the tab again replaces it), paused while the sidebar is hidden.
  stopPolling();
  if (boot.poll) poller = window.setInterval(poll, 4000);
  return el("div", {}, el("div", { class: "toolbar" }, refresh), status, done, holder);
}

/** The customer card's poll of the selected row (Apps Script has no selection event), while that tab is open. */
let poller: number | undefined;
function stopPolling(): void {
  if (poller !== undefined) window.clearInterval(poller);
  poller = undefined;
}

// ---------------------------------------------------------------- the page

function main(): void {
  const app = document.getElementById("app");
  if (!app) return;
  document.documentElement.lang = tx(lang, "html.lang");
  if (boot.mode === "settings") {
    document.title = T("settings.title");
    app.replaceChildren(el("h1", {}, T("settings.title")), settingsView());
    return;
  }
  const panes: Record<"course" | "customer", () => HTMLElement> = { course: courseView, customer: customerView };
  const body = el("main", {});
  const tabs = el("div", { class: "tabs no-print", role: "tablist" });
  const open = (mode: "course" | "customer") => {
    stopPolling();
    for (const b of tabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.mode === mode));
    body.replaceChildren(panes[mode]());
  };
  for (const mode of ["course", "customer"] as const) {
    const b = el(
      "button",
      { type: "button", role: "tab", "data-mode": mode, "data-testid": `tab-${mode}` },
      T(`tab.${mode}`),
    ) as HTMLButtonElement;
    b.addEventListener("click", () => open(mode));
    tabs.append(b);
  }
  // The last run's outcome first: an unattended run's failure e-mails no one (SPEC §7).
  const runStatus = boot.status
    ? el("div", { role: "status", class: `run-status ${boot.status.level}`, "data-testid": "run-status" }, boot.status.text)
    : null;
  app.replaceChildren(...(runStatus ? [runStatus] : []), tabs, body);
  open(boot.mode === "customer" ? "customer" : "course");
}

main();
