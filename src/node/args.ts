/** Command-line argument helpers shared by the `daihou` commands. */
import { type Day, parseIsoDay } from "../domain/days";
import type { Lang } from "../domain/i18n";
import { ct } from "../domain/messages/cli";

/** Parsed options: `--name value` → string, `--flag` → true, a repeatable `--name value` → every value in order. */
export type Options = Record<string, string | boolean | string[]>;

/** Writes whole lines (a trailing "\n" is added when missing). */
export type Write = (text: string) => void;

/** A bad argument: the message, in the run's language, and exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command = "",
  ) {
    super(message);
  }
}

/** The value of a required `--name`. */
export function required(lang: Lang, command: string, opts: Options, name: string): string {
  const v = opts[name];
  if (typeof v !== "string") throw new UsageError(ct(lang, "arg.required", { command, name }), command);
  return v;
}

/** A `YYYY-MM-DD` date argument. */
export function parseDateArg(lang: Lang, command: string, text: string): Day {
  const day = parseIsoDay(text);
  if (Number.isNaN(day) || !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UsageError(ct(lang, "arg.bad_date", { command, text }), command);
  return day;
}
