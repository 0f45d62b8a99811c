// Issuing a token from the administrator's page: the same checks and store as POST
// /api/admin/tokens (routes/admin.ts), answered with the secret once.
import type { Role } from "../../domain";
import type { Principal } from "../auth/principal";
import { newToken, sha256Hex } from "../auth/tokens";
import { storeToken } from "../db/tokens";
import { listUnits } from "../db/units";
import { catalogueError } from "../errors";
import { normaliseAsOf } from "../schemas";

export interface TokenRequest {
  role: Role;
  unit: string | null;
  label: string | null;
  /** A day (YYYY-MM-DD: the end of that day in Vietnam time), or null: until revoked. */
  expires: string | null;
}

/** Stores a new token (its hash) with its audit row; answers its id and the secret, which is never stored. */
export async function issueToken(
  db: D1Database,
  who: Principal,
  r: TokenRequest,
  at: Date,
): Promise<{ id: string; token: string; expiresAt: string | null }> {
  if ((r.role === "submitter") !== (r.unit !== null)) throw catalogueError(422, "TOKEN_UNIT");
  if (r.unit && !(await listUnits(db)).some((u) => u.code === r.unit))
    throw catalogueError(422, "UNIT_UNKNOWN", { unit: r.unit });
  const expiresAt = r.expires === null ? null : normaliseAsOf(r.expires);
  if (expiresAt !== null && Date.parse(expiresAt) <= at.getTime())
    throw catalogueError(422, "TOKEN_EXPIRY_PAST", { expiresAt: r.expires! });
  const token = newToken();
  const row = {
    id: crypto.randomUUID(),
    role: r.role,
    unit: r.unit,
    label: r.label,
    created_at: at.toISOString(),
    created_by: who.id,
    expires_at: expiresAt,
  };
  await storeToken(db, who, { ...row, hash: await sha256Hex(token) });
  return { id: row.id, token, expiresAt };
}
