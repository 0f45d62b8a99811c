import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { auditStatement } from "../db/audit";
import { allLocks, lockStatement, unlockStatement } from "../db/locks";
import { ApiError } from "../errors";
import { route } from "../openapi/registry";
import { LockBody } from "../schemas";
import { resolveTemplate } from "../services/templates";
import { parseJson, parseWith } from "../validation";

export const locks = new Hono<AppEnv>();
locks.use("*", authenticate);

route({ method: "get", path: "/api/locks", summary: "Các năm đã khóa", roles: ["submitter", "reviewer", "leader"], responses: { 200: "Danh sách" } });
locks.get("/", async (c) => c.json({ locks: await allLocks(c.env.DB) }));

async function checkedLock(db: D1Database, body: { template: string; kind: string; period: string }) {
  const template = await resolveTemplate(db, body.template);
  if (!template) throw new ApiError(404, "TEMPLATE_NOT_FOUND", `Không tìm thấy mẫu biểu "${body.template}".`);
  if (!template.periods.some((p) => p.id === body.period && !p.total)) {
    throw new ApiError(422, "PERIOD_UNKNOWN", `Kỳ "${body.period}" không phải là một năm của mẫu biểu.`);
  }
  return body;
}

route({ method: "post", path: "/api/locks", summary: "Khóa một năm của mẫu biểu và loại báo cáo", roles: ["reviewer"], body: LockBody, responses: { 201: "Đã khóa" } });
locks.post("/", requireRole("reviewer"), async (c) => {
  const body = await checkedLock(c.env.DB, await parseJson(c, LockBody));
  const who = c.get("principal");
  const at = new Date().toISOString();
  await c.env.DB.batch([lockStatement(c.env.DB, body.template, body.kind, body.period, at, who.id), auditStatement(c.env.DB, who, "lock.create", `${body.template}/${body.kind}/${body.period}`, {}, at)]);
  return c.json({ ...body, locked: true }, 201);
});

route({ method: "delete", path: "/api/locks", summary: "Mở khóa một năm (tham số template, kind, period)", roles: ["reviewer"], query: LockBody, responses: { 200: "Đã mở khóa" } });
locks.delete("/", requireRole("reviewer"), async (c) => {
  const body = await checkedLock(c.env.DB, parseWith(c.req.query(), LockBody));
  const who = c.get("principal");
  await c.env.DB.batch([unlockStatement(c.env.DB, body.template, body.kind, body.period), auditStatement(c.env.DB, who, "lock.delete", `${body.template}/${body.kind}/${body.period}`)]);
  return c.json({ ...body, locked: false });
});
