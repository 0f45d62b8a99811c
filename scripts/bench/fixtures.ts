// What every section measures on: plan 157, a district's share of the plan's figures (every
// year cell filled, as a district fills it), that district's JSON body and filled workbook,
// and stored unit snapshots in canonical JSON exactly as the Worker keeps them.
import {
  canonicalJson,
  completeTotals,
  type Figures,
  type FigureTree,
  getTemplate,
  planFigures,
  printAppendix,
  type Template,
  TOTAL_ROW,
  toFigureTree,
  totalPeriodId,
  leafRows,
} from "../../domain";
import { writeXlsx } from "../../worker/xlsx";

export const TEMPLATE_ID = "kh-157-2023";
export const template: Template = getTemplate(TEMPLATE_ID)!;

/**
 * Unit `k`'s figures: the plan's year figures scaled by 5–65 %, money rounded to whole
 * thousands of đồng (3 decimals of triệu đồng), counts to integers; totals computed.
 */
export function unitFigures(k: number): Figures {
  const plan = planFigures(template)!;
  const share = (1 + (k % 13)) / 20;
  const given: Figures = {};
  for (const a of template.appendices) {
    for (const { item } of leafRows(a)) {
      for (const m of template.measures) {
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
  const { figures, issues } = completeTotals(template, given);
  if (issues.length) throw new Error(`bench fixture: ${issues[0].code}`);
  return figures;
}

/** The year cells only (what a person types; the Worker computes the totals). */
export function yearsOnly(figures: Figures): Figures {
  const out: Figures = {};
  for (const [a, items] of Object.entries(figures)) {
    for (const [i, measures] of Object.entries(items)) {
      if (i === TOTAL_ROW) continue;
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, v] of Object.entries(periods))
          if (p !== totalPeriodId(template)) (((out[a] ??= {})[i] ??= {})[m] ??= {})[p] = v;
      }
    }
  }
  return out;
}

export interface SubmissionJson {
  template: string;
  unit: string;
  kind: "plan";
  appendices: FigureTree;
}

/** The POST /api/submissions body for `unit`: every cell, totals included (they must agree). */
export function submissionJson(unit: string, k: number): SubmissionJson {
  return { template: TEMPLATE_ID, unit, kind: "plan", appendices: toFigureTree(template, unitFigures(k)) };
}

/** A filled district workbook: the blank template workbook with the year cells typed, SUM formulas for totals. */
export function districtWorkbook(k: number): Uint8Array {
  const figures = unitFigures(k);
  return writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true })));
}

/** The plan-157 workbook with the province plan's own figures (the full workbook). */
export function planWorkbook(): Uint8Array {
  return writeXlsx(
    template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true })),
  );
}

/** A stored snapshot's canonical JSON, as submit() writes it. */
export function canonicalSnapshot(unit: string, k: number): string {
  return canonicalJson({
    template: template.id,
    templateVersion: template.version,
    unit,
    kind: "plan",
    appendices: toFigureTree(template, unitFigures(k)),
  });
}

/** `n` snapshots; 97 distinct figure sets cycled (every string is its own copy, parsed afresh). */
export function canonicalSnapshots(n: number): string[] {
  const distinct = Array.from({ length: Math.min(n, 97) }, (_, k) => canonicalSnapshot(`U${k}`, k));
  return Array.from({ length: n }, (_, k) => distinct[k % distinct.length].replace(/"unit":"U\d+"/, `"unit":"U${k}"`));
}

export const unitCode = (k: number) => `BENCH-${String(k + 1).padStart(3, "0")}`;
