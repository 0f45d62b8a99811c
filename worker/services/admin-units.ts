// What the administrator's units page needs beyond services/units.ts: adding a unit in force from
// a day (a new code only; dated changes to existing units are transitions), checked against the
// structure on that day and audited in the same batch.
import { formatVietnamDate } from "../../domain";
import type { Principal } from "../auth/principal";
import { auditStatement } from "../db/audit";
import { EARLY_DAY, newUnitStatements } from "../db/unit-history";
import { catalogueError } from "../errors";
import { lifeText, Structure, vietnamDay } from "./units";

export interface AddedUnit {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  /** The first day in force; null: since always. */
  from: string | null;
}

/**
 * Adds a new unit: 422 UNIT_EXISTS for a code already used, UNIT_PARENT_UNKNOWN for an unknown parent,
 * UNIT_NOT_IN_FORCE for a parent not in force on the unit's first day (today when it has none).
 */
export async function addUnit(db: D1Database, who: Principal, u: AddedUnit): Promise<void> {
  const s = await Structure.read(db);
  if (s.units.has(u.code)) throw catalogueError(422, "UNIT_EXISTS", { unit: u.code });
  const day = u.from ?? vietnamDay();
  const parent = u.parent === null ? undefined : s.units.get(u.parent);
  if (u.parent !== null && !parent)
    throw catalogueError(422, "UNIT_PARENT_UNKNOWN", { parent: u.parent }, { parent: u.parent });
  if (parent && !s.inForce(parent.code, day)) {
    const params = { unit: parent.code, date: formatVietnamDate(day), life: lifeText(parent) };
    throw catalogueError(422, "UNIT_NOT_IN_FORCE", params, { parent: parent.code });
  }
  const unit = { code: u.code, name: u.name, kind: u.kind, parent: u.parent, coastal: false };
  await db.batch([
    ...newUnitStatements(db, unit, u.from, u.from ?? EARLY_DAY),
    auditStatement(db, who, "unit.add", u.code, u),
  ]);
}
