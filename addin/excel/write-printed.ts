// Queues a printed appendix (domain/grid/print) onto a worksheet: one number-format array and
// one formulas array for the whole block, then merges, styles, widths and data validation.
// Nothing here syncs; callers batch every sheet into one round trip. Ranges are taken by A1
// address (ExcelApi 1.1); merges and widths (1.2), frozen panes (1.7), data validation (1.8)
// and page set-up (1.9) only where the host has them.
import {
  a1,
  type CellRange,
  type CellStyle,
  DEFAULT_PAGE,
  type Language,
  moneyUnitLabel,
  type PrintedSheet,
  type Template,
} from "../../domain";
import { has, type HostCaps } from "./capabilities";

/** A printed block and the row it starts at (several blocks can share a sheet). */
export interface Block {
  printed: PrintedSheet;
  top: number;
}

const TEXT_FORMAT = "@";
const ALIGN: Record<NonNullable<CellStyle["align"]>, string> = { left: "Left", center: "Center", right: "Right" };
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

/** What Excel says when an input cell refuses a value (data validation's error alert). */
export type InputAlerts = Record<"count" | "money", { title: string; message: string }>;

/** The input cells' alerts in `lang`, with the money unit and decimals of the template. */
export function inputAlerts(template: Template, lang: Language): InputAlerts {
  const unit = moneyUnitLabel(template, lang);
  const decimals = template.money.decimals;
  if (lang === "en") {
    return {
      count: { title: "Quantity", message: "Quantities must be whole numbers, 0 or more (0, 1, 2, …)." },
      money: {
        title: "Amount",
        message:
          decimals > 0
            ? `Amounts (${unit}) must be 0 or more, with at most ${decimals} decimals.`
            : `Amounts (${unit}) must be whole numbers, 0 or more.`,
      },
    };
  }
  return {
    count: { title: "Số lượng", message: "Số lượng phải là số nguyên không âm (0, 1, 2, …)." },
    money: {
      title: "Kinh phí",
      message:
        decimals > 0
          ? `Kinh phí (${unit}) phải là số không âm, tối đa ${decimals} chữ số thập phân.`
          : `Kinh phí (${unit}) phải là số nguyên không âm.`,
    },
  };
}

/** Excel column width in characters → points (Calibri 11: 7 px per digit plus 5 px padding). */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** What each cell of the blocks holds (formula text where there is one) and its number format. */
export function blockArrays(
  blocks: Block[],
  width: number,
): { cells: (string | number | boolean)[][]; formats: string[][] } {
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

/** A1 address of a block of cells ("B3:D5", or "B3" for one cell). */
export function boxAddress(row: number, col: number, rows: number, cols: number): string {
  const first = a1(row, col);
  return rows === 1 && cols === 1 ? first : `${first}:${a1(row + rows - 1, col + cols - 1)}`;
}

function rangeOf(sheet: Excel.Worksheet, at: CellRange, top: number): Excel.Range {
  return sheet.getRange(boxAddress(top + at.row, at.col, at.rows, at.cols));
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
    if (
      last &&
      last.kind === i.kind &&
      last.range.col === i.range.col &&
      last.range.row + last.range.rows === i.range.row
    )
      last.range.rows++;
    else runs.push({ range: { ...i.range, rows: 1, cols: 1 }, kind: i.kind });
  }
  return runs;
}

function queueValidation(sheet: Excel.Worksheet, printed: PrintedSheet, top: number, input: InputValidation): void {
  for (const run of inputRuns(printed.inputs)) {
    const dv = rangeOf(sheet, run.range, top).dataValidation;
    const basic = { formula1: 0, operator: "GreaterThanOrEqualTo" as const };
    const whole = run.kind === "count" || input.moneyDecimals === 0;
    dv.rule = whole ? { wholeNumber: basic } : { decimal: basic };
    dv.errorAlert = { showAlert: true, style: "Stop", ...input.alerts[run.kind] };
  }
}

