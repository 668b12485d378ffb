/** What the sidebar's and the settings dialog's client code share: the page's boot data and language, elements, server calls, busy buttons, errors, form rows. */
import type { Lang } from "../domain/i18n";
import { type UiTextKey, tx } from "../domain/messages/ui";
import { type Boot, type ScriptRun, type ServerFunctions, type ServerName, callServer } from "./bridge";

declare const DAIHOU_BOOT: Boot;
declare const google: { script: { run: ScriptRun } };

export type Attrs = Record<string, string>;
export type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
export function el(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  return e;
}

export const boot: Boot =
  typeof DAIHOU_BOOT === "object" && DAIHOU_BOOT ? DAIHOU_BOOT : { mode: "course", lang: "en", loan: "", poll: false };
export const lang: Lang = boot.lang === "zh" ? "zh" : "en";
export const T = (key: UiTextKey, params?: Record<string, string | number>) => tx(lang, key, params);

export function call<K extends ServerName>(name: K, ...args: Parameters<ServerFunctions[K]>) {
  return callServer(google.script.run, name, ...args);
}

/** Disables the buttons while `work` runs. */
export async function busy<R>(buttons: HTMLButtonElement[], work: () => Promise<R>): Promise<R> {
  for (const b of buttons) b.disabled = true;
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

export function errorText(e: unknown): string {
  return T("error.server", { reason: e instanceof Error ? e.message : String(e) });
}

export function showErrors(box: HTMLElement, errors: string[]): void {
  box.replaceChildren(...errors.map((m) => el("div", { class: "error" }, m)));
}

export function row(label: string, value: string, testid?: string): HTMLElement {
  return el(
    "div",
    { class: "kv" },
    el("span", { class: "k" }, label),
    el("span", { class: "v", ...(testid ? { "data-testid": testid } : {}) }, value),
  );
}

export function select(name: string, options: { key: string; label: string }[], placeholder: string | null, value = ""): HTMLSelectElement {
  const s = el("select", { name, "data-testid": name }) as HTMLSelectElement;
  if (placeholder !== null) s.append(el("option", { value: "" }, placeholder));
  for (const o of options) s.append(el("option", { value: o.key }, o.label));
  s.value = value;
  return s;
}

export function labelled(label: string, input: HTMLElement): HTMLElement {
  return el("label", { class: "field" }, el("span", {}, label), input);
}
