// Accepting a submission: authorise, validate with the domain (the server is the authority),
// respect locks and the base version, then store the snapshot, its audit row and (for
// uploads) the original file. Nothing is stored unless everything is accepted.
import {
  canonicalJson, type Evaluation, type FigureTree, getTemplate, type Grid, issue, type Template, toFigureTree, toReport,
  type ValidationReport, validateJsonAppendices, validateWorkbook,
} from "../../domain";
import type { Principal } from "../auth/principal";
import { canActForUnit } from "../auth/principal";
import { sha256Hex } from "../auth/tokens";
import { auditStatement } from "../db/audit";
import { type LockRow, locksStatement } from "../db/locks";
import { findByIdempotencyKey, idempotencyStatement, insertSnapshotStatement, keyedSnapshotOf, latestOfReport, type SnapshotMeta } from "../db/snapshots";
import { usageOf, usageStatement } from "../db/quota";
import { ApiError, catalogueError } from "../errors";
import { newest } from "./templates";
import { storedTemplateStatement } from "../db/templates";
import { enforceQuota } from "../quota";
import { SPREADSHEET_TYPES, type SpreadsheetExtension } from "./export";

export interface SubmitRequest {
  template: string;
  unit: string;
  kind: string;
  baseVersion?: number;
  source: "addin" | "upload" | "api";
  /** JSON appendices, or the grids of an uploaded workbook. */
  appendices?: unknown;
  grids?: Grid[];
  /** The uploaded file and the format its bytes are in (kept under that extension). */
  file?: { bytes: Uint8Array; name: string | null; format?: SpreadsheetExtension };
  idempotencyKey: string | null;
  dryRun: boolean;
}

export type SubmitOutcome =
  | { status: 422; body: ReturnType<typeof toReport> }
  | { status: 200; body: { valid: true; errors: []; warnings: unknown[]; sha256: string; dryRun: true; truncated?: ValidationReport["truncated"] } }
  | { status: 201; body: Receipt; replayed: boolean };

export interface Receipt extends Omit<SnapshotMeta, "reviewComment" | "reviewedAt" | "fileKey" | "createdBy"> {
  valid: true;
  warningList: unknown[];
  /** Present when warnings beyond the report's limits were left out of warningList. */
  truncated?: ValidationReport["truncated"];
}

function receipt(meta: SnapshotMeta, warnings: unknown[]): Receipt {
  const { reviewComment: _c, reviewedAt: _r, fileKey: _f, createdBy: _b, ...rest } = meta;
  return { valid: true, ...rest, warningList: warnings };
}

/**
 * Sorted-key JSON of what was submitted, or null when it has more keys than `budget` or more
 * depth than a canonical body: such a body was never a valid (stored) request, and a hostile
 * one costs no more than a legitimate one to compare.
 */
function boundedCanonical(value: unknown, budget: number): string | null {
  let left = budget;
  const walk = (v: unknown, depth: number): string | null => {
    if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
    const keys = Array.isArray(v) ? null : Object.keys(v).sort();
    if (depth > 6 || (left -= keys ? keys.length : (v as unknown[]).length) < 0) return null;
    const parts: string[] = [];
    for (const k of keys ?? (v as unknown[]).keys()) {
      const inner = walk((v as Record<string | number, unknown>)[k], depth + 1);
      if (inner === null) return null;
      parts.push(keys ? `${JSON.stringify(k)}:${inner}` : inner);
    }
    return keys ? `{${parts.join(",")}}` : `[${parts.join(",")}]`;
  };
  return walk(value, 0);
}

/** Keys a valid JSON body can hold (appendix, item, measure, period ids), with a wide margin. */
function keyBudget(t: Template): number {
  const perItem = 1 + t.measures.length * (1 + t.periods.length);
  return 2 * t.appendices.reduce((n, a) => n + 1 + (a.items.length + 1) * perItem, 0) + 1024;
}

/**
 * What an Idempotency-Key is bound to: the request as submitted. JSON: template, unit, kind,
 * baseVersion and the appendices as given (sorted keys, so key order does not matter); upload:
 * the same fields and the file's SHA-256 (not its name). Null: too big to be a valid request.
 */
