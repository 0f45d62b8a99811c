// The seam between carriers: Office.js ranges, .xlsx files and exports all become or come
// from grids. Rows and columns are 0-based here; addresses shown to people are A1-style.

export type CellValue = number | string | boolean | null;

export interface CellRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Grid {
  sheet: string;
  values: CellValue[][];
  /** Formula text where the carrier knows it ("=SUM(E8:G8)"), aligned with values. */
  formulas?: (string | null)[][];
  merges?: CellRange[];
}

export function cellAt(grid: Grid, row: number, col: number): CellValue {
  return grid.values[row]?.[col] ?? null;
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}
