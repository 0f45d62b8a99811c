// CSV for exports (RFC 4180: comma, CRLF, fields quoted when they hold a comma, a quote or a
// line break, quotes doubled), with the same formula-injection protection as the workbook
// writer: text starting with = + - @, tab or CR gets a leading apostrophe. Numbers are
// written as numbers (-2 stays -2), with a decimal point, or a decimal comma for spreadsheets set
// to Vietnamese (`decimalComma`, with the `;` separator: there the comma is the decimal mark and
// the point groups thousands). Never with thousands separators. Excel only reads UTF-8 CSV as
// UTF-8 when it starts with a byte order mark, hence the `bom` option.
import type { CellValue } from "../../domain";
import { protectFormulaText } from "./escape";

export interface CsvOptions {
  /** Start with U+FEFF so Excel opens the file as UTF-8. */
  bom?: boolean;
  separator?: "," | ";" | "\t";
  /** Numbers with a decimal comma (1209,915); use with separator ";". */
  decimalComma?: boolean;
}

export function escapeCsvField(value: CellValue, separator: string = ",", decimalComma = false): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    const text = String(value);
    if (!decimalComma) return text;
    if (separator === ",") throw new RangeError("toCsv: a decimal comma needs another separator than the comma");
    return text.replace(".", ",");
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = protectFormulaText(value);
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: CellValue[][], opts: CsvOptions = {}): string {
  const sep = opts.separator ?? ",";
  const body = rows.map((row) => row.map((v) => escapeCsvField(v, sep, opts.decimalComma)).join(sep)).join("\r\n");
  return (opts.bom ? "\ufeff" : "") + body + (rows.length ? "\r\n" : "");
}
