// Files: read a filled district workbook with our reader and with ExcelJS 4.4 (same bytes,
// same process, both down to cell values), and write the consolidated workbook.
import ExcelJS from "exceljs";
import { figuresFromTree } from "../../domain";
import { workbookBytes } from "../../worker/services/export";
import { UPLOAD_LIMITS } from "../../worker/services/submission-request";
import { readXlsx } from "../../worker/xlsx";
import { consolidateCanonical } from "./domain";
import { canonicalSnapshots, districtWorkbook, template } from "./fixtures";
import { kib, ms, type Repeat, timeAsync, timeSync } from "./stats";
import { atMost, type Row } from "./table";

/** ExcelJS's nearest equivalent of readXlsx: load the package, then every sheet's cell values. */
async function readWithExcelJs(bytes: Uint8Array): Promise<unknown[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => ws.getSheetValues() as unknown[][]);
}

export async function fileRows(opts: { repeat: Repeat; units: number }): Promise<Row[]> {
  const bytes = districtWorkbook(7);
  const grids = readXlsx(bytes, UPLOAD_LIMITS);
  const theirs = await readWithExcelJs(bytes);
  if (grids.length !== 3 || theirs.length !== 3)
    throw new Error("district workbook: expected 3 sheets from both readers");

  const ours = timeSync(() => readXlsx(bytes, UPLOAD_LIMITS), opts.repeat);
  const exceljs = await timeAsync(() => readWithExcelJs(bytes), {
    warmup: Math.ceil(opts.repeat.warmup / 4),
    runs: Math.ceil(opts.repeat.runs / 4),
  });
  const rows: Row[] = [
    {
      id: "F1",
      measure: `Read district .xlsx (${kib(bytes.length)} KiB) with worker/xlsx readXlsx`,
      figure: `${ms(ours.median)} ms`,
      budget: "≤ 5 ms",
      ...atMost(ours.median, 5),
    },
    {
      id: "F2",
      measure: "Read the same bytes with ExcelJS 4.4.0 (load + cell values)",
      figure: `${ms(exceljs.median)} ms`,
      budget: "comparison",
      ratio: `${(exceljs.median / ours.median).toFixed(1)}× ours (ExcelJS ÷ F1)`,
      verdict: "info",
    },
  ];

  const tree = consolidateCanonical(canonicalSnapshots(opts.units));
  const footnotes = [
    `Gồm các đơn vị (phiên bản): ${Array.from({ length: opts.units }, (_, k) => `U${k} v1`).join(", ")}`,
    `Mã kiểm tra (hash): ${"0".repeat(64)}`,
  ];
  const write = () =>
    workbookBytes(template, figuresFromTree(template, tree), {
      subtitle: "Tổng hợp kế hoạch – bản mới nhất",
      footnotes,
    });
  const size = write().length;
  const w = timeSync(write, opts.repeat);
  rows.push({
    id: "F3",
    measure: `Write consolidated workbook (${opts.units} units, ${kib(size)} KiB)`,
    figure: `${ms(w.median)} ms`,
    budget: "≤ 10 ms per request (part of it)",
    ...atMost(w.median, 10),
  });
  return rows;
}
