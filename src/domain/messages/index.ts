/**
 * The message catalogue, whole: every text a user sees, in Chinese and English,
 * by audience — the core shared by the engine and every use case (../i18n.ts,
 * `t`), the CLI (`ct`), its settings messages (`st`), the chain export (`cht`),
 * the Sheets surface (`ui`) and the sidebar (`tx`). Each part is imported from its
 * own file (the sidebar's client bundle takes only ui.ts); this list is for the
 * test that every key has both languages. The typed label tables of the sheets'
 * columns and dropdowns (`Labels` in src/app/names.ts) are the one other place.
 */
import { type Lang, MESSAGES } from "../i18n";
import { CHAIN_MESSAGES } from "./chain";
import { CLI_MESSAGES } from "./cli";
import { SETTINGS_MESSAGES } from "./settings";
import { UI_MESSAGES } from "./sheets";
import { UI_TEXT } from "./ui";

export const CATALOGUES: Readonly<Record<string, Record<Lang, Record<string, string>>>> = {
  core: MESSAGES,
  cli: CLI_MESSAGES,
  settings: SETTINGS_MESSAGES,
  chain: CHAIN_MESSAGES,
  sheets: UI_MESSAGES,
  sidebar: UI_TEXT,
};
