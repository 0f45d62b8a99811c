import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import type { Principal, Role } from "./principal";
import { constantTimeEqual, sha256Hex, TOKEN_SHAPE } from "./tokens";

const FIND = "SELECT id, hash, role, unit FROM tokens WHERE hash = ? AND revoked_at IS NULL";

async function principalFor(token: string, env: AppEnv["Bindings"]): Promise<Principal | null> {
  const hash = await sha256Hex(token);
  if (env.ADMIN_TOKEN && constantTimeEqual(hash, await sha256Hex(env.ADMIN_TOKEN))) {
    return { id: "admin-env", role: "admin", unit: null };
  }
  const row = await env.DB.prepare(FIND).bind(hash).first<{ id: string; hash: string; role: Role; unit: string | null }>();
  return row && constantTimeEqual(row.hash, hash) ? { id: row.id, role: row.role, unit: row.unit } : null;
}

/** Reads `Authorization: Bearer <token>` and sets `principal`; 401 without a valid token. */
export const authenticate = createMiddleware<AppEnv>(async function authenticate(c, next) {
  const header = c.req.header("Authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const token = m?.[1] ?? c.get("cookieToken");
  if (!token || !TOKEN_SHAPE.test(token)) throw new ApiError(401, "UNAUTHORIZED", "Thiếu hoặc sai mã truy cập (Authorization: Bearer <token>).");
  const principal = await principalFor(token, c.env);
  if (!principal) throw new ApiError(401, "UNAUTHORIZED", "Mã truy cập không hợp lệ hoặc đã bị thu hồi.");
  c.set("principal", principal);
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
