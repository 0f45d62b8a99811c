// CSV for exports (RFC 4180: comma, CRLF, fields quoted when they hold a comma, a quote or a
// line break, quotes doubled), with the same formula-injection protection as the workbook
// writer: text starting with = + - @, tab or CR gets a leading apostrophe. Numbers are
// written as numbers (-2 stays -2). Excel only reads UTF-8 CSV as UTF-8 when it starts with a
// byte order mark, hence the `bom` option.
import type { CellValue } from "../../domain";
import { protectFormulaText } from "./escape";

export interface CsvOptions {
  /** Start with U+FEFF so Excel opens the file as UTF-8. */
  bom?: boolean;
  separator?: "," | ";" | "\t";
}

export function escapeCsvField(value: CellValue, separator: string = ","): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = protectFormulaText(value);
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: CellValue[][], opts: CsvOptions = {}): string {
  const sep = opts.separator ?? ",";
  const body = rows.map((row) => row.map((v) => escapeCsvField(v, sep)).join(sep)).join("\r\n");
  return (opts.bom ? "\ufeff" : "") + body + (rows.length ? "\r\n" : "");
}
