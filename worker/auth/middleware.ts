import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { now } from "../clock";
import { deleteSession, ENV_ADMIN_ID, sessionByHash } from "../db/sessions";
import { activeTokenByHash, tokenExpired, touchTokenStatement } from "../db/tokens";
import type { AppEnv } from "../env";
import { catalogueError } from "../errors";
import { assertRole, type Principal, type Role } from "./principal";
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
  const touch = touchTokenStatement(c.env.DB, t, at);
  if (touch) await afterAnswer(c, touch.run());
}

/** The principal of an access token, or why it is refused. */
export async function lookupToken(c: Context<AppEnv>, token: string): Promise<Lookup> {
  const hash = await sha256Hex(token);
  if (c.env.ADMIN_TOKEN && constantTimeEqual(hash, await sha256Hex(c.env.ADMIN_TOKEN))) {
    return { principal: { id: ENV_ADMIN_ID, role: "admin", unit: null } };
  }
  const row = await activeTokenByHash(c.env.DB, hash);
  if (!row || !constantTimeEqual(row.hash, hash)) return { refusal: "UNAUTHORIZED" };
  const at = now(c.env);
  if (tokenExpired(row, at)) return { refusal: "TOKEN_EXPIRED" };
  await recordUse(c, row, at);
  return { principal: { id: row.id, role: row.role, unit: row.unit } };
}

/**
 * The principal of a page session (the cookie's session id), or why it is refused: unknown, or
 * its token revoked (UNAUTHORIZED), past its 12 hours (SESSION_EXPIRED), its token expired.
 */
export async function lookupSession(c: Context<AppEnv>, id: string): Promise<Lookup> {
  const hash = await sha256Hex(id);
  const row = await sessionByHash(c.env.DB, hash);
  if (!row) return { refusal: "UNAUTHORIZED" };
  const envAdmin = row.token_id === ENV_ADMIN_ID;
  if (envAdmin ? !c.env.ADMIN_TOKEN : row.role === null || row.revoked_at !== null) return { refusal: "UNAUTHORIZED" };
  const at = now(c.env);
  if (Date.parse(row.expires_at) <= at.getTime()) {
    await afterAnswer(c, deleteSession(c.env.DB, hash));
    return { refusal: "SESSION_EXPIRED" };
  }
  if (envAdmin) return { principal: { id: ENV_ADMIN_ID, role: "admin", unit: null } };
  if (tokenExpired({ expires_at: row.token_expires_at }, at)) return { refusal: "TOKEN_EXPIRED" };
  await recordUse(c, { id: row.token_id, last_used_at: row.last_used_at }, at);
  return { principal: { id: row.token_id, role: row.role!, unit: row.unit } };
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

/**
 * Reads `Authorization: Bearer <token>`, else a page's session (set by the pages' guard or, for
 * downloads, sessionForReads) and sets `principal`; 401 without a valid one.
 */
export const authenticate = createMiddleware<AppEnv>(async function authenticate(c, next) {
  const header = c.req.header("Authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const session = token ? undefined : c.get("cookieSession");
  if (token && TOKEN_SHAPE.test(token)) c.set("principal", await principalUnderLimit(c, () => lookupToken(c, token)));
  else if (session && SESSION_SHAPE.test(session))
    c.set("principal", await principalUnderLimit(c, () => lookupSession(c, session)));
  else throw catalogueError(401, "UNAUTHORIZED");
  await next();
});

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    assertRole(c.get("principal"), ...roles);
    await next();
  });
}

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
