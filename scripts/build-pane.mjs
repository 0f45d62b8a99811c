// npm run build:pane: bundles the task pane (addin/ui/main.ts) with esbuild into
// dist/public/pane/ (index.html, pane.js, pane.css, assets/icon-*.png), which the Worker
// serves as static assets at /pane/*. Prints the gzip size of pane.js and fails above the
// 120 KiB budget (DESIGN.md "Budgets").
// Usage: node scripts/build-pane.mjs [--outdir <dir>] [--quiet]
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const PANE_DIR = join(root, "dist", "public", "pane");
export const BUDGET_BYTES = 120 * 1024;

export async function buildPane({ outdir = PANE_DIR, quiet = false } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, "assets"), { recursive: true });
  await build({
    entryPoints: [join(root, "addin", "ui", "main.ts")],
    outfile: join(outdir, "pane.js"),
    bundle: true,
    minify: true,
    format: "iife",
    // Excel on Windows without WebView2 runs panes in EdgeHTML (ES2019 at best).
    target: ["es2019", "chrome90", "safari14"],
    legalComments: "none",
    logLevel: quiet ? "error" : "warning",
    charset: "utf8",
  });
  copyFileSync(join(root, "addin", "pane", "index.html"), join(outdir, "index.html"));
  copyFileSync(join(root, "addin", "pane", "pane.css"), join(outdir, "pane.css"));
  // Static-asset headers live at the assets root (dist/public/_headers), one level above the pane.
  copyFileSync(join(root, "addin", "pane", "_headers"), join(outdir, "..", "_headers"));
  for (const icon of readdirSync(join(root, "addin", "assets")).filter((f) => f.endsWith(".png"))) {
    copyFileSync(join(root, "addin", "assets", icon), join(outdir, "assets", icon));
  }
  const js = readFileSync(join(outdir, "pane.js"));
  const gzip = gzipSync(js, { level: 9 }).length;
  const size = { raw: statSync(join(outdir, "pane.js")).size, gzip };
  if (!quiet) {
    console.log(`build:pane: ${outdir.replace(root, "")}/pane.js ${(size.raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip (budget ${BUDGET_BYTES / 1024} KiB)`);
  }
  if (gzip > BUDGET_BYTES) throw new Error(`pane.js is ${(gzip / 1024).toFixed(1)} KiB gzip, over the ${BUDGET_BYTES / 1024} KiB budget`);
  return size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--outdir");
  buildPane({ outdir: at >= 0 ? args[at + 1] : PANE_DIR, quiet: args.includes("--quiet") }).catch((err) => {
    console.error(`build:pane: ${err.message}`);
    process.exit(1);
  });
}
