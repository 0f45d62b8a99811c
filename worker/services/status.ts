// The status board: for each unit expected to report on a template, its newest version of a
// report kind and that version's review state ("missing" when it has none). The API route and
// the dashboard share it.
import type { StatusBoard, StatusRow, Template } from "../../domain";
import { assertRole, type Principal } from "../auth/principal";
import { listSnapshots } from "../db/snapshots";
import { expectedUnits, listUnits } from "../db/units";

/** `kind` must be one of the template's (services/templates.ts, requireKind). */
export async function statusBoard(
  db: D1Database,
  who: Principal,
  template: Template,
  kind: string,
): Promise<StatusBoard> {
  assertRole(who, "leader", "reviewer");
  const [expected, units, snapshots] = await Promise.all([
    expectedUnits(db, template.id),
    listUnits(db),
    listSnapshots(db, { template: template.id, kind, limit: 100_000 }),
  ]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const latest = new Map<string, (typeof snapshots)[number]>();
  for (const s of snapshots) {
    const known = latest.get(s.unit);
    if (!known || s.version > known.version) latest.set(s.unit, s);
  }
  const rows = expected.map((code): StatusRow => {
    const s = latest.get(code);
    return {
      unit: code,
      name: names.get(code) ?? code,
      missing: !s,
      version: s?.version ?? null,
      status: s?.status ?? "missing",
      submittedAt: s?.createdAt ?? null,
      reviewComment: s?.reviewComment ?? null,
    };
  });
  return { template: template.id, kind, units: rows };
}
