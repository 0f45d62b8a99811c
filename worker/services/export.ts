// Workbooks in the printed layout: the blank template, one unit's snapshot, consolidated
// totals. All three are printAppendix → writeXlsx; SUM formulas keep totals live in Excel. The
// consolidated workbook adds one sheet after PL01–PL03: the breakdown by unit with the province
// plan and % of plan (decision 0020). What a person reads in it is day-first Vietnam time and
// unit names with their codes.
import {
  type CellStyle,
  type CellValue,
  type Figures,
  DEFAULT_PAGE,
  figuresFromTree,
  type NoteTree,
  formatVietnamTime,
  kindLabel,
  lookup,
  type PrintedSheet,
  printAppendix,
  type Template,
  word,
} from "../../domain";
import { writeXlsx } from "../xlsx";
import { type Breakdown, breakdown, unitColumns, unitTitle } from "./breakdown";
import type { ConsolidatedReport, Consolidation } from "./consolidate";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function workbookBytes(
  template: Template,
  figures?: Figures,
  opts: { subtitle?: string; footnotes?: string[]; notes?: NoteTree } = {},
): Uint8Array<ArrayBuffer> {
  // Notes are text cells: the writer escapes any that would start a formula (worker/xlsx/escape.ts).
  return new Uint8Array(
    writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true, ...opts }))),
  );
}

/** The breakdown sheet's name (Excel allows 31 characters). */
export const BREAKDOWN_SHEET = "Chi tiết theo đơn vị";

/** Said on the printed totals only when the included snapshots used more than one template version. */
function versionNotes(report: ConsolidatedReport): string[] {
  if (report.templateVersions.length < 2 && !Object.keys(report.unplaced).length) return [];
  const notes = [
    `Theo mẫu biểu phiên bản ${report.templateVersion}; các báo cáo được lập theo phiên bản ${report.templateVersions.join(", ")}.`,
  ];
  if (Object.keys(report.unplaced).length)
    notes.push(
      'Có số liệu của phiên bản mẫu cũ không còn dòng tương ứng: đã tính vào dòng Tổng cộng, chi tiết ở trường "unplaced" của bản JSON.',
    );
  return notes;
}

/** "Tổng hợp kế hoạch – bản mới nhất – đến 30/11/2026 05:47 (giờ Việt Nam)", and the branch when there is one. */
export function consolidatedSubtitle(
  template: Template,
  report: ConsolidatedReport,
  names: Map<string, string>,
): string {
  const branch = report.root ? ` – ${unitTitle(names.get(report.root), report.root)} và các đơn vị trực thuộc` : "";
  return (
    `Tổng hợp ${kindLabel(template, report.kind, "vi").toLowerCase()} – ${word("basis", report.basis, "vi").toLowerCase()}` +
    ` – đến ${formatVietnamTime(report.asOf)} (giờ Việt Nam)${branch}` +
    (report.view === "successors" ? " – số liệu của đơn vị cũ tính theo đơn vị kế thừa (cơ cấu mới)" : "")
  );
}

/** The lines under each printed sheet: the units (names, codes, versions), returned versions not counted, the hash. */
export function consolidatedFootnotes(report: ConsolidatedReport, names: Map<string, string>): string[] {
  const title = (code: string) => unitTitle(names.get(code), code);
  const included = report.units.map((u) => `${title(u.unit)} – phiên bản ${u.version}`);
  const lines = [included.length ? `Gồm các đơn vị: ${included.join("; ")}.` : "Chưa có đơn vị nào được tính."];
  if (report.passedOver.length) {
    const skipped = report.passedOver.map(
      (p) =>
        `${title(p.unit)} – phiên bản ${p.version} (trả lại lúc ${formatVietnamTime(p.returnedAt)}; ` +
        (p.usedVersion === null ? "không có phiên bản nào khác được tính)" : `tính phiên bản ${p.usedVersion})`),
    );
    lines.push(`Không tính các phiên bản bị trả lại: ${skipped.join("; ")}.`);
  }
  return [...lines, ...versionNotes(report), `Mã kiểm tra: ${report.hash}`];
}

