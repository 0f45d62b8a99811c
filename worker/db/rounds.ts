// Reporting rounds (issue 17): a template's report kind for one of its periods, due by a date
// (the end of that day in Vietnam time), with the units expected in it (by default the
// template's expected_units). Setting a round replaces it and is audited.
import type { Round } from "../../domain";
import type { Principal } from "../auth/principal";
import { auditStatement } from "./audit";
import { expectedUnits } from "./units";

interface RoundRow {
  template_id: string;
  kind: string;
  period: string;
  deadline: string;
  opens: string | null;
  units: string | null;
}

const COLUMNS = "template_id, kind, period, deadline, opens, units";
const LIST = `SELECT ${COLUMNS} FROM rounds WHERE (?1 IS NULL OR template_id = ?1) AND (?2 IS NULL OR kind = ?2)
  ORDER BY template_id, kind, deadline, period`;
const UPSERT = `INSERT INTO rounds (${COLUMNS}, created_at, created_by, updated_at, updated_by)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)
  ON CONFLICT (template_id, kind, period) DO UPDATE SET deadline = ?4, opens = ?5, units = ?6, updated_at = ?7,
    updated_by = ?8`;
// The first version of each unit's report stored in the round (from `opens`) by the moment `asOf`.
const FIRST = `SELECT unit, MIN(created_at) AS first FROM snapshots
  WHERE template_id = ?1 AND kind = ?2 AND created_at <= ?3 AND (?4 IS NULL OR created_at >= ?4) GROUP BY unit`;

async function fromRow(db: D1Database, r: RoundRow, defaults?: string[]): Promise<Round> {
  const own = r.units === null ? null : (JSON.parse(r.units) as string[]);
  return {
    template: r.template_id,
    kind: r.kind,
    period: r.period,
    deadline: r.deadline,
    opens: r.opens,
    units: own ?? defaults ?? (await expectedUnits(db, r.template_id)),
    defaultUnits: own === null,
  };
}

/** The rounds of a template (and kind), every template's when absent, by deadline. */
export async function listRounds(db: D1Database, template?: string, kind?: string): Promise<Round[]> {
  const { results } = await db
    .prepare(LIST)
    .bind(template ?? null, kind ?? null)
    .all<RoundRow>();
  const defaults = new Map<string, Promise<string[]>>();
  const expected = (t: string) => {
    if (!defaults.has(t)) defaults.set(t, expectedUnits(db, t));
    return defaults.get(t)!;
  };
  return Promise.all(results.map(async (r) => fromRow(db, r, r.units === null ? await expected(r.template_id) : [])));
}

/** Creates or replaces a round; `units` null: the template's expected units. */
export async function storeRound(
  db: D1Database,
  who: Principal,
  r: { template: string; kind: string; period: string; deadline: string; opens: string | null; units: string[] | null },
  at: string,
): Promise<void> {
  const units = r.units === null ? null : JSON.stringify(r.units);
  await db.batch([
    db.prepare(UPSERT).bind(r.template, r.kind, r.period, r.deadline, r.opens, units, at, who.id),
    auditStatement(
      db,
      who,
      "round.set",
      `${r.template}/${r.kind}/${r.period}`,
      { deadline: r.deadline, opens: r.opens, units: r.units },
      at,
    ),
  ]);
}

/** Each unit's first version stored from `from` (an instant; null: ever) up to `asOf`. */
export async function firstSubmissions(
  db: D1Database,
  template: string,
  kind: string,
  from: string | null,
  asOf: string,
): Promise<Map<string, string>> {
  const { results } = await db.prepare(FIRST).bind(template, kind, asOf, from).all<{ unit: string; first: string }>();
  return new Map(results.map((r) => [r.unit, r.first]));
}
