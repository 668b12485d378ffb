/** The settings dialog's client code: the stored settings and the ledger's columns as a form, checked on the server when saved. */
import type { FieldView, SettingsView } from "../app/sidebarService";
import { isoDay, parseIsoDay } from "../domain/days";
import type { Settings, StaffMember } from "../domain/settings";
import type { UiTextKey } from "../domain/messages/ui";
import { type Attrs, T, busy, call, el, errorText, labelled, select, showErrors } from "./dom";

export function settingsView(): HTMLElement {
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

const numbersOf = (text: string): number[] =>
  text
    .split(/[,，\s]+/)
    .filter((s) => s !== "")
    .map(Number);

function settingsForm(v: SettingsView): HTMLElement {
  const s = v.settings;
  const input = (name: string, value: string, attrs: Attrs = {}) =>
    el("input", { name, "data-testid": name, value, ...attrs }) as HTMLInputElement;
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
        f.detected
          ? `${f.detected} ${T("settings.detected")}`
          : f.foundVia
            ? T("settings.found_via", { field: f.foundVia })
            : T("settings.not_found"),
        f.override,
      );
      mappingSelects.set(f.key, sel);
      return el(
        "tr",
        {},
        el("td", {}, f.label, f.required ? el("span", { class: "req" }, ` (${T("settings.required")})`) : null),
        el("td", {}, sel),
      );
    }),
  );
  const headerRow = input("headerRow", s.headerRow > 0 ? String(s.headerRow) : "", { size: "3", inputmode: "numeric" });
  const starts = input("bucketStarts", s.bucketStarts.join(", "));
  const grace = input("graceDays", String(s.graceDays), { inputmode: "numeric" });
  const dueDays = input("dueDays", s.dueDays.join(", "));
  const holidays = el(
    "textarea",
    { name: "holidays", rows: "3", "data-testid": "holidays" },
    s.holidays.map(isoDay).join("\n"),
  ) as HTMLTextAreaElement;
  const makeup = el(
    "textarea",
    { name: "makeup", rows: "2", "data-testid": "makeup" },
    s.makeupWorkdays.map(isoDay).join("\n"),
  ) as HTMLTextAreaElement;
  // Staff
  const roles = (["staff", "manager", "account_manager", "back_office"] as const).map((r) => ({
    key: r,
    label: T(`settings.role.${r}` as UiTextKey),
  }));
  const staffBody = el("tbody", { "data-testid": "staff" });
  const addStaff = (m: StaffMember) => {
    const remove = el("button", { type: "button", class: "secondary" }, T("settings.staff_remove")) as HTMLButtonElement;
    const tr = el(
      "tr",
      {},
      el("td", {}, input("staff.name", m.name)),
      el("td", {}, select("staff.role", roles, null, m.role)),
      el("td", {}, input("staff.capacity", String(m.dailyCapacity), { size: "4" })),
      el("td", {}, remove),
    );
    remove.addEventListener("click", () => tr.remove());
    staffBody.append(tr);
  };
  for (const m of s.staff) addStaff(m);
  const addBtn = el(
    "button",
    { type: "button", class: "secondary", "data-testid": "staff-add" },
    T("settings.staff_add"),
  ) as HTMLButtonElement;
  addBtn.addEventListener("click", () => addStaff({ name: "", role: "staff", dailyCapacity: 80 }));
  const baselineInputs = Object.entries(s.baselines).map(
    ([k, val]) => [k, input(`baseline.${k}`, String(Math.round(val * 10000) / 100), { size: "5" })] as const,
  );
  const colours = (["M1", "M2", "M3", "M3+"] as const).map(
    (k) => [k, input(`colour.${k}`, s.bucketColours[k], { type: "color" })] as const,
  );
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
    holidays: holidays.value
      .split(/\s+/)
      .filter((x) => x !== "")
      .map(parseIsoDay),
    makeupWorkdays: makeup.value
      .split(/\s+/)
      .filter((x) => x !== "")
      .map(parseIsoDay),
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
    el(
      "table",
      {},
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", {}, T("settings.staff_name")),
          el("th", {}, T("settings.staff_role")),
          el("th", {}, T("settings.staff_capacity")),
          el("th", {}),
        ),
      ),
      staffBody,
    ),
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
    const named: Record<string, HTMLElement> = {
      bucketStarts: starts,
      graceDays: grace,
      dueDays,
      holidays,
      makeupWorkdays: makeup,
      callHours: hoursEnd,
      maxUnansweredDialsPerNumberPerDay: maxDials,
      language,
    };
    if (named[field]) return named[field];
    const staff = /^staff\.(\d+)\.(name|role|dailyCapacity)$/.exec(field);
    if (staff) {
      const name = { name: "staff.name", role: "staff.role", dailyCapacity: "staff.capacity" }[
        staff[2] as "name" | "role" | "dailyCapacity"
      ];
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
    for (const [field, box] of [
      ["holidays", holidays],
      ["makeupWorkdays", makeup],
    ] as const) {
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
