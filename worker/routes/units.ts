import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { auditStatement } from "../db/audit";
import { listUnits, upsertUnitStatement } from "../db/units";
import { route } from "../openapi/registry";
import { UnitBody } from "../schemas";
import { parseJson } from "../validation";

export const units = new Hono<AppEnv>();
units.use("*", authenticate);

route({ method: "get", path: "/api/units", summary: "Danh mục đơn vị (tỉnh, sở, huyện)", roles: ["submitter", "reviewer", "leader"], responses: { 200: "Danh sách" } });
units.get("/", async (c) => {
  const rows = await listUnits(c.env.DB);
  return c.json({
    units: rows.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parent: u.parent, coastal: u.coastal === 1, validFrom: u.valid_from, validTo: u.valid_to })),
  });
});

route({ method: "post", path: "/api/units", summary: "Thêm hoặc sửa một đơn vị", roles: ["admin"], body: UnitBody, responses: { 200: "Đã lưu" } });
units.post("/", requireRole("admin"), async (c) => {
  const u = await parseJson(c, UnitBody);
  const who = c.get("principal");
  await c.env.DB.batch([
    upsertUnitStatement(c.env.DB, { code: u.code, name: u.name, kind: u.kind, parent: u.parent, coastal: u.coastal, valid_from: u.validFrom, valid_to: u.validTo }),
    auditStatement(c.env.DB, who, "unit.upsert", u.code, u),
  ]);
  return c.json(u);
});
