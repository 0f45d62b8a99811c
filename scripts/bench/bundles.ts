// Bundles: the Worker as wrangler would upload it (`deploy --dry-run --minify`), gzip; the task
// pane's JavaScript (dist/pane/*.js) when the pane build exists.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { wranglerRun } from "../local-worker.mjs";
import { kib } from "./stats";
import { atMost, failed, notAvailable, type Row } from "./table";

const KiB = 1024;

function gzipOf(dir: string): { raw: number; gzip: number; files: number } {
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!/\.(m?js)$/.test(name)) continue;
    const bytes = readFileSync(join(dir, name));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    files++;
  }
  return { raw, gzip, files };
}

const PANE = "Task pane JavaScript, gzip";

/**
 * The pane as scripts/build-pane.mjs builds it, into a temp dir (never the dist/ a running
 * server may be serving); without that script, whatever .js a pane build left in dist/.
 */
async function paneRow(root: string): Promise<Row> {
  const script = join(root, "scripts/build-pane.mjs");
  const out = mkdtempSync(join(tmpdir(), "kh157-pane-"));
  try {
    let dir: string | null = null;
    let buildError: unknown = null;
    if (existsSync(script)) {
      const { buildPane } = (await import(pathToFileURL(script).href)) as {
        buildPane(o: { outdir: string; quiet: boolean; officeJs?: "cdn" }): Promise<unknown>;
      };
      // It throws when over budget, after writing the files: measure them all the same. Office.js
      // from the CDN whatever OFFICE_JS says: the measure is the pane's own JavaScript.
      await buildPane({ outdir: out, quiet: true, officeJs: "cdn" }).catch((err: unknown) => (buildError = err));
      dir = out;
    } else {
      dir = ["dist/public/pane", "dist/pane"].map((d) => join(root, d)).find((d) => existsSync(d)) ?? null;
    }
    const size = dir ? gzipOf(dir) : null;
    if (!size?.files) {
      if (buildError) return failed("B2", PANE, "≤ 120 KiB gzip", buildError);
      return notAvailable("B2", PANE, "≤ 120 KiB gzip", "no task pane build");
    }
    return {
      id: "B2",
      measure: `${PANE} (${size.files} file${size.files > 1 ? "s" : ""}, minified)`,
      figure: `${kib(size.gzip)} KiB (${kib(size.raw)} KiB raw)`,
      budget: "≤ 120 KiB gzip",
      ...atMost(size.gzip, 120 * KiB),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What the xlsx reader/writer adds to the Worker, against ExcelJS's own browser build. */
async function xlsxModuleRow(root: string): Promise<Row> {
  const ours = await build({
    entryPoints: [join(root, "worker/xlsx/index.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const code = ours.outputFiles[0].contents;
  const exceljs = readFileSync(createRequire(join(root, "package.json")).resolve("exceljs/dist/exceljs.min.js"));
  const [a, b] = [gzipSync(code).length, gzipSync(exceljs).length];
  return {
    id: "B3",
    measure: "worker/xlsx alone (reader + writer + fflate, minified) vs ExcelJS 4.4.0 dist/exceljs.min.js, gzip",
    figure: `${kib(a)} KiB vs ${kib(b)} KiB`,
    budget: "share of the 250 KiB Worker budget",
    ratio: `${((a / (250 * KiB)) * 100).toFixed(0)}% vs ${((b / (250 * KiB)) * 100).toFixed(0)}%`,
    verdict: "info",
  };
}

export async function bundleRows(root: string): Promise<Row[]> {
  const rows: Row[] = [];
  const out = mkdtempSync(join(tmpdir(), "kh157-bundle-"));
  try {
    const log = await wranglerRun(["deploy", "--dry-run", "--minify", "--outdir", out], { timeoutMs: 120_000 });
    const size = gzipOf(out);
    const reported = log.join("\n").match(/gzip:\s*([\d.]+)\s*KiB/)?.[1];
    rows.push({
      id: "B1",
      measure: "Worker bundle (wrangler deploy --dry-run --minify), gzip",
      figure: `${kib(size.gzip)} KiB (${kib(size.raw)} KiB minified${reported ? `; wrangler says ${reported} KiB` : ""})`,
      budget: "≤ 250 KiB gzip",
      ...atMost(size.gzip, 250 * KiB),
    });
  } catch (err) {
    rows.push(failed("B1", "Worker bundle (wrangler deploy --dry-run --minify), gzip", "≤ 250 KiB gzip", err));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  rows.push(await paneRow(root));
  rows.push(await xlsxModuleRow(root));
  return rows;
}
