/**
 * `daihou export --book B.xlsx --store ID --out DIR` (SPEC §7, §8): the store's
 * facts as Parquet under DIR/store=ID/, replacing that store's folder only.
 * The book is only read.
 */
import type { LangChoice } from "../../app/language";
import { storeFactsFromBook } from "../../app/chainFacts";
import { type Options, UsageError, type Write, required } from "../args";
import { loadBook } from "../book";
import { bookSettings, commandLang, ledgerHeaderOf } from "../bookSettings";
import type { Lang } from "../../domain/i18n";
import { cht } from "../../domain/messages/chain";
import { writeStorePartition } from "./parquet";
import { FileUnusableError } from "../tableFile";
import { existsSync } from "node:fs";

/** A store id: it names the Hive partition folder (store=ID) and is read back as text. */
export const STORE_ID = /^[\p{L}\p{N}_-]{1,64}$/u;

/** Runs `export`; resolves to the exit code. */
export async function runExport(
  runLang: Lang,
  opts: Options,
  out: Write,
  err: Write,
  choice: LangChoice = { flag: runLang },
): Promise<number> {
  let lang = runLang;
  const bookPath = required(lang, "export", opts, "book");
  const store = required(lang, "export", opts, "store");
  const dir = required(lang, "export", opts, "out");
  if (!STORE_ID.test(store)) throw new UsageError(cht(lang, "export.bad_store", { text: store }), "export");
  if (!existsSync(bookPath)) throw new FileUnusableError(bookPath, "missing");
  const book = await loadBook(bookPath);
  const settings = bookSettings(book, bookPath);
  lang = commandLang(choice, book, settings, ledgerHeaderOf(book));
  const facts = storeFactsFromBook(book, settings, lang);
  const target = await writeStorePartition(dir, store, facts);
  if (facts.months.length === 0) err(cht(lang, "export.no_history", { file: bookPath }));
  out(
    cht(lang, "export.done", {
      file: bookPath,
      store,
      dir: target,
      accounts: facts.accountMonths.length,
      contacts: facts.contacts.length,
      months: facts.months.length,
    }),
  );
  return 0;
}
