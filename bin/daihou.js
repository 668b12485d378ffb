#!/usr/bin/env node
/**
 * `daihou` entry point. Runs the CLI bundle dist/cli.cjs, first (re)building it
 * from src/node/cli.ts with esbuild when it is missing or older than any file
 * under src/. `scripts/build-cli.mjs` calls `buildCli` from here.
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const SRC = path.join(ROOT, "src");
const ENTRY = path.join(SRC, "node", "cli.ts");
const OUTFILE = path.join(ROOT, "dist", "cli.cjs");

/** Newest mtime (ms) of any file under `dir`; 0 when there is none. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/cli.cjs is missing or older than a source file. */
function isStale() {
  let built;
  try {
    built = fs.statSync(OUTFILE).mtimeMs;
  } catch {
    return true;
  }
  return fs.existsSync(ENTRY) && newestMtime(SRC) > built;
}

/**
 * Bundles a TypeScript entry for Node (CommonJS, packages left external) into `outfile`,
 * written to a temporary file and then renamed into place. The CLI, the preview and the
 * benchmark scripts all build this way.
 */
function bundleForNode(entry, outfile) {
  const esbuild = require("esbuild");
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const tmp = `${outfile}.${process.pid}.tmp`;
  try {
    esbuild.buildSync({
      entryPoints: [entry],
      outfile: tmp,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      packages: "external",
      logLevel: "error",
    });
    fs.renameSync(tmp, outfile);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return outfile;
}

/** Bundles src/node/cli.ts into dist/cli.cjs. */
function buildCli() {
  return bundleForNode(ENTRY, OUTFILE);
}

function run() {
  if (isStale()) {
    try {
      buildCli();
    } catch (e) {
      const why = `daihou: could not build ${path.relative(ROOT, OUTFILE)} from src/: ${e instanceof Error ? e.message : e}`;
      if (!fs.existsSync(OUTFILE)) {
        process.stderr.write(`${why}\n`);
        process.exitCode = 1;
        return;
      }
      process.stderr.write(`${why}\ndaihou: running the previous build\n`);
    }
  }
  // `daihou … | head`: a closed pipe ends the output quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e) => {
      if (e && e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const { main } = require(OUTFILE);
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`daihou: ${e instanceof Error ? e.message : e}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { buildCli, bundleForNode, isStale, OUTFILE };

if (require.main === module) run();
