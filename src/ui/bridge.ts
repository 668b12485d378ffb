/**
 * The typed bridge between the sidebar's client code and the server functions
 * (src/sheets/entry.ts in Sheets, src/node/preview.ts locally). Every value
 * crossing it is JSON-safe: strings, numbers, booleans, arrays and plain objects.
 */
import type { CardView, Failure, RecordDone, RecordForm, SettingsRefused, SettingsView } from "../app/sidebarService";
import type { Lang } from "../domain/i18n";
import type { Settings } from "../domain/settings";

/** A settings save accepted. */
export interface SettingsSaved {
  ok: true;
  settings: Settings;
  message: string;
}

/** The server functions the client calls, by name, with their parameters and results. */
export interface ServerFunctions {
  /** The card of an account: `loanId`, or the active row's account when blank. */
  sidebarCard(loanId: string): CardView | Failure;
  /** The poll: only the selected row's loan id (one cell); `hint` is the last answer's, naming the sheet's loan-id column. */
  sidebarSelection(hint: string): Selection;
  sidebarRecord(form: RecordForm): RecordDone | Failure;
  settingsLoad(): SettingsView | Failure;
  settingsSave(json: string): SettingsSaved | SettingsRefused;
}

export type ServerName = keyof ServerFunctions;

/** A server's table of the functions (the local preview's): each may answer at once or later. */
export type ServerHandlers = {
  [K in ServerName]: (...args: Parameters<ServerFunctions[K]>) => ReturnType<ServerFunctions[K]> | Promise<ReturnType<ServerFunctions[K]>>;
};

/** The selected row's loan id ("" when none) and where the loan-id column is, for the next poll. */
export interface Selection {
  loanId: string;
  hint: string;
}

/** The last run of today's work, in words, as the sidebar shows it at its top. */
export interface RunStatusLine {
  text: string;
  level: "ok" | "warn" | "error";
}

/** What the page starts with (set by the server in the template). */
export interface Boot {
  mode: "course" | "customer" | "settings";
  lang: Lang;
  /** An account to open at once ("" for the active row). */
  loan: string;
  /** Ask for the active row's account every few seconds (Sheets; not the preview). */
  poll: boolean;
  /** The last run's outcome (Sheets' sidebar), shown at the top. */
  status?: RunStatusLine | null;
}

/** The part of google.script.run the client uses. */
export interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: Error | string) => void): ScriptRun;
  [name: string]: unknown;
}

/** Calls a server function; resolves with its result, rejects with its error. Both handlers are always set. */
export function callServer<K extends ServerName>(
  run: ScriptRun,
  name: K,
  ...args: Parameters<ServerFunctions[K]>
): Promise<ReturnType<ServerFunctions[K]>> {
  return new Promise((resolve, reject) => {
    const runner = run
      .withSuccessHandler((v) => resolve(v as ReturnType<ServerFunctions[K]>))
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String(e))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
