/**
 * The sidebar's and the settings dialog's client code, bundled by
 * scripts/build.mjs into build/Sidebar.html and build/Settings.html. Text from
 * cells is only ever set with textContent (never innerHTML). Every server call
 * goes through callServer (success and failure handlers always set); buttons
 * are disabled while a call runs, and errors are shown in words.
 */
import type { CardView, Failure, FieldView, SettingsView } from "../app/sidebarService";
import { GUIDANCE, type GuidanceSection, searchGuidance } from "../domain/guidance";
import { isoDay, parseIsoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import type { Settings, StaffMember } from "../domain/settings";
import { type Boot, type ScriptRun, type ServerName, callServer } from "./bridge";
import { type UiTextKey, tx } from "../domain/messages/ui";

declare const DAIHOU_BOOT: Boot;
declare const google: { script: { run: ScriptRun } };

type Attrs = Record<string, string>;
type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
function el(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  return e;
}

const boot: Boot = typeof DAIHOU_BOOT === "object" && DAIHOU_BOOT ? DAIHOU_BOOT : { mode: "course", lang: "en", loan: "", poll: false };
const lang: Lang = boot.lang === "zh" ? "zh" : "en";
const T = (key: UiTextKey, params?: Record<string, string | number>) => tx(lang, key, params);

function call<K extends ServerName>(name: K, ...args: Parameters<import("./bridge").ServerFunctions[K]>) {
  return callServer(google.script.run, name, ...args);
}

/** Disables the buttons while `work` runs. */
async function busy<R>(buttons: HTMLButtonElement[], work: () => Promise<R>): Promise<R> {
  for (const b of buttons) b.disabled = true;
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

function errorText(e: unknown): string {
  return T("error.server", { reason: e instanceof Error ? e.message : String(e) });
}

function showErrors(box: HTMLElement, errors: string[]): void {
  box.replaceChildren(...errors.map((m) => el("div", { class: "error" }, m)));
}

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
  const search = el("input", { type: "search", placeholder: T("course.search"), "aria-label": T("course.search"), "data-testid": "search" }) as HTMLInputElement;
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

function row(label: string, value: string, testid?: string): HTMLElement {
  return el("div", { class: "kv" }, el("span", { class: "k" }, label), el("span", { class: "v", ...(testid ? { "data-testid": testid } : {}) }, value));
}

function select(name: string, options: { key: string; label: string }[], placeholder: string | null, value = ""): HTMLSelectElement {
  const s = el("select", { name, "data-testid": name }) as HTMLSelectElement;
  if (placeholder !== null) s.append(el("option", { value: "" }, placeholder));
  for (const o of options) s.append(el("option", { value: o.key }, o.label));
  s.value = value;
  return s;
}

function labelled(label: string, input: HTMLElement): HTMLElement {
  return el("label", { class: "field" }, el("span", {}, label), input);
}

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
  ];
  root.append(...rows.filter((r): r is HTMLElement => r !== null));
  if (card.numbers.length > 0) {
    root.append(
      el("h3", {}, T("card.numbers")),
      el(
        "ul",
        { class: "numbers" },
        ...card.numbers.map((n) =>
          el("li", { class: n.next ? "next" : "" }, `${n.label} ${n.number}`, n.next ? el("strong", {}, ` ← ${T("card.next")}`) : null, n.invalid ? el("em", {}, ` (${T("card.invalid")})`) : null),
        ),
      ),
      ...card.nextWhy.map((w) => el("p", { class: "muted" }, w)),
    );
  }
  root.append(el("h3", {}, T("card.tasks")));
  if (card.tasks.length === 0) root.append(el("p", { class: "muted" }, card.active ? T("card.no_task", { date: card.date }) : T("card.inactive")));
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
          el("li", {}, `${c.date} ${c.time} · ${c.staff} · ${c.numberKind} · ${c.outcome}`, c.promise ? el("div", {}, c.promise) : null, c.note ? el("div", { class: "muted" }, c.note) : null),
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
  const ptpBox = el("fieldset", { class: "ptp" }, el("legend", {}, T("form.three_elements")), labelled(T("form.ptp_date"), ptpDate), labelled(T("form.ptp_amount"), ptpAmount), labelled(T("form.ptp_method"), ptpMethod));
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

// ---------------------------------------------------------------- settings

function settingsView(): HTMLElement {
  const root = el("div", { "data-testid": "settings" });
  const status = el("div", { role: "status", class: "muted" }, T("card.loading"));
  root.append(status);
  call("settingsLoad")
    .then((v) => {
      if (!v.ok) showErrors(status, v.errors);
      else {
        status.textContent = "";
        root.append(settingsForm(v));
      }
    })
    .catch((e) => showErrors(status, [errorText(e)]));
  return root;
}

/** The customer card's poll of the selected row (Apps Script has no selection event), while that tab is open. */
let poller: number | undefined;
function stopPolling(): void {
  if (poller !== undefined) window.clearInterval(poller);
  poller = undefined;
}

const numbersOf = (text: string): number[] =>
  text
    .split(/[,，\s]+/)
    .filter((s) => s !== "")
    .map(Number);


function settingsForm(v: SettingsView): HTMLElement {
  const s = v.settings;
  const input = (name: string, value: string, attrs: Attrs = {}) => el("input", { name, "data-testid": name, value, ...attrs }) as HTMLInputElement;
  const check = (name: string, on: boolean) => {
    const c = el("input", { type: "checkbox", name, "data-testid": name }) as HTMLInputElement;
    c.checked = on;
    return c;
  };
  // Column mapping
  const mappingSelects = new Map<FieldView["key"], HTMLSelectElement>();
  const mapping = el(
    "table",
    { class: "mapping", "data-testid": "mapping" },
    ...v.fields.map((f) => {
      const sel = select(
        `map.${f.key}`,
        v.headers.map((h) => ({ key: h, label: h })),
        f.detected ? `${f.detected} ${T("settings.detected")}` : f.foundVia ? T("settings.found_via", { field: f.foundVia }) : T("settings.not_found"),
        f.override,
      );
      mappingSelects.set(f.key, sel);
      return el("tr", {}, el("td", {}, f.label, f.required ? el("span", { class: "req" }, ` (${T("settings.required")})`) : null), el("td", {}, sel));
    }),
  );
  const headerRow = input("headerRow", s.headerRow > 0 ? String(s.headerRow) : "", { size: "3", inputmode: "numeric" });
  const starts = input("bucketStarts", s.bucketStarts.join(", "));
  const grace = input("graceDays", String(s.graceDays), { inputmode: "numeric" });
  const dueDays = input("dueDays", s.dueDays.join(", "));
  const holidays = el("textarea", { name: "holidays", rows: "3", "data-testid": "holidays" }, s.holidays.map(isoDay).join("\n")) as HTMLTextAreaElement;
  const makeup = el("textarea", { name: "makeup", rows: "2", "data-testid": "makeup" }, s.makeupWorkdays.map(isoDay).join("\n")) as HTMLTextAreaElement;
  // Staff
  const roles = (["staff", "manager", "account_manager", "back_office"] as const).map((r) => ({ key: r, label: T(`settings.role.${r}` as UiTextKey) }));
  const staffBody = el("tbody", { "data-testid": "staff" });
  const addStaff = (m: StaffMember) => {
    const remove = el("button", { type: "button", class: "secondary" }, T("settings.staff_remove")) as HTMLButtonElement;
    const tr = el("tr", {}, el("td", {}, input("staff.name", m.name)), el("td", {}, select("staff.role", roles, null, m.role)), el("td", {}, input("staff.capacity", String(m.dailyCapacity), { size: "4" })), el("td", {}, remove));
    remove.addEventListener("click", () => tr.remove());
    staffBody.append(tr);
  };
  for (const m of s.staff) addStaff(m);
  const addBtn = el("button", { type: "button", class: "secondary", "data-testid": "staff-add" }, T("settings.staff_add")) as HTMLButtonElement;
  addBtn.addEventListener("click", () => addStaff({ name: "", role: "staff", dailyCapacity: 80 }));
  const baselineInputs = Object.entries(s.baselines).map(([k, val]) => [k, input(`baseline.${k}`, String(Math.round(val * 10000) / 100), { size: "5" })] as const);
  const colours = (["M1", "M2", "M3", "M3+"] as const).map((k) => [k, input(`colour.${k}`, s.bucketColours[k], { type: "color" })] as const);
  const language = select(
    "language",
    (["auto", "zh", "en"] as const).map((k) => ({ key: k, label: T(`settings.lang.${k}` as UiTextKey) })),
    null,
    s.language,
  );
  const trigger = check("dailyTrigger", s.dailyTrigger);
  const hoursStart = input("callHoursStart", String(s.callHoursStart), { size: "3" });
  const hoursEnd = input("callHoursEnd", String(s.callHoursEnd), { size: "3" });
  const maxDials = input("maxDials", String(s.maxUnansweredDialsPerNumberPerDay), { size: "3" });
  const thirdParty = check("thirdParty", s.thirdPartyScriptOnOtherNumbers);
  const save = el("button", { type: "submit", "data-testid": "save" }, T("settings.save")) as HTMLButtonElement;
  const messages = el("div", { role: "alert", "data-testid": "settings-messages" });

  const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.trim()));
  const collect = (): Settings => ({
    ...s,
    columnMapping: Object.fromEntries([...mappingSelects].filter(([, sel]) => sel.value !== "").map(([k, sel]) => [k, sel.value])),
    headerRow: headerRow.value.trim() === "" ? 0 : num(headerRow.value),
    bucketStarts: numbersOf(starts.value) as Settings["bucketStarts"],
    graceDays: num(grace.value),
    dueDays: numbersOf(dueDays.value),
    // parseIsoDay: NaN for anything but a real yyyy-mm-dd (2026-02-30 too), which the settings check refuses.
    holidays: holidays.value.split(/\s+/).filter((x) => x !== "").map(parseIsoDay),
    makeupWorkdays: makeup.value.split(/\s+/).filter((x) => x !== "").map(parseIsoDay),
    staff: [...staffBody.querySelectorAll("tr")].map((tr) => ({
      name: (tr.querySelector('[name="staff.name"]') as HTMLInputElement).value,
      role: (tr.querySelector('[name="staff.role"]') as HTMLSelectElement).value as StaffMember["role"],
      dailyCapacity: num((tr.querySelector('[name="staff.capacity"]') as HTMLInputElement).value),
    })),
    baselines: Object.fromEntries(baselineInputs.map(([k, i]) => [k, num(i.value) / 100])),
    bucketColours: Object.fromEntries(colours.map(([k, i]) => [k, i.value.toUpperCase()])) as Settings["bucketColours"],
    language: language.value as Settings["language"],
    dailyTrigger: trigger.checked,
    callHoursStart: num(hoursStart.value),
    callHoursEnd: num(hoursEnd.value),
    maxUnansweredDialsPerNumberPerDay: num(maxDials.value),
    thirdPartyScriptOnOtherNumbers: thirdParty.checked,
  });

  const form = el(
    "form",
    { class: "settings" },
    el("h2", {}, T("settings.mapping")),
    el("p", { class: "muted" }, T("settings.mapping_help", { sheet: v.ledgerSheet })),
    v.missing ? el("div", { class: "error" }, v.missing) : null,
    labelled(T("settings.header_row", { row: v.headerRow }), headerRow),
    mapping,
    el("h2", {}, T("settings.buckets")),
    labelled(T("settings.bucket_starts"), starts),
    labelled(T("settings.grace"), grace),
    labelled(T("settings.due_days"), dueDays),
    el("h2", {}, T("settings.calendar")),
    labelled(T("settings.holidays"), holidays),
    labelled(T("settings.makeup"), makeup),
    el("h2", {}, T("settings.staff")),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, T("settings.staff_name")), el("th", {}, T("settings.staff_role")), el("th", {}, T("settings.staff_capacity")), el("th", {}))), staffBody),
    addBtn,
    el("h2", {}, T("settings.baselines")),
    ...baselineInputs.map(([k, i]) => labelled(T(`settings.baseline.${k}` as UiTextKey), i)),
    el("h2", {}, T("settings.colours")),
    el("div", { class: "colours" }, ...colours.map(([k, i]) => labelled(k, i))),
    el("h2", {}, T("settings.language")),
    language,
    el("h2", {}, T("settings.compliance")),
    el("div", { class: "inline" }, labelled(T("settings.call_hours"), el("span", {}, hoursStart, " – ", hoursEnd))),
    labelled(T("settings.max_dials"), maxDials),
    el("label", { class: "check" }, thirdParty, T("settings.third_party")),
    el("label", { class: "check" }, trigger, T("settings.trigger")),
    el("div", { class: "actions" }, save),
    messages,
  ) as HTMLFormElement;
  // Where each setting's error goes: beside its field (staff, baselines and colours by their own input).
  const fieldOf = (field: string): HTMLElement | null => {
    const named: Record<string, HTMLElement> = { bucketStarts: starts, graceDays: grace, dueDays, holidays, makeupWorkdays: makeup, callHours: hoursEnd, maxUnansweredDialsPerNumberPerDay: maxDials, language };
    if (named[field]) return named[field];
    const staff = /^staff\.(\d+)\.(name|role|dailyCapacity)$/.exec(field);
    if (staff) {
      const name = { name: "staff.name", role: "staff.role", dailyCapacity: "staff.capacity" }[staff[2] as "name" | "role" | "dailyCapacity"];
      return staffBody.querySelectorAll("tr")[Number(staff[1])]?.querySelector<HTMLElement>(`[name="${name}"]`) ?? null;
    }
    const baseline = /^baselines\.(.+)$/.exec(field);
    if (baseline) return baselineInputs.find(([k]) => k === baseline[1])?.[1] ?? null;
    const colour = /^bucketColours\.(.+)$/.exec(field);
    if (colour) return colours.find(([k]) => k === colour[1])?.[1] ?? null;
    return null;
  };
  /** Shows each error beside its field (after the label or cell around it), the first one scrolled into view. */
  const showBeside = (errors: readonly { field: string; text: string }[]) => {
    let first: HTMLElement | null = null;
    for (const { field, text } of errors) {
      const input = fieldOf(field);
      if (!input) continue;
      const anchor = (input.closest("label, td") as HTMLElement | null) ?? input;
      const note = el("div", { class: "error field-error", "data-testid": `error-${field}` }, text);
      anchor.after(note);
      first ??= note;
    }
    first?.scrollIntoView({ block: "center" });
  };
  /** Errors the form says better than the server: percentages in percent, and which line of a date list. */
  const localErrors = (): { field: string; text: string }[] => {
    const out: { field: string; text: string }[] = [];
    for (const [k, i] of baselineInputs) {
      const v = num(i.value);
      if (!(v >= 0 && v <= 100)) out.push({ field: `baselines.${k}`, text: T("settings.bad_percent") });
    }
    for (const [field, box] of [["holidays", holidays], ["makeupWorkdays", makeup]] as const) {
      const bad = box.value
        .split("\n")
        .map((line, n) => ({ line: n + 1, text: line.trim() }))
        .filter((l) => l.text !== "" && Number.isNaN(parseIsoDay(l.text)));
      if (bad.length > 0) out.push({ field, text: bad.map((b) => T("settings.bad_line", { line: b.line, text: b.text })).join("; ") });
    }
    return out;
  };

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    messages.replaceChildren();
    for (const old of form.querySelectorAll(".field-error")) old.remove();
    save.textContent = T("settings.saving");
    busy([save], () => call("settingsSave", JSON.stringify(collect())))
      .then((r) => {
        if (r.ok) messages.replaceChildren(el("div", { class: "ok", "data-testid": "saved" }, r.message));
        else {
          // The form's own words first (percent, line numbers), then the rest as the check said them; each beside its field too.
          const local = localErrors();
          const said = new Set(local.map((e) => e.field));
          const fields = r.fields ?? [];
          const server = r.errors.map((text, i) => ({ field: fields[i] ?? "", text }));
          const all = [...local, ...server.filter((e) => !said.has(e.field))];
          messages.replaceChildren(
            el("div", { class: "error" }, T("settings.invalid")),
            ...all.map((e) => el("div", { class: "error" }, e.text)),
            ...server.filter((e) => said.has(e.field)).map((e) => el("div", { class: "error muted" }, e.text)),
          );
          showBeside(all);
        }
      })
      .catch((e) => showErrors(messages, [errorText(e)]))
      .finally(() => {
        save.textContent = T("settings.save");
      });
  });
  return form;
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
    const b = el("button", { type: "button", role: "tab", "data-mode": mode, "data-testid": `tab-${mode}` }, T(`tab.${mode}`)) as HTMLButtonElement;
    b.addEventListener("click", () => open(mode));
    tabs.append(b);
  }
  // The last run's outcome first: an unattended run's failure e-mails no one (SPEC §7).
  const runStatus = boot.status ? el("div", { role: "status", class: `run-status ${boot.status.level}`, "data-testid": "run-status" }, boot.status.text) : null;
  app.replaceChildren(...(runStatus ? [runStatus] : []), tabs, body);
  open(boot.mode === "customer" ? "customer" : "course");
}

main();
