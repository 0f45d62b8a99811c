// Locking and unlocking a year of a template and report kind: the rules the API route and the
// review page share. Only a reviewer (or an administrator) locks; the template must exist, the
// kind must be one of its kinds and the period one of its years (never the phase total); a lock
// that changes nothing writes no audit row.
import { type LockAnswer, lookup } from "../../domain";
import { assertRole, type Principal } from "../auth/principal";
import { setLock } from "../db/locks";
import { catalogueError } from "../errors";
import { requireKind, requireTemplate } from "./templates";

export interface LockRequest {
  template: string;
  kind: string;
  period: string;
}

/**
 * Locks (`locked`) or unlocks a year. Throws the catalogue error a refusal answers with:
 * 403 FORBIDDEN, 404 TEMPLATE_NOT_FOUND, 422 KIND_UNKNOWN, 422 PERIOD_UNKNOWN.
 */
export async function changeLock(
  db: D1Database,
  who: Principal,
  req: LockRequest,
  locked: boolean,
): Promise<LockAnswer> {
  assertRole(who, "reviewer");
  const template = await requireTemplate(db, req.template);
  const kind = requireKind(template, req.kind);
  if (!lookup(template).years.some((p) => p.id === req.period))
    throw catalogueError(422, "PERIOD_UNKNOWN", { period: req.period });
  const changed = await setLock(
    db,
    who,
    { template: template.id, kind, period: req.period },
    locked,
    new Date().toISOString(),
  );
  return { template: template.id, kind, period: req.period, locked, changed };
}
