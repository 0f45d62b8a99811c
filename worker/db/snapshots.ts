// Snapshots: one row per accepted submission, never updated or deleted. The version is
// computed inside the INSERT, which SQLite runs atomically, so racing posts still get
// distinct consecutive versions; a stale baseVersion inserts nothing.
import type { Principal } from "../auth/principal";

export interface SnapshotMeta {
  id: string;
  template: string;
  templateVersion: number;
  unit: string;
  kind: string;
  version: number;
  sha256: string;
  source: string;
  fileKey: string | null;
  fileName: string | null;
  warnings: number;
  createdAt: string;
  createdBy: string;
  status: "submitted" | "approved" | "returned";
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
  source: "addin" | "upload" | "api";
  fileKey: string | null;
  fileName: string | null;
  warnings: string;
  createdAt: string;
  idempotencyKey: string | null;
  baseVersion: number | null;
}

const INSERT = `INSERT INTO snapshots (id, template_id, template_version, unit, kind, version, canonical, sha256,
    source, file_key, file_name, warnings, created_at, created_by, idempotency_key)
  SELECT ?1, ?2, ?3, ?4, ?5, COALESCE(MAX(version), 0) + 1, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14
  FROM snapshots WHERE template_id = ?2 AND unit = ?4 AND kind = ?5
  HAVING ?15 IS NULL OR COALESCE(MAX(version), 0) = ?15
  RETURNING version`;

export function insertSnapshotStatement(db: D1Database, s: NewSnapshot, by: Principal) {
  return db
    .prepare(INSERT)
    .bind(s.id, s.template, s.templateVersion, s.unit, s.kind, s.canonical, s.sha256, s.source, s.fileKey, s.fileName, s.warnings, s.createdAt, by.id, s.idempotencyKey, s.baseVersion);
}

const LATEST_REVIEW = (asOf: string) =>
  `(SELECT r.decision || char(31) || r.created_at || char(31) || r.comment FROM reviews r WHERE r.snapshot_id = s.id${asOf} ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)`;

const META_COLUMNS = `s.id, s.template_id AS template, s.template_version AS templateVersion, s.unit, s.kind, s.version,
  s.sha256, s.source, s.file_key AS fileKey, s.file_name AS fileName, json_array_length(s.warnings) AS warnings,
  s.created_at AS createdAt, s.created_by AS createdBy, ${LATEST_REVIEW("")} AS review`;

type Row = Omit<SnapshotMeta, "status" | "reviewComment" | "reviewedAt"> & { review: string | null };

function toMeta(row: Row): SnapshotMeta {
  const [decision, at, comment] = row.review?.split("\u001f") ?? [];
  const { review: _, ...rest } = row;
  return { ...rest, status: (decision as SnapshotMeta["status"]) ?? "submitted", reviewedAt: at ?? null, reviewComment: comment ?? null };
}

export async function getSnapshot(db: D1Database, id: string): Promise<(SnapshotMeta & { canonical: string; warningList: string }) | null> {
  const row = await db
    .prepare(`SELECT ${META_COLUMNS}, s.canonical, s.warnings AS warningList FROM snapshots s WHERE s.id = ?`)
    .bind(id)
    .first<Row & { canonical: string; warningList: string }>();
  return row ? { ...toMeta(row), canonical: row.canonical, warningList: row.warningList } : null;
}

export async function findByIdempotencyKey(db: D1Database, by: Principal, key: string): Promise<SnapshotMeta | null> {
  const row = await db.prepare(`SELECT ${META_COLUMNS} FROM snapshots s WHERE s.created_by = ? AND s.idempotency_key = ?`).bind(by.id, key).first<Row>();
  return row ? toMeta(row) : null;
}

export async function latestOfReport(db: D1Database, template: string, unit: string, kind: string): Promise<(SnapshotMeta & { canonical: string }) | null> {
  const row = await db
    .prepare(`SELECT ${META_COLUMNS}, s.canonical FROM snapshots s WHERE s.template_id = ? AND s.unit = ? AND s.kind = ? ORDER BY s.version DESC LIMIT 1`)
    .bind(template, unit, kind)
    .first<Row & { canonical: string }>();
  return row ? { ...toMeta(row), canonical: row.canonical } : null;
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
  for (const [col, v] of [["s.template_id", f.template], ["s.unit", f.unit], ["s.kind", f.kind]] as const) {
    if (v !== undefined) {
      where.push(`${col} = ?`);
      args.push(v);
    }
  }
  // The status is the latest review's decision, so it is filtered before LIMIT, not after.
  const status = f.status ? `WHERE COALESCE(substr(review, 1, instr(review, char(31)) - 1), 'submitted') = ?` : "";
  if (f.status) args.push(f.status);
  const sql = `SELECT * FROM (SELECT ${META_COLUMNS} FROM snapshots s ${where.length ? "WHERE " + where.join(" AND ") : ""}) ${status}
    ORDER BY createdAt DESC, version DESC LIMIT ?`;
  return (await db.prepare(sql).bind(...args, f.limit).all<Row>()).results.map(toMeta);
}

export interface Included {
  id: string;
  unit: string;
  version: number;
  sha256: string;
  canonical: string;
}

/**
 * Per unit, the snapshot consolidation uses as of `asOf`: the newest version (basis
 * latest), or the newest whose latest review by then approved it (basis approved).
 */
export async function snapshotsAsOf(db: D1Database, template: string, kind: string, basis: "latest" | "approved", asOf: string): Promise<Included[]> {
  const sql = `WITH st AS (
      SELECT s.id, s.unit, s.version, s.sha256, s.canonical,
        (SELECT r.decision FROM reviews r WHERE r.snapshot_id = s.id AND r.created_at <= ?3
          ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1) AS decision
      FROM snapshots s WHERE s.template_id = ?1 AND s.kind = ?2 AND s.created_at <= ?3),
    eligible AS (SELECT * FROM st WHERE ?4 = 'latest' OR decision = 'approved')
    SELECT id, unit, version, sha256, canonical FROM eligible e
    WHERE version = (SELECT MAX(version) FROM eligible e2 WHERE e2.unit = e.unit)
    ORDER BY unit`;
  return (await db.prepare(sql).bind(template, kind, asOf, basis).all<Included>()).results;
}
