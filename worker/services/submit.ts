// Accepting a submission: authorise, validate with the domain (the server is the authority),
// respect locks and the base version, then store the snapshot, its audit row and (for
// uploads) the original file. Nothing is stored unless everything is accepted. Figures identical
// to the report's latest version (not returned) answer that version instead of storing a copy,
// unless the request asks for a new version (decision 0019).
//
// submit() answers every outcome as a value (SubmitOutcome); only failures of D1 or R2 are
// thrown. The API route and the upload page map the outcomes to their answers.
import {
  type Receipt as ApiReceipt,
  type IdenticalReceipt as ApiIdenticalReceipt,
  type VersionRef,
  canonicalJson,
  canonicalNotes,
  type DryRunAnswer,
  type Evaluation,
  type FigureTree,
  getTemplate,
  type Grid,
  renderMessage,
  issue,
  type Issue,
  type IssueCode,
  kindLabel,
  lookup,
  type Source,
  type Template,
  toFigureTree,
  toReport,
  type ValidationReport,
  validateJsonAppendices,
  validateWorkbook,
  itemIds,
} from "../../domain";
import { canActForUnit, type Principal, principalNow, type SigningIn } from "../auth/principal";
import { sha256Hex } from "../auth/tokens";
import type { LockRow } from "../db/locks";
import {
  findByIdempotencyKey,
  type KeyedSnapshot,
  latestOf,
  type LatestSnapshot,
  latestStatement,
  type SnapshotMeta,
  storeSnapshot,
} from "../db/snapshots";
import { parseSubmission, parseWarnings } from "../db/stored";
import { packTree } from "../../domain/consolidate/sum-trees";
import { readForSubmission } from "../db/submission-reads";
import { type ApiError, catalogueError } from "../errors";
import { quotaRefusal } from "../quota";
import { SPREADSHEET_TYPES, type SpreadsheetExtension } from "./export";
import { kindList, newest } from "./templates";
import { lifeRefusal } from "./units";

export interface SubmitRequest {
  template: string;
  unit: string;
  kind: string;
  baseVersion?: number;
  source: Source;
  /** JSON appendices, or the grids of an uploaded workbook. */
  appendices?: unknown;
  /** JSON notes (appendix → item → text), when the body has any; a workbook's are in its grids. */
  notes?: unknown;
  grids?: Grid[];
  /** The uploaded file and the format its bytes are in (kept under that extension). */
  file?: { bytes: Uint8Array; name: string | null; format?: SpreadsheetExtension };
  idempotencyKey: string | null;
  dryRun: boolean;
  /** Store a new version even when the figures are those of the latest version (`newVersion=true`). */
  newVersion?: boolean;
}

/** What a stored (or replayed) submission answers: the contract's receipt and the snapshot's other facts. */
export interface Receipt
  extends ApiReceipt, Omit<SnapshotMeta, "reviewComment" | "reviewedAt" | "fileKey" | "createdBy"> {
  valid: true;
  /** Present when warnings beyond the report's limits were left out of warningList. */
  truncated?: ValidationReport["truncated"];
  /**
   * On a new version (201) whose figures are those of the version before it: that version. It
   * was returned (an identical resubmission of a returned report is stored), or the request
   * asked for a new version.
   */
  sameAs?: VersionRef;
}

/** 200: the figures are those of the report's latest version, which is answered; nothing was stored. */
export interface IdenticalReceipt extends Receipt, Pick<ApiIdenticalReceipt, "identical" | "notice"> {}

/** The codes a submission is refused with, after it was read and understood. */
export type Refusal =
  | "UNIT_FORBIDDEN"
  | "IDEMPOTENCY_KEY_REUSED"
  | "STALE_BASE_VERSION"
  | "PERIOD_LOCKED"
  | "UNIT_QUOTA_EXCEEDED"
  | "UNIT_CLOSED"
  | "UNIT_NOT_YET_IN_FORCE";

