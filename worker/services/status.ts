// The status board: for each unit expected to report on a template, its newest version of a
// report kind stored by a moment (`asOf`, now by default), that version's review state at that
// moment ("missing" when it has none), and which version the consolidated totals of the same
// basis and moment count (decision 0017: a returned version is not counted). The API route and
// the dashboard share it, so the board follows the dashboard's "as of".
import type { Basis, StatusBoard, StatusRow, Template } from "../../domain";
import { assertRole, type Principal } from "../auth/principal";
import { newestStatesAsOf, versionsAsOf } from "../db/snapshots";
import { expectedUnits, listUnits } from "../db/units";

/** A row of the board and the version the totals count for that unit. */
export interface StatusBoardRow extends StatusRow {
  /** The version consolidated totals (same basis, same asOf) include for this unit; null: none. */
  counted: number | null;
}

export interface StatusBoardAnswer extends StatusBoard {
  basis: Basis;
  /** The moment the board is for (ISO, UTC), as /api/consolidated answers it. */
  asOf: string;
  units: StatusBoardRow[];
}

/**
 * `kind` must be one of the template's (services/templates.ts, requireKind); `asOf` an instant
 * normalised by normaliseAsOf (worker/schemas.ts), now when absent.
 */
export async function statusBoard(
  db: D1Database,
  who: Principal,
  template: Template,
  kind: string,
  opts: { asOf?: string; basis?: Basis } = {},
): Promise<StatusBoardAnswer> {
  assertRole(who, "leader", "reviewer");
  const asOf = opts.asOf ?? new Date().toISOString();
  const basis = opts.basis ?? "latest";
  const [expected, units, states, included] = await Promise.all([
    expectedUnits(db, template.id),
    listUnits(db),
    newestStatesAsOf(db, template.id, kind, asOf),
    versionsAsOf(db, template.id, kind, basis, asOf),
  ]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const newest = new Map(states.map((s) => [s.unit, s]));
  const counted = new Map(included.map((s) => [s.unit, s.version]));
  const rows = expected.map((code): StatusBoardRow => {
    const s = newest.get(code);
    return {
      unit: code,
      name: names.get(code) ?? code,
      missing: !s,
      version: s?.version ?? null,
      status: s?.status ?? "missing",
      submittedAt: s?.createdAt ?? null,
      reviewComment: s?.reviewComment ?? null,
      counted: counted.get(code) ?? null,
    };
  });
  return { template: template.id, kind, basis, asOf, units: rows };
}
