import type { Principal, Role } from "../auth/principal";
import { auditIfStatement, auditStatement } from "./audit";

export interface TokenRow {
  id: string;
  role: Role;
  unit: string | null;
  label: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

const INSERT = "INSERT INTO tokens (id, hash, role, unit, label, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
const LIST = "SELECT id, role, unit, label, created_at, created_by, revoked_at FROM tokens ORDER BY created_at";
const REVOKE = "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
const FIND = "SELECT id, hash, role, unit FROM tokens WHERE hash = ? AND revoked_at IS NULL";

/** The active token with this hash (compare `hash` in constant time before trusting it). */
export async function activeTokenByHash(
  db: D1Database,
  hash: string,
): Promise<{ id: string; hash: string; role: Role; unit: string | null } | null> {
  return db.prepare(FIND).bind(hash).first<{ id: string; hash: string; role: Role; unit: string | null }>();
}

function insertTokenStatement(db: D1Database, t: Omit<TokenRow, "revoked_at"> & { hash: string }) {
  return db.prepare(INSERT).bind(t.id, t.hash, t.role, t.unit, t.label, t.created_at, t.created_by);
}

export async function listTokens(db: D1Database): Promise<TokenRow[]> {
  return (await db.prepare(LIST).all<TokenRow>()).results;
}

function revokeTokenStatement(db: D1Database, id: string, at: string) {
  return db.prepare(REVOKE).bind(at, id);
}

/** Holds while the token exists and is not revoked (the revoke would change it). */
function tokenActiveCondition(id: string) {
  return { sql: "EXISTS (SELECT 1 FROM tokens WHERE id = ? AND revoked_at IS NULL)", args: [id] };
}

/** Stores a new token (its hash only) and its audit row in one batch. */
export async function storeToken(
  db: D1Database,
  who: Principal,
  t: Omit<TokenRow, "revoked_at"> & { hash: string },
): Promise<void> {
  await db.batch([
    insertTokenStatement(db, t),
    auditStatement(db, who, "token.create", t.id, { role: t.role, unit: t.unit }, t.created_at),
  ]);
}

/**
 * Revokes a token; answers false when it is unknown or already revoked. The audit row goes
 * first, written only if the token is still active: a revoke that changes nothing leaves no row.
 */
export async function revokeToken(db: D1Database, who: Principal, id: string, at: string): Promise<boolean> {
  const [, revoked] = await db.batch([
    auditIfStatement(db, who, "token.revoke", id, {}, at, tokenActiveCondition(id)),
    revokeTokenStatement(db, id, at),
  ]);
  return revoked.meta.changes > 0;
}
