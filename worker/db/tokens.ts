import type { Principal, Role } from "../auth/principal";
import { auditIfStatement, auditStatement } from "./audit";
import { deleteSessionsOfTokenStatement } from "./sessions";

export interface TokenRow {
  id: string;
  role: Role;
  unit: string | null;
  label: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  /** The last instant the token is accepted (ISO, UTC); null: until revoked. */
  expires_at: string | null;
  /** Its last use, to the minute (recorded at most once a minute); null: never used. */
  last_used_at: string | null;
}

/** What the sign-in reads about a token: enough to decide, and to record its use. */
export interface TokenLookup {
  id: string;
  hash: string;
  role: Role;
  unit: string | null;
  expires_at: string | null;
  last_used_at: string | null;
}

/** A token's last use is written when the stored one is older than this (or absent). */
export const LAST_USED_EVERY_MS = 60_000;

const INSERT = `INSERT INTO tokens (id, hash, role, unit, label, created_at, created_by, expires_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
// The secret's hash is never listed.
const LIST = `SELECT id, role, unit, label, created_at, created_by, revoked_at, expires_at, last_used_at
  FROM tokens ORDER BY created_at`;
const REVOKE = "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
const FIND = "SELECT id, hash, role, unit, expires_at, last_used_at FROM tokens WHERE hash = ? AND revoked_at IS NULL";
// The condition makes a late or concurrent write harmless: it never moves last_used_at back, and
// two requests in the same minute write once.
const TOUCH = "UPDATE tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?3)";

/** The unrevoked token with this hash (compare `hash` in constant time before trusting it). */
export async function activeTokenByHash(db: D1Database, hash: string): Promise<TokenLookup | null> {
  return activeTokenStatement(db, hash).first<TokenLookup>();
}

/** activeTokenByHash as a statement for a batch (its one row, or none, is a TokenLookup). */
export function activeTokenStatement(db: D1Database, hash: string): D1PreparedStatement {
  return db.prepare(FIND).bind(hash);
}

/** Has the token expired at `at`? (An expiry is the last instant it is accepted: a date's is 23:59:59.999.) */
export function tokenExpired(t: { expires_at: string | null }, at: Date): boolean {
  return t.expires_at !== null && Date.parse(t.expires_at) < at.getTime();
}

/**
 * The write recording a token's use at `at`, or null when the stored last use (read with the
 * token) is less than a minute old: at most one write a minute per token, none per request.
 */
export function touchTokenStatement(
  db: D1Database,
  t: { id: string; last_used_at: string | null },
  at: Date,
): D1PreparedStatement | null {
  const threshold = new Date(at.getTime() - LAST_USED_EVERY_MS).toISOString();
  if (t.last_used_at !== null && t.last_used_at >= threshold) return null;
  return db.prepare(TOUCH).bind(at.toISOString(), t.id, threshold);
}

type NewToken = Omit<TokenRow, "revoked_at" | "last_used_at"> & { hash: string };

function insertTokenStatement(db: D1Database, t: NewToken) {
  return db.prepare(INSERT).bind(t.id, t.hash, t.role, t.unit, t.label, t.created_at, t.created_by, t.expires_at);
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
export async function storeToken(db: D1Database, who: Principal, t: NewToken): Promise<void> {
  await db.batch([
    insertTokenStatement(db, t),
    auditStatement(
      db,
      who,
      "token.create",
      t.id,
      { role: t.role, unit: t.unit, expiresAt: t.expires_at },
      t.created_at,
    ),
  ]);
}

/**
 * Revokes a token; answers false when it is unknown or already revoked. The audit row goes
 * first, written only if the token is still active: a revoke that changes nothing leaves no row.
 * The token's page sessions end with it.
 */
export async function revokeToken(db: D1Database, who: Principal, id: string, at: string): Promise<boolean> {
  const [, revoked] = await db.batch([
    auditIfStatement(db, who, "token.revoke", id, {}, at, tokenActiveCondition(id)),
    revokeTokenStatement(db, id, at),
    deleteSessionsOfTokenStatement(db, id),
  ]);
  return revoked.meta.changes > 0;
}
