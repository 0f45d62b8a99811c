import { Hono } from "hono";
import type { LockAnswer } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { allLocks } from "../db/locks";
import { route } from "../openapi/registry";
import { parseJson, parseWith } from "../request-input";
import { LockBody } from "../schemas";
import { changeLock } from "../services/locks";

export const locks = new Hono<AppEnv>();
locks.use("*", authenticate);

route({
  method: "get",
  path: "/api/locks",
  summary: "Các năm đã khóa",
  roles: ["submitter", "reviewer", "leader"],
  responses: { 200: "Danh sách" },
});
locks.get("/", async (c) => c.json({ locks: await allLocks(c.env.DB) }));

const refusals = {
  404: "Không có mẫu biểu (TEMPLATE_NOT_FOUND)",
  422: "Loại báo cáo không có trong mẫu biểu (KIND_UNKNOWN) hoặc kỳ không phải một năm của mẫu biểu (PERIOD_UNKNOWN)",
};

// Locking a locked year or unlocking an open one changes nothing and leaves no audit row (services/locks.ts).
route({
  method: "post",
  path: "/api/locks",
  summary: "Khóa một năm của mẫu biểu và loại báo cáo",
  roles: ["reviewer"],
  body: LockBody,
  responses: { 201: "Đã khóa", 200: "Năm đã khóa từ trước (changed: false, không ghi nhật ký)", ...refusals },
});
locks.post("/", requireRole("reviewer"), async (c) => {
  const answer: LockAnswer = await changeLock(c.env.DB, c.get("principal"), await parseJson(c, LockBody), true);
  return c.json(answer, answer.changed ? 201 : 200);
});

route({
  method: "delete",
  path: "/api/locks",
  summary: "Mở khóa một năm (tham số template, kind, period)",
  roles: ["reviewer"],
  query: LockBody,
  responses: { 200: "Đã mở khóa (changed: false nếu năm chưa khóa; khi đó không ghi nhật ký)", ...refusals },
});
locks.delete("/", requireRole("reviewer"), async (c) => {
  const answer: LockAnswer = await changeLock(c.env.DB, c.get("principal"), parseWith(c.req.query(), LockBody), false);
  return c.json(answer);
});
