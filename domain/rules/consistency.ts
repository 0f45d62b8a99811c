// Warnings that a figure is plausible but odd: quantity without funding and the reverse,
// a unit cost far from the plan's, a unit's figure above the whole province's plan.
import type { Template } from "../template/model";
import { type Figures, getFigure } from "../submission/model";
import { appendixMeasures, lookup } from "../template/lookup";
import { leafRows } from "../template/rows";
import { formatMoneyVi } from "../numbers/format";
import { formatFigure } from "./format-figure";
import { type Issue, issue } from "./issue";
import type { Locator } from "./locate";
import { itemMeasures } from "./totals";

/** A unit cost outside [plan / FAR, plan × FAR] is worth a second look. */
const FAR = 2;

export interface ConsistencyOptions {
  /** The province plan, completed; absent for the plan's own figures. */
  plan?: Figures;
}

export function checkConsistency(
  template: Template,
  figures: Figures,
  where: Locator,
  opts: ConsistencyOptions = {},
): Issue[] {
  const issues: Issue[] = [];
  const { years: yearPeriods, totalPeriod, measure } = lookup(template);
  const years = yearPeriods.map((p) => p.id);
  const phase = totalPeriod.id;

  for (const appendix of template.appendices) {
    const a = appendix.id;
    // Only the appendix's own measures: a money-only appendix has no quantity to warn about.
    const carriedHere = appendixMeasures(template, appendix);
    // Funding is the sum of the money measures typed in; a computed "Tổng số" would count them twice.
    const money = carriedHere.filter((m) => m.kind === "money" && !m.sumOf).map((m) => m.id);
    const count = carriedHere.find((m) => m.kind === "count")?.id;
    // Leaves only: a group's quantity adds up different things, and its funding is its items'.
    for (const { item } of leafRows(appendix)) {
      const carried = itemMeasures(template, appendix, item);
      const fund = (f: Figures, p: string) => money.reduce((s, m) => s + (getFigure(f, a, item.id, m, p) ?? 0), 0);
      const hasCount = count !== undefined && carried.includes(count);
      const planCount = opts.plan && hasCount ? (getFigure(opts.plan, a, item.id, count, phase) ?? 0) : 0;
      const planCost = opts.plan && planCount > 0 ? fund(opts.plan, phase) / planCount : undefined;
      const place = (m: string, p: string) => ({
        appendix: a,
        item: item.id,
        measure: m,
        period: p,
        cell: where(a, item.id, m, p),
      });
      for (const p of years) {
        const at = (m: string) => place(m, p);
        const q = hasCount ? (getFigure(figures, a, item.id, count, p) ?? 0) : 0;
        const f = fund(figures, p);
        if (hasCount && q > 0 && f === 0) issues.push(issue("QUANTITY_WITHOUT_FUNDING", at(count)));
        if (hasCount && f > 0 && q === 0) issues.push(issue("FUNDING_WITHOUT_QUANTITY", at(money[0])));
        if (planCost && q > 0 && f > 0) {
          const cost = f / q;
          if (cost > planCost * FAR || cost < planCost / FAR) {
            const show = (v: number) => formatMoneyVi(Math.round(v / 1000) * 1000, template.money);
            issues.push(
              issue("UNIT_COST_OFF_PLAN", at(money[0]), {
                cost: show(cost),
                planCost: show(planCost),
                unit: template.money.unit,
              }),
            );
          }
        }
      }
      if (!opts.plan) continue;
      for (const m of carried) {
        for (const p of [...years, phase]) {
          const value = getFigure(figures, a, item.id, m, p);
          const plan = getFigure(opts.plan, a, item.id, m, p);
          if (value === undefined || plan === undefined || value <= plan) continue;
          const shown = measure(m);
          issues.push(
            issue("EXCEEDS_PROVINCE_PLAN", place(m, p), {
              value: formatFigure(template, shown, value),
              plan: formatFigure(template, shown, plan),
            }),
          );
        }
      }
    }
  }
  return issues;
}
