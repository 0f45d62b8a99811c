import { Hono } from "hono";
import type { LockAnswer } from "../../domain";
import type { AppEnv } from "../env";
import { authenticateReads, requireRole } from "../auth/middleware";
import { allLocks } from "../db/locks";
import { EXAMPLES } from "../openapi/examples";
import { route } from "../openapi/registry";
import { LockAnswerSchema, LockListSchema } from "../openapi/responses";
import { parseJson, parseWith } from "../request-input";
import { LockBody } from "../schemas";
import { changeLock } from "../services/locks";

export const locks = new Hono<AppEnv>();
// Reads sign in with their first query (decision 0023); writes name the principal first.
locks.use("*", authenticateReads);

route({
  method: "get",
  path: "/api/locks",
  summary: { vi: "Các năm đã khóa", en: "Locked years" },
  roles: ["submitter", "reviewer", "leader"],
  responses: { 200: { vi: "Danh sách", en: "The list", schema: LockListSchema } },
  examples: EXAMPLES.locks,
});
locks.get("/", async (c) => c.json({ locks: await allLocks(c.env.DB) }));

const refusals = {
  404: { vi: "Không có mẫu biểu", en: "No such template", codes: ["TEMPLATE_NOT_FOUND" as const] },
  422: {
    vi: "Loại báo cáo không có trong mẫu biểu, hoặc kỳ không phải một năm của mẫu biểu",
    en: "The template has no such kind, or the period is not one of its years",
    codes: ["KIND_UNKNOWN" as const, "PERIOD_UNKNOWN" as const],
  },
};

// Locking a locked year or unlocking an open one changes nothing and leaves no audit row (services/locks.ts).
route({
  method: "post",
  path: "/api/locks",
  summary: {
    vi: "Khóa một năm của mẫu biểu và loại báo cáo: số liệu năm đó không đổi được nữa (423 PERIOD_LOCKED)",
    en: "Lock a year of a template and report kind: its figures can no longer change (423 PERIOD_LOCKED)",
  },
  roles: ["reviewer"],
  body: LockBody,
  responses: {
    201: { vi: "Đã khóa", en: "Locked", schema: LockAnswerSchema },
    200: {
      vi: "Năm đã khóa từ trước (changed: false, không ghi nhật ký)",
      en: "Already locked (changed: false, nothing logged)",
      schema: LockAnswerSchema,
    },
    ...refusals,
  },
  examples: EXAMPLES.lock,
});
locks.post("/", requireRole("reviewer"), async (c) => {
  const answer: LockAnswer = await changeLock(c.env.DB, c.get("principal"), await parseJson(c, LockBody), true);
  return c.json(answer, answer.changed ? 201 : 200);
});

route({
  method: "delete",
  path: "/api/locks",
  summary: { vi: "Mở khóa một năm (tham số template, kind, period)", en: "Unlock a year (template, kind, period)" },
  roles: ["reviewer"],
  query: LockBody,
  responses: {
    200: {
      vi: "Đã mở khóa (changed: false nếu năm chưa khóa; khi đó không ghi nhật ký)",
      en: "Unlocked (changed: false when the year was open; then nothing is logged)",
      schema: LockAnswerSchema,
    },
    ...refusals,
  },
  examples: EXAMPLES.unlock,
});
locks.delete("/", requireRole("reviewer"), async (c) => {
  const answer: LockAnswer = await changeLock(c.env.DB, c.get("principal"), parseWith(c.req.query(), LockBody), false);
  return c.json(answer);
});
