// One printed sheet → worksheet XML: frozen panes, column widths, row heights for wrapped
// text, cells (shared strings, numbers, booleans, formulas with cached values), merges, data
// validation for input cells, and the page set-up (A4, orientation, fitted to the page width,
// page numbers in the footer).
import { a1, type CellValue, columnName, DEFAULT_PAGE, type PageSetup, type PrintedSheet } from "../../domain";
import { rangeRef } from "./cells";
import { escapeXmlAttr, escapeXmlText, protectFormulaText } from "./escape";
import { escapeOoxml } from "./text";
import { FONT, resolveStyles, type ResolvedStyle, type StyleTable } from "./styles";

export class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;

  id(text: string): number {
    this.count++;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(text);
      this.index.set(text, id);
    }
    return id;
  }
}

const LINE_HEIGHT = FONT.size * 1.3;

/** Heights for rows whose wrapped text needs more than one line (Excel does not autofit merged cells). */
function rowHeights(sheet: PrintedSheet, styles: Map<number, Map<number, ResolvedStyle>>): Map<number, number> {
  const heights = new Map<number, number>();
  const spans = new Map(sheet.merges.map((m) => [`${m.row}:${m.col}`, m] as const));
  const width = (col: number) => sheet.columnWidths[col] ?? 9;
  sheet.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v !== "string" || !styles.get(r)?.get(c)?.wrap) return;
      const span = spans.get(`${r}:${c}`) ?? { rows: 1, cols: 1 };
      let chars = 0;
      for (let k = c; k < c + span.cols; k++) chars += width(k);
      const lines = v.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((line.length * 1.1) / chars)), 0);
      const perRow = (lines * LINE_HEIGHT) / span.rows;
      if (lines > 1 && perRow > (heights.get(r) ?? LINE_HEIGHT)) heights.set(r, Math.ceil(perRow * 4) / 4);
    }),
  );
  return heights;
}

function pane(freeze: PrintedSheet["freeze"]): string {
  const { rows, cols } = freeze;
  if (!rows && !cols) return "";
  const active = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  return (
    `<pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""} topLeftCell="${a1(rows, cols)}" activePane="${active}" state="frozen"/>` +
    `<selection pane="${active}" activeCell="${a1(rows, cols)}" sqref="${a1(rows, cols)}"/>`
  );
}

function cellXml(ref: string, s: number, value: CellValue, formula: string | null, strings: SharedStrings): string {
  const style = s ? ` s="${s}"` : "";
  if (formula) {
    const f = `<f>${escapeXmlText(formula.replace(/^=/, ""))}</f>`;
    if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${style}>${f}<v>${value}</v></c>`;
    if (typeof value === "string")
      return `<c r="${ref}"${style} t="str">${f}<v>${escapeXmlText(escapeOoxml(value))}</v></c>`;
    if (typeof value === "boolean") return `<c r="${ref}"${style} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${style}>${f}</c>`;
  }
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string" && value !== "") {
    return `<c r="${ref}"${style} t="s"><v>${strings.id(protectFormulaText(value))}</v></c>`;
  }
  return s ? `<c r="${ref}"${style}/>` : "";
}

function validations(sheet: PrintedSheet): string {
  const byKind = new Map<string, string[]>();
  for (const input of sheet.inputs)
    (byKind.get(input.kind) ?? byKind.set(input.kind, []).get(input.kind)!).push(rangeRef(input.range));
  const rules = [...byKind].map(([kind, refs]) => {
    const [type, message] =
      kind === "count"
        ? ["whole", "Số lượng phải là số nguyên không âm."]
        : ["decimal", "Kinh phí phải là số không âm."];
    return (
      `<dataValidation type="${type}" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1"` +
      ` errorTitle="Số liệu không hợp lệ" error="${escapeXmlAttr(message)}" sqref="${refs.join(" ")}"><formula1>0</formula1></dataValidation>`
    );
  });
  return rules.length ? `<dataValidations count="${rules.length}">${rules.join("")}</dataValidations>` : "";
}

/**
 * The page set-up after the data, in CT_Worksheet's order (ECMA-376 Part 1, 18.3.1.99: … mergeCells,
 * phoneticPr, conditionalFormatting, dataValidations, hyperlinks, printOptions, pageMargins,
 * pageSetup, headerFooter, rowBreaks …). fitToWidth/fitToHeight apply only with sheetPr's
 * pageSetUpPr fitToPage="1"; fitToHeight="0" means as many pages tall as needed.
 */
function pageXml(page: PageSetup): string {
  const fit = page.fitToWidth ? ` fitToWidth="1" fitToHeight="0"` : "";
  // &C: centre section; & in the text doubled by escaping is the footer code itself.
  const footer = page.footer
    ? `<headerFooter><oddFooter>${escapeXmlText(`&C${page.footer}`)}</oddFooter></headerFooter>`
    : "";
  return (
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    // paperSize 9: "A4 paper (210 mm by 297 mm)" in pageSetup's list of sizes (18.3.1.63).
    `<pageSetup paperSize="9" orientation="${page.orientation}"${fit}/>` +
    footer
  );
}

/** The print titles' reference for a sheet ("'PL01'!$5:$6"), for the workbook's _xlnm.Print_Titles. */
export function printTitlesRef(sheetName: string, page: PageSetup | undefined): string | null {
  const rows = page?.titleRows;
  if (!rows) return null;
  return `'${sheetName.replace(/'/g, "''")}'!$${rows.first + 1}:$${rows.last + 1}`;
}

export function sheetXml(sheet: PrintedSheet, styles: StyleTable, strings: SharedStrings): string {
  const resolved = resolveStyles(sheet);
  const heights = rowHeights(sheet, resolved);
  const rows = [...resolved.keys()].reduce((n, r) => Math.max(n, r + 1), sheet.values.length);
  const width = sheet.values.reduce((n, r) => Math.max(n, r.length), sheet.columnWidths.length);
  const body: string[] = [];
  // Column letters once per sheet, not once per cell.
  const letters: string[] = [];
  const column = (c: number) => (letters[c] ??= columnName(c));
  for (let r = 0; r < rows; r++) {
    const values = sheet.values[r] ?? [];
    const rowStyles = resolved.get(r);
    let cols = values.length;
    for (const c of rowStyles?.keys() ?? []) if (c >= cols) cols = c + 1;
    const formulas = sheet.formulas?.[r];
    let cells = "";
    // Every cell keeps its address: r is optional in CT_Cell, but Gnumeric read files without it
    // differently (tests/xlsx/ods.test.ts).
    for (let c = 0; c < cols; c++)
      cells += cellXml(
        column(c) + (r + 1),
        styles.id(rowStyles?.get(c)),
        values[c] ?? null,
        formulas?.[c] ?? null,
        strings,
      );
    const ht = heights.get(r);
    if (cells || ht) body.push(`<row r="${r + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ""}>${cells}</row>`);
  }
  const cols = sheet.columnWidths
    .map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`)
    .join("");
  const page = sheet.page ?? DEFAULT_PAGE;
  const merges = sheet.merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    (page.fitToWidth ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `<dimension ref="A1:${a1(Math.max(rows, 1) - 1, Math.max(width, 1) - 1)}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane(sheet.freeze)}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="${LINE_HEIGHT}"/>` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${body.join("")}</sheetData>` +
    (merges ? `<mergeCells count="${sheet.merges.length}">${merges}</mergeCells>` : "") +
    validations(sheet) +
    pageXml(page) +
    `</worksheet>`
  );
}
