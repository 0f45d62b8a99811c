import { Hono } from "hono";
import type { Me } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate } from "../auth/middleware";
import { listUnits } from "../db/units";
import { route } from "../openapi/registry";

export const me = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/me",
  summary: "Ai đang dùng mã truy cập này (vai trò, đơn vị)",
  roles: ["submitter", "reviewer", "leader"],
  responses: { 200: "Thông tin", 401: "Mã sai" },
});
me.get("/", authenticate, async (c) => {
  const p = c.get("principal");
  const unit = p.unit ? (await listUnits(c.env.DB)).find((u) => u.code === p.unit) : undefined;
  const me: Me = { role: p.role, unit: p.unit, unitName: unit?.name ?? null };
  return c.json(me);
});