/** The breakdown table as a sheet: title, subtitle, header, a row per figure; frozen header and labels. */
function breakdownSheet(template: Template, table: Breakdown, subtitle: string): PrintedSheet {
  const HEADER = 3;
  const width = table.header.length;
  const values: CellValue[][] = [
    ["Chi tiết theo đơn vị và so sánh với kế hoạch của tỉnh", ...new Array<CellValue>(width - 1).fill(null)],
    [subtitle, ...new Array<CellValue>(width - 1).fill(null)],
    new Array<CellValue>(width).fill(null),
    table.header,
    ...table.rows.map((r) => r.cells),
  ];
  const full = (row: number) => ({ row, col: 0, rows: 1, cols: width });
  const styles: CellStyle[] = [
    { range: full(0), bold: true, align: "center" },
    { range: full(1), italic: true, align: "center" },
    { range: full(HEADER), bold: true, align: "center", wrap: true, border: true },
  ];
  if (table.rows.length)
    styles.push({ range: { row: HEADER + 1, col: 0, rows: table.rows.length, cols: width }, border: true });
  const { measure } = lookup(template);
  // Styles as ranges, not a range per cell: rows run measure by measure, figure columns side by
  // side, so a table of 100 units is a few hundred ranges, not ten thousand (bench C4).
  const groups: { col: number; cols: number }[] = [];
  for (const col of table.figureColumns) {
    const last = groups[groups.length - 1];
    if (last && last.col + last.cols === col) last.cols++;
    else groups.push({ col, cols: 1 });
  }
  for (let k = 0; k < table.rows.length;) {
    const format = measure(table.rows[k].measure)?.numberFormat;
    let end = k + 1;
    while (end < table.rows.length && measure(table.rows[end].measure)?.numberFormat === format) end++;
    for (const g of groups)
      styles.push({ range: { row: HEADER + 1 + k, rows: end - k, ...g }, numberFormat: format, align: "right" });
    k = end;
  }
  if (table.rows.length)
    styles.push({
      range: { row: HEADER + 1, col: table.percentColumn, rows: table.rows.length, cols: 1 },
      numberFormat: '0.0" %"',
      align: "right",
    });
  table.rows.forEach((r, k) => r.total && styles.push({ range: full(HEADER + 1 + k), bold: true }));
  return {
    sheet: BREAKDOWN_SHEET,
    values,
    formulas: values.map((row) => row.map(() => null)),
    merges: [full(0), full(1)],
    styles,
    columnWidths: [12, 6, 40, 12, 24, 18, 14, 14, 12, ...table.header.slice(9).map(() => 18)],
    freeze: { rows: HEADER + 1, cols: 3 },
    // A long table: its header row repeats on every printed page.
    page: { ...DEFAULT_PAGE, titleRows: { first: HEADER, last: HEADER } },
    inputs: [],
    bodyStart: HEADER + 1,
    totalRow: HEADER + table.rows.length,
  };
}

/**
 * The consolidated workbook: PL01–PL03 in the printed layout (readable as an upload), headed by
 * the kind, basis and moment, with the included units, returned versions not counted and the
 * hash under each table; then the breakdown by unit with the plan and % of plan.
 */
export function consolidatedWorkbook(
  consolidation: Consolidation,
  names: Map<string, string>,
): Uint8Array<ArrayBuffer> {
  const { report, template } = consolidation;
  const subtitle = consolidatedSubtitle(template, report, names);
  const footnotes = consolidatedFootnotes(report, names);
  const figures = figuresFromTree(template, report.appendices);
  const printed = template.appendices.map((a) =>
    printAppendix(template, a, { figures, formulas: true, subtitle, footnotes }),
  );
  const table = breakdown(template, report, unitColumns(consolidation, names));
  return new Uint8Array(writeXlsx([...printed, breakdownSheet(template, table, subtitle)]));
}

/** The spreadsheet formats an upload may be kept in, by file extension. */
export const SPREADSHEET_TYPES = {
  xlsx: XLSX_TYPE,
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  fods: "application/vnd.oasis.opendocument.spreadsheet",
} as const;
export type SpreadsheetExtension = keyof typeof SPREADSHEET_TYPES;

/** Headers for a download; the file name is kept to safe ASCII. */
export function xlsxHeaders(name: string, extension: SpreadsheetExtension = "xlsx"): Record<string, string> {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "-");
  return {
    "Content-Type": SPREADSHEET_TYPES[extension],
    "Content-Disposition": `attachment; filename="${safe}.${extension}"`,
  };
}
