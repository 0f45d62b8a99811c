import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { now } from "../clock";
import { bookmarkFrom, type PrincipalCheck, RequestDb, requestDbOf, sessionOf } from "../db/request-db";
import { deleteSession, ENV_ADMIN_ID, type SessionLookup, sessionStatement } from "../db/sessions";
import { activeTokenStatement, type TokenLookup, tokenExpired, touchTokenStatement } from "../db/tokens";
import type { AppEnv } from "../env";
import { catalogueError } from "../errors";
import { assertRole, type Principal, type Role, type SigningIn } from "./principal";
import { signInUnderLimit } from "./rate-limit";
import { constantTimeEqual, SESSION_HOURS, SESSION_SHAPE, sha256Hex, TOKEN_SHAPE } from "./tokens";

/** Why a token or a session was not accepted (a catalogue code, answered with 401). */
export type Refusal = "UNAUTHORIZED" | "TOKEN_EXPIRED" | "SESSION_EXPIRED";
export type Lookup = { principal: Principal } | { refusal: Refusal };

/**
 * Runs a write after the answer when the runtime lets the request outlive it (waitUntil), else
 * before answering; a failed write of this kind (a token's last use) never fails the request.
 */
async function afterAnswer(c: Context<AppEnv>, work: Promise<unknown>): Promise<void> {
  const quiet = work.catch((err) => console.error("after the answer:", err));
  let ctx: { waitUntil(work: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined;
  }
  if (ctx) ctx.waitUntil(quiet);
  else await quiet;
}

/** Records a token's use at `at`: at most one write a minute per token (worker/db/tokens.ts). */
async function recordUse(c: Context<AppEnv>, t: { id: string; last_used_at: string | null }, at: Date) {
  const touch = touchTokenStatement(directDb(c), t, at);
  if (touch) await afterAnswer(c, touch.run());
}

/**
 * The database for a write that must not wait for the principal (a token's last use, an ended
 * session): the request's session or binding itself, past the RequestDb that waits for it.
 */
function directDb(c: Context<AppEnv>): D1Database {
  return (requestDbOf(c.env.DB)?.direct ?? c.env.DB) as D1Database;
}

/** A lookup as a statement to read (with other reads) and what its row means. */
interface LookupPlan {
  /** Null when no row is needed (the bootstrap ADMIN_TOKEN). */
  statement: D1PreparedStatement | null;
  interpret(row: Record<string, unknown> | null): Promise<Lookup>;
  /** The principal's id as SQL (what a statement read with the lookup can compare with). */
  id: SigningIn["id"];
}

const ENV_ADMIN: Principal = { id: ENV_ADMIN_ID, role: "admin", unit: null };

async function tokenPlan(c: Context<AppEnv>, token: string): Promise<LookupPlan> {
  const hash = await sha256Hex(token);
  if (c.env.ADMIN_TOKEN && constantTimeEqual(hash, await sha256Hex(c.env.ADMIN_TOKEN))) {
    return {
      statement: null,
      interpret: async () => ({ principal: ENV_ADMIN }),
      id: { sql: "?", args: [ENV_ADMIN_ID] },
    };
  }
  return {
    statement: activeTokenStatement(c.env.DB, hash),
    id: { sql: "(SELECT id FROM tokens WHERE hash = ? AND revoked_at IS NULL)", args: [hash] },
    async interpret(found) {
      const row = found as TokenLookup | null;
      if (!row || !constantTimeEqual(row.hash, hash)) return { refusal: "UNAUTHORIZED" };
      const at = now(c.env);
      if (tokenExpired(row, at)) return { refusal: "TOKEN_EXPIRED" };
      await recordUse(c, row, at);
      return { principal: { id: row.id, role: row.role, unit: row.unit } };
    },
  };
}

async function sessionPlan(c: Context<AppEnv>, id: string): Promise<LookupPlan> {
  const hash = await sha256Hex(id);
  return {
    statement: sessionStatement(c.env.DB, hash),
    id: { sql: "(SELECT token_id FROM sessions WHERE hash = ?)", args: [hash] },
    async interpret(found) {
      const row = found as SessionLookup | null;
      if (!row) return { refusal: "UNAUTHORIZED" };
      const envAdmin = row.token_id === ENV_ADMIN_ID;
      if (envAdmin ? !c.env.ADMIN_TOKEN : row.role === null || row.revoked_at !== null) {
        return { refusal: "UNAUTHORIZED" };
      }
      const at = now(c.env);
      if (Date.parse(row.expires_at) <= at.getTime()) {
        await afterAnswer(c, deleteSession(directDb(c), hash));
        return { refusal: "SESSION_EXPIRED" };
      }
      if (envAdmin) return { principal: ENV_ADMIN };
      if (tokenExpired({ expires_at: row.token_expires_at }, at)) return { refusal: "TOKEN_EXPIRED" };
      await recordUse(c, { id: row.token_id, last_used_at: row.last_used_at }, at);
      return { principal: { id: row.token_id, role: row.role!, unit: row.unit } };
    },
  };
}

async function lookupBy(plan: LookupPlan): Promise<Lookup> {
  return plan.interpret(plan.statement ? await plan.statement.first<Record<string, unknown>>() : null);
}

/** The principal of an access token, or why it is refused. */
export async function lookupToken(c: Context<AppEnv>, token: string): Promise<Lookup> {
  return lookupBy(await tokenPlan(c, token));
}

/**
 * The principal of a page session (the cookie's session id), or why it is refused: unknown, or
 * its token revoked (UNAUTHORIZED), past its 12 hours (SESSION_EXPIRED), its token expired.
 */
export async function lookupSession(c: Context<AppEnv>, id: string): Promise<Lookup> {
  return lookupBy(await sessionPlan(c, id));
}

/**
 * A lookup under the failed sign-in limit (a refused token or session counts as a failure): its
 * principal, 429 TOO_MANY_ATTEMPTS when the address is over the limit (then even a valid token is
 * refused, see signInUnderLimit), else 401 with the refusal's code.
 */
export async function underLimit(
  c: Context<AppEnv>,
  lookup: () => Promise<Lookup>,
  everyAttempt = false,
): Promise<{ ok: true; principal: Principal } | { ok: false; limited: boolean; refusal: Refusal }> {
  let refusal: Refusal = "UNAUTHORIZED";
  const outcome = await signInUnderLimit(
    c,
    async () => {
      const found = await lookup();
      if ("principal" in found) return found.principal;
      refusal = found.refusal;
      return null;
    },
    everyAttempt,
  );
  return outcome.ok ? { ok: true, principal: outcome.value } : { ok: false, limited: outcome.limited, refusal };
}

/** `underLimit` for a request: the principal, or the 429 / 401 error to throw. */
export async function principalUnderLimit(c: Context<AppEnv>, lookup: () => Promise<Lookup>): Promise<Principal> {
  const outcome = await underLimit(c, lookup);
  if (outcome.ok) return outcome.principal;
  if (outcome.limited) {
    c.header("Retry-After", "60");
    throw catalogueError(429, "TOO_MANY_ATTEMPTS");
  }
  throw outcome.refusal === "SESSION_EXPIRED"
    ? catalogueError(401, "SESSION_EXPIRED", { hours: SESSION_HOURS })
    : catalogueError(401, outcome.refusal);
}

/** The lookup a request's credential needs: `Authorization: Bearer <token>`, else a page's session; 401 without one. */
async function credentialPlan(c: Context<AppEnv>): Promise<LookupPlan> {
  const header = c.req.header("Authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const session = token ? undefined : c.get("cookieSession");
  if (token && TOKEN_SHAPE.test(token)) return tokenPlan(c, token);
  if (session && SESSION_SHAPE.test(session)) return sessionPlan(c, session);
  throw catalogueError(401, "UNAUTHORIZED");
}

/** Hands the request's sign-in to its RequestDb; the principal is set (`principal`) once known. */
async function deferSignIn(c: Context<AppEnv>): Promise<RequestDb> {
  const plan = await credentialPlan(c);
  const db = requestDb(c);
  c.set("signingIn", { id: plan.id, principal: () => c.get("principal") });
  db.onPrincipal((p) => c.set("principal", p));
  db.signIn({
    statement: plan.statement,
    // The same limiter, in the same order, as a lookup on its own (principalUnderLimit).
    settle: (rows) => principalUnderLimit(c, () => plan.interpret(rows[0] ?? null)),
  });
  return db;
}

/**
 * Reads `Authorization: Bearer <token>`, else a page's session (set by the pages' guard or, for
 * downloads, sessionForReads) and sets `principal` before the route runs (a round trip of its
 * own); 401 without a valid one.
 */
export const authenticate = createMiddleware<AppEnv>(async function authenticate(c, next) {
  await (await deferSignIn(c)).principal();
  await next();
});

/**
 * `authenticate` whose lookup goes with the route's first reads (decision 0023): the route sees
 * no row, and the role checks (requireRole) and `onPrincipal` checks run, before the principal
 * is known and allowed; `c.get("principal")` is set from then on (`principalOf` waits for it).
 * A request refused at sign-in gets the answer `authenticate` gives, whatever the route did
 * meanwhile: an error the route threw first (a malformed body) gives way to the refusal.
 */
export const authenticateWithReads = createMiddleware<AppEnv>(async function authenticateWithReads(c, next) {
  const db = await deferSignIn(c);
  await next();
  // A route that answered (or failed) without reading still answers only a signed-in principal.
  await db.principal();
});

/**
 * The principal when known, else the principal still signing in (its id as SQL for the reads
 * that carry the sign-in, the principal after them): submit() takes either.
 */
export function signer(c: Context<AppEnv>): Principal | SigningIn {
  const signingIn = c.get("signingIn");
  return requestDbOf(c.env.DB)?.pending && signingIn ? signingIn : c.get("principal");
}

/**
 * `authenticateWithReads` for GET and HEAD, `authenticate` for the rest: for a group of routes
 * whose reads need no principal before they read, and whose writes name the principal first.
 */
export const authenticateReads = createMiddleware<AppEnv>(async function authenticateReads(c, next) {
  return c.req.method === "GET" || c.req.method === "HEAD" ? authenticateWithReads(c, next) : authenticate(c, next);
});

/** The principal, waiting for the sign-in (its own round trip when no read has carried it yet). */
export async function principalOf(c: Context<AppEnv>): Promise<Principal> {
  const db = requestDbOf(c.env.DB);
  return db ? db.principal() : c.get("principal");
}

/**
 * Runs `check` on the principal before any row reaches the route: at once when the principal is
 * known (or on its way), else when the sign-in's answer comes with the route's first reads.
 */
export async function onPrincipal(c: Context<AppEnv>, check: PrincipalCheck): Promise<void> {
  const db = requestDbOf(c.env.DB);
  if (!db) return check(c.get("principal"));
  db.onPrincipal(check);
  if (!db.pending) await db.principal();
}

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    await onPrincipal(c, (p) => assertRole(p, ...roles));
    await next();
  });
}

