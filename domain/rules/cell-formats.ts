// A figure cell formatted as a date, a time or a percent: the person sees "06/07/2023" or "15%",
// the file stores 45113 or 0.15, and either would otherwise be read as that many triệu đồng (a
// slip of the number format, a pasted date). It is an error at the cell, naming what the
// spreadsheet shows there. Only carriers that know number formats say so (Grid.kinds).
import { displayedAs } from "../grid/dates";
import { cellOfAddress } from "../grid/evaluate";
import type { Grid } from "../grid/model";
import { groupVi } from "../numbers/format";
import type { Entry } from "../submission/model";
import type { Template } from "../template/model";
import type { IssueCode } from "./catalogue";
import type { IssueCollector } from "./issue";

const CODES: Record<string, IssueCode> = {
  date: "FIGURE_SHOWN_AS_DATE",
  datetime: "FIGURE_SHOWN_AS_DATE",
  time: "FIGURE_SHOWN_AS_TIME",
  percent: "FIGURE_SHOWN_AS_PERCENT",
};

/** The stored number as the messages show numbers ("45.113", "0,15"). */
function stored(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? text : groupVi(text);
}

/** Cell-format issues for the figure cells a workbook was read from (entries of grids only). */
export function checkCellFormats(_template: Template, grids: Grid[], entries: Entry[], issues: IssueCollector): void {
  const bySheet = new Map<string, Grid>();
  for (const g of grids) if (g.kinds && !bySheet.has(g.sheet)) bySheet.set(g.sheet, g);
  if (!bySheet.size) return;
  for (const e of entries) {
    if (e.source !== "grid" || !e.cell || typeof e.raw !== "number") continue;
    const at = cellOfAddress(e.cell);
    const grid = at && bySheet.get(at.sheet);
    const kind = grid ? grid.kinds![at.row]?.[at.col] : null;
    if (!kind) continue;
    const value = e.raw;
    issues.add(
      CODES[kind],
      { appendix: e.appendix, item: e.item, measure: e.measure, period: e.period, cell: e.cell },
      () => ({
        shown: displayedAs(value, kind, grid!.date1904 === true),
        value: stored(value),
      }),
    );
  }
}
