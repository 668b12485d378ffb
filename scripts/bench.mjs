/**
 * `npm run bench`: bundles scripts/bench.ts for Node and runs it (figures go to stdout and docs/BENCHMARKS.md),
 * then the chain's benchmark, scripts/bench-chain.ts (issue 20), which writes only its own section.
 * `npm run bench -- --chain [--stores=20,200 --accounts=5000 --months=12]` runs only the chain's; any other
 * option runs only scripts/bench.ts with it (and --no-write passes to both).
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const { bundleForNode } = createRequire(import.meta.url)("../bin/daihou.js");
const args = process.argv.slice(2);
const chainOnly = args.includes("--chain");
if (!chainOnly) {
  const out = bundleForNode("scripts/bench.ts", "dist/bench.cjs");
  execFileSync(process.execPath, ["--expose-gc", out, ...args], { stdio: "inherit" });
}
if (chainOnly || args.every((a) => a === "--no-write")) {
  const chain = bundleForNode("scripts/bench-chain.ts", "dist/bench-chain.cjs");
  execFileSync(process.execPath, [chain, ...args.filter((a) => a !== "--chain")], { stdio: "inherit" });
}
