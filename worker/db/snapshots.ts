// Snapshots: one row per accepted submission, never updated or deleted. The version is
// computed inside the INSERT, which SQLite runs atomically, so racing posts still get
// distinct consecutive versions; a stale baseVersion inserts nothing.
import type { Basis, ReviewStatus, Source } from "../../domain";
import type { Principal } from "../auth/principal";
import { auditStatement } from "./audit";
import { CHOSEN_CTE, NEWEST_STATES, PASSED_OVER_SELECT } from "./latest";
import { parseReview } from "./stored";

export interface SnapshotMeta {
  id: string;
  template: string;
  templateVersion: number;
  unit: string;
  kind: string;
  version: number;
  sha256: string;
  source: Source;
  fileKey: string | null;
  fileName: string | null;
  warnings: number;
  createdAt: string;
  createdBy: string;
  status: ReviewStatus;
  reviewComment: string | null;
  reviewedAt: string | null;
}

export interface NewSnapshot {
  id: string;
  template: string;
  templateVersion: number;
  unit: string;
  kind: string;
  canonical: string;
  sha256: string;
  source: Source;
  fileKey: string | null;
  fileName: string | null;
  warnings: string;
  createdAt: string;
  idempotencyKey: string | null;
  /** SHA-256 of the request as submitted, which the Idempotency-Key is bound to. */
  requestSha256: string | null;
  baseVersion: number | null;
  /** Store even when the figures are those of the report's latest version (decision 0019). */
  newVersion: boolean;
  /**
   * The figures packed in the layout of `templateVersion` (JSON of packTree, decision 0022); absent:
   * consolidation reads `canonical` instead.
   */
  packed?: string | null;
}

// The latest review of a snapshot `l`, as of now: its decision, or NULL when it has none.
const DECISION_OF_L = `(SELECT r.decision FROM reviews r WHERE r.snapshot_id = l.id
  ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)`;

/**
 * created_at is never earlier than the report's previous version's (a racing post whose clock read
 * came first takes that time), so within a report created_at follows version and a past asOf is
 * answered by one walk back over snapshots_report_time (decision 0022).
 *
 * Inserts nothing when baseVersion (?15) is stale, or (unless ?17 asks for a new version) when the
 * report's latest version has the same canonical SHA-256 (?7) and was not returned: an identical
 * resubmission racing another cannot slip in between the check and the write (decision 0019).
 */
const INSERT = `INSERT INTO snapshots (id, template_id, template_version, unit, kind, version, canonical, sha256,
    source, file_key, file_name, warnings, created_at, created_by, idempotency_key, request_sha256, packed)
  SELECT ?1, ?2, ?3, ?4, ?5, COALESCE(MAX(version), 0) + 1, ?6, ?7, ?8, ?9, ?10, ?11,
    MAX(?12, COALESCE(MAX(created_at), ?12)), ?13, ?14, ?16, ?18
  FROM snapshots WHERE template_id = ?2 AND unit = ?4 AND kind = ?5
  HAVING (?15 IS NULL OR COALESCE(MAX(version), 0) = ?15)
    AND (?17 = 1 OR NOT EXISTS (SELECT 1 FROM (SELECT l.sha256, ${DECISION_OF_L} AS decision FROM snapshots l
      WHERE l.template_id = ?2 AND l.unit = ?4 AND l.kind = ?5 ORDER BY l.version DESC LIMIT 1)
      WHERE sha256 = ?7 AND decision IS NOT 'returned'))
  RETURNING version`;

function insertSnapshotStatement(db: D1Database, s: NewSnapshot, by: Principal) {
  return db
    .prepare(INSERT)
    .bind(
      s.id,
      s.template,
      s.templateVersion,
      s.unit,
      s.kind,
      s.canonical,
      s.sha256,
      s.source,
      s.fileKey,
      s.fileName,
      s.warnings,
      s.createdAt,
      by.id,
      s.idempotencyKey,
      s.baseVersion,
      s.requestSha256,
      s.newVersion ? 1 : 0,
      s.packed ?? null,
    );
}

/**
 * Stores a snapshot and its audit row in one batch (all or nothing). Answers the version the
 * INSERT numbered it with, or null when it inserted nothing: a stale baseVersion, or figures
 * identical to the latest version (then the audit row, written only if the snapshot was, is not
 * written either).
 */
