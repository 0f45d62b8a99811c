import type { Role } from "../auth/principal";

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

export function insertTokenStatement(db: D1Database, t: Omit<TokenRow, "revoked_at"> & { hash: string }) {
  return db.prepare(INSERT).bind(t.id, t.hash, t.role, t.unit, t.label, t.created_at, t.created_by);
}

export async function listTokens(db: D1Database): Promise<TokenRow[]> {
  return (await db.prepare(LIST).all<TokenRow>()).results;
}

export function revokeTokenStatement(db: D1Database, id: string, at: string) {
  return db.prepare(REVOKE).bind(at, id);
}

/** Holds while the token exists and is not revoked (the revoke would change it). */
export function tokenActiveCondition(id: string) {
  return { sql: "EXISTS (SELECT 1 FROM tokens WHERE id = ? AND revoked_at IS NULL)", args: [id] };
}