/** Data validation of the input cells: the alerts' words and the money's decimals. */
export interface InputValidation {
  alerts: InputAlerts;
  moneyDecimals: number;
}

/** The input cells' validation for `template`, its alerts in `lang`. */
export function inputValidation(template: Template, lang: Language): InputValidation {
  return { alerts: inputAlerts(template, lang), moneyDecimals: template.money.decimals };
}

export interface WriteOptions {
  /** Data validation on input cells (the live template sheets; ExcelApi 1.8). */
  validation?: InputValidation;
  /** Freeze the first block's header rows and label columns (ExcelApi 1.7). */
  freeze?: boolean;
  /** The page set-up (ExcelApi 1.9); on by default where the host has it. */
  pageLayout?: boolean;
  /** What the host can do; everything when absent. */
  caps?: HostCaps;
}

/** Queues blocks onto an empty worksheet; `width` is the widest block's column count. */
export function queueBlocks(sheet: Excel.Worksheet, blocks: Block[], opts: WriteOptions = {}): void {
  const width = Math.max(...blocks.map((b) => b.printed.columnWidths.length));
  const { cells, formats } = blockArrays(blocks, width);
  const caps = opts.caps;
  const whole = sheet.getRange(boxAddress(0, 0, cells.length, width));
  // Formats first: "@" keeps STT "1." and the headings as text instead of numbers.
  whole.numberFormat = formats;
  whole.formulas = cells;
  whole.format.verticalAlignment = "Center";
  const sized = has(caps, "columnWidth");
  for (const { printed, top } of blocks) {
    if (printed.bodyStart > 0 && sized)
      sheet.getRange(boxAddress(top, 0, printed.bodyStart, width)).format.autofitRows();
    if (has(caps, "merge")) for (const m of printed.merges) rangeOf(sheet, m, top).merge(false);
    for (const s of printed.styles) queueStyle(sheet, s, top);
    if (opts.validation && has(caps, "dataValidation")) queueValidation(sheet, printed, top, opts.validation);
  }
  if (sized) {
    for (let c = 0; c < width; c++) {
      const chars = Math.max(...blocks.map((b) => b.printed.columnWidths[c] ?? 0));
      sheet.getRange(boxAddress(0, c, 1, 1)).format.columnWidth = widthInPoints(chars || 10);
    }
  }
  const first = blocks[0];
  const { rows, cols } = first.printed.freeze;
  if (opts.freeze && has(caps, "freezePanes") && rows + cols > 0) {
    // Excel freezes panes reliably only on the active sheet: activate it first, in the same batch.
    sheet.activate();
    if (rows && cols) sheet.freezePanes.freezeAt(sheet.getRange(boxAddress(0, 0, rows, cols)));
    else if (rows) sheet.freezePanes.freezeRows(rows);
    else sheet.freezePanes.freezeColumns(cols);
  }
  if (opts.pageLayout !== false && has(caps, "pageLayout")) queuePageLayout(sheet, first);
}

/**
 * The first block's page set-up (ExcelApi 1.9, queued in the same batch): orientation, A4, one
 * page wide and as many tall as needed, its header rows repeated on every page, page numbers in
 * the centre footer (Excel's codes &P and &N).
 */
function queuePageLayout(sheet: Excel.Worksheet, { printed, top }: Block): void {
  const page = printed.page ?? DEFAULT_PAGE;
  const layout = sheet.pageLayout;
  layout.orientation = page.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.paperSize = "A4";
  // One page wide; the height is left to Excel (PageLayoutZoomOptions documents a number of pages,
  // no value for "as many as needed", so none is sent).
  if (page.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
  if (page.titleRows) layout.setPrintTitleRows(`$${top + page.titleRows.first + 1}:$${top + page.titleRows.last + 1}`);
  if (page.footer) layout.headersFooters.defaultForAllPages.centerFooter = page.footer;
}
