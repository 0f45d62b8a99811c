// Reporting rounds (issue 17): a deadline and the expected units per template, report kind and
// period. Anyone signed in may list them (a district sees its deadlines); only an administrator
// sets one. GET /api/status reads them for each unit's deadline and timeliness.
import { Hono } from "hono";
import type { Round } from "../../domain";
import type { AppEnv } from "../env";
import { authenticateReads, requireRole } from "../auth/middleware";
import { now } from "../clock";
import { listRounds } from "../db/rounds";
import { EXAMPLES } from "../openapi/examples";
import { REFUSALS } from "../openapi/params";
import { route } from "../openapi/registry";
import { RoundListSchema, RoundSchema } from "../openapi/responses";
import { parseJson, parseQuery } from "../request-input";
import { RoundBody, RoundsQuery } from "../schemas";
import { setRound } from "../services/admin-rounds";
import { requireKind, requireTemplate } from "../services/templates";

export const rounds = new Hono<AppEnv>();
// Reads sign in with their first query (decision 0023); writes name the principal first.
rounds.use("*", authenticateReads);

route({
  method: "get",
  path: "/api/rounds",
  summary: {
    vi: "Các kỳ báo cáo: hạn nộp và đơn vị phải nộp theo mẫu biểu, loại báo cáo và kỳ",
    en: "Reporting rounds: deadline and expected units per template, report kind and period",
  },
  roles: ["submitter", "reviewer", "leader"],
  query: RoundsQuery,
  responses: { 200: { vi: "Danh sách, theo hạn nộp", en: "The list, by deadline", schema: RoundListSchema } },
  examples: EXAMPLES.rounds,
});
rounds.get("/", async (c) => {
  const q = parseQuery(c, RoundsQuery);
  const list: Round[] = await listRounds(c.env.DB, q.template, q.kind);
  return c.json({ rounds: list });
});

route({
  method: "post",
  path: "/api/rounds",
  summary: {
    vi: "Đặt (tạo hoặc sửa) một kỳ báo cáo: hạn nộp, ngày mở kỳ, đơn vị phải nộp",
    en: "Set (create or change) a reporting round: deadline, opening day, expected units",
  },
  roles: ["admin"],
  body: RoundBody,
  responses: {
    200: { vi: "Kỳ đã lưu", en: "The round as stored", schema: RoundSchema },
    404: REFUSALS.noTemplate,
    422: {
      vi: "Loại báo cáo, kỳ hoặc đơn vị không có; ngày mở kỳ sau hạn nộp",
      en: "Unknown kind, period or units; an opening day after the deadline",
      codes: ["KIND_UNKNOWN", "ROUND_PERIOD_UNKNOWN", "UNIT_UNKNOWN", "ROUND_OPENS_AFTER_DEADLINE"],
    },
  },
  examples: EXAMPLES.setRound,
});
rounds.post("/", requireRole("admin"), async (c) => {
  const body = await parseJson(c, RoundBody);
  // The checks and the store are shared with the administrator's page (services/admin-rounds.ts).
  const round = { ...body, opens: body.opens ?? null, units: body.units ?? null };
  await setRound(c.env.DB, c.get("principal"), round, now(c.env).toISOString());
  const template = await requireTemplate(c.env.DB, body.template);
  const kind = requireKind(template, body.kind);
  const stored = (await listRounds(c.env.DB, template.id, kind)).find((r) => r.period === body.period)!;
  return c.json(stored);
});
