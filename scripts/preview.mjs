/**
 * `npm run preview -- [--book B.xlsx] [--port N] [--date D] [--lang zh|en]`: bundles
 * src/node/preview.ts into dist/preview.cjs with esbuild (as bin/daihou.js does
 * for the CLI) and runs it. `npm run preview` builds build/*.html first.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { bundleForNode } = require("../bin/daihou.js");
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUTFILE = bundleForNode(join(ROOT, "src/node/preview.ts"), join(ROOT, "dist/preview.cjs"));
const { main } = require(OUTFILE);
main(process.argv.slice(2)).catch((e) => {
  console.error(`preview: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
});
