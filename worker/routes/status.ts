import { Hono } from "hono";
import type { Context } from "hono";
import type { StatusBoard } from "../../domain";
import type { AppEnv } from "../env";
import { authenticateWithReads, requireRole } from "../auth/middleware";
import { now } from "../clock";
import { EXAMPLES } from "../openapi/examples";
import { REFUSALS } from "../openapi/params";
import { route } from "../openapi/registry";
import { StatusBoardSchema } from "../openapi/responses";
import { parseQuery } from "../request-input";
import { normaliseAsOf, StatusQuery } from "../schemas";
import { notSubmittedCsv } from "../services/not-submitted";
import { statusBoard, type StatusBoardAnswer } from "../services/status";
import { requireKind, withNewestTemplate } from "../services/templates";

export const status = new Hono<AppEnv>();

/** The board the query asks for; "now" (no asOf) is the Worker's clock (worker/clock.ts). */
async function boardOf(c: Context<AppEnv>): Promise<StatusBoardAnswer> {
  const q = parseQuery(c, StatusQuery);
  // One round trip: the sign-in, the newest template version and the board's reads (decision 0023).
  return withNewestTemplate(c.env.DB, q.template, (template) =>
    // The same moment as /api/consolidated (decision 0017): the board follows the chosen "as of".
    statusBoard(c.env.DB, () => c.get("principal"), template, requireKind(template, q.kind), {
      asOf: q.asOf ? normaliseAsOf(q.asOf) : now(c.env).toISOString(),
      basis: q.basis,
      period: q.period,
    }),
  );
}

route({
  method: "get",
  path: "/api/status",
  summary: {
    vi: "Tình hình nộp của các đơn vị phải báo cáo: phiên bản mới nhất của mỗi đơn vị, hoặc chưa nộp; hạn nộp của kỳ và đúng hạn, trễ hạn, chưa đến hạn hay quá hạn",
    en: "Submission status of the units that must report: each unit's newest version, or missing; the round's deadline and whether each is on time, late, not yet due or overdue",
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
status.get("/", authenticateWithReads, requireRole("leader", "reviewer"), async (c) => {
  const board: StatusBoard = await boardOf(c);
  return c.json(board);
});

route({
  method: "get",
  path: "/api/status/not-submitted.csv",
  summary: {
    vi: "Danh sách đơn vị chưa nộp (CSV cho người đọc: UTF-8 có BOM, dấu chấm phẩy), cùng tham số với /api/status",
    en: "The units that have not submitted (people's CSV: UTF-8 with a BOM, semicolons), same parameters as /api/status",
  },
  roles: ["leader", "reviewer"],
  query: StatusQuery,
  responses: {
    200: {
      vi: "Mỗi đơn vị chưa nộp trong kỳ một dòng: mã, tên, kỳ, hạn nộp, tình trạng",
      en: "One row per unit that has not submitted in the round: code, name, period, deadline, status",
      media: ["text/csv"],
    },
    404: REFUSALS.noTemplate,
    422: REFUSALS.noKind,
  },
  examples: EXAMPLES.notSubmitted,
});
status.get("/not-submitted.csv", authenticateWithReads, requireRole("leader", "reviewer"), async (c) => {
  const board = await boardOf(c);
  const period = board.round ? `-${board.round.period}` : "";
  return c.body(notSubmittedCsv(board), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="chua-nop-${board.template}-${board.kind}${period}.csv"`,
  });
});
