import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import type { Principal, Role } from "./principal";
import { signInUnderLimit, TOO_MANY_SIGN_INS } from "./rate-limit";
import { constantTimeEqual, sha256Hex, TOKEN_SHAPE } from "./tokens";

const FIND = "SELECT id, hash, role, unit FROM tokens WHERE hash = ? AND revoked_at IS NULL";

export async function principalFor(token: string, env: AppEnv["Bindings"]): Promise<Principal | null> {
  const hash = await sha256Hex(token);
  if (env.ADMIN_TOKEN && constantTimeEqual(hash, await sha256Hex(env.ADMIN_TOKEN))) {
    return { id: "admin-env", role: "admin", unit: null };
  }
  const row = await env.DB.prepare(FIND).bind(hash).first<{ id: string; hash: string; role: Role; unit: string | null }>();
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
    throw new ApiError(429, "TOO_MANY_ATTEMPTS", TOO_MANY_SIGN_INS);
  }
  throw new ApiError(401, "UNAUTHORIZED", "Mã truy cập không hợp lệ hoặc đã bị thu hồi.");
}

/** Reads `Authorization: Bearer <token>` and sets `principal`; 401 without a valid token. */
export const authenticate = createMiddleware<AppEnv>(async function authenticate(c, next) {
  const header = c.req.header("Authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const token = m?.[1] ?? c.get("cookieToken");
  if (!token || !TOKEN_SHAPE.test(token)) throw new ApiError(401, "UNAUTHORIZED", "Thiếu hoặc sai mã truy cập (Authorization: Bearer <token>).");
  c.set("principal", await principalUnderLimit(c, token));
  await next();
});

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    const p = c.get("principal");
    if (!roles.includes(p.role) && p.role !== "admin") {
      throw new ApiError(403, "FORBIDDEN", "Vai trò của mã truy cập này không được dùng chức năng này.");
    }
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
