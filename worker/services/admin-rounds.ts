// Setting a reporting round from the administrator's page: the checks of POST /api/rounds
// (routes/rounds.ts) and its store.
import { lookup } from "../../domain";
import type { Principal } from "../auth/principal";
import { storeRound } from "../db/rounds";
import { listUnits, storeExpectedUnits } from "../db/units";
import { catalogueError } from "../errors";
import { requireKind, requireTemplate } from "./templates";

export interface RoundRequest {
  template: string;
  kind: string;
  period: string;
  deadline: string;
  opens: string | null;
  /** null: the template's expected units. */
  units: string[] | null;
}

export async function setRound(db: D1Database, who: Principal, r: RoundRequest, at: string): Promise<void> {
  const template = await requireTemplate(db, r.template);
  const kind = requireKind(template, r.kind);
  const years = lookup(template).years.map((p) => p.id);
  if (!years.includes(r.period))
    throw catalogueError(422, "ROUND_PERIOD_UNKNOWN", {
      template: template.id,
      period: r.period,
      periods: years.join(", "),
    });
  if (r.opens !== null && r.opens > r.deadline)
    throw catalogueError(422, "ROUND_OPENS_AFTER_DEADLINE", { opens: r.opens, deadline: r.deadline });
  const units = r.units ? [...new Set(r.units)] : null;
  if (units) {
    const known = new Set((await listUnits(db)).map((u) => u.code));
    const unknown = units.filter((u) => !known.has(u));
    if (unknown.length) throw catalogueError(422, "UNIT_UNKNOWN", { unit: unknown.join(", ") }, { units: unknown });
  }
  await storeRound(
    db,
    who,
    { template: template.id, kind, period: r.period, deadline: r.deadline, opens: r.opens, units },
    at,
  );
}

/** Replaces a template's expected units (the checks of POST /api/admin/expected-units), audited if they change. */
export async function setExpected(
  db: D1Database,
  who: Principal,
  template: string,
  units: string[],
): Promise<string[]> {
  await requireTemplate(db, template);
  const known = new Set((await listUnits(db)).map((u) => u.code));
  const unknown = units.filter((u) => !known.has(u));
  if (unknown.length) throw catalogueError(422, "UNIT_UNKNOWN", { unit: unknown.join(", ") }, { units: unknown });
  const distinct = [...new Set(units)];
  await storeExpectedUnits(db, who, template, distinct);
  return distinct;
}