export async function storeSnapshot(
  db: D1Database,
  s: NewSnapshot,
  by: Principal,
  audit: Record<string, unknown>,
): Promise<number | null> {
  const [inserted] = await db.batch([
    insertSnapshotStatement(db, s, by),
    auditStatement(db, by, "snapshot.create", s.id, audit, s.createdAt, s.id),
  ]);
  return (inserted.results[0] as { version: number } | undefined)?.version ?? null;
}

// The latest review as one JSON object: comments are free text (any character, U+001F
// included), so no separator could be safe; json_object escapes and JSON.parse restores.
const LATEST_REVIEW = `(SELECT json_object('decision', r.decision, 'at', r.created_at, 'comment', r.comment) FROM reviews r
  WHERE r.snapshot_id = s.id ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)`;

const META_COLUMNS = `s.id, s.template_id AS template, s.template_version AS templateVersion, s.unit, s.kind, s.version,
  s.sha256, s.source, s.file_key AS fileKey, s.file_name AS fileName, json_array_length(s.warnings) AS warnings,
  s.created_at AS createdAt, s.created_by AS createdBy, ${LATEST_REVIEW} AS review`;

type Row = Omit<SnapshotMeta, "status" | "reviewComment" | "reviewedAt"> & { review: string | null };

function toMeta(row: Row): SnapshotMeta {
  const review = row.review ? parseReview(row.review) : null;
  const { review: _, ...rest } = row;
  return {
    ...rest,
    status: review?.decision ?? "submitted",
    reviewedAt: review?.at ?? null,
    reviewComment: review?.comment ?? null,
  };
}

export async function getSnapshot(
  db: D1Database,
  id: string,
): Promise<(SnapshotMeta & { canonical: string; warningList: string }) | null> {
  const row = await db
    .prepare(`SELECT ${META_COLUMNS}, s.canonical, s.warnings AS warningList FROM snapshots s WHERE s.id = ?`)
    .bind(id)
    .first<Row & { canonical: string; warningList: string }>();
  return row ? { ...toMeta(row), canonical: row.canonical, warningList: row.warningList } : null;
}

/**
 * The snapshot a token stored under an Idempotency-Key, with the request hash the key is bound to (null: legacy row).
 */
export type KeyedSnapshot = SnapshotMeta & { requestSha256: string | null };

/** The snapshot an Idempotency-Key of this principal stored, as a statement for a batch. */
/** A value as SQL: an expression and its parameters (a principal's id while its sign-in is read alongside). */
export interface SqlValue {
  sql: string;
  args: unknown[];
}

export function idempotencyStatement(db: D1Database, by: Principal | SqlValue, key: string): D1PreparedStatement {
  const who: SqlValue = "sql" in by ? by : { sql: "?", args: [by.id] };
  return db
    .prepare(
      `SELECT ${META_COLUMNS}, s.request_sha256 AS requestSha256 FROM snapshots s WHERE s.created_by = ${who.sql} AND s.idempotency_key = ?`,
    )
    .bind(...who.args, key);
}

export function keyedSnapshotOf(result: D1Result): KeyedSnapshot | null {
  const row = result.results[0] as (Row & { requestSha256: string | null }) | undefined;
  return row ? { ...toMeta(row), requestSha256: row.requestSha256 } : null;
}

export async function findByIdempotencyKey(db: D1Database, by: Principal, key: string): Promise<KeyedSnapshot | null> {
  return keyedSnapshotOf(await idempotencyStatement(db, by, key).all());
}

/** A report's newest version with its stored warnings (the receipt an identical resubmission answers). */
export type LatestSnapshot = SnapshotMeta & { warningList: string };

