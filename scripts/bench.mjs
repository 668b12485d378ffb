/** `npm run bench`: bundles scripts/bench.ts for Node and runs it (figures go to stdout and docs/BENCHMARKS.md). */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const { bundleForNode } = createRequire(import.meta.url)("../bin/daihou.js");
const out = bundleForNode("scripts/bench.ts", "dist/bench.cjs");
execFileSync(process.execPath, ["--expose-gc", out, ...process.argv.slice(2)], { stdio: "inherit" });
