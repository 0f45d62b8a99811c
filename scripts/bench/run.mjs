// npm run bench [-- --smoke] [-- --only http]: bundles the TypeScript bench (main.ts) with
// esbuild, runs it and prints one table on stdout (progress on stderr). --smoke or
// BENCH_SMOKE=1: small sizes and 0.5 s HTTP runs, for CI. Bounded: a watchdog ends the run (and
// the local Worker with it). Exit 0 when every figure was measured (budgets met or missed), 1
// when a figure errored.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ensureAssetsDir } from "../local-worker.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes("--smoke") || /^(1|true)$/i.test(process.env.BENCH_SMOKE ?? "");
// --only domain,nested,files,read,cpu,addin,bundles,http,hostile: a subset, for working on one section.
const only = args.includes("--only") ? args[args.indexOf("--only") + 1]?.split(",") : undefined;
const limitMs = smoke ? 150_000 : 900_000;
const log = (line) => process.stderr.write(`${line}\n`);

// Under node_modules so the bundle resolves the external packages (autocannon, exceljs, hono, zod).
const out = join(root, "node_modules", ".cache", `kh157-bench-${process.pid}`);
mkdirSync(out, { recursive: true });

const watchdog = setTimeout(() => {
  log(`bench: stopped after ${limitMs / 1000} s (watchdog)`);
  rmSync(out, { recursive: true, force: true });
  process.exit(2); // local-worker.mjs kills its wrangler process group on exit
}, limitMs);
watchdog.unref();

// Keep scripts/*.mjs as they are: they find the repository from their own location.
const keepScripts = {
  name: "keep-scripts",
  setup(b) {
    b.onResolve({ filter: /\/(local-worker|build-pane)\.mjs$/ }, (a) => ({
      path: pathToFileURL(join(a.resolveDir, a.path)).href,
      external: true,
    }));
  },
};

async function bundle(entry, name) {
  const outfile = join(out, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    plugins: [keepScripts],
    logLevel: "silent",
    sourcemap: "inline",
    absWorkingDir: root,
  });
  return import(pathToFileURL(outfile).href);
}

/** The add-in's adapter and its instrumented fake Excel, when both have landed. */
async function addinModules() {
  const parts = {
    adapter: "addin/excel/index.ts",
    excel: "tests/addin/support/fake-excel/index.ts",
    seed: "tests/addin/support/seed.ts",
  };
  const missing = Object.values(parts).filter((p) => !existsSync(join(root, p)));
  if (missing.includes(parts.adapter) || missing.includes(parts.excel)) {
    return { unavailable: "add-in not landed" };
  }
  const entry = join(out, "addin-entry.ts");
  const abs = (p) => JSON.stringify(join(root, p));
  writeFileSync(
    entry,
    [
      `export * as adapter from ${abs(parts.adapter)};`,
      `export { FakeWorkbook, runFake } from ${abs(parts.excel)};`,
      missing.includes(parts.seed) ? "" : `export { typeSeedFigures } from ${abs(parts.seed)};`,
    ].join("\n"),
  );
  try {
    return { modules: await bundle(entry, "addin") };
  } catch (err) {
    return { error: err };
  }
}

let code = 1;
try {
  log(`bench: bundling${smoke ? " (smoke)" : ""}…`);
  await ensureAssetsDir(); // wrangler dev and deploy --dry-run refuse a missing [assets] directory
  const { runBench } = await bundle(join(root, "scripts/bench/main.ts"), "main");
  const addin = await addinModules();
  const command = `${smoke && !args.includes("--smoke") ? "BENCH_SMOKE=1 " : ""}npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`;
  const { table, rows } = await runBench({ root, smoke, command, addin, log, only });
  process.stdout.write(`${table}\n`);
  code = rows.some((r) => r.verdict === "error") ? 1 : 0;
} catch (err) {
  log(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
clearTimeout(watchdog);
process.exit(code);
