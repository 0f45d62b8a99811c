import { Hono } from "hono";
import type { StatusBoard } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { route } from "../openapi/registry";
import { parseQuery } from "../request-input";
import { StatusQuery } from "../schemas";
import { statusBoard } from "../services/status";
import { requireKind, requireTemplate } from "../services/templates";

export const status = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/status",
  summary: "Tình hình nộp của các đơn vị phải báo cáo (kind: một loại báo cáo của mẫu biểu, mặc định loại đầu tiên)",
  roles: ["leader", "reviewer"],
  query: StatusQuery,
  responses: {
    200: "Bảng trạng thái",
    404: "Không có mẫu biểu (TEMPLATE_NOT_FOUND)",
    422: "Loại báo cáo không có trong mẫu biểu (KIND_UNKNOWN)",
  },
});
status.get("/", authenticate, requireRole("leader", "reviewer"), async (c) => {
  const q = parseQuery(c, StatusQuery);
  const template = await requireTemplate(c.env.DB, q.template);
  const board: StatusBoard = await statusBoard(c.env.DB, c.get("principal"), template, requireKind(template, q.kind));
  return c.json(board);
});
