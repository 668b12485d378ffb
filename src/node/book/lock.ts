/** The book's lock file: one daily job at a time on one book. */
import { open, readFile, rm, stat } from "node:fs/promises";
import { FileUnusableError } from "../tableFile";

/** A lock file with no pid older than this is taken to be left by a crash. */
const STALE_EMPTY_LOCK_MS = 10_000;

/**
 * Runs `fn` holding the book's lock file (`path.lock`, holding the process id),
 * so two daily jobs never work on one book at once. A lock left by a process
 * that no longer runs is taken over.
 */
export async function withBookLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lock, "wx");
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (attempt > 0) throw new FileUnusableError(path, "locked", { lock });
      const pid = Number((await readFile(lock, "utf8").catch(() => "")).trim());
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) throw new FileUnusableError(path, "locked", { lock });
      // No pid yet: another run may have just created the lock and not written its pid. Only an
      // old pid-less lock is stale.
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? 0);
      if (!(Number.isInteger(pid) && pid > 0) && age < STALE_EMPTY_LOCK_MS) throw new FileUnusableError(path, "locked", { lock });
      await rm(lock, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
