/**
 * Builds build/ (scripts/build.mjs) once for every test file that loads it,
 * even when jest runs those files in parallel workers: a worker builds only
 * when build/Code.js is older than the sources it is made from, under a lock
 * directory, so no worker deletes build/ while another is reading it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(__dirname, "../..");
export const BUILD = join(ROOT, "build");
const CODE = join(BUILD, "Code.js");
const CACHE = join(ROOT, "node_modules/.cache/daihou-sheets-build");
const LOCK = join(CACHE, "lock");
const LOG = join(CACHE, "build.log");
/** What build/Code.js is made from (src/node is not bundled). */
const SOURCES = ["src/sheets", "src/app", "src/domain", "src/ui", "scripts/build.mjs", "appsscript.json", "package-lock.json"];
/** A lock older than this is left over from a run that died. */
const STALE_LOCK_MS = 120_000;

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

function fresh(): boolean {
  if (!existsSync(CODE) || !existsSync(LOG) || !existsSync(join(BUILD, "appsscript.json"))) return false;
  const built = statSync(CODE).mtimeMs;
  if (statSync(LOG).mtimeMs < built) return false;
  return SOURCES.every((s) => !existsSync(join(ROOT, s)) || newest(join(ROOT, s)) <= built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds build/ unless it is up to date; returns the build's output (its last run's when up to date). */
export function buildOnce(): string {
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    if (fresh()) return readFileSync(LOG, "utf8");
    try {
      mkdirSync(LOCK);
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmdirSync(LOCK);
      } catch {
        // Released meanwhile.
      }
      sleep(100);
      continue;
    }
    try {
      if (fresh()) return readFileSync(LOG, "utf8");
      const log = execFileSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
      writeFileSync(LOG, log);
      return log;
    } finally {
      rmdirSync(LOCK);
    }
  }
}
