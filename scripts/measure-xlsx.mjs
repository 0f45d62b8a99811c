// Measures the workbook-file modules: CPU time of readXlsx on a written plan-157 workbook
// (median of 200 runs after warm-up) and the gzip size of the minified reader + writer bundle.
// Usage: node scripts/measure-xlsx.mjs
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./project-files.mjs";

const bundle = await build({
  entryPoints: [join(root, "worker/xlsx/index.ts")],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  write: false,
});
const code = bundle.outputFiles[0].contents;
console.log(`bundle worker/xlsx (minified esm, fflate included): ${code.length} B, gzip ${gzipSync(code, { level: 9 }).length} B`);

const dir = mkdtempSync(join(tmpdir(), "measure-xlsx-"));
try {
  const entry = join(dir, "bench.ts");
  writeFileSync(
    entry,
    `import { getTemplate, planFigures, printAppendix, validateWorkbook } from ${JSON.stringify(join(root, "domain/index.ts"))};
import { readXlsx, writeXlsx } from ${JSON.stringify(join(root, "worker/xlsx/index.ts"))};
export function run(runs: number) {
  const t = getTemplate("kh-157-2023")!;
  const sheets = t.appendices.map((a) => printAppendix(t, a, { figures: planFigures(t), formulas: true }));
  const bytes = writeXlsx(sheets);
  const time = (f: () => unknown) => { const s = performance.now(); f(); return performance.now() - s; };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  for (let k = 0; k < 50; k++) validateWorkbook(t, readXlsx(bytes));
  const read = [], write = [], both = [];
  for (let k = 0; k < runs; k++) {
    read.push(time(() => readXlsx(bytes)));
    write.push(time(() => writeXlsx(sheets)));
    both.push(time(() => validateWorkbook(t, readXlsx(bytes))));
  }
  return { size: bytes.length, read: median(read), write: median(write), readAndValidate: median(both) };
}`,
  );
  const out = join(dir, "bench.mjs");
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", outfile: out, logLevel: "warning" });
  const { run } = await import(pathToFileURL(out).href);
  const r = run(200);
  console.log(`plan-157 workbook: ${r.size} B`);
  console.log(`median of 200 runs: readXlsx ${r.read.toFixed(3)} ms, writeXlsx ${r.write.toFixed(3)} ms, readXlsx + validateWorkbook ${r.readAndValidate.toFixed(3)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
