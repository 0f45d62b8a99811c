// Units over time (migration 0006): parent and name spans, successions and late-report
// exceptions. Reads take one round trip (the whole structure is small: a province's units);
// writes are statements the services run in one batch with their audit rows.
import type { UnitRow } from "./units";

/** The day a unit without valid_from has had its first parent and name since (migration 0006's backfill). */
export const EARLY_DAY = "1900-01-01";

/** A span of a unit's parent or name: from `valid_from` to `valid_to` (days, both included; null: open). */
export interface ParentSpan {
  unit: string;
  parent: string | null;
  valid_from: string;
  valid_to: string | null;
}

export interface NameSpan {
  unit: string;
  name: string;
  valid_from: string;
  valid_to: string | null;
}

export type SuccessionKind = "merge" | "split" | "rename" | "close" | "reparent";

export interface SuccessionRow {
  seq: number;
  predecessor: string;
  successor: string | null;
  kind: SuccessionKind;
  effective: string;
  note: string;
}

/** Everything the structure over time is made of, read in one batch. */
export interface StructureRows {
  units: UnitRow[];
  parents: ParentSpan[];
  names: NameSpan[];
  successions: SuccessionRow[];
}

const UNITS = "SELECT code, name, kind, parent, coastal, valid_from, valid_to FROM units ORDER BY code";
const PARENTS = "SELECT unit, parent, valid_from, valid_to FROM unit_parents ORDER BY unit, valid_from";
const NAMES = "SELECT unit, name, valid_from, valid_to FROM unit_names ORDER BY unit, valid_from";
const SUCCESSIONS = "SELECT seq, predecessor, successor, kind, effective, note FROM unit_successions ORDER BY seq";

export async function readStructure(db: D1Database): Promise<StructureRows> {
  const [units, parents, names, successions] = await db.batch([
    db.prepare(UNITS),
    db.prepare(PARENTS),
    db.prepare(NAMES),
    db.prepare(SUCCESSIONS),
  ]);
  return {
    units: units.results as unknown as UnitRow[],
    parents: parents.results as unknown as ParentSpan[],
    names: names.results as unknown as NameSpan[],
    successions: successions.results as unknown as SuccessionRow[],
  };
}

const INSERT_UNIT = `INSERT INTO units (code, name, kind, parent, coastal, valid_from, valid_to)
  VALUES (?, ?, ?, ?, ?, ?, NULL)`;
const CLOSE_UNIT = "UPDATE units SET valid_to = ? WHERE code = ?";
const SET_PARENT = "UPDATE units SET parent = ? WHERE code = ?";
const SET_NAME = "UPDATE units SET name = ? WHERE code = ?";
const SET_KIND = "UPDATE units SET kind = ? WHERE code = ?";
const END_PARENT = "UPDATE unit_parents SET valid_to = ? WHERE unit = ? AND valid_to IS NULL";
const END_NAME = "UPDATE unit_names SET valid_to = ? WHERE unit = ? AND valid_to IS NULL";
const ADD_PARENT = "INSERT INTO unit_parents (unit, parent, valid_from) VALUES (?, ?, ?)";
const ADD_NAME = "INSERT INTO unit_names (unit, name, valid_from) VALUES (?, ?, ?)";
const ADD_SUCCESSION =
  "INSERT INTO unit_successions (predecessor, successor, kind, effective, note) VALUES (?, ?, ?, ?, ?)";

/** A new unit in force from `from` (null: since always), with its first parent and name spans. */
export function newUnitStatements(
  db: D1Database,
  u: { code: string; name: string; kind: string; parent: string | null; coastal: boolean },
  from: string | null,
  spanFrom: string,
): D1PreparedStatement[] {
  return [
    db.prepare(INSERT_UNIT).bind(u.code, u.name, u.kind, u.parent, u.coastal ? 1 : 0, from),
    db.prepare(ADD_PARENT).bind(u.code, u.parent, spanFrom),
    db.prepare(ADD_NAME).bind(u.code, u.name, spanFrom),
  ];
}

/** The unit's last day in force is `lastDay`; its open spans end that day. */
export function closeUnitStatements(db: D1Database, code: string, lastDay: string): D1PreparedStatement[] {
  return [
    db.prepare(CLOSE_UNIT).bind(lastDay, code),
    db.prepare(END_PARENT).bind(lastDay, code),
    db.prepare(END_NAME).bind(lastDay, code),
  ];
}

/** A new parent from `from`; the open span ends the day before (`lastDay`). */
export function reparentStatements(
  db: D1Database,
  code: string,
  parent: string | null,
  from: string,
  lastDay: string,
): D1PreparedStatement[] {
  return [
    db.prepare(END_PARENT).bind(lastDay, code),
    db.prepare(ADD_PARENT).bind(code, parent, from),
    db.prepare(SET_PARENT).bind(parent, code),
  ];
}

