// Between reading (a grid or JSON) and checking, a submission is a flat list of entries:
// one raw figure with its full location. Checked figures are exact integers: a count, or
// đồng for money.

export type EntrySource = "grid" | "json";

export interface Entry {
  appendix: string;
  /** An item id, or TOTAL_ROW for the "Tổng cộng" row. */
  item: string;
  measure: string;
  period: string;
  raw: unknown;
  cell: string | null;
  source: EntrySource;
}

/**
 * appendix → item (incl. TOTAL_ROW) → measure → period (incl. the template's total period) →
 * integer. Absent = empty cell.
 */
export type Figures = Record<string, Record<string, Record<string, Record<string, number>>>>;

/**
 * The item id of an appendix's "Tổng cộng" row (checkTemplate keeps it free). The phase-total
 * period is not a constant: it is the template's period marked `total` (lookup().totalPeriod).
 */
export const TOTAL_ROW = "total";

export function setFigure(f: Figures, a: string, i: string, m: string, p: string, v: number): void {
  ((f[a] ??= {})[i] ??= {})[m] ??= {};
  f[a][i][m][p] = v;
}

export function getFigure(f: Figures, a: string, i: string, m: string, p: string): number | undefined {
  return f[a]?.[i]?.[m]?.[p];
}
