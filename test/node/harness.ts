/** Runs the CLI in-process and checks that no file named in the arguments changed. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/node/cli";

export const FIXTURES = join(__dirname, "fixtures");
export const fixture = (name: string): string => join(FIXTURES, name);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/**
 * `main(args)` with captured output; fails the test if an input file's bytes
 * changed (`writes`: files the command may write, such as a book).
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = { LANG: "en_US.UTF-8" }, writes: string[] = []): Promise<CliRun> {
  const files = args.filter((a) => !writes.includes(a) && existsSync(a) && statSync(a).isFile());
  const before = files.map(sha256);
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  expect(files.map(sha256)).toEqual(before);
  return { code, stdout, stderr };
}
