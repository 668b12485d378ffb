/**
 * The `daihou` command line (SPEC §7). `main` takes the arguments and output
 * writers and returns the exit code, so tests can run it in-process:
 * 0 done (unreadable rows are listed on stderr), 1 unexpected failure,
 * 2 bad arguments or a file that cannot be used.
 */
import { statSync } from "node:fs";
import { isoDay } from "../domain/days";
import { FALLBACK_LANG, type LangChoice, langOfEnv } from "../app/language";
import type { Lang } from "../domain/i18n";
import { MissingColumnsError } from "../domain/ledger";
import { defaultSettings } from "../domain/settings";
import { type Options, UsageError, type Write, parseDateArg, required } from "./args";
import { loadBook } from "./book";
import { runCalls } from "./callsCommand";
import { runChain } from "./chain/chainCommand";
import { runExport } from "./chain/exportCommand";
import { cht } from "../domain/messages/chain";
import {
  classifyTable,
  formatJson,
  historyLookup,
  missingColumnLines,
  noteLine,
  problemLine,
  renderClassification,
} from "./classifyCommand";
import { runDay } from "./dayCommand";
import { runRecord } from "./recordCommand";
import { runReport } from "./reportCommand";
import { SettingsUnusableError, bookSettings, commandLang, settingsErrorLines } from "./bookSettings";
import { runSettings } from "./settingsCommand";
import { st } from "../domain/messages/settings";
import { DEMO_DATE, DEMO_FROM, DEMO_LOANS, runDemo } from "./demoCommand";
import { type CliMessageKey, ct } from "../domain/messages/cli";
import { FileUnusableError, readTableFile } from "./tableFile";

export { DEMO_DATE } from "./demoCommand";

/** Where the CLI writes; each call gets whole lines ending in "\n". */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Environment for the default language (LANG); defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** `strings`: a string option that may be given more than once. */
type OptionKind = "string" | "boolean" | "strings";

interface CommandSpec {
  usage: CliMessageKey | ((lang: Lang) => string);
  options: Record<string, OptionKind>;
}

const COMMANDS: Record<string, CommandSpec> = {
  classify: {
    usage: "usage.classify",
    options: { ledger: "string", date: "string", book: "string", json: "boolean", lang: "string", help: "boolean" },
  },
  day: { usage: "usage.day", options: { book: "string", date: "string", ledger: "string", lang: "string", help: "boolean" } },
  calls: { usage: "usage.calls", options: { book: "string", date: "string", json: "boolean", lang: "string", help: "boolean" } },
  record: { usage: "usage.record", options: { book: "string", date: "string", lang: "string", help: "boolean" } },
  report: { usage: "usage.report", options: { book: "string", month: "string", json: "boolean", lang: "string", help: "boolean" } },
  demo: { usage: "usage.demo", options: { out: "string", date: "string", shape: "string", lang: "string", help: "boolean" } },
  export: {
    usage: (lang) => cht(lang, "usage.export"),
    options: { book: "string", store: "string", out: "string", lang: "string", help: "boolean" },
  },
  chain: {
    usage: (lang) => cht(lang, "usage.chain"),
    options: { data: "string", month: "string", json: "boolean", out: "string", lang: "string", help: "boolean" },
  },
  settings: {
    usage: (lang) => st(lang, "usage.settings"),
    options: { book: "string", set: "strings", json: "boolean", lang: "string", help: "boolean" },
  },
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  // SPEC §7: --lang, else the locale when it names zh or en; each command then asks the book and the ledger.
  const choice: LangChoice = { env: langOfEnv(env) };
  let lang: Lang = choice.env ?? FALLBACK_LANG;
  const out = (text: string) => io.stdout(text.endsWith("\n") ? text : `${text}\n`);
  const err = (text: string) => io.stderr(text.endsWith("\n") ? text : `${text}\n`);
  try {
    const langArg = findLang(argv);
    if (langArg !== undefined) {
      if (langArg !== "zh" && langArg !== "en") throw new UsageError(ct(lang, "arg.bad_lang", { text: langArg }));
      lang = langArg;
      choice.flag = langArg;
    }
    // `daihou --lang zh <command> …`: the language was read above.
    let args = argv;
    while (args.length > 0 && (args[0] === "--lang" || args[0].startsWith("--lang="))) args = args.slice(args[0] === "--lang" ? 2 : 1);
    const [first, ...rest] = args;
    if (first === undefined) {
      err(ct(lang, "usage.program"));
      return EXIT_USAGE;
    }
    if (first === "--help" || first === "-h") {
      out(ct(lang, "usage.program"));
      return EXIT_OK;
    }
    if (first === "help") {
      const topic = rest.find((a) => !a.startsWith("-"));
      if (topic === undefined) {
        out(ct(lang, "usage.program"));
        return EXIT_OK;
      }
      if (!hasOwn(COMMANDS, topic)) throw new UsageError(ct(lang, "arg.unknown_command", { text: topic }));
      out(usageOf(lang, topic));
      return EXIT_OK;
    }
    const spec = hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!spec) throw new UsageError(ct(lang, first.startsWith("-") ? "arg.no_command" : "arg.unknown_command", { text: first }));
    const opts = parseOptions(lang, first, spec, rest);
    if (opts.help) {
      out(usageOf(lang, first));
      return EXIT_OK;
    }
    switch (first) {
      case "classify":
        return await runClassify(lang, opts, out, err, choice);
      case "day":
        return await runDay(lang, opts, out, err, choice);
      case "calls":
        return await runCalls(lang, opts, out, err, choice);
      case "record":
        return await runRecord(lang, opts, out, err, choice);
      case "report":
        return await runReport(lang, opts, out, err, choice);
      case "settings":
        return await runSettings(lang, opts, out, err, choice);
      case "export":
        return await runExport(lang, opts, out, err, choice);
      case "chain":
        return await runChain(lang, opts, out, err);
      default:
        return await runDemo(lang, opts, out, err, choice);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      err(ct(lang, "usage.hint", { command: e.command ? `${e.command} ` : "" }));
      return EXIT_USAGE;
    }
    if (e instanceof SettingsUnusableError) {
      for (const line of settingsErrorLines(lang, e)) err(line);
      return EXIT_USAGE;
    }
    if (e instanceof FileUnusableError) {
      err(fileMessage(lang, e));
      return EXIT_USAGE;
    }
    err(ct(lang, "error.internal", { detail: e instanceof Error ? e.message : String(e) }));
    return EXIT_FAILURE;
  }
}

