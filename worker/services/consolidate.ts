// Consolidated totals: the sum of each unit's chosen snapshot (newest not returned, or newest
// approved, as of a moment), compared with the province plan. Same inputs, same hash.
//
// Returned versions (decision 0017): with basis latest a version the reviewer had returned by
// `asOf` is not counted; the unit's newest version not returned is used instead (or none), and
// the answer names every returned version it passed over, on the unit's entry and in
// `passedOver`. The hash covers what is included only, so it is the hash of the same totals
// before the returned version was submitted.
//
// Template versions (decision 0012): each snapshot keeps the template version it was validated
// against. The totals are laid out with the newest version among the included snapshots, never
// with a version no included snapshot used, so storing a newer template changes neither the
// figures nor the hash of an unchanged set of snapshots. A snapshot of an older version is added
// by appendix, item, measure and period id; cells the layout no longer has are summed into
// `unplaced` instead of being dropped (the "total" row still counts them).
//
// Units over time (issue 17): the branch under `root` and the units' names are those in force on
// the Vietnam day of `asOf`, so a later re-parenting or rename changes neither a past result nor
// its hash; a unit gone by then stays under its last parent (reports stay with the unit that
// submitted them). With view "successors", each unit's figures are placed under the unit in force
// that day that inherits it (`as`), and the report says so (`view`, each unit's `as`, the names).
import {
  addExact,
  appendixMeasures,
  type Basis,
  canonicalJson,
  compareWithPlan,
  type ConsolidatedReport as ApiConsolidatedReport,
  dongToDecimalString,
  type FigureTree,
  type Figures,
  figuresFromTree,
  lookup,
  planFigures,
  type Template,
  toFigureTree,
  TOTAL_ROW,
} from "../../domain";
import { sha256Hex } from "../auth/tokens";
import { Accumulator, unpackFigures } from "../../domain/consolidate/sum-trees";
import { consolidationRead, consolidationStatements, storeConsolidation } from "../db/consolidation-cache";
import type { IncludedRow, PassedOver } from "../db/snapshots";
import { parseSubmission } from "../db/stored";
import { templateVersions } from "./templates";
import { Structure, vietnamDay } from "./units";

export type { Basis };

/** units: reports stay with their units; successors: old units' figures under the units inheriting them. */
export type View = "units" | "successors";

/** GET /api/consolidated: the contract's report and what the Worker adds to it. */
export interface ConsolidatedReport extends ApiConsolidatedReport {
  template: string;
  /** The version the totals are laid out with: the newest among the included snapshots. */
  templateVersion: number;
  /** The template versions the included snapshots were validated against, ascending. */
  templateVersions: number[];
  kind: string;
  basis: Basis;
  asOf: string;
  root: string | null;
  /** Present only with view=successors (an unlabelled report is the "units" view). */
  view?: "successors";
  units: IncludedUnit[];
  /**
   * Basis latest: every version returned by `asOf` that is newer than the one used for its unit,
   * newest first per unit; `usedVersion` is the version counted instead (null: none). Always
   * empty with basis approved, which counts approved versions only.
   */
  passedOver: (PassedOver & { usedVersion: number | null })[];
  appendices: FigureTree;
  /** Figures of older-version snapshots in cells the layout no longer has (usually empty). */
  unplaced: FigureTree;
  plan: FigureTree | null;
  /** value / plan × 100 per cell, where the plan has a figure. */
  percentOfPlan: Record<string, Record<string, Record<string, Record<string, number>>>>;
  hash: string;
}

/** One unit's included version; `passedOver` (only when there is one) names its newer returned versions. */
export interface IncludedUnit {
  unit: string;
  version: number;
  snapshot: string;
  sha256: string;
  passedOver?: Omit<PassedOver, "unit">[];
  /** view=successors: the unit in force on the asOf day that inherits this one's figures (null: none found). */
  as?: string | null;
}