async function requestHash(req: SubmitRequest, template: Template): Promise<string | null> {
  const fields = canonicalJson({ template: req.template, unit: req.unit, kind: req.kind, baseVersion: req.baseVersion ?? null });
  if (req.file) return sha256Hex(`file ${fields} ${await sha256Hex(req.file.bytes)}`);
  const body = req.grids ? canonicalJson(req.grids) : boundedCanonical(req.appendices ?? null, keyBudget(template));
  return body === null ? null : sha256Hex(`${req.grids ? "grids" : "json"} ${fields} ${body}`);
}

/** The first receipt for a retry of the same request; 409 IDEMPOTENCY_KEY_REUSED for a different one. */
function replayOf(first: SnapshotMeta & { requestSha256?: string | null }, same: boolean): SubmitOutcome {
  if (!same) {
    throw new ApiError(409, "IDEMPOTENCY_KEY_REUSED",
      `Lần nộp này mang mã chống gửi trùng (Idempotency-Key) của một lần nộp trước có nội dung khác (phiên bản ${first.version}), nên nội dung mới chưa được lưu. Nếu nộp từ trang web, hãy tải lại trang rồi nộp lại; nếu nộp qua API, hãy dùng một khóa mới cho nội dung mới, hoặc gửi lại đúng nội dung đã nộp.`,
      { snapshot: first.id, version: first.version });
  }
  const { requestSha256: _h, ...meta } = first;
  return { status: 201, body: receipt(meta, []), replayed: true };
}

function reject(code: Parameters<typeof issue>[0], params: Record<string, string>): SubmitOutcome {
  return { status: 422, body: toReport([issue(code, {}, params)]) };
}

/** Cells of a locked period that differ between two canonical trees. */
function changesIn(period: string, before: FigureTree | undefined, after: FigureTree): boolean {
  const keys = new Set<string>();
  const collect = (tree: FigureTree | undefined) => {
    for (const [a, items] of Object.entries(tree ?? {}))
      for (const [i, ms] of Object.entries(items)) for (const m of Object.keys(ms)) keys.add(`${a}|${i}|${m}`);
  };
  collect(before);
  collect(after);
  for (const key of keys) {
    const [a, i, m] = key.split("|");
    if (String(before?.[a]?.[i]?.[m]?.[period] ?? "") !== String(after[a]?.[i]?.[m]?.[period] ?? "")) return true;
  }
  return false;
}

async function checkLocks(db: D1Database, locks: LockRow[], template: Template, req: SubmitRequest, tree: FigureTree) {
  if (!locks.length) return;
  const latest = await latestOfReport(db, template.id, req.unit, req.kind);
  const before = latest ? (JSON.parse(latest.canonical).appendices as FigureTree) : undefined;
  for (const lock of locks) {
    if (changesIn(lock.period, before, tree)) {
      throw catalogueError(423, "PERIOD_LOCKED", { period: lock.period });
    }
  }
}

/**
 * What a submission needs from D1 before validating, read in one round trip: the template, the
 * unit, the locks, and (when it would store) the unit's usage for the quota and the snapshot an
 * Idempotency-Key already stored.
 */
async function context(db: D1Database, who: Principal, req: SubmitRequest) {
  const storing = !req.dryRun;
  const keyed = storing && req.idempotencyKey ? idempotencyStatement(db, who, req.idempotencyKey) : null;
  const results = await db.batch([
    storedTemplateStatement(db, req.template),
    db.prepare("SELECT code FROM units WHERE code = ?").bind(req.unit),
    locksStatement(db, req.template, req.kind),
    ...(storing ? [usageStatement(db, req.template, req.unit)] : []),
    ...(keyed ? [keyed] : []),
  ]);
  const [stored, unit, locks] = results;
  const definition = (stored.results[0] as { definition: string } | undefined)?.definition;
  return {
    template: newest(getTemplate(req.template), definition ? (JSON.parse(definition) as Template) : null),
    unitExists: unit.results.length > 0,
    locks: locks.results as LockRow[],
    usage: storing ? usageOf(results[3]) : null,
    first: keyed ? keyedSnapshotOf(results[4]) : null,
  };
}

