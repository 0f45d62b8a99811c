import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticateWithReads, requireRole } from "../auth/middleware";
import { listAudit } from "../db/audit";
import { EXAMPLES } from "../openapi/examples";
import { route } from "../openapi/registry";
import { AuditListSchema } from "../openapi/responses";
import { AuditQuery } from "../schemas";
import { parseQuery } from "../request-input";

export const audit = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/audit",
  summary: {
    vi: "Nhật ký mọi thao tác ghi (theo số thứ tự tăng dần)",
    en: "The log of every write (by ascending seq)",
  },
  roles: ["reviewer"],
  query: AuditQuery,
  responses: { 200: { vi: "Các dòng nhật ký", en: "Log rows", schema: AuditListSchema } },
  examples: EXAMPLES.audit,
});
audit.get("/", authenticateWithReads, requireRole("reviewer"), async (c) => {
  const q = parseQuery(c, AuditQuery);
  return c.json({ entries: await listAudit(c.env.DB, q.after, q.limit) });
});