export type SubmitOutcome =
  /** Stored as a new version (201). */
  | { type: "created"; receipt: Receipt }
  /** The figures of the report's latest version, not returned: that version answered, nothing stored (200). */
  | { type: "identical"; receipt: IdenticalReceipt }
  /**
   * A retry of a request already stored under the same Idempotency-Key: its first receipt (201, Idempotent-Replayed).
   */
  | { type: "replayed"; receipt: Receipt }
  /** `dryRun` and valid: checked, nothing stored (200). */
  | { type: "checked"; answer: DryRunAnswer }
  /**
   * The validation report of a submission that cannot be accepted (422): unknown template, unit or kind, or wrong
   * figures.
   */
  | { type: "invalid"; report: ValidationReport }
  /** Refused by the workflow (403, 409, 423, 507): the catalogue error to answer with. */
  | { type: "refused"; code: Refusal; error: ApiError };

function receipt(meta: SnapshotMeta, warnings: Issue[]): Receipt {
  const { reviewComment: _c, reviewedAt: _r, fileKey: _f, createdBy: _b, ...rest } = meta;
  return { valid: true, ...rest, warningList: warnings };
}

/** The latest version answered for identical figures, with its stored warnings and the notice. */
function identical(latest: LatestSnapshot): SubmitOutcome {
  const { warningList, ...meta } = latest;
  const params = { version: latest.version };
  return {
    type: "identical",
    receipt: {
      ...receipt(meta, parseWarnings(warningList)),
      identical: { version: latest.version, status: latest.status },
      notice: { code: "SUBMISSION_IDENTICAL", message: renderMessage("SUBMISSION_IDENTICAL", params), params },
    },
  };
}

/** Whether figures with this SHA-256 are answered by the report's latest version instead of being stored. */
function answeredBy(latest: LatestSnapshot | null, sha256: string, req: SubmitRequest): LatestSnapshot | null {
  const answers =
    !!latest &&
    !req.newVersion &&
    latest.sha256 === sha256 &&
    latest.status !== "returned" &&
    // A stale baseVersion is still refused (409): the client edited an older version.
    (req.baseVersion === undefined || req.baseVersion === latest.version);
  return answers ? latest : null;
}

function refused(error: ApiError<Refusal>): SubmitOutcome {
  return { type: "refused", code: error.code, error };
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
  return 2 * t.appendices.reduce((n, a) => n + 1 + (itemIds(a).length + 1) * perItem, 0) + 1024;
}

/**
 * What an Idempotency-Key is bound to: the request as submitted. JSON: template, unit, kind,
 * baseVersion and the appendices as given (sorted keys, so key order does not matter); upload:
 * the same fields and the file's SHA-256 (not its name). Null: too big to be a valid request.
 */
async function requestHash(req: SubmitRequest, template: Template): Promise<string | null> {
  const fields = canonicalJson({
    template: req.template,
    unit: req.unit,
    kind: req.kind,
    baseVersion: req.baseVersion ?? null,
  });
  if (req.file) return sha256Hex(`file ${fields} ${await sha256Hex(req.file.bytes)}`);
  const figures = req.grids ? canonicalJson(req.grids) : boundedCanonical(req.appendices ?? null, keyBudget(template));
  // Notes only when sent: a request without notes is bound to the hash it always had.
  const notes = req.notes === undefined ? "" : boundedCanonical(req.notes, keyBudget(template));
  if (figures === null || notes === null) return null;
  const body = req.notes === undefined ? figures : `${figures} notes ${notes}`;
  return sha256Hex(`${req.grids ? "grids" : "json"} ${fields} ${body}`);
}

/** The first receipt for a retry of the same request; 409 IDEMPOTENCY_KEY_REUSED for a different one. */
function replayOf(first: KeyedSnapshot, same: boolean): SubmitOutcome {
  if (!same) {
    return refused(
      catalogueError(
        409,
        "IDEMPOTENCY_KEY_REUSED",
        { version: first.version },
        { snapshot: first.id, version: first.version },
      ),
    );
  }
  const { requestSha256: _h, ...meta } = first;
  return { type: "replayed", receipt: receipt(meta, []) };
}

