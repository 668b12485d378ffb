/** `npm run bench`: bundles scripts/bench.ts for Node and runs it (figures go to stdout and docs/BENCHMARKS.md). */
import { buildSync } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
buildSync({ entryPoints: ["scripts/bench.ts"], bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external", outfile: "dist/bench.cjs", logLevel: "warning" });
execFileSync(process.execPath, ["--expose-gc", "dist/bench.cjs", ...process.argv.slice(2)], { stdio: "inherit" });
