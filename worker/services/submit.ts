// Accepting a submission: authorise, validate with the domain (the server is the authority),
// respect locks and the base version, then store the snapshot, its audit row and (for
// uploads) the original file. Nothing is stored unless everything is accepted.
import {
  canonicalJson, type Evaluation, type FigureTree, getTemplate, type Grid, issue, type Template, toFigureTree, toReport,
  validateJsonAppendices, validateWorkbook,
} from "../../domain";
import type { Principal } from "../auth/principal";
import { canActForUnit } from "../auth/principal";
import { sha256Hex } from "../auth/tokens";
import { auditStatement } from "../db/audit";
import { type LockRow, locksStatement } from "../db/locks";
import { findByIdempotencyKey, insertSnapshotStatement, latestOfReport, type SnapshotMeta } from "../db/snapshots";
import { catalogueError } from "../errors";
import { newest } from "./templates";
import { storedTemplateStatement } from "../db/templates";

export interface SubmitRequest {
  template: string;
  unit: string;
  kind: string;
  baseVersion?: number;
  source: "addin" | "upload" | "api";
  /** JSON appendices, or the grids of an uploaded workbook. */
  appendices?: unknown;
  grids?: Grid[];
  file?: { bytes: Uint8Array; name: string | null };
  idempotencyKey: string | null;
  dryRun: boolean;
}

export type SubmitOutcome =
  | { status: 422; body: ReturnType<typeof toReport> }
  | { status: 200; body: { valid: true; errors: []; warnings: unknown[]; sha256: string; dryRun: true } }
  | { status: 201; body: Receipt; replayed: boolean };

export interface Receipt extends Omit<SnapshotMeta, "reviewComment" | "reviewedAt" | "fileKey" | "createdBy"> {
  valid: true;
  warningList: unknown[];
}

function receipt(meta: SnapshotMeta, warnings: unknown[]): Receipt {
  const { reviewComment: _c, reviewedAt: _r, fileKey: _f, createdBy: _b, ...rest } = meta;
  return { valid: true, ...rest, warningList: warnings };
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

/** What a submission needs from D1 before validating, read in one round trip. */
async function context(db: D1Database, req: SubmitRequest) {
  const [stored, unit, locks] = await db.batch([
    storedTemplateStatement(db, req.template),
    db.prepare("SELECT code FROM units WHERE code = ?").bind(req.unit),
    locksStatement(db, req.template, req.kind),
  ]);
  const definition = (stored.results[0] as { definition: string } | undefined)?.definition;
  return {
    template: newest(getTemplate(req.template), definition ? (JSON.parse(definition) as Template) : null),
    unitExists: unit.results.length > 0,
    locks: locks.results as LockRow[],
  };
}

export async function submit(env: { DB: D1Database; FILES: R2Bucket }, who: Principal, req: SubmitRequest): Promise<SubmitOutcome> {
  const db = env.DB;
  const { template, unitExists, locks } = await context(db, req);
  if (!template) return reject("TEMPLATE_UNKNOWN", { template: req.template });
  if (!unitExists) return reject("UNIT_UNKNOWN", { unit: req.unit });
  if (!canActForUnit(who, req.unit)) {
    throw catalogueError(403, "UNIT_FORBIDDEN", { unit: req.unit });
  }
  if (req.idempotencyKey && !req.dryRun) {
    const first = await findByIdempotencyKey(db, who, req.idempotencyKey);
    if (first) return { status: 201, body: receipt(first, []), replayed: true };
  }

  const evaluation: Evaluation = req.grids ? validateWorkbook(template, req.grids) : validateJsonAppendices(template, req.appendices);
  if (!evaluation.report.valid) return { status: 422, body: evaluation.report };
  const tree = toFigureTree(template, evaluation.figures);
  const canonical = canonicalJson({ template: template.id, templateVersion: template.version, unit: req.unit, kind: req.kind, appendices: tree });
  const sha256 = await sha256Hex(canonical);
  const warnings = evaluation.report.warnings;
  if (req.dryRun) return { status: 200, body: { valid: true, errors: [], warnings, sha256, dryRun: true } };

  await checkLocks(db, locks, template, req, tree);
  let fileKey: string | null = null;
  if (req.file) {
    // The file goes first: if D1 then fails, an unreferenced content-addressed object is
    // harmless, while a snapshot pointing at a missing file is not.
    fileKey = `uploads/${await sha256Hex(req.file.bytes)}.xlsx`;
    if (!(await env.FILES.head(fileKey))) await env.FILES.put(fileKey, req.file.bytes, { httpMetadata: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
  }

  const id = crypto.randomUUID();
  const createdAt = new Date().toISOString();
  const row = {
    id, template: template.id, templateVersion: template.version, unit: req.unit, kind: req.kind, canonical, sha256,
    source: req.source, fileKey, fileName: req.file?.name ?? null, warnings: JSON.stringify(warnings), createdAt,
    idempotencyKey: req.idempotencyKey, baseVersion: req.baseVersion ?? null,
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
      return { status: 201, replayed: false, body: receipt(meta, warnings) };
    } catch (err) {
      if (!/UNIQUE/i.test(String(err))) throw err;
      // A racing retry with the same Idempotency-Key won: answer with its snapshot.
      const first = req.idempotencyKey ? await findByIdempotencyKey(db, who, req.idempotencyKey) : null;
      if (first) return { status: 201, body: receipt(first, []), replayed: true };
      if (attempt >= 3) throw err;
    }
  }
}

async function staleBase(db: D1Database, template: string, req: SubmitRequest): Promise<never> {
  const latest = await latestOfReport(db, template, req.unit, req.kind);
  const current = latest?.version ?? 0;
  throw catalogueError(409, "STALE_BASE_VERSION", { current, base: req.baseVersion ?? 0 }, { currentVersion: current, baseVersion: req.baseVersion });
}
