import type { Principal } from "../auth/principal";
import { auditIfStatement, auditStatement } from "./audit";
import { upsertSpanStatements } from "./unit-history";

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  coastal: number;
  valid_from: string | null;
  valid_to: string | null;
}

const ALL = "SELECT code, name, kind, parent, coastal, valid_from, valid_to FROM units ORDER BY code";
const UPSERT = `INSERT INTO units (code, name, kind, parent, coastal, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent = excluded.parent,
  coastal = excluded.coastal, valid_from = excluded.valid_from, valid_to = excluded.valid_to`;
const EXPECTED = "SELECT unit FROM expected_units WHERE template_id = ? ORDER BY unit";
const EXISTS = "SELECT code FROM units WHERE code = ?";

/** Whether a unit exists, as a statement for a batch (read it with unitExistsOf). */
export function unitExistsStatement(db: D1Database, code: string): D1PreparedStatement {
  return db.prepare(EXISTS).bind(code);
}

export function unitExistsOf(result: D1Result): boolean {
  return result.results.length > 0;
}

export async function listUnits(db: D1Database): Promise<UnitRow[]> {
  return (await db.prepare(ALL).all<UnitRow>()).results;
}

function upsertUnitStatement(db: D1Database, u: Omit<UnitRow, "coastal"> & { coastal: boolean }) {
  return db.prepare(UPSERT).bind(u.code, u.name, u.kind, u.parent, u.coastal ? 1 : 0, u.valid_from, u.valid_to);
}

export async function expectedUnits(db: D1Database, template: string): Promise<string[]> {
  return (await db.prepare(EXPECTED).bind(template).all<{ unit: string }>()).results.map((r) => r.unit);
}

/** `root` and every unit below it. */
export function subtree(units: UnitRow[], root: string): Set<string> {
  const out = new Set<string>([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (u.parent && out.has(u.parent) && !out.has(u.code)) {
        out.add(u.code);
        grew = true;
      }
    }
  }
  return out;
}

const CLEAR_EXPECTED = "DELETE FROM expected_units WHERE template_id = ?";
const ADD_EXPECTED = "INSERT INTO expected_units (template_id, unit) VALUES (?, ?)";

/** Statements replacing the expected units of a template (run them in one batch). */
function setExpectedStatements(db: D1Database, template: string, units: string[]) {
  return [db.prepare(CLEAR_EXPECTED).bind(template), ...units.map((u) => db.prepare(ADD_EXPECTED).bind(template, u))];
}

/** Holds when the expected units of a template differ from `units` (which must be distinct). */
function expectedDifferCondition(template: string, units: string[]) {
  return {
    sql: `((SELECT count(*) FROM expected_units WHERE template_id = ?) <> ?
      OR EXISTS (SELECT 1 FROM expected_units WHERE template_id = ? AND unit NOT IN (SELECT value FROM json_each(?))))`,
    args: [template, units.length, template, JSON.stringify(units)],
  };
}

/**
 * Stores a unit (new or changed) and its audit row in one batch; a new unit gets its first parent
 * and name spans, an existing one has its newest spans corrected (changes with a date: services/units.ts).
 */
export async function storeUnit(
  db: D1Database,
  who: Principal,
  u: Omit<UnitRow, "coastal"> & { coastal: boolean },
  detail: unknown,
): Promise<void> {
  await db.batch([
    upsertUnitStatement(db, u),
    ...upsertSpanStatements(db, u),
    auditStatement(db, who, "unit.upsert", u.code, detail),
  ]);
}

/**
 * Replaces the expected units of a template; audited only when the list changes (the row is written before the
 * replacement, on the old list).
 */
export async function storeExpectedUnits(
  db: D1Database,
  who: Principal,
  template: string,
  units: string[],
): Promise<void> {
  await db.batch([
    auditIfStatement(
      db,
      who,
      "expected.set",
      template,
      { units },
      new Date().toISOString(),
      expectedDifferCondition(template, units),
    ),
    ...setExpectedStatements(db, template, units),
  ]);
}