/** The header carrying a D1 session bookmark back and forth (decision 0023). */
export const BOOKMARK_HEADER = "x-d1-bookmark";

/**
 * The request's RequestDb: installed by `useRequestDb`, or here for an app without it. Its D1
 * session continues the bookmark the client sent back; without one, an API read with a token
 * may start at any replica, and everything else (writes, the pages, a page's downloads through
 * its cookie) at the primary, so a person always reads what they just wrote or signed in with.
 */
export function requestDb(c: Context<AppEnv>): RequestDb {
  const installed = requestDbOf(c.env.DB);
  if (installed) return installed;
  const sent = bookmarkFrom(c.req.header(BOOKMARK_HEADER));
  const reads = c.req.method === "GET" || c.req.method === "HEAD";
  const replica = reads && c.req.path.startsWith("/api/") && c.req.header("Authorization") !== undefined;
  const db = new RequestDb(c.env.DB, sessionOf(c.env.DB, sent, replica ? "first-unconstrained" : "first-primary"));
  // A copy: env is shared by the isolate's requests; this request's queries go through its own.
  c.env = { ...c.env, DB: db as unknown as D1Database };
  return db;
}

/**
 * Every request's queries go through its own RequestDb (worker/db/request-db.ts). The session's
 * bookmark goes back in `x-d1-bookmark`: a client that sends it with its next request reads at
 * least what this one wrote.
 */
export const useRequestDb = createMiddleware<AppEnv>(async function useRequestDb(c, next) {
  const db = requestDb(c);
  await next();
  const bookmark = db.bookmark();
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
});

/** The pages' sign-in cookie; sent as `__Host-kh157_session` (Secure, Path=/, no Domain). */
export const SESSION_COOKIE = "kh157_session";

/** The session id the pages' cookie carries (never the token itself). */
export function sessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE, "host");
}

/**
 * Lets a signed-in page read through the API (downloads of .xlsx and .csv): only for GET and
 * HEAD, so the cookie can never write through the API, and only when no Bearer header is sent.
 */
export const sessionForReads = createMiddleware<AppEnv>(async function sessionForReads(c, next) {
  if (c.req.method === "GET" || c.req.method === "HEAD") {
    const session = sessionCookie(c);
    if (session) c.set("cookieSession", session);
  }
  await next();
});
