import { Hono } from "hono";
import type { StatusBoard } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { EXAMPLES } from "../openapi/examples";
import { REFUSALS } from "../openapi/params";
import { route } from "../openapi/registry";
import { StatusBoardSchema } from "../openapi/responses";
import { parseQuery } from "../request-input";
import { normaliseAsOf, StatusQuery } from "../schemas";
import { statusBoard } from "../services/status";
import { requireKind, requireTemplate } from "../services/templates";

export const status = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/status",
  summary: {
    vi: "Tình hình nộp của các đơn vị phải báo cáo: phiên bản mới nhất của mỗi đơn vị, hoặc chưa nộp",
    en: "Submission status of the units that must report: each unit's newest version, or missing",
  },
  roles: ["leader", "reviewer"],
  query: StatusQuery,
  responses: {
    200: { vi: "Bảng trạng thái", en: "The status board", schema: StatusBoardSchema },
    404: REFUSALS.noTemplate,
    422: REFUSALS.noKind,
  },
  examples: EXAMPLES.status,
});
status.get("/", authenticate, requireRole("leader", "reviewer"), async (c) => {
  const q = parseQuery(c, StatusQuery);
  const template = await requireTemplate(c.env.DB, q.template);
  // The same moment as /api/consolidated (decision 0017): the board follows the chosen "as of".
  const board: StatusBoard = await statusBoard(c.env.DB, c.get("principal"), template, requireKind(template, q.kind), {
    asOf: normaliseAsOf(q.asOf),
    basis: q.basis,
  });
  return c.json(board);
});
