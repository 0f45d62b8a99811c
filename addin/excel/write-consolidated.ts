// "Lấy số tổng hợp": consolidated totals on a new sheet, the three appendices in the printed
// layout one under another, headed by lines naming the basis, the moment and every unit
// version included. Two syncs: the sheet names, then everything else.
import {
  type ConsolidatedReport,
  figuresFromTree,
  formatVietnamTime,
  kindLabel,
  printAppendix,
  type PrintedSheet,
  type Template,
  word,
} from "../../domain";
import { has, type HostOptions } from "./capabilities";
import { uniqueSheetName } from "./cell-ref";
import { type Block, queueBlocks } from "./write-printed";

export interface ConsolidatedOptions extends HostOptions {
  /** Unit code → name, for the line naming who is included. */
  unitNames?: Record<string, string>;
  /** How to show the "as of" moment (the ISO text by default). */
  asOfText?: string;
  sheetName?: string;
  /** Landscape printing (ExcelApi 1.9); on by default. */
  pageLayout?: boolean;
}

/**
 * The heading lines; the third names every unit version included. In Vietnamese (the sheet is
 * the office's): the kind in the template's words, the basis in the shared vocabulary's.
 */
export function consolidatedLines(
  template: Template,
  report: ConsolidatedReport,
  opts: ConsolidatedOptions = {},
): string[] {
  const units = report.units.map((u) => `${opts.unitNames?.[u.unit] ?? u.unit} (${u.unit}) phiên bản ${u.version}`);
  const basis = `${word("basis", report.basis, "vi").toLowerCase()} của mỗi đơn vị`;
  return [
    `SỐ TỔNG HỢP — ${template.document.number} — ${kindLabel(template, report.kind, "vi")}`,
    `Cơ sở: ${basis} · Tính đến: ${opts.asOfText ?? formatVietnamTime(report.asOf)}`,
    units.length ? `Gồm ${units.length} đơn vị: ${units.join("; ")}.` : "Chưa có đơn vị nào nộp báo cáo.",
    `Mã kiểm tra (SHA-256): ${report.hash}`,
  ];
}

function textBlock(lines: string[], width: number): PrintedSheet {
  const full = (row: number) => ({ row, col: 0, rows: 1, cols: width });
  return {
    sheet: "",
    values: lines.map((l) => [l]),
    formulas: lines.map(() => [null]),
    merges: lines.map((_, r) => full(r)),
    styles: lines.map((_, r) =>
      r === 0 ? { range: full(r), bold: true } : { range: full(r), italic: true, wrap: r === 2 },
    ),
    columnWidths: [],
    freeze: { rows: 0, cols: 0 },
    inputs: [],
    bodyStart: lines.length,
    totalRow: lines.length - 1,
  };
}

export async function writeConsolidated(
  context: Excel.RequestContext,
  template: Template,
  report: ConsolidatedReport,
  opts: ConsolidatedOptions = {},
): Promise<string> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const figures = figuresFromTree(template, report.appendices);
  const printed = template.appendices.map((a) => printAppendix(template, a, { figures }));
  const width = Math.max(...printed.map((p) => p.columnWidths.length));
  const lines = consolidatedLines(template, report, opts);
  const blocks: Block[] = [{ printed: textBlock(lines, width), top: 0 }];
  let top = lines.length + 1;
  for (const p of printed) {
    blocks.push({ printed: p, top });
    top += p.values.length + 2;
  }
  const name = uniqueSheetName(
    // Day first in Vietnam time, with dashes: a sheet name cannot hold "/".
    opts.sheetName ?? `Tổng hợp ${formatVietnamTime(report.asOf).slice(0, 10).replace(/\//g, "-")}`,
    worksheets.items.map((s) => s.name),
  );
  // Values only, no formulas: nothing to recalculate after a suspended write (ExcelApi 1.6).
  if (has(opts.caps, "suspendCalculation")) context.application.suspendApiCalculationUntilNextSync();
  const sheet = worksheets.add(name);
  queueBlocks(sheet, blocks, { pageLayout: opts.pageLayout, caps: opts.caps });
  sheet.activate();
  sheet.getRange("A1").select();
  await context.sync();
  return name;
}
