// Workbooks in the printed layout: the blank template, one unit's snapshot, consolidated
// totals. All three are printAppendix → writeXlsx; SUM formulas keep totals live in Excel.
import { type Figures, printAppendix, type Template } from "../../domain";
import { writeXlsx } from "../xlsx";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function workbookBytes(
  template: Template,
  figures?: Figures,
  opts: { subtitle?: string; footnotes?: string[] } = {},
): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true, ...opts }))),
  );
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
