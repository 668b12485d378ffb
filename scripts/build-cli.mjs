/** Bundles the `daihou` CLI (src/node/cli.ts) into dist/cli.cjs; same build as bin/daihou.js does on demand. */
import { createRequire } from "node:module";
import { relative } from "node:path";

const require = createRequire(import.meta.url);
const { buildCli } = require("../bin/daihou.js");

const out = buildCli();
console.log(`built ${relative(process.cwd(), out)}`);
