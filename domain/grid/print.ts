// An appendix in the printed layout, generated from the template: heading, title, merged
// header, STT, labels, units, figures, "Tổng cộng". The add-in writes it into Excel and the
// xlsx writer into files; neither knows what PL01 looks like.
import { a1 } from "./address";
import type { CellRange, CellValue, Grid } from "./model";
import { headerCells, headerDepth, leafColumns, PRINTED_HEADER_TOP } from "../template/layout";
import type { Appendix, NoteTree, PrintSettings, Template } from "../template/model";
import { type Figures, getFigure, TOTAL_ROW } from "../submission/model";
import { lookup } from "../template/lookup";
import { itemMeasures, rowParts } from "../rules/totals";
import { itemRows } from "../template/rows";

export interface CellStyle {
  range: CellRange;
  bold?: boolean;
  italic?: boolean;
  align?: "left" | "center" | "right";
  wrap?: boolean;
  border?: boolean;
  numberFormat?: string;
}

/** Page set-up as plain data: the xlsx writer and the add-in each turn it into their own form. */
export interface PageSetup {
  orientation: "landscape" | "portrait";
  paper: "A4";
  /** One page wide, as many pages tall as needed. */
  fitToWidth: boolean;
  /** Rows repeated at the top of every page (0-based, inclusive), or null. */
  titleRows: { first: number; last: number } | null;
  /** Centre footer in Excel's header/footer codes (&P page, &N pages), or null. */
  footer: string | null;
}

/** What a template without print settings gets: A4 landscape, one page wide, header repeated, page numbers. */
export const DEFAULT_PRINT: PrintSettings = {
  orientation: "landscape",
  paper: "A4",
  fitToWidth: true,
  repeatHeader: true,
  pageNumbers: true,
};

/** The footer's page numbers ("Trang 1/3"). */
export const PAGE_FOOTER = "Trang &P/&N";

/** The page set-up of a sheet that has none (breakdowns, text blocks). */
export const DEFAULT_PAGE: PageSetup = {
  orientation: "landscape",
  paper: "A4",
  fitToWidth: true,
  titleRows: null,
  footer: PAGE_FOOTER,
};

/** An appendix's print settings: its own, else the template's, else DEFAULT_PRINT. */
export function printSettings(template: Template, appendix: Appendix): PrintSettings {
  return appendix.print ?? template.print ?? DEFAULT_PRINT;
}

/** The date line of a signature block: "Sóc Trăng, ngày … tháng … năm …". */
export function dateLine(place: string | undefined): string {
  return `${place ?? "…"}, ngày … tháng … năm …`;
}

export interface PrintedSheet extends Grid {
  formulas: (string | null)[][];
  merges: CellRange[];
  styles: CellStyle[];
  columnWidths: number[];
  /** Rows and columns to freeze (the header, STT and label). */
  freeze: { rows: number; cols: number };
  /** Cells people type into, for data validation (count: whole ≥ 0; money: decimal ≥ 0). */
  inputs: { range: CellRange; kind: "count" | "money" }[];
  /** First data row and the total row (0-based), for callers that mark cells. */
  bodyStart: number;
  totalRow: number;
  /** Page set-up; writers use landscape A4, one page wide, with page numbers when absent. */
  page?: PageSetup;
  /** First row of the signature block under the table, or null when there is none. */
  signatureRow?: number | null;
}

export interface PrintOptions {
  /** Figures to print; blank input cells when absent. */
  figures?: Figures;
  /** The items' notes, printed in the appendix's note column (text, left aligned, wrapped). */
  notes?: NoteTree;
  /** SUM formulas for phase totals and "Tổng cộng" (the add-in's live sheets). */
  formulas?: boolean;
  /** Extra lines under the title ("Đơn vị: Huyện Trần Đề"). */
  subtitle?: string;
  /** Lines printed under the table (e.g. which unit versions a total includes). */
  footnotes?: string[];
}

