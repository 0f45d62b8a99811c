import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { auditIfStatement } from "../db/audit";
import { allLocks, lockStateCondition, lockStatement, unlockStatement } from "../db/locks";
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

// Each audit row goes before its write in the batch and is written only if the year is in the
// other state: locking a locked year or unlocking an open one changes nothing and leaves no row.
route({ method: "post", path: "/api/locks", summary: "Khóa một năm của mẫu biểu và loại báo cáo", roles: ["reviewer"], body: LockBody, responses: { 201: "Đã khóa", 200: "Năm đã khóa từ trước (changed: false, không ghi nhật ký)" } });
locks.post("/", requireRole("reviewer"), async (c) => {
  const body = await checkedLock(c.env.DB, await parseJson(c, LockBody));
  const who = c.get("principal");
  const at = new Date().toISOString();
  const [, locked] = await c.env.DB.batch([
    auditIfStatement(c.env.DB, who, "lock.create", `${body.template}/${body.kind}/${body.period}`, {}, at, lockStateCondition(body.template, body.kind, body.period, false)),
    lockStatement(c.env.DB, body.template, body.kind, body.period, at, who.id),
  ]);
  const changed = locked.meta.changes > 0;
  return c.json({ ...body, locked: true, changed }, changed ? 201 : 200);
});

route({ method: "delete", path: "/api/locks", summary: "Mở khóa một năm (tham số template, kind, period)", roles: ["reviewer"], query: LockBody, responses: { 200: "Đã mở khóa (changed: false nếu năm chưa khóa; khi đó không ghi nhật ký)" } });
locks.delete("/", requireRole("reviewer"), async (c) => {
  const body = await checkedLock(c.env.DB, parseWith(c.req.query(), LockBody));
  const who = c.get("principal");
  const at = new Date().toISOString();
  const [, unlocked] = await c.env.DB.batch([
    auditIfStatement(c.env.DB, who, "lock.delete", `${body.template}/${body.kind}/${body.period}`, {}, at, lockStateCondition(body.template, body.kind, body.period, true)),
    unlockStatement(c.env.DB, body.template, body.kind, body.period),
  ]);
  return c.json({ ...body, locked: false, changed: unlocked.meta.changes > 0 });
});
