// Workbooks for the page tests, made the way a district gets them: the printed layout
// (printAppendix) written by the Worker's own writer. Pure code: runs in Node and in workerd.
import {
  completeTotals,
  type Figures,
  getTemplate,
  planFigures,
  printAppendix,
  type PrintedSheet,
} from "../../../domain";
import { writeXlsx } from "../../../worker/xlsx";

export const template = getTemplate("kh-157-2023")!;
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function workbook(
  figures: Figures | undefined = planFigures(template),
  edit?: (sheet: PrintedSheet) => void,
): Uint8Array<ArrayBuffer> {
  const sheets = template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true }));
  if (edit) sheets.forEach(edit);
  return new Uint8Array(writeXlsx(sheets));
}

/** The plan's figures with PL01's "Tổng cộng" NSTW phase total typed wrong (3921.04): one error at PL01!H11. */
export function plantedTotalError(sheet: PrintedSheet): void {
  if (sheet.sheet !== "PL01") return;
  sheet.values[sheet.totalRow][7] = 3921.04;
  sheet.formulas[sheet.totalRow][7] = null;
}

/** Figures scaled to a share of the plan (whole nghìn đồng, whole quantities), with their totals. */
export function share(figures: Figures, numerator: number, denominator: number): Figures {
  const out: Figures = {};
  for (const [a, items] of Object.entries(figures)) {
    for (const [i, measures] of Object.entries(items)) {
      if (i === "total") continue;
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, v] of Object.entries(periods)) {
          if (p === "total") continue;
          const step = m === "quantity" ? 1 : 1000;
          (((out[a] ??= {})[i] ??= {})[m] ??= {})[p] = Math.floor((v * numerator) / denominator / step) * step;
        }
      }
    }
  }
  return completeTotals(template, out).figures;
}

/** The same figures with some cells changed ([appendix, item, measure, period, value]) and totals recomputed. */
export function changed(figures: Figures, edits: [string, string, string, string, number][]): Figures {
  const given: Figures = {};
  for (const [a, items] of Object.entries(figures)) {
    for (const [i, measures] of Object.entries(items)) {
      if (i === "total") continue;
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, v] of Object.entries(periods))
          if (p !== "total") (((given[a] ??= {})[i] ??= {})[m] ??= {})[p] = v;
      }
    }
  }
  for (const [a, i, m, p, v] of edits) (((given[a] ??= {})[i] ??= {})[m] ??= {})[p] = v;
  return completeTotals(template, given).figures;
}

/** Phase funding (every money measure, the "Tổng cộng" rows of every appendix) in đồng. */
export function phaseMoney(figures: Figures): number {
  let sum = 0;
  for (const a of template.appendices) {
    for (const m of template.measures.filter((x) => x.kind === "money"))
      sum += figures[a.id]?.total?.[m.id]?.total ?? 0;
  }
  return sum;
}
