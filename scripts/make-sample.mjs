// Sample filled workbooks for the README's walk-through, in docs/samples/, made the way a
// district gets them: the printed layout (domain's printAppendix, with the template's SUM
// formulas) written by the Worker's own .xlsx writer, which writes the same bytes for the same
// sheets. Re-run after a change to the printed layout or the writer; tests/samples.test.ts fails
// while a committed sample differs from what this script makes.
//
//   node scripts/make-sample.mjs            writes docs/samples/*.xlsx
//   node scripts/make-sample.mjs --check    exit 1 when a committed sample is out of date
//   node scripts/make-sample.mjs <dir>      writes the samples into <dir> instead
//
// - tran-de.xlsx: Huyện Trần Đề's plan, about one eighth of the province plan of KH 157 at the
//   plan's unit costs, totals as formulas: valid, no warnings.
// - tran-de-sai-tong.xlsx: the same with PL01's "Tổng cộng" NSTW phase total typed 0,01 triệu
//   too high (no formula): one error, GRAND_TOTAL_MISMATCH at that cell.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
export const SAMPLES_DIR = join(root, "docs/samples");

// TypeScript run through esbuild (domain/ and worker/xlsx/ are TypeScript), bundled with fflate
// and zod into one module in a temp dir that is removed again.
const ENTRY = `
import { completeTotals, getTemplate, leafColumns, planFigures, printAppendix, totalPeriodId } from "./domain";
import { writeXlsx } from "./worker/xlsx";

const template = getTemplate("kh-157-2023");
if (!template) throw new Error("make-sample: template kh-157-2023 not found");
const totalPeriod = totalPeriodId(template);
const count = template.measures.find((x) => x.kind === "count")?.id ?? "";

/**
 * A share of the plan's typed figures (totals left to completeTotals): quantities 1/denominator
 * (whole, at least 1 where the plan has one), money in the same proportion as the quantity of
 * its item and year (so unit costs stay the plan's) or 1/denominator without one, in whole
 * nghìn đồng.
 */
function share(denominator) {
  const given = {};
  for (const [a, items] of Object.entries(planFigures(template) ?? {})) {
    for (const [i, measures] of Object.entries(items)) {
      if (i === "total") continue;
      for (const [m, periods] of Object.entries(measures)) {
        const money = template.measures.find((x) => x.id === m)?.kind === "money";
        for (const [p, v] of Object.entries(periods)) {
          if (p === totalPeriod) continue;
          const planned = measures[count]?.[p] ?? 0;
          const quantity = planned > 0 ? Math.max(1, Math.round(planned / denominator)) : 0;
          const factor = planned > 0 ? quantity / planned : 1 / denominator;
          (((given[a] ??= {})[i] ??= {})[m] ??= {})[p] = money ? Math.floor((v * factor) / 1000) * 1000 : quantity;
        }
      }
    }
  }
  return completeTotals(template, given).figures;
}

function sheets(figures) {
  return template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true }));
}

export function samples() {
  const figures = share(8);
  const wrong = sheets(figures);
  const pl01 = wrong.find((s) => s.sheet === "PL01");
  const appendix = template.appendices.find((a) => a.id === "PL01");
  const column = leafColumns(appendix).find((c) => c.measure === "NSTW" && c.period === totalPeriod);
  if (!pl01 || !column) throw new Error("make-sample: PL01's NSTW phase-total column not found");
  pl01.values[pl01.totalRow][column.index] = Number(pl01.values[pl01.totalRow][column.index]) + 0.01;
  pl01.formulas[pl01.totalRow][column.index] = null;
  return { "tran-de.xlsx": writeXlsx(sheets(figures)), "tran-de-sai-tong.xlsx": writeXlsx(wrong) };
}
`;

/** The samples as { file name: bytes }. */
export async function makeSamples() {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: "make-sample-entry.ts", loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const dir = mkdtempSync(join(tmpdir(), "kh157-sample-"));
  try {
    const file = join(dir, "make-sample.mjs");
    writeFileSync(file, out.outputFiles[0].text);
    const mod = await import(pathToFileURL(file).href);
    return Object.fromEntries(Object.entries(mod.samples()).map(([name, bytes]) => [name, Buffer.from(bytes)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The names of committed samples that are missing or differ from what makeSamples() makes. */
export async function staleSamples(dir = SAMPLES_DIR) {
  const made = await makeSamples();
  return Object.entries(made)
    .filter(([name, bytes]) => !existsSync(join(dir, name)) || !readFileSync(join(dir, name)).equals(bytes))
    .map(([name]) => name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2];
  if (arg === "--check") {
    const stale = await staleSamples();
    if (stale.length) {
      console.error(`make-sample: out of date in docs/samples: ${stale.join(", ")} (run node scripts/make-sample.mjs)`);
      process.exit(1);
    }
    console.log("make-sample: docs/samples is up to date");
  } else {
    const dir = arg ? resolve(arg) : SAMPLES_DIR;
    mkdirSync(dir, { recursive: true });
    for (const [name, bytes] of Object.entries(await makeSamples())) {
      writeFileSync(join(dir, name), bytes);
      console.log(`make-sample: ${join(dir, name)} (${bytes.length} bytes)`);
    }
  }
}