function invalid(code: IssueCode, params: Record<string, string>): SubmitOutcome {
  return { type: "invalid", report: toReport([issue(code, {}, params)]) };
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

/**
 * 423 PERIOD_LOCKED when the submission changes a locked year's figures of the report's latest
 * version (`latestCanonical`: its canonical JSON, read with the locks; null when there is none).
 */
function lockRefusal(locks: LockRow[], latestCanonical: string | null, tree: FigureTree): SubmitOutcome | null {
  if (!locks.length) return null;
  const before = latestCanonical !== null ? parseSubmission(latestCanonical).appendices : undefined;
  for (const lock of locks) {
    if (changesIn(lock.period, before, tree))
      return refused(catalogueError(423, "PERIOD_LOCKED", { period: lock.period }));
  }
  return null;
}

/**
 * Two round trips when stored (decision 0023): one batch of reads (with the sign-in when `signer`
 * is still signing in), one batch of writes (storeSnapshot); an upload's file goes to R2 between.
 */
export async function submit(
  env: { DB: D1Database; FILES: R2Bucket },
  signer: Principal | SigningIn,
  req: SubmitRequest,
): Promise<SubmitOutcome> {
  const db = env.DB;
  const by = "id" in signer && typeof signer.id === "object" ? signer.id : (signer as Principal);
  const keyed = !req.dryRun && req.idempotencyKey ? { by, key: req.idempotencyKey } : null;
  const reads = await readForSubmission(db, {
    template: req.template,
    unit: req.unit,
    kind: req.kind,
    storing: !req.dryRun,
    keyed,
  });
  const who = principalNow(signer);
  const { unitExists, locks, usage, first } = reads;
  const template = newest(getTemplate(req.template), reads.stored);
  if (!template) return invalid("TEMPLATE_NOT_FOUND", { template: req.template });
  if (!unitExists) return invalid("UNIT_UNKNOWN", { unit: req.unit });
  if (!lookup(template).kind(req.kind))
    return invalid("KIND_UNKNOWN", { kind: req.kind, template: template.id, kinds: kindList(template) });
  if (!canActForUnit(who, req.unit)) return refused(catalogueError(403, "UNIT_FORBIDDEN"));
  // Issue 17: a unit reports within its life, or as an administrator allowed (services/units.ts).
  // Named as a finance officer reads them: the template's id and the kind in words ("kế hoạch").
  const outsideLife = lifeRefusal(reads.life, {
    template: template.id,
    kind: kindLabel(template, req.kind, "vi").toLowerCase(),
  });
  if (outsideLife) return refused(outsideLife as ApiError<Refusal>);
  let legacyFirst: KeyedSnapshot | null = null;
  if (first) {
    // A key stored before migration 0004 has no request hash: that retry is compared on its figures below.
    if (first.requestSha256 === null) legacyFirst = first;
    else return replayOf(first, first.requestSha256 === (await requestHash(req, template)));
  }

  const evaluation: Evaluation = req.grids
    ? validateWorkbook(template, req.grids)
    : validateJsonAppendices(template, req.appendices, undefined, req.notes);
  if (!evaluation.report.valid) return { type: "invalid", report: evaluation.report };
  const tree = toFigureTree(template, evaluation.figures);
  // Notes are kept (and hashed) only when there are some: a snapshot without notes has the bytes it always had.
  const notes = canonicalNotes(template, evaluation.notes);
  const canonical = canonicalJson({
    template: template.id,
    templateVersion: template.version,
    unit: req.unit,
    kind: req.kind,
    appendices: tree,
    ...(notes ? { notes } : {}),
  });
  const sha256 = await sha256Hex(canonical);
  if (legacyFirst) return replayOf(legacyFirst, legacyFirst.sha256 === sha256);
  const warnings = evaluation.report.warnings;
  const truncated = evaluation.report.truncated ? { truncated: evaluation.report.truncated } : {};
  if (req.dryRun)
    return { type: "checked", answer: { valid: true, errors: [], warnings, sha256, dryRun: true, ...truncated } };
  // Before locks and the quota: answering an existing version stores nothing.
  const same = answeredBy(reads.latest, sha256, req);
  if (same) return identical(same);
  const sameAs: { sameAs?: VersionRef } =
    reads.latest?.sha256 === sha256 ? { sameAs: { version: reads.latest.version, status: reads.latest.status } } : {};

  const locked = lockRefusal(locks, reads.latestCanonical, tree);
  if (locked) return locked;
  const overQuota = usage ? quotaRefusal(env, req, usage) : null;
  if (overQuota) return refused(overQuota);
  const requestSha256 = req.idempotencyKey ? await requestHash(req, template) : null;
  let fileKey: string | null = null;
  if (req.file) {
    // The file goes first: if D1 then fails, an unreferenced content-addressed object is
    // harmless, while a snapshot pointing at a missing file is not.
    const extension = req.file.format ?? "xlsx";
    fileKey = `uploads/${await sha256Hex(req.file.bytes)}.${extension}`;
    if (!(await env.FILES.head(fileKey)))
      await env.FILES.put(fileKey, req.file.bytes, { httpMetadata: { contentType: SPREADSHEET_TYPES[extension] } });
  }

  const id = crypto.randomUUID();
  const createdAt = new Date().toISOString();
  const row = {
    id,
    template: template.id,
    templateVersion: template.version,
    unit: req.unit,
    kind: req.kind,
    canonical,
    sha256,
    source: req.source,
    fileKey,
    fileName: req.file?.name ?? null,
    warnings: JSON.stringify(warnings),
    createdAt,
    idempotencyKey: req.idempotencyKey,
    requestSha256,
    baseVersion: req.baseVersion ?? null,
    newVersion: !!req.newVersion,
    // Issue 18 (decision 0022): the figures in the layout, so consolidation adds arrays, not JSON trees.
    packed: JSON.stringify(packTree(template, tree)),
  };
  // The version is computed inside the INSERT; the UNIQUE constraint is the backstop, so a
  // collision (which SQLite's serial writes should never produce) is simply retried.
  for (let attempt = 1; ; attempt++) {
    try {
      const version = await storeSnapshot(db, row, who, {
        unit: req.unit,
        kind: req.kind,
        template: template.id,
        sha256,
      });
      if (version === null) {
        // Nothing inserted: a racing retry under the same Idempotency-Key stored it first, the
        // base version is stale, or the latest version now has these figures.
        const first = req.idempotencyKey ? await findByIdempotencyKey(db, who, req.idempotencyKey) : null;
        if (first) return replayOf(first, first.requestSha256 === requestSha256);
        const answer = await notInserted(db, template.id, req, sha256);
        if (answer) return answer;
        if (attempt >= 3) throw new Error("submit: the snapshot was neither stored nor refused");
        continue;
      }
      const meta: SnapshotMeta = {
        id,
        template: row.template,
        templateVersion: row.templateVersion,
        unit: row.unit,
        kind: row.kind,
        version,
        sha256,
        source: row.source,
        fileKey,
        fileName: row.fileName,
        warnings: warnings.length,
        createdAt,
        createdBy: who.id,
        status: "submitted",
        reviewComment: null,
        reviewedAt: null,
      };
      return { type: "created", receipt: { ...receipt(meta, warnings), ...truncated, ...sameAs } };
    } catch (err) {
      if (!/UNIQUE/i.test(String(err))) throw err;
      // A racing retry with the same Idempotency-Key won: answer with its snapshot.
      const first = req.idempotencyKey ? await findByIdempotencyKey(db, who, req.idempotencyKey) : null;
      if (first) return replayOf(first, first.requestSha256 === requestSha256);
      if (attempt >= 3) throw err;
    }
  }
}

/** Why the INSERT stored nothing: 409 for a stale baseVersion, the latest version for identical figures, else null. */
async function notInserted(
  db: D1Database,
  template: string,
  req: SubmitRequest,
  sha256: string,
): Promise<SubmitOutcome | null> {
  const latest = latestOf(await latestStatement(db, template, req.unit, req.kind).all());
  const current = latest?.version ?? 0;
  if (req.baseVersion !== undefined && req.baseVersion !== current) return staleBase(req, current);
  const same = answeredBy(latest, sha256, req);
  return same ? identical(same) : null;
}

function staleBase(req: SubmitRequest, current: number): SubmitOutcome {
  const error = catalogueError(
    409,
    "STALE_BASE_VERSION",
    { current, base: req.baseVersion ?? 0 },
    { currentVersion: current, baseVersion: req.baseVersion },
  );
  return refused(error);
}
