import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { listAudit } from "../db/audit";
import { route } from "../openapi/registry";
import { AuditQuery } from "../schemas";
import { parseQuery } from "../request-input";

export const audit = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/audit",
  summary: "Nhật ký mọi thao tác ghi (theo số thứ tự tăng dần)",
  roles: ["reviewer"],
  query: AuditQuery,
  responses: { 200: "Nhật ký" },
});
audit.get("/", authenticate, requireRole("reviewer"), async (c) => {
  const q = parseQuery(c, AuditQuery);
  return c.json({ entries: await listAudit(c.env.DB, q.after, q.limit) });
});
