// The built-in templates every conformance suite runs over (issue 16: "tests run the same suites
// over both templates"): plan 157 (flat rows) and the illustrative 2026–2030 Cần Thơ sample
// (nested rows, a money-only appendix, notes, a computed "Tổng số"), and plausible figures for
// any template: a unit's share of its plan, leaf year cells only, totals computed by the domain.
import {
  completeTotals,
  type Figures,
  type FigureTree,
  getTemplate,
  leafRows,
  lookup,
  planFigures,
  type Template,
  toFigureTree,
} from "../../domain";

export const TEMPLATE_IDS = ["kh-157-2023", "ct-2026-2030-mau"] as const;

/** Each built-in template by id, for `describe.each(TEMPLATES)("$id", …)`. */
export const TEMPLATES: Template[] = TEMPLATE_IDS.map((id) => {
  const t = getTemplate(id);
  if (!t) throw new Error(`built-in template ${id} is missing`);
  return t;
});

/**
 * Unit `k`'s leaf year figures: the plan's scaled by 5–65 % (k cycles through 13 shares), money
 * rounded to whole thousands of đồng (3 decimals of triệu đồng), counts to integers ≥ 1. No
 * phase totals, no computed measures, no group rows, no total row: what a person types.
 */
export function unitLeaves(template: Template, k: number): Figures {
  const plan = planFigures(template);
  if (!plan) throw new Error(`${template.id} has no plan to scale`);
  const { measure } = lookup(template);
  const share = (1 + (k % 13)) / 20;
  const given: Figures = {};
  for (const a of template.appendices) {
    for (const { item } of leafRows(a)) {
      for (const m of template.measures) {
        if (measure(m.id)?.sumOf) continue;
        for (const p of template.periods) {
          const v = plan[a.id]?.[item.id]?.[m.id]?.[p.id];
          if (p.total || v === undefined) continue;
          const scaled =
            m.kind === "money" ? Math.round((v * share) / 1000) * 1000 : v && Math.max(1, Math.round(v * share));
          (((given[a.id] ??= {})[item.id] ??= {})[m.id] ??= {})[p.id] = scaled;
        }
      }
    }
  }
  return given;
}

/** Unit `k`'s complete figures: its leaves with every total, computed measure and group row computed. */
export function unitFigures(template: Template, k: number): Figures {
  const { figures, issues } = completeTotals(template, unitLeaves(template, k));
  if (issues.length) throw new Error(`test fixture for ${template.id}: ${issues[0].code}`);
  return figures;
}

/** Unit `k`'s leaf figures as a submission's `appendices` (what a unit sends as JSON). */
export function leafTree(template: Template, k: number): FigureTree {
  return toFigureTree(template, unitLeaves(template, k));
}

/** Unit `k`'s complete figures as a figure tree (groups, computed measures and totals included). */
export function filledTree(template: Template, k: number): FigureTree {
  return toFigureTree(template, unitFigures(template, k));
}

/** The appendices with at least one group row, and the first group of each. */
export function groupsOf(template: Template): { appendix: string; group: string }[] {
  return template.appendices.flatMap((a) => {
    const row = leafRows(a).find((r) => r.parent !== null);
    return row ? [{ appendix: a.id, group: row.parent! }] : [];
  });
}
