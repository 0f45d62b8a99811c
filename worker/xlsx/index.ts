// What the Worker may use to read uploaded workbooks and write exports.
export { readXlsx } from "./read";
export { readSpreadsheet, readSpreadsheetFile, type SpreadsheetFormat, type SpreadsheetRead } from "./spreadsheet";
export { type FileFormat, FORMAT_ADVICE } from "./detect";
export { writeXlsx } from "./write";
export { escapeCsvField, toCsv, type CsvOptions } from "./csv";
export { protectFormulaText } from "./escape";
export { XlsxError, XLSX_STATUS, type XlsxErrorCode } from "./errors";
export { DEFAULT_LIMITS, type XlsxLimits } from "./limits";