/** SUM of cells, adjacent ones as ranges (D7:D9): Excel takes at most 255 arguments to SUM. */
function sumFormula(cells: { row: number; col: number }[]): string {
  const runs: { row: number; col: number; rows: number; cols: number }[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.cols === 1 && c.col === last.col && c.row === last.row + last.rows) last.rows++;
    else if (last && last.rows === 1 && c.row === last.row && c.col === last.col + last.cols) last.cols++;
    else runs.push({ ...c, rows: 1, cols: 1 });
  }
  const refs = runs.map((r) =>
    r.rows === 1 && r.cols === 1
      ? a1(r.row, r.col)
      : `${a1(r.row, r.col)}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`,
  );
  return `=SUM(${refs.join(",")})`;
}

export function printAppendix(template: Template, appendix: Appendix, opts: PrintOptions = {}): PrintedSheet {
  const leaves = leafColumns(appendix);
  const width = leaves.length;
  const depth = headerDepth(appendix);
  const bodyStart = PRINTED_HEADER_TOP + depth;
  const itemRowList = itemRows(appendix);
  const totalRow = bodyStart + itemRowList.length;
  const tableEnd = totalRow + 1 + (opts.footnotes?.length ? opts.footnotes.length + 1 : 0);
  const print = printSettings(template, appendix);
  const signature = print.signature;
  const signatureRow = signature ? tableEnd + 1 : null;
  const hasDate = !!signature && (signature.dateLine === true || signature.place !== undefined);
  const hasNotes = !!signature?.signers.some((s) => s.note);
  const rows = signature ? tableEnd + 1 + (hasDate ? 1 : 0) + 1 + (hasNotes ? 1 : 0) : tableEnd;
  const values: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(width).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => new Array<string | null>(width).fill(null));
  const full = (row: number): CellRange => ({ row, col: 0, rows: 1, cols: width });
  const merges: CellRange[] = [full(0), full(1), full(2)];
  const styles: CellStyle[] = [
    { range: full(0), bold: true, align: "center" },
    { range: full(1), bold: true, align: "center", wrap: true },
    { range: full(2), italic: true, align: "center" },
  ];
  values[0][0] = appendix.heading;
  values[1][0] = appendix.title;
  values[2][0] = template.document.attachment ?? null;
  if (opts.subtitle) {
    values[3][0] = opts.subtitle;
    merges.push(full(3));
    styles.push({ range: full(3), align: "center" });
  }

  for (const h of headerCells(appendix)) {
    values[PRINTED_HEADER_TOP + h.row][h.col] = h.text;
    if (h.rows > 1 || h.cols > 1)
      merges.push({ row: PRINTED_HEADER_TOP + h.row, col: h.col, rows: h.rows, cols: h.cols });
  }
  styles.push({
    range: { row: PRINTED_HEADER_TOP, col: 0, rows: depth, cols: width },
    bold: true,
    align: "center",
    wrap: true,
    border: true,
  });

  const { years: yearPeriods, totalPeriod, measure } = lookup(template);
  const years = yearPeriods.map((p) => p.id);
  const colOf = (m: string, p: string) => leaves.find((l) => l.measure === m && l.period === p)?.index;
  const inputs: PrintedSheet["inputs"] = [];
  const rowOf = new Map(itemRowList.map((r, k) => [r.item.id, bodyStart + k] as const));
  /** The cells a computed figure adds up, or null for a figure people type. */
  const partsOf = (row: number, itemId: string, measureId: string, period: string, col: number) => {
    if (itemId === TOTAL_ROW || lookup(template).row(appendix.id, itemId)?.group)
      return rowParts(template, appendix, itemId, measureId).map((c) => ({ row: rowOf.get(c)!, col }));
    const sumOf = measure(measureId)?.sumOf;
    const cols = sumOf
      ? sumOf.map((m) => colOf(m, period))
      : period === totalPeriod.id
        ? years.map((y) => colOf(measureId, y))
        : null;
    return cols && cols.flatMap((c) => (c === undefined ? [] : [{ row, col: c }]));
  };
  const place = (row: number, itemId: string, carried: string[]) => {
    for (const leaf of leaves) {
      const measureId = leaf.measure;
      if (!measureId || !leaf.period || !carried.includes(measureId)) continue;
      const v = opts.figures ? getFigure(opts.figures, appendix.id, itemId, measureId, leaf.period) : undefined;
      const kind = measure(measureId)?.kind ?? "count";
      if (v !== undefined) values[row][leaf.index] = kind === "money" ? v / template.money.dongPerUnit : v;
      const parts = partsOf(row, itemId, measureId, leaf.period, leaf.index);
      if (!parts) inputs.push({ range: { row, col: leaf.index, rows: 1, cols: 1 }, kind });
      else if (opts.formulas && parts.length) formulas[row][leaf.index] = sumFormula(parts);
    }
  };

  const fieldCol = (f: string) => leaves.find((l) => l.field === f)?.index;
  itemRowList.forEach(({ item }, k) => {
    const row = bodyStart + k;
    const set = (f: string, v: string | undefined) =>
      fieldCol(f) !== undefined && (values[row][fieldCol(f)!] = v ?? null);
    set("stt", item.stt);
    set("label", item.label);
    set("unit", item.unit);
    set("note", opts.notes?.[appendix.id]?.[item.id]);
    place(row, item.id, itemMeasures(template, appendix, item));
  });
  values[totalRow][fieldCol("label") ?? 0] = appendix.totalRow.label;
  place(totalRow, TOTAL_ROW, appendix.totalRow.measures);

  const body: CellRange = { row: bodyStart, col: 0, rows: itemRowList.length + 1, cols: width };
  styles.push({ range: body, border: true });
  styles.push({ range: full(totalRow), bold: true });
  itemRowList.forEach((r, k) => r.group && styles.push({ range: full(bodyStart + k), bold: true }));
  for (const leaf of leaves) {
    const col: CellRange = { row: bodyStart, col: leaf.index, rows: itemRowList.length + 1, cols: 1 };
    if (leaf.measure) styles.push({ range: col, numberFormat: measure(leaf.measure)?.numberFormat, align: "right" });
    else if (leaf.field === "note") styles.push({ range: col, align: "left", wrap: true, numberFormat: "@" });
    else if (leaf.field !== "label") styles.push({ range: col, align: "center" });
    else styles.push({ range: col, wrap: true });
  }
  // Each footnote wraps inside the table's width: a long one (the units of a total) would otherwise
  // run past the last column and print a page of its own to the right.
  opts.footnotes?.forEach((line, k) => {
    values[totalRow + 2 + k][0] = line;
    merges.push(full(totalRow + 2 + k));
    styles.push({ range: full(totalRow + 2 + k), italic: true, wrap: true });
  });

  if (signature && signatureRow !== null) {
    // The signers side by side under the table, each centred over an equal share of the columns;
    // the date line above the last (the head of the unit signs on the right).
    const n = signature.signers.length;
    const span = (k: number): CellRange => {
      const col = Math.floor((k * width) / n);
      return { row: 0, col, rows: 1, cols: Math.max(1, Math.floor(((k + 1) * width) / n) - col) };
    };
    const put = (row: number, k: number, text: string, style: Omit<CellStyle, "range">) => {
      const range = { ...span(k), row };
      values[row][range.col] = text;
      if (range.cols > 1) merges.push(range);
      styles.push({ range, align: "center", wrap: true, ...style });
    };
    let row = signatureRow;
    if (hasDate) put(row++, n - 1, dateLine(signature.place), { italic: true });
    signature.signers.forEach((s, k) => put(row, k, s.title, { bold: true }));
    row++;
    if (hasNotes) signature.signers.forEach((s, k) => s.note && put(row, k, s.note, { italic: true }));
  }
  const page: PageSetup = {
    orientation: print.orientation,
    paper: print.paper,
    fitToWidth: print.fitToWidth,
    titleRows: print.repeatHeader ? { first: PRINTED_HEADER_TOP, last: bodyStart - 1 } : null,
    footer: print.pageNumbers ? PAGE_FOOTER : null,
  };

  return {
    sheet: appendix.id,
    values,
    formulas,
    merges,
    styles,
    columnWidths: appendix.columnWidths ?? leaves.map((l) => (l.field === "label" ? 40 : l.field === "note" ? 24 : 12)),
    freeze: { rows: bodyStart, cols: (fieldCol("label") ?? 0) + 1 },
    inputs,
    bodyStart,
    totalRow,
    page,
    signatureRow,
  };
}
