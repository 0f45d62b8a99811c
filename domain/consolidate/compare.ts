// Consolidated figures against the province plan: each cell's value, plan and percentage.
import type { Template } from "../template/model";
import { appendixMeasures } from "../template/lookup";
import { itemIds } from "../template/rows";
import { type Figures, TOTAL_ROW } from "../submission/model";

export interface Comparison {
  value?: number;
  plan?: number;
  /** value / plan × 100, one decimal; absent when the plan is empty or zero. */
  percent?: number;
}

export type ComparisonTree = Record<string, Record<string, Record<string, Record<string, Comparison>>>>;

export function compareWithPlan(template: Template, figures: Figures, plan: Figures | undefined): ComparisonTree {
  const out: ComparisonTree = {};
  for (const a of template.appendices) {
    const oa: ComparisonTree[string] = (out[a.id] = {});
    for (const itemId of [...itemIds(a), TOTAL_ROW]) {
      const oi: ComparisonTree[string][string] = (oa[itemId] = {});
      for (const m of appendixMeasures(template, a)) {
        const om: Record<string, Comparison> = (oi[m.id] = {});
        for (const p of template.periods) {
          const value = figures[a.id]?.[itemId]?.[m.id]?.[p.id];
          const planned = plan?.[a.id]?.[itemId]?.[m.id]?.[p.id];
          if (value === undefined && planned === undefined) continue;
          const c: Comparison = {};
          if (value !== undefined) c.value = value;
          if (planned !== undefined) c.plan = planned;
          if (planned && value !== undefined) c.percent = Math.round((value / planned) * 1000) / 10;
          om[p.id] = c;
        }
      }
    }
  }
  return out;
}
