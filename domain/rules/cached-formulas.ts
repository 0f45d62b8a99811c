// Formula results a file saved but that are not the values: a workbook that asks for a full
// recalculation on opening (xlsxwriter and pandas save 0 as every result and set
// fullCalcOnLoad; openpyxl sets it too and saves no results at all), or a formula saved without
// a result. Such a cached result is unknown. Every such formula that is simple enough (SUM, "+",
// "-", references to the sheet's own cells; grid/evaluate.ts) gets the value it computes before
// the entries are read, so the phase totals and "Tổng cộng" of such a file are checked for
// what they really add up to; anything else is unknown: read as empty, so it is neither
// compared nor reported as a mismatch (completeTotals fills the totals in from the items).
//
// A figure people type (an item's year figure) is never recalculated, as for any formula in an
// input cell (decision 0013): it keeps what the file saved, reported by rules/formulas.ts as
// FORMULA_INPUT (that value is used) or FORMULA_INPUT_NO_VALUE (none saved: empty), and the
// totals are computed from the input cells as read, so no total is compared with items read
// differently.
import { cellKey, cellOfAddress, DEFAULT_STEPS, evaluateUntrusted, hasUntrusted, untrusted } from "../grid/evaluate";
import type { CellValue, Grid } from "../grid/model";
import { type Entry, TOTAL_ROW } from "../submission/model";
import type { Template } from "../template/model";

export interface ResolvedFormulas {
  /** The grids to read: untrusted formula results replaced by the computed value, or empty. */
  grids: Grid[];
  /** After reading `grids`: input cells hold what the file saved, totals are recomputed from them. */
  settle(entries: Entry[]): void;
}

const blank = (v: CellValue) => v === null || (typeof v === "string" && v.trim() === "");

/** One budget of evaluation work for a whole workbook (see grid/evaluate.ts). */
export function resolveCachedFormulas(template: Template, grids: Grid[], steps = DEFAULT_STEPS): ResolvedFormulas {
  if (!grids.some(hasUntrusted)) return { grids, settle: () => {} };
  const budget = { steps };
  const resolved = grids.map((grid) => {
    if (!hasUntrusted(grid)) return grid;
    const results = evaluateUntrusted(grid, { budget });
    const values = grid.values.map((row, r) => {
      let copy: CellValue[] | null = null;
      for (let c = 0; c < row.length; c++) {
        if (!untrusted(grid, r, c)) continue;
        copy ??= row.slice();
        copy[c] = results.get(cellKey(r, c)) ?? null;
      }
      return copy ?? row;
    });
    return { ...grid, values };
  });

  const settle = (entries: Entry[]) => {
    const computedPeriods = new Set(template.periods.filter((p) => p.total).map((p) => p.id));
    const bySheet = new Map<string, Grid>();
    for (const g of grids) if (!bySheet.has(g.sheet) && hasUntrusted(g)) bySheet.set(g.sheet, g);
    // Input cells with an untrusted formula, per sheet: they keep what the file saved.
    const kept = new Map<Grid, Set<number>>();
    const onUntrusted: { entry: Entry; grid: Grid; row: number; col: number; input: boolean }[] = [];
    for (const e of entries) {
      if (e.source !== "grid" || !e.cell) continue;
      const at = cellOfAddress(e.cell);
      const grid = at && bySheet.get(at.sheet);
      if (!at || !grid || !untrusted(grid, at.row, at.col)) continue;
      const input = e.item !== TOTAL_ROW && !computedPeriods.has(e.period);
      onUntrusted.push({ entry: e, grid, row: at.row, col: at.col, input });
      if (input) (kept.get(grid) ?? kept.set(grid, new Set()).get(grid)!).add(cellKey(at.row, at.col));
    }
    if (!kept.size) return;
    // The totals again, over the input cells as read.
    const again = new Map<Grid, Map<number, number | null>>();
    for (const [grid, keys] of kept)
      again.set(grid, evaluateUntrusted(grid, { budget, keep: (r, c) => keys.has(cellKey(r, c)) }));
    for (const { entry, grid, row, col, input } of onUntrusted) {
      const results = again.get(grid);
      if (!results) continue;
      const saved = grid.values[row]?.[col] ?? null;
      entry.raw = input ? (blank(saved) ? null : saved) : (results.get(cellKey(row, col)) ?? null);
    }
  };
  return { grids: resolved, settle };
}
