// The seam between carriers: Office.js ranges, .xlsx files and exports all become or come
// from grids. Rows and columns are 0-based here; addresses shown to people are A1-style.

export type CellValue = number | string | boolean | null;

export interface CellRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * How a number cell is displayed when its format is not a plain number: Excel and LibreOffice
 * show 45113 formatted as a date as "06/07/2023", 0.15 formatted as a percent as "15%".
 */
export type NumberFormatKind = "date" | "time" | "datetime" | "percent";

export interface Grid {
  sheet: string;
  values: CellValue[][];
  /** Formula text where the carrier knows it ("=SUM(E8:G8)"), aligned with values. */
  formulas?: (string | null)[][];
  merges?: CellRange[];
  /**
   * The display kind of number cells formatted as a date, time or percent, aligned with values
   * (null: a plain number, or not a number). Absent when the carrier does not know formats or
   * no number cell has such a format.
   */
  kinds?: (NumberFormatKind | null)[][];
  /** Date serials count from 1 January 1904 (the workbook's 1904 date system), not from 1900. */
  date1904?: boolean;
  /**
   * The file asks for every formula to be recalculated when it is opened (xlsxwriter and pandas
   * save 0 as every formula's result and set this): cached formula results are not the values.
   */
  recalc?: boolean;
}

export function cellAt(grid: Grid, row: number, col: number): CellValue {
  return grid.values[row]?.[col] ?? null;
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}
