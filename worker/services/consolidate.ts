// Consolidated totals: the sum of each unit's chosen snapshot (newest, or newest approved,
// as of a moment), compared with the province plan. Same inputs, same hash.
import { canonicalJson, compareWithPlan, type FigureTree, planFigures, sumTrees, type Template, toFigureTree } from "../../domain";
import { sha256Hex } from "../auth/tokens";
import { snapshotsAsOf } from "../db/snapshots";
import { listUnits, subtree } from "../db/units";

export type Basis = "latest" | "approved";

export interface ConsolidatedReport {
  template: string;
  templateVersion: number;
  kind: string;
  basis: Basis;
  asOf: string;
  root: string | null;
  units: { unit: string; version: number; snapshot: string; sha256: string }[];
  appendices: FigureTree;
  plan: FigureTree | null;
  /** value / plan × 100 per cell, where the plan has a figure. */
  percentOfPlan: Record<string, Record<string, Record<string, Record<string, number>>>>;
  hash: string;
}

export async function consolidate(db: D1Database, template: Template, kind: string, basis: Basis, asOf: string, root?: string): Promise<ConsolidatedReport> {
  let chosen = await snapshotsAsOf(db, template.id, kind, basis, asOf);
  if (root) {
    const inTree = subtree(await listUnits(db), root);
    chosen = chosen.filter((s) => inTree.has(s.unit));
  }
  const sum = sumTrees(template, chosen.map((s) => (JSON.parse(s.canonical) as { appendices: FigureTree }).appendices));
  const plan = planFigures(template);
  const appendices = toFigureTree(template, sum);
  const units = chosen.map((s) => ({ unit: s.unit, version: s.version, snapshot: s.id, sha256: s.sha256 }));
  const percentOfPlan: ConsolidatedReport["percentOfPlan"] = {};
  for (const [a, items] of Object.entries(compareWithPlan(template, sum, plan))) {
    for (const [i, measures] of Object.entries(items)) {
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, c] of Object.entries(periods)) {
          if (c.percent !== undefined) (((percentOfPlan[a] ??= {})[i] ??= {})[m] ??= {})[p] = c.percent;
        }
      }
    }
  }
  const hash = await sha256Hex(canonicalJson({ template: template.id, templateVersion: template.version, kind, basis, root: root ?? null, units, appendices }));
  return {
    template: template.id, templateVersion: template.version, kind, basis, asOf, root: root ?? null, units, appendices,
    plan: plan ? toFigureTree(template, plan) : null, percentOfPlan, hash,
  };
}