/** The report and the template version it is laid out with (print and export with that one). */
export interface Consolidation {
  report: ConsolidatedReport;
  template: Template;
  /**
   * Each included unit's figures in the layout, in the order of `report.units` (the exports'
   * breakdown); empty unless asked for (options.perUnit, the default).
   */
  perUnit: { unit: string; version: number; tree: FigureTree }[];
  /**
   * Unit names on the asOf day (a unit gone by then: its last name), for every output; with
   * view=successors an inherited unit's name says who inherits it.
   */
  names: Map<string, string>;
}

function hasCell(t: Template, a: string, i: string, m: string, p: string): boolean {
  const index = lookup(t);
  const appendix = index.appendix(a);
  return (
    !!appendix &&
    (i === TOTAL_ROW || !!index.item(a, i)) &&
    appendixMeasures(t, appendix).some((x) => x.id === m) &&
    !!index.period(p)
  );
}

/**
 * An older snapshot's tree re-expressed in the layout; what the layout has no cell for goes to `unplaced` (in đồng).
 */
function relayout(layout: Template, own: Template, tree: FigureTree, unplaced: Figures): FigureTree {
  const figures = figuresFromTree(own, tree);
  for (const [a, items] of Object.entries(figures)) {
    for (const [i, measures] of Object.entries(items)) {
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, v] of Object.entries(periods)) {
          if (hasCell(layout, a, i, m, p)) continue;
          const cell = (((unplaced[a] ??= {})[i] ??= {})[m] ??= {});
          cell[p] = cell[p] === undefined ? v : addExact(cell[p], v);
        }
      }
    }
  }
  return toFigureTree(layout, figures);
}

function unplacedTree(layout: Template, templates: Map<number, Template>, unplaced: Figures): FigureTree {
  const money = new Set(
    [...templates.values(), layout].flatMap((t) => t.measures.filter((m) => m.kind === "money").map((m) => m.id)),
  );
  const out: FigureTree = {};
  for (const [a, items] of Object.entries(unplaced)) {
    for (const [i, measures] of Object.entries(items)) {
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, v] of Object.entries(periods))
          (((out[a] ??= {})[i] ??= {})[m] ??= {})[p] = money.has(m) ? dongToDecimalString(v, layout.money) : v;
      }
    }
  }
  return out;
}

/** The units' structure as last read, under its generation (decision 0022): read again only when it changed. */
let structureMemo: { generation: string; structure: Structure } | undefined;

async function structureOf(db: D1Database, generation: string): Promise<Structure> {
  if (structureMemo?.generation === generation) return structureMemo.structure;
  const structure = await Structure.read(db);
  // A transition stored between the two reads moves the generation: the next request reads again.
  structureMemo = { generation, structure };
  return structure;
}

export interface ConsolidateOptions {
  /** Fill `perUnit` (the exports' breakdown); without it a cached answer is served when one matches. */
  perUnit?: boolean;
}

/**
 * Consolidation with its layout template. `newest` is the template's newest version: the
 * layout when nothing is included, and the definition reused when a snapshot has its version.
 *
 * Reads in one D1 batch (decision 0022): the cache row under the data's generation, and only when
 * it does not match, the chosen version of each report (from report_latest, one probe per report
 * for a past moment) with its packed figures. A miss sums packed arrays and stores the answer.
 */
export async function consolidateWithLayout(
  db: D1Database,
  newest: Template,
  kind: string,
  basis: Basis,
  asOf: string,
  root?: string,
  view: View = "units",
  options: ConsolidateOptions = {},
): Promise<Consolidation> {
  const needPerUnit = options.perUnit ?? true;
  const day = vietnamDay(asOf);
  const read = consolidationRead(
    await db.batch(
      consolidationStatements(db, {
        template: newest.id,
        templateVersion: newest.version,
        kind,
        basis,
        asOf,
        day,
        root: root ?? null,
        view,
        rowsOnHit: needPerUnit,
      }),
    ),
  );
  const structure = await structureOf(db, read.structure);
  const successors = view === "successors";
  if (read.body !== null && !needPerUnit) {
    const report: ConsolidatedReport = { ...(JSON.parse(read.body) as ConsolidatedReport), asOf };
    const template =
      report.templateVersion === newest.version
        ? newest
        : ((await templateVersions(db, newest.id, [report.templateVersion])).get(report.templateVersion) ?? newest);
    return { report, template, perUnit: [], names: namesOn(structure, day, successors, report.units) };
  }
  const consolidation = await compute(db, newest, kind, basis, asOf, structure, day, root, view, read, needPerUnit);
  // Stored on a miss only (an export computes even when the stored answer still matches).
  if (read.body === null) await storeConsolidation(db, read, JSON.stringify(consolidation.report));
  return consolidation;
}

