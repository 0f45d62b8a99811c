// Queues a printed appendix (domain/grid/print) onto a worksheet: one number-format array and
// one formulas array for the whole block, then merges, styles, widths and data validation.
// Nothing here syncs; callers batch every sheet into one round trip.
import type { CellRange, CellStyle, PrintedSheet } from "../../domain";

/** A printed block and the row it starts at (several blocks can share a sheet). */
export interface Block {
  printed: PrintedSheet;
  top: number;
}

const TEXT_FORMAT = "@";
const ALIGN: Record<NonNullable<CellStyle["align"]>, string> = { left: "Left", center: "Center", right: "Right" };
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

export const INPUT_ALERTS = {
  count: { title: "Số lượng", message: "Số lượng phải là số nguyên không âm (0, 1, 2, …)." },
  money: { title: "Kinh phí", message: "Kinh phí (triệu đồng) phải là số không âm, tối đa 3 chữ số thập phân." },
} as const;

/** Excel column width in characters → points (Calibri 11: 7 px per digit plus 5 px padding). */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** What each cell of the blocks holds (formula text where there is one) and its number format. */
export function blockArrays(blocks: Block[], width: number): { cells: (string | number | boolean)[][]; formats: string[][] } {
  const height = Math.max(...blocks.map((b) => b.top + b.printed.values.length));
  const cells: (string | number | boolean)[][] = Array.from({ length: height }, () => new Array(width).fill(""));
  const formats: string[][] = Array.from({ length: height }, () => new Array(width).fill(TEXT_FORMAT));
  for (const { printed, top } of blocks) {
    printed.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = printed.formulas[r]?.[c];
        cells[top + r][c] = f ?? v ?? "";
      }),
    );
    for (const s of printed.styles) {
      if (!s.numberFormat) continue;
      for (let r = s.range.row; r < s.range.row + s.range.rows; r++) {
        for (let c = s.range.col; c < s.range.col + s.range.cols; c++) formats[top + r][c] = s.numberFormat;
      }
    }
  }
  return { cells, formats };
}

function rangeOf(sheet: Excel.Worksheet, at: CellRange, top: number): Excel.Range {
  return sheet.getRangeByIndexes(top + at.row, at.col, at.rows, at.cols);
}

function queueStyle(sheet: Excel.Worksheet, s: CellStyle, top: number): void {
  if (!s.bold && !s.italic && !s.align && !s.wrap && !s.border) return;
  const f = rangeOf(sheet, s.range, top).format;
  if (s.bold) f.font.bold = true;
  if (s.italic) f.font.italic = true;
  if (s.align) f.horizontalAlignment = ALIGN[s.align] as Excel.HorizontalAlignment;
  if (s.wrap) f.wrapText = true;
  if (s.border) for (const edge of EDGES) f.borders.getItem(edge).style = "Continuous";
}

/** Input cells grouped into vertical runs of one kind, so validation takes a few ranges. */
export function inputRuns(inputs: PrintedSheet["inputs"]): { range: CellRange; kind: "count" | "money" }[] {
  const sorted = [...inputs].sort((a, b) => a.range.col - b.range.col || a.range.row - b.range.row);
  const runs: { range: CellRange; kind: "count" | "money" }[] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.kind === i.kind && last.range.col === i.range.col && last.range.row + last.range.rows === i.range.row) last.range.rows++;
    else runs.push({ range: { ...i.range, rows: 1, cols: 1 }, kind: i.kind });
  }
  return runs;
}

function queueValidation(sheet: Excel.Worksheet, printed: PrintedSheet, top: number): void {
  for (const run of inputRuns(printed.inputs)) {
    const dv = rangeOf(sheet, run.range, top).dataValidation;
    const basic = { formula1: 0, operator: "GreaterThanOrEqualTo" as const };
    dv.rule = run.kind === "count" ? { wholeNumber: basic } : { decimal: basic };
    dv.errorAlert = { showAlert: true, style: "Stop", ...INPUT_ALERTS[run.kind] };
  }
}

export interface WriteOptions {
  /** Data validation on input cells (the live template sheets). */
  validation?: boolean;
  /** Freeze the first block's header rows and label columns. */
  freeze?: boolean;
  /** Landscape printing (ExcelApi 1.9; skipped on older hosts). */
  pageLayout?: boolean;
}

/** Queues blocks onto an empty worksheet; `width` is the widest block's column count. */
export function queueBlocks(sheet: Excel.Worksheet, blocks: Block[], opts: WriteOptions = {}): void {
  const width = Math.max(...blocks.map((b) => b.printed.columnWidths.length));
  const { cells, formats } = blockArrays(blocks, width);
  const whole = sheet.getRangeByIndexes(0, 0, cells.length, width);
  // Formats first: "@" keeps STT "1." and the headings as text instead of numbers.
  whole.numberFormat = formats;
  whole.formulas = cells;
  whole.format.verticalAlignment = "Center";
  for (const { printed, top } of blocks) {
    if (printed.bodyStart > 0) sheet.getRangeByIndexes(top, 0, printed.bodyStart, width).format.autofitRows();
    for (const m of printed.merges) rangeOf(sheet, m, top).merge(false);
    for (const s of printed.styles) queueStyle(sheet, s, top);
    if (opts.validation) queueValidation(sheet, printed, top);
  }
  for (let c = 0; c < width; c++) {
    const chars = Math.max(...blocks.map((b) => b.printed.columnWidths[c] ?? 0));
    sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = widthInPoints(chars || 10);
  }
  const first = blocks[0];
  if (opts.freeze) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, first.printed.freeze.rows, first.printed.freeze.cols));
  if (opts.pageLayout !== false) sheet.pageLayout.orientation = "Landscape";
}
