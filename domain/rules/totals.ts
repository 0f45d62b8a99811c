// Arithmetic rules, as the seed does it: each item's phase total equals the sum of its
// years; the "Tổng cộng" row equals the sum of the items for every column it prints.
// Given totals are checked and then replaced by computed ones, so figures are complete.
import { addExact } from "../money/money";
import type { Appendix, Template } from "../template/model";
import { type Figures, getFigure, setFigure, TOTAL_ROW } from "../submission/model";
import { appendixMeasures, lookup } from "../template/lookup";
import { formatFigure } from "./format-figure";
import { type Issue, issue } from "./issue";
import type { Locator } from "./locate";

function sum(values: (number | undefined)[]): number | undefined {
  let total: number | undefined;
  for (const v of values) if (v !== undefined) total = addExact(total ?? 0, v);
  return total;
}

/** The measures an item carries: its own, else its appendix's (checkTemplate keeps them within the appendix's). */
export function itemMeasures(template: Template, appendix: Appendix, item: { measures?: string[] }): string[] {
  return item.measures ?? appendixMeasures(template, appendix).map((m) => m.id);
}

/** The key of one figure, for sets of cells: "PL01|1|NSTW|2023". */
export function figureKey(a: string, i: string, m: string, p: string): string {
  return `${a}|${i}|${m}|${p}`;
}

/**
 * Complete figures (with computed totals) from given ones; issues where given totals disagree.
 * `rejected` holds the figures that were typed but refused (not a number, too many decimals…):
 * a total that depends on one of them is not checked, because the person's one mistake is
 * already reported where it was made, and the sum without it would only mislead.
 */
export function completeTotals(
  template: Template,
  given: Figures,
  where?: Locator,
  rejected: ReadonlySet<string> = new Set(),
): { figures: Figures; issues: Issue[] } {
  const figures: Figures = {};
  const issues: Issue[] = [];
  const { years: yearPeriods, totalPeriod, measure } = lookup(template);
  const years = yearPeriods.map((p) => p.id);
  const phase = totalPeriod.id;
  /** Figures already wrong or unknown: refused inputs and the item totals found to disagree. */
  const doubtful = new Set(rejected);
  const check = (
    a: string,
    i: string,
    m: string,
    p: string,
    expected: number | undefined,
    code: "PERIOD_TOTAL_MISMATCH" | "GRAND_TOTAL_MISMATCH",
  ) => {
    const actual = getFigure(given, a, i, m, p);
    if (actual === undefined || actual === (expected ?? 0)) return;
    doubtful.add(figureKey(a, i, m, p));
    const show = (v: number | undefined) => formatFigure(template, measure(m), v ?? 0);
    issues.push(
      issue(
        code,
        { appendix: a, item: i, measure: m, period: p, cell: where?.(a, i, m, p) },
        { actual: show(actual), expected: show(expected) },
      ),
    );
  };

  for (const appendix of template.appendices) {
    const a = appendix.id;
    for (const item of appendix.items) {
      for (const m of itemMeasures(template, appendix, item)) {
        const parts = years.map((y) => getFigure(given, a, item.id, m, y));
        years.forEach((y, k) => parts[k] !== undefined && setFigure(figures, a, item.id, m, y, parts[k]!));
        const total = sum(parts);
        if (years.some((y) => doubtful.has(figureKey(a, item.id, m, y)))) doubtful.add(figureKey(a, item.id, m, phase));
        else check(a, item.id, m, phase, total, "PERIOD_TOTAL_MISMATCH");
        if (total !== undefined) setFigure(figures, a, item.id, m, phase, total);
      }
    }
    for (const m of appendix.totalRow.measures) {
      for (const p of [...years, phase]) {
        const total = sum(appendix.items.map((it) => getFigure(figures, a, it.id, m, p)));
        if (!appendix.items.some((it) => doubtful.has(figureKey(a, it.id, m, p))))
          check(a, TOTAL_ROW, m, p, total, "GRAND_TOTAL_MISMATCH");
        if (total !== undefined) setFigure(figures, a, TOTAL_ROW, m, p, total);
      }
    }
  }
  return { figures, issues };
}