/** A new name from `from`; the open span ends the day before (`lastDay`). */
export function renameStatements(
  db: D1Database,
  code: string,
  name: string,
  from: string,
  lastDay: string,
): D1PreparedStatement[] {
  return [
    db.prepare(END_NAME).bind(lastDay, code),
    db.prepare(ADD_NAME).bind(code, name, from),
    db.prepare(SET_NAME).bind(name, code),
  ];
}

/** The name of the span starting `from` corrected (a second change on the same day). */
export function correctNameStatements(db: D1Database, code: string, name: string, from: string): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE unit_names SET name = ? WHERE unit = ? AND valid_from = ?").bind(name, code, from),
    db.prepare(SET_NAME).bind(name, code),
  ];
}

/** The parent of the span starting `from` corrected (a second change on the same day). */
export function correctParentStatements(
  db: D1Database,
  code: string,
  parent: string | null,
  from: string,
): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE unit_parents SET parent = ? WHERE unit = ? AND valid_from = ?").bind(parent, code, from),
    db.prepare(SET_PARENT).bind(parent, code),
  ];
}

export function setKindStatement(db: D1Database, code: string, kind: string): D1PreparedStatement {
  return db.prepare(SET_KIND).bind(kind, code);
}

export function successionStatement(
  db: D1Database,
  s: { predecessor: string; successor: string | null; kind: SuccessionKind; effective: string; note: string },
): D1PreparedStatement {
  return db.prepare(ADD_SUCCESSION).bind(s.predecessor, s.successor, s.kind, s.effective, s.note);
}

/**
 * Keeps the spans in step with POST /api/units (a correction of the unit as it is now): a new
 * unit gets its first spans, an existing one has its newest parent and name span corrected.
 */
export function upsertSpanStatements(
  db: D1Database,
  u: { code: string; name: string; parent: string | null; valid_from: string | null },
): D1PreparedStatement[] {
  const from = u.valid_from ?? EARLY_DAY;
  const last = (table: string) => `(SELECT max(valid_from) FROM ${table} WHERE unit = ?)`;
  return [
    db
      .prepare(
        "INSERT INTO unit_parents (unit, parent, valid_from) SELECT ?, ?, ? " +
          "WHERE NOT EXISTS (SELECT 1 FROM unit_parents WHERE unit = ?)",
      )
      .bind(u.code, u.parent, from, u.code),
    db
      .prepare(`UPDATE unit_parents SET parent = ? WHERE unit = ? AND valid_from = ${last("unit_parents")}`)
      .bind(u.parent, u.code, u.code),
    db
      .prepare(
        "INSERT INTO unit_names (unit, name, valid_from) SELECT ?, ?, ? " +
          "WHERE NOT EXISTS (SELECT 1 FROM unit_names WHERE unit = ?)",
      )
      .bind(u.code, u.name, from, u.code),
    db
      .prepare(`UPDATE unit_names SET name = ? WHERE unit = ? AND valid_from = ${last("unit_names")}`)
      .bind(u.name, u.code, u.code),
  ];
}

export interface LateReportRow {
  id: string;
  unit: string;
  template: string;
  kind: string;
  until: string;
  reason: string;
  createdAt: string;
  createdBy: string;
}

const ADD_LATE = `INSERT INTO unit_late_reports (id, unit, template_id, kind, until, reason, created_at, created_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

export function lateReportStatement(db: D1Database, r: LateReportRow): D1PreparedStatement {
  return db.prepare(ADD_LATE).bind(r.id, r.unit, r.template, r.kind, r.until, r.reason, r.createdAt, r.createdBy);
}

/** A unit's life and the furthest day an administrator allowed it to report a template's kind outside it. */
export interface UnitLife {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** The latest `until` of the exceptions for this template and kind; null: none. */
  allowedUntil: string | null;
}

const LIFE = `SELECT code, name, valid_from AS validFrom, valid_to AS validTo,
  (SELECT max(until) FROM unit_late_reports WHERE unit = ?1 AND template_id = ?2 AND kind = ?3) AS allowedUntil
  FROM units WHERE code = ?1`;

/** The unit's life, as a statement for readForSubmission's batch (read it with unitLifeOf). */
export function unitLifeStatement(db: D1Database, unit: string, template: string, kind: string): D1PreparedStatement {
  return db.prepare(LIFE).bind(unit, template, kind);
}

export function unitLifeOf(result: D1Result): UnitLife | null {
  return (result.results[0] as UnitLife | undefined) ?? null;
}