/** The newest version of a report (template, unit, kind), as a statement for a batch (read it with latestOf). */
export function latestStatement(db: D1Database, template: string, unit: string, kind: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${META_COLUMNS}, s.warnings AS warningList FROM snapshots s
        WHERE s.template_id = ? AND s.unit = ? AND s.kind = ? ORDER BY s.version DESC LIMIT 1`,
    )
    .bind(template, unit, kind);
}

export function latestOf(result: D1Result): LatestSnapshot | null {
  const row = result.results[0] as (Row & { warningList: string }) | undefined;
  return row ? { ...toMeta(row), warningList: row.warningList } : null;
}

export async function latestOfReport(
  db: D1Database,
  template: string,
  unit: string,
  kind: string,
): Promise<(SnapshotMeta & { canonical: string }) | null> {
  const row = await db
    .prepare(
      `SELECT ${META_COLUMNS}, s.canonical FROM snapshots s WHERE s.template_id = ? AND s.unit = ? AND s.kind = ? ORDER BY s.version DESC LIMIT 1`,
    )
    .bind(template, unit, kind)
    .first<Row & { canonical: string }>();
  return row ? { ...toMeta(row), canonical: row.canonical } : null;
}

/**
 * The review queue: the newest version of every report (template, unit, kind) of a template
 * that has no review yet, oldest first. Bounded by the number of reports, not by history: one
 * unit's thousand versions are one row here and hide nobody else's.
 */
export async function waitingReports(db: D1Database, template: string): Promise<SnapshotMeta[]> {
  const sql = `WITH latest AS (
      SELECT template_id, kind, unit, MAX(version) AS version FROM snapshots WHERE template_id = ?1 GROUP BY kind, unit)
    SELECT ${META_COLUMNS} FROM latest l
    JOIN snapshots s ON s.template_id = l.template_id AND s.unit = l.unit AND s.kind = l.kind AND s.version = l.version
    WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE r.snapshot_id = s.id)
    ORDER BY s.created_at, s.unit, s.kind`;
  return (await db.prepare(sql).bind(template).all<Row>()).results.map(toMeta);
}

/**
 * The snapshots of a template most recently decided, newest decision first, each once (with
 * its latest review). Reviews are read newest first through reviews_created (CROSS JOIN keeps
 * that order), so the cost follows the reviews read, not the snapshots stored.
 */
export async function recentlyReviewed(db: D1Database, template: string, limit: number): Promise<SnapshotMeta[]> {
  const sql = `SELECT ${META_COLUMNS} FROM reviews r0 CROSS JOIN snapshots s ON s.id = r0.snapshot_id
    WHERE s.template_id = ?1 AND NOT EXISTS (SELECT 1 FROM reviews r2 WHERE r2.snapshot_id = r0.snapshot_id
      AND (r2.created_at > r0.created_at OR (r2.created_at = r0.created_at AND r2.rowid > r0.rowid)))
    ORDER BY r0.created_at DESC, r0.rowid DESC LIMIT ?2`;
  return (await db.prepare(sql).bind(template, limit).all<Row>()).results.map(toMeta);
}

/** The version before a snapshot (with its figures) and the newest version number of its report, in one round trip. */
export async function versionNeighbours(
  db: D1Database,
  s: { template: string; unit: string; kind: string; version: number },
): Promise<{ previous: (SnapshotMeta & { canonical: string }) | null; latest: number }> {
  const [prev, last] = await db.batch([
    db
      .prepare(
        `SELECT ${META_COLUMNS}, s.canonical FROM snapshots s WHERE s.template_id = ? AND s.unit = ? AND s.kind = ? AND s.version = ?`,
      )
      .bind(s.template, s.unit, s.kind, s.version - 1),
    db
      .prepare("SELECT MAX(version) AS latest FROM snapshots WHERE template_id = ? AND unit = ? AND kind = ?")
      .bind(s.template, s.unit, s.kind),
  ]);
  const row = prev.results[0] as (Row & { canonical: string }) | undefined;
  return {
    previous: row ? { ...toMeta(row), canonical: row.canonical } : null,
    latest: (last.results[0] as { latest: number | null } | undefined)?.latest ?? s.version,
  };
}

export interface SnapshotFilter {
  template?: string;
  unit?: string;
  kind?: string;
  status?: string;
  limit: number;
}

export async function listSnapshots(db: D1Database, f: SnapshotFilter): Promise<SnapshotMeta[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  for (const [col, v] of [
    ["s.template_id", f.template],
    ["s.unit", f.unit],
    ["s.kind", f.kind],
  ] as const) {
    if (v !== undefined) {
      where.push(`${col} = ?`);
      args.push(v);
    }
  }
  // The status is the latest review's decision, so it is filtered before LIMIT, not after.
  const status = f.status ? `WHERE COALESCE(json_extract(review, '$.decision'), 'submitted') = ?` : "";
  if (f.status) args.push(f.status);
  const sql = `SELECT * FROM (SELECT ${META_COLUMNS} FROM snapshots s ${where.length ? "WHERE " + where.join(" AND ") : ""}) ${status}
    ORDER BY createdAt DESC, version DESC LIMIT ?`;
  return (
    await db
      .prepare(sql)
      .bind(...args, f.limit)
      .all<Row>()
  ).results.map(toMeta);
}

export interface Included {
  id: string;
  unit: string;
  version: number;
  /** The template version the snapshot was validated against. */
  templateVersion: number;
  sha256: string;
  canonical: string;
}

/** An included version as consolidation reads it (worker/db/latest.ts INCLUDED_SELECT). */
export interface IncludedRow extends Omit<Included, "canonical"> {
  /** The canonical JSON, or null when `packed` holds the figures in the layout's version. */
  canonical: string | null;
  /** The figures packed by packTree with the snapshot's own template version (JSON), when stored. */
  packed: string | null;
}

/** A returned version newer than the one consolidation uses for its unit (basis latest; decision 0017). */
export interface PassedOver {
  unit: string;
  version: number;
  snapshot: string;
  /** When it was returned (the review in force at asOf). */
  returnedAt: string;
}

// The choice as of a moment is made per report from report_latest (worker/db/latest.ts): one row
// and at most one probe per report, whatever the history (decision 0022).
const INCLUDED = `WITH ${CHOSEN_CTE} SELECT s.id, s.unit, s.version, s.template_version AS templateVersion, s.sha256,
    s.canonical FROM chosen c JOIN snapshots s ON s.id = c.id ORDER BY s.unit`;
const PASSED_OVER = `WITH ${CHOSEN_CTE} ${PASSED_OVER_SELECT} ORDER BY s.unit, s.version DESC`;

/**
 * Per unit, the snapshot consolidation uses as of `asOf`: the newest version its reviewer had not
 * returned by then (basis latest), or the newest approved by then (basis approved).
 */
export async function snapshotsAsOf(
  db: D1Database,
  template: string,
  kind: string,
  basis: Basis,
  asOf: string,
): Promise<Included[]> {
  const [rows] = await db.batch([db.prepare(INCLUDED).bind(template, kind, asOf, basis)]);
  return rows.results as Included[];
}

/** Per unit, the version snapshotsAsOf would use, without its figures (the status board). */
export async function versionsAsOf(
  db: D1Database,
  template: string,
  kind: string,
  basis: Basis,
  asOf: string,
): Promise<{ unit: string; version: number }[]> {
  const sql = `WITH ${CHOSEN_CTE} SELECT unit, version FROM chosen WHERE id IS NOT NULL ORDER BY unit`;
  const [rows] = await db.batch([db.prepare(sql).bind(template, kind, asOf, basis)]);
  return rows.results as { unit: string; version: number }[];
}

/** What snapshotsAsOf answers and, for basis latest, the returned versions passed over; one round trip. */
export async function chooseAsOf(
  db: D1Database,
  template: string,
  kind: string,
  basis: Basis,
  asOf: string,
): Promise<{ included: Included[]; passedOver: PassedOver[] }> {
  const [included, passedOver] = await db.batch([
    db.prepare(INCLUDED).bind(template, kind, asOf, basis),
    db.prepare(PASSED_OVER).bind(template, kind, asOf, basis),
  ]);
  return { included: included.results as Included[], passedOver: passedOver.results as PassedOver[] };
}

/** One unit's newest version stored by `asOf`, with its review state at that moment (the status board). */
export interface ReportState {
  unit: string;
  id: string;
  version: number;
  createdAt: string;
  status: ReviewStatus;
  reviewedAt: string | null;
  reviewComment: string | null;
}

export async function newestStatesAsOf(
  db: D1Database,
  template: string,
  kind: string,
  asOf: string,
): Promise<ReportState[]> {
  type StateRow = Omit<ReportState, "status" | "reviewedAt" | "reviewComment"> & {
    decision: "approved" | "returned" | null;
    decidedAt: string | null;
    comment: string | null;
  };
  const [rows] = await db.batch([db.prepare(NEWEST_STATES).bind(template, kind, asOf)]);
  return (rows.results as StateRow[]).map(({ decision, decidedAt, comment, ...rest }) => ({
    ...rest,
    status: decision ?? "submitted",
    reviewedAt: decidedAt,
    reviewComment: comment,
  }));
}