export async function submit(env: { DB: D1Database; FILES: R2Bucket }, who: Principal, req: SubmitRequest): Promise<SubmitOutcome> {
  const db = env.DB;
  const { template, unitExists, locks, usage, first } = await context(db, who, req);
  if (!template) return reject("TEMPLATE_UNKNOWN", { template: req.template });
  if (!unitExists) return reject("UNIT_UNKNOWN", { unit: req.unit });
  if (!canActForUnit(who, req.unit)) {
    throw catalogueError(403, "UNIT_FORBIDDEN", { unit: req.unit });
  }
  let legacyFirst: SnapshotMeta | null = null;
  if (first) {
    // A key stored before migration 0004 has no request hash: that retry is compared on its figures below.
    if (first.requestSha256 === null) legacyFirst = first;
    else return replayOf(first, first.requestSha256 === (await requestHash(req, template)));
  }

  const evaluation: Evaluation = req.grids ? validateWorkbook(template, req.grids) : validateJsonAppendices(template, req.appendices);
  if (!evaluation.report.valid) return { status: 422, body: evaluation.report };
  const tree = toFigureTree(template, evaluation.figures);
  const canonical = canonicalJson({ template: template.id, templateVersion: template.version, unit: req.unit, kind: req.kind, appendices: tree });
  const sha256 = await sha256Hex(canonical);
  if (legacyFirst) return replayOf(legacyFirst, legacyFirst.sha256 === sha256);
  const warnings = evaluation.report.warnings;
  const truncated = evaluation.report.truncated ? { truncated: evaluation.report.truncated } : {};
  if (req.dryRun) return { status: 200, body: { valid: true, errors: [], warnings, sha256, dryRun: true, ...truncated } };

  await checkLocks(db, locks, template, req, tree);
  if (usage) enforceQuota(env, req, usage);
  const requestSha256 = req.idempotencyKey ? await requestHash(req, template) : null;
  let fileKey: string | null = null;
  if (req.file) {
    // The file goes first: if D1 then fails, an unreferenced content-addressed object is
    // harmless, while a snapshot pointing at a missing file is not.
    const extension = req.file.format ?? "xlsx";
    fileKey = `uploads/${await sha256Hex(req.file.bytes)}.${extension}`;
    if (!(await env.FILES.head(fileKey))) await env.FILES.put(fileKey, req.file.bytes, { httpMetadata: { contentType: SPREADSHEET_TYPES[extension] } });
  }

  const id = crypto.randomUUID();
  const createdAt = new Date().toISOString();
  const row = {
    id, template: template.id, templateVersion: template.version, unit: req.unit, kind: req.kind, canonical, sha256,
    source: req.source, fileKey, fileName: req.file?.name ?? null, warnings: JSON.stringify(warnings), createdAt,
    idempotencyKey: req.idempotencyKey, requestSha256, baseVersion: req.baseVersion ?? null,
  };
  // The version is computed inside the INSERT; the UNIQUE constraint is the backstop, so a
  // collision (which SQLite's serial writes should never produce) is simply retried.
  for (let attempt = 1; ; attempt++) {
    try {
      const [inserted] = await db.batch([
        insertSnapshotStatement(db, row, who),
        auditStatement(db, who, "snapshot.create", id, { unit: req.unit, kind: req.kind, template: template.id, sha256 }, createdAt, id),
      ]);
      const version = (inserted.results[0] as { version: number } | undefined)?.version;
      if (version === undefined) return staleBase(db, template.id, req);
      const meta: SnapshotMeta = {
        id, template: row.template, templateVersion: row.templateVersion, unit: row.unit, kind: row.kind, version, sha256, source: row.source,
        fileKey, fileName: row.fileName, warnings: warnings.length, createdAt, createdBy: who.id, status: "submitted", reviewComment: null, reviewedAt: null,
      };
      return { status: 201, replayed: false, body: { ...receipt(meta, warnings), ...truncated } };
    } catch (err) {
      if (!/UNIQUE/i.test(String(err))) throw err;
      // A racing retry with the same Idempotency-Key won: answer with its snapshot.
      const first = req.idempotencyKey ? await findByIdempotencyKey(db, who, req.idempotencyKey) : null;
      if (first) return replayOf(first, first.requestSha256 === requestSha256);
      if (attempt >= 3) throw err;
    }
  }
}

async function staleBase(db: D1Database, template: string, req: SubmitRequest): Promise<never> {
  const latest = await latestOfReport(db, template, req.unit, req.kind);
  const current = latest?.version ?? 0;
  throw catalogueError(409, "STALE_BASE_VERSION", { current, base: req.baseVersion ?? 0 }, { currentVersion: current, baseVersion: req.baseVersion });
}
