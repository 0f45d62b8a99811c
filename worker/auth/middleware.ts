import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { activeTokenByHash } from "../db/tokens";
import type { AppEnv } from "../env";
import { catalogueError } from "../errors";
import { assertRole, type Principal, type Role } from "./principal";
import { signInUnderLimit } from "./rate-limit";
import { constantTimeEqual, sha256Hex, TOKEN_SHAPE } from "./tokens";

export async function principalFor(token: string, env: AppEnv["Bindings"]): Promise<Principal | null> {
  const hash = await sha256Hex(token);
  if (env.ADMIN_TOKEN && constantTimeEqual(hash, await sha256Hex(env.ADMIN_TOKEN))) {
    return { id: "admin-env", role: "admin", unit: null };
  }
  const row = await activeTokenByHash(env.DB, hash);
  return row && constantTimeEqual(row.hash, hash) ? { id: row.id, role: row.role, unit: row.unit } : null;
}

/**
 * A token checked under the failed sign-in limit: 401 when wrong, 429 TOO_MANY_ATTEMPTS when its
 * address is over the limit (then even a valid token is refused, see signInUnderLimit).
 */
export async function principalUnderLimit(c: Context<AppEnv>, token: string, everyAttempt = false): Promise<Principal> {
  const outcome = await signInUnderLimit(c, () => principalFor(token, c.env), everyAttempt);
  if (outcome.ok) return outcome.value;
  if (outcome.limited) {
    c.header("Retry-After", "60");
    throw catalogueError(429, "TOO_MANY_ATTEMPTS");
  }
  throw catalogueError(401, "UNAUTHORIZED");
}

/** Reads `Authorization: Bearer <token>` and sets `principal`; 401 without a valid token. */
export const authenticate = createMiddleware<AppEnv>(async function authenticate(c, next) {
  const header = c.req.header("Authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const token = m?.[1] ?? c.get("cookieToken");
  if (!token || !TOKEN_SHAPE.test(token)) throw catalogueError(401, "UNAUTHORIZED");
  c.set("principal", await principalUnderLimit(c, token));
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

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE, "host");
}

/**
 * Lets a signed-in page read through the API (downloads of .xlsx and .csv): only for GET and
 * HEAD, so the cookie can never write through the API, and only when no Bearer header is sent.
 */
export const sessionForReads = createMiddleware<AppEnv>(async function sessionForReads(c, next) {
  if (c.req.method === "GET" || c.req.method === "HEAD") {
    const token = sessionToken(c);
    if (token) c.set("cookieToken", token);
  }
  await next();
});
