import { Hono } from "hono";
import type { Me } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate } from "../auth/middleware";
import { listUnits } from "../db/units";
import { EXAMPLES } from "../openapi/examples";
import { route } from "../openapi/registry";
import { MeSchema } from "../openapi/responses";

export const me = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/me",
  summary: { vi: "Ai đang dùng mã truy cập này (vai trò, đơn vị)", en: "Who this token is (role, unit)" },
  roles: ["submitter", "reviewer", "leader"],
  responses: { 200: { vi: "Vai trò và đơn vị của mã", en: "The token's role and unit", schema: MeSchema } },
  examples: EXAMPLES.me,
});
me.get("/", authenticate, async (c) => {
  const p = c.get("principal");
  const unit = p.unit ? (await listUnits(c.env.DB)).find((u) => u.code === p.unit) : undefined;
  const me: Me = { role: p.role, unit: p.unit, unitName: unit?.name ?? null };
  return c.json(me);
});