function namesOn(structure: Structure, day: string, successors: boolean, units: IncludedUnit[]): Map<string, string> {
  const names = new Map([...structure.units.keys()].map((code) => [code, structure.nameOn(code, day)]));
  if (successors) {
    for (const u of units) {
      const to = u.as;
      if (to && to !== u.unit) names.set(u.unit, `${names.get(u.unit)} (nay thuộc ${structure.nameOn(to, day)})`);
    }
  }
  return names;
}

async function compute(
  db: D1Database,
  newest: Template,
  kind: string,
  basis: Basis,
  asOf: string,
  structure: Structure,
  day: string,
  root: string | undefined,
  view: View,
  choice: { included: IncludedRow[]; passedOver: PassedOver[] },
  needPerUnit: boolean,
): Promise<Consolidation> {
  const successors = view === "successors";
  const inheritor = new Map<string, string | null>();
  const heir = (unit: string) => {
    if (!inheritor.has(unit)) inheritor.set(unit, structure.inheritorOn(unit, day));
    return inheritor.get(unit)!;
  };
  let chosen: IncludedRow[] = choice.included;
  let returned: PassedOver[] = choice.passedOver;
  if (root) {
    const inTree = structure.subtreeOn(root, day);
    const inScope = (unit: string) => {
      const placed = successors ? heir(unit) : unit;
      return placed !== null && inTree.has(placed);
    };
    chosen = chosen.filter((s) => inScope(s.unit));
    returned = returned.filter((s) => inScope(s.unit));
  }
  const versions = [...new Set(chosen.map((s) => s.templateVersion))].sort((a, b) => a - b);
  const templates = new Map<number, Template>([[newest.version, newest]]);
  const missing = versions.filter((v) => v !== newest.version);
  if (missing.length) for (const [v, t] of await templateVersions(db, newest.id, missing)) templates.set(v, t);
  // A version whose definition is gone (a built-in template replaced in code without keeping the
  // old one) falls back to the newest: its figures are still added by id, as before decision 0012.
  const layout = (versions.length ? templates.get(versions[versions.length - 1]) : undefined) ?? newest;

  const unplacedFigures: Figures = {};
  // Packed figures are in the layout's own version (the query sends them only then); anything
  // else is read from its canonical JSON, as before decision 0022.
  const usable = (s: IncludedRow) =>
    s.packed !== null && s.packed !== undefined && s.templateVersion === layout.version;
  // The query sends canonical only where packed figures cannot serve; should the layout differ
  // from what it assumed (the newest included version's definition is gone), read the rest now.
  const lacking = chosen.filter((s) => !usable(s) && s.canonical === null);
  if (lacking.length) {
    // D1 binds at most 100 parameters per statement.
    const chunks = Array.from({ length: Math.ceil(lacking.length / 90) }, (_, k) => lacking.slice(k * 90, k * 90 + 90));
    const results = await db.batch(
      chunks.map((ids) =>
        db
          .prepare(`SELECT id, canonical FROM snapshots WHERE id IN (${ids.map(() => "?").join(", ")})`)
          .bind(...ids.map((s) => s.id)),
      ),
    );
    const rows = results.flatMap((r) => r.results as { id: string; canonical: string }[]);
    const byId = new Map(rows.map((r) => [r.id, r.canonical]));
    chosen = chosen.map((s) => (byId.has(s.id) ? { ...s, canonical: byId.get(s.id)! } : s));
  }
  const acc = new Accumulator(layout);
  const trees: (FigureTree | null)[] = [];
  const packs: (number[] | null)[] = [];
  for (const s of chosen) {
    if (usable(s)) {
      const packed = JSON.parse(s.packed!) as number[];
      acc.addPacked(packed);
      trees.push(null);
      packs.push(packed);
      continue;
    }
    if (s.canonical === null) throw new Error(`consolidate: snapshot ${s.id} came without its figures`);
    const own = parseSubmission(s.canonical).appendices;
    const tree =
      s.templateVersion === layout.version
        ? own
        : relayout(layout, templates.get(s.templateVersion) ?? layout, own, unplacedFigures);
    acc.addTree(tree);
    trees.push(tree);
    packs.push(null);
  }
  const sum = acc.figures();
  const plan = planFigures(layout);
  const appendices = toFigureTree(layout, sum);
  const unplaced = unplacedTree(layout, templates, unplacedFigures);
  const units: IncludedUnit[] = chosen.map((s) => ({
    unit: s.unit,
    version: s.version,
    snapshot: s.id,
    sha256: s.sha256,
    ...(successors ? { as: heir(s.unit) } : {}),
  }));
  const usedVersion = new Map(units.map((u) => [u.unit, u.version]));
  const passedOver = returned.map((p) => ({ ...p, usedVersion: usedVersion.get(p.unit) ?? null }));
  const percentOfPlan: ConsolidatedReport["percentOfPlan"] = {};
  for (const [a, items] of Object.entries(compareWithPlan(layout, sum, plan))) {
    for (const [i, measures] of Object.entries(items)) {
      for (const [m, periods] of Object.entries(measures)) {
        for (const [p, c] of Object.entries(periods)) {
          if (c.percent !== undefined) (((percentOfPlan[a] ??= {})[i] ??= {})[m] ??= {})[p] = c.percent;
        }
      }
    }
  }
  // `unplaced` joins the hashed content only when it holds something, so every hash computed
  // before it existed is still the hash of the same inputs. What was passed over is not hashed:
  // the hash changes only with what is included (decision 0017).
  const hashed = {
    template: layout.id,
    templateVersion: layout.version,
    kind,
    basis,
    root: root ?? null,
    ...(successors ? { view } : {}),
    units,
    appendices,
    ...(Object.keys(unplaced).length ? { unplaced } : {}),
  };
  const hash = await sha256Hex(canonicalJson(hashed));
  const report: ConsolidatedReport = {
    template: layout.id,
    templateVersion: layout.version,
    templateVersions: versions,
    kind,
    basis,
    asOf,
    root: root ?? null,
    ...(successors ? { view: "successors" as const } : {}),
    units: units.map((u) => {
      const skipped = passedOver.filter((p) => p.unit === u.unit);
      return skipped.length ? { ...u, passedOver: skipped.map(({ unit: _u, usedVersion: _v, ...p }) => p) } : u;
    }),
    passedOver,
    appendices,
    unplaced,
    plan: plan ? toFigureTree(layout, plan) : null,
    percentOfPlan,
    hash,
  };
  const perUnit = needPerUnit
    ? chosen.map((s, k) => ({
        unit: s.unit,
        version: s.version,
        tree: trees[k] ?? toFigureTree(layout, unpackFigures(layout, packs[k]!)),
      }))
    : [];
  return { report, template: layout, perUnit, names: namesOn(structure, day, successors, units) };
}

/** The consolidated report alone (see consolidateWithLayout for the template to print it with). */
export async function consolidate(
  db: D1Database,
  newest: Template,
  kind: string,
  basis: Basis,
  asOf: string,
  root?: string,
  view: View = "units",
): Promise<ConsolidatedReport> {
  return (await consolidateWithLayout(db, newest, kind, basis, asOf, root, view, { perUnit: false })).report;
}
