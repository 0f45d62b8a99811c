// The pages' sign-in sessions: the cookie carries a random session id, stored only as its
// SHA-256, bound to the token signed in with, ending 12 hours after sign-in (decision 0009), at
// sign-out, or when that token is revoked or expires.
import type { Role } from "../auth/principal";

/** The bootstrap administrator (ADMIN_TOKEN) has no row in tokens: its sessions name it so. */
export const ENV_ADMIN_ID = "admin-env";

export interface SessionLookup {
  token_id: string;
  expires_at: string;
  /** The token's; null when it is unknown (then the session is refused) or for ENV_ADMIN_ID. */
  role: Role | null;
  unit: string | null;
  revoked_at: string | null;
  token_expires_at: string | null;
  last_used_at: string | null;
}

const INSERT = "INSERT INTO sessions (hash, token_id, created_at, expires_at) VALUES (?, ?, ?, ?)";
const FIND = `SELECT s.token_id, s.expires_at, t.role, t.unit, t.revoked_at, t.expires_at AS token_expires_at,
    t.last_used_at
  FROM sessions s LEFT JOIN tokens t ON t.id = s.token_id WHERE s.hash = ?`;
const DELETE = "DELETE FROM sessions WHERE hash = ?";
const DELETE_OF_TOKEN = "DELETE FROM sessions WHERE token_id = ?";
const DELETE_EXPIRED = "DELETE FROM sessions WHERE expires_at <= ?";

/** Stores a new session (its hash only); sessions that have ended go in the same batch. */
export async function storeSession(
  db: D1Database,
  s: { hash: string; tokenId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.batch([
    db.prepare(DELETE_EXPIRED).bind(s.createdAt),
    db.prepare(INSERT).bind(s.hash, s.tokenId, s.createdAt, s.expiresAt),
  ]);
}

export async function sessionByHash(db: D1Database, hash: string): Promise<SessionLookup | null> {
  return sessionStatement(db, hash).first<SessionLookup>();
}

/** sessionByHash as a statement for a batch (its one row, or none, is a SessionLookup). */
export function sessionStatement(db: D1Database, hash: string): D1PreparedStatement {
  return db.prepare(FIND).bind(hash);
}

export async function deleteSession(db: D1Database, hash: string): Promise<void> {
  await db.prepare(DELETE).bind(hash).run();
}

/** Ends every session signed in with a token (its revocation). */
export function deleteSessionsOfTokenStatement(db: D1Database, tokenId: string): D1PreparedStatement {
  return db.prepare(DELETE_OF_TOKEN).bind(tokenId);
}