function hasOwn(o: object, key: string): boolean {
  return Object.keys(o).includes(key);
}

function usageOf(lang: Lang, command: string): string {
  const usage = COMMANDS[command].usage;
  return typeof usage === "function" ? usage(lang) : ct(lang, usage, { date: DEMO_DATE, from: DEMO_FROM, loans: DEMO_LOANS });
}

/** The value of the last `--lang X` / `--lang=X`, if any. */
function findLang(argv: readonly string[]): string | undefined {
  let lang: string | undefined;
  argv.forEach((a, i) => {
    if (a === "--lang" && i + 1 < argv.length) lang = argv[i + 1];
    else if (a.startsWith("--lang=")) lang = a.slice("--lang=".length);
  });
  return lang;
}

/** `--name value`, `--name=value`, boolean `--name`, `-h`. Anything else is a usage error. */
function parseOptions(lang: Lang, command: string, spec: CommandSpec, args: readonly string[]): Options {
  const opts: Options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-h") {
      opts.help = true;
      continue;
    }
    if (!arg.startsWith("--") || arg === "--") throw new UsageError(ct(lang, "arg.unexpected", { command, text: arg }), command);
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const kind = hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (!kind) throw new UsageError(ct(lang, "arg.unknown_option", { command, text: eq < 0 ? arg : arg.slice(0, eq) }), command);
    if (kind === "boolean") {
      if (eq >= 0) throw new UsageError(ct(lang, "arg.unexpected", { command, text: arg }), command);
      opts[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith("--")) value = args[++i];
    if (value === undefined || value === "") throw new UsageError(ct(lang, "arg.needs_value", { command, name }), command);
    if (kind === "strings") {
      const before = opts[name];
      opts[name] = [...(Array.isArray(before) ? before : []), value];
    } else opts[name] = value;
  }
  return opts;
}

async function runClassify(argLang: Lang, opts: Options, out: Write, err: Write, choice: LangChoice = { flag: argLang }): Promise<number> {
  let lang = argLang;
  const ledger = required(lang, "classify", opts, "ledger");
  const asOf = parseDateArg(lang, "classify", required(lang, "classify", opts, "date"));
  if (typeof opts.book === "string" && !isFile(opts.book)) throw new UsageError(ct(lang, "arg.no_book", { file: opts.book }), "classify");
  const table = await readTableFile(ledger);
  // Settings and the classes' history (the three months before the date) from the book; the book is only read.
  const book = typeof opts.book === "string" ? await loadBook(opts.book) : undefined;
  const settings = book ? bookSettings(book, opts.book as string) : defaultSettings();
  lang = commandLang(choice, book, settings, table.header);
  const history = book ? historyLookup(book, asOf, settings) : undefined;
  let outcome: ReturnType<typeof classifyTable>;
  try {
    outcome = classifyTable(table, settings, asOf, history);
  } catch (e) {
    if (e instanceof MissingColumnsError) {
      for (const line of missingColumnLines(lang, ledger, e)) err(line);
      return EXIT_USAGE;
    }
    throw e;
  }
  for (const note of outcome.notes) err(noteLine(lang, ledger, note));
  for (const p of outcome.problems) err(problemLine(lang, ledger, p));
  if (opts.json === true) out(formatJson(outcome.rows));
  else
    out(renderClassification(lang, outcome, ct(lang, "classify.title", { file: ledger, date: isoDay(asOf), active: outcome.rows.length })));
  return EXIT_OK;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function fileMessage(lang: Lang, e: FileUnusableError): string {
  return ct(lang, `file.${e.reason}` as CliMessageKey, { file: e.file, ...e.params });
}
