/** `node scripts/bench-day.mjs`: bundles scripts/benchDay.ts for Node and runs it (end-to-end `daihou day` timings). */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const { bundleForNode } = createRequire(import.meta.url)("../bin/daihou.js");
const out = bundleForNode("scripts/benchDay.ts", "dist/benchDay.cjs");
execFileSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: "inherit" });
