/** The sidebar's settings dialog on the server side: what it shows (the stored settings, the ledger's columns as Daihou maps them) and saving its JSON. */
import { cellText } from "../domain/cells";
import {
  FIELD_KEYS,
  type FieldKey,
  HEADER_SEARCH_ROWS,
  REQUIRED_FIELDS,
  SCHEDULE_REQUIRED_FIELDS,
  findHeaderRow,
  mapHeaders,
} from "../domain/fields";
import { type Lang, type MessageKey, t as msg } from "../domain/i18n";
import { tx } from "../domain/messages/ui";
import { type Settings, type StaffMember, defaultSettings, settingsIssues } from "../domain/settings";
import type { BookPort } from "./port";
import type { SidebarContext } from "./sidebarService";

/** One ledger field in the settings dialog. */
export interface FieldView {
  key: FieldKey;
  label: string;
  required: boolean;
  /** The header Daihou reads it from now ("" when none). */
  detected: string;
  /** The store's override ("" when none). */
  override: string;
  /** For a field not found that another field stands in for: that field's name. */
  foundVia?: string;
}

/** What the settings dialog shows. */
export interface SettingsView {
  ok: true;
  lang: Lang;
  settings: Settings;
  ledgerSheet: string;
  /** The ledger's header row (1-based) as read now. */
  headerRow: number;
  headers: string[];
  fields: FieldView[];
  /** Required fields not found, in words ("" when all are). */
  missing: string;
}

/** The settings dialog's content: the stored settings and the ledger's columns as Daihou maps them. */
export function getSettingsView(port: BookPort, cx: SidebarContext): SettingsView {
  const { settings, lang } = cx;
  // The header row as Daihou finds it (among the first ten rows, SPEC §3), or as Settings remember it.
  const values = port.read(cx.ledgerSheet) ?? [];
  const at = findHeaderRow((i) => (i < HEADER_SEARCH_ROWS ? values[i] : undefined), settings.columnMapping, settings.headerRow);
  const header = (values[at] ?? []).map((h) => cellText(h).trim());
  const headers = header.filter((h) => h !== "" && !h.startsWith("Daihou·"));
  const mapping = mapHeaders(headers, settings.columnMapping);
  const required = new Set((mapping.shape === "schedule" ? SCHEDULE_REQUIRED_FIELDS : REQUIRED_FIELDS).flat());
  const fieldName = (k: FieldKey) => msg(lang, `field.${k}` as MessageKey);
  const fields = FIELD_KEYS.map((key) => {
    const i = mapping.columns[key];
    // A required field not found whose alternative is (逾期天数 when 最早未还款日 is found): "found via" that one, not required.
    const via =
      i === undefined
        ? REQUIRED_FIELDS.find((g) => g.includes(key))?.find((f) => f !== key && mapping.columns[f] !== undefined)
        : undefined;
    const base = {
      key,
      label: fieldName(key),
      required: required.has(key) && via === undefined,
      detected: i === undefined ? "" : headers[i],
      override: settings.columnMapping[key] ?? "",
    };
    return via === undefined ? base : { ...base, foundVia: fieldName(via) };
  });
  const missing = mapping.missing.map((m) => m.fields.map(fieldName).join(msg(lang, "sep.or"))).join(msg(lang, "sep.list"));
  return {
    ok: true,
    lang,
    settings,
    ledgerSheet: cx.ledgerSheet,
    headerRow: at + 1,
    headers,
    fields,
    missing: missing === "" ? "" : tx(lang, "settings.missing", { fields: missing }),
  };
}

/** Where settings are kept: the document's properties in Sheets, memory in the preview. */
export interface SettingsStore {
  save(settings: Settings): void;
}

/** A settings save refused: one message per bad value, with the field it belongs to. */
export interface SettingsRefused {
  ok: false;
  errors: string[];
  fields: string[];
}

/** Reads the dialog's JSON, checks every value (SettingsIssue, in the user's language) and saves only when all are good. */
export function saveSettingsJson(
  store: SettingsStore,
  json: string,
  lang: Lang,
): { ok: true; settings: Settings; message: string } | SettingsRefused {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(json));
  } catch (e) {
    return { ok: false, errors: [tx(lang, "settings.bad_json", { reason: e instanceof Error ? e.message : String(e) })], fields: [] };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    return { ok: false, errors: [tx(lang, "settings.bad_json", { reason: "not an object" })], fields: [] };
  const base = defaultSettings();
  const s = { ...base, ...(parsed as Partial<Settings>) } as Settings;
  s.columnMapping = Object.fromEntries(
    Object.entries(s.columnMapping ?? {}).filter(
      ([k, v]) => (FIELD_KEYS as string[]).includes(k) && typeof v === "string" && v.trim() !== "",
    ),
  );
  s.staff = Array.isArray(s.staff) ? s.staff.map((m: StaffMember) => ({ ...m, name: String(m?.name ?? "").trim() })) : s.staff;
  const issues = settingsIssues(s);
  if (issues.length > 0) return { ok: false, errors: issues.map((i) => i[lang]), fields: issues.map((i) => i.field) };
  store.save(s);
  return { ok: true, settings: s, message: tx(lang, "settings.saved") };
}
