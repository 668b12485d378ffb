/**
 * `npm run preview -- [--book B.xlsx] [--port N] [--date D] [--lang zh|en]`: bundles
 * src/node/preview.ts into dist/preview.cjs with esbuild (as bin/daihou.js does
 * for the CLI) and runs it. `npm run preview` builds build/*.html first.
 */
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUTFILE = join(ROOT, "dist/preview.cjs");
mkdirSync(dirname(OUTFILE), { recursive: true });
const tmp = `${OUTFILE}.${process.pid}.tmp`;
try {
  esbuild.buildSync({
    entryPoints: [join(ROOT, "src/node/preview.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  renameSync(tmp, OUTFILE);
} finally {
  rmSync(tmp, { force: true });
}
const { main } = createRequire(import.meta.url)(OUTFILE);
main(process.argv.slice(2)).catch((e) => {
  console.error(`preview: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
});
