// Storage quota per unit and template (decided in issue 12): snapshots are immutable and never
// deleted, so one token (or a stolen one) must not be able to fill D1 and R2 without bound.
//
// - at most 2,000 snapshots per unit and template (both report kinds): a district that revises
//   each of its reports every working day for years stays far below it;
// - at most 50 distinct uploaded files per unit and template; an upload is at most 4 MiB
//   (MAX_UPLOAD_BYTES, worker/limits.ts), so at most 200 MiB of R2 per unit and template.
//
// Over either, a submission that would store is refused with 507 UNIT_QUOTA_EXCEEDED
// (Insufficient Storage: the request is well-formed and waiting does not help; the server cannot
// store more for this unit until an administrator raises the quota, as WebDAV and file-storage
// APIs answer an exhausted quota). Dry runs and idempotent replays store nothing and are never
// refused. Both numbers can be changed per deployment with the UNIT_SNAPSHOT_QUOTA and
// UNIT_UPLOAD_QUOTA variables (wrangler.toml [vars]). The check reads before the write, so
// submissions racing at the very limit may pass it by at most their number (bounded by the
// per-token rate limit).
import type { UnitUsage } from "./db/quota";
import { type ApiError, catalogueError } from "./errors";

export const DEFAULT_SNAPSHOT_QUOTA = 2_000;
export const DEFAULT_UPLOAD_QUOTA = 50;

interface QuotaVars {
  UNIT_SNAPSHOT_QUOTA?: string;
  UNIT_UPLOAD_QUOTA?: string;
}

function positive(value: string | undefined, fallback: number): number {
  const n = value === undefined ? Number.NaN : Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function quotaOf(env: object): { snapshots: number; uploads: number } {
  const vars = env as QuotaVars;
  return {
    snapshots: positive(vars.UNIT_SNAPSHOT_QUOTA, DEFAULT_SNAPSHOT_QUOTA),
    uploads: positive(vars.UNIT_UPLOAD_QUOTA, DEFAULT_UPLOAD_QUOTA),
  };
}

/**
 * The 507 UNIT_QUOTA_EXCEEDED refusal when storing this submission would go over the unit's
 * quota, null when it fits. `used` is read with the submission's other reads (one D1 round
 * trip: worker/services/submit.ts). The message gives both counts; `quota` says which one is full.
 */
export function quotaRefusal(
  env: object,
  req: { unit: string; file?: unknown },
  used: UnitUsage,
): ApiError<"UNIT_QUOTA_EXCEEDED"> | null {
  const quota = quotaOf(env);
  const params = {
    unit: req.unit,
    snapshots: used.snapshots,
    snapshotLimit: quota.snapshots,
    files: used.files,
    fileLimit: quota.uploads,
  };
  if (used.snapshots >= quota.snapshots) {
    return catalogueError(507, "UNIT_QUOTA_EXCEEDED", params, {
      quota: "snapshots",
      limit: quota.snapshots,
      used: used.snapshots,
    });
  }
  if (req.file && used.files >= quota.uploads) {
    return catalogueError(507, "UNIT_QUOTA_EXCEEDED", params, {
      quota: "uploads",
      limit: quota.uploads,
      used: used.files,
    });
  }
  return null;
}
