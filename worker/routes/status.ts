import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { listSnapshots } from "../db/snapshots";
import { expectedUnits, listUnits } from "../db/units";
import { route } from "../openapi/registry";
import { StatusQuery } from "../schemas";
import { parseQuery } from "../validation";

export const status = new Hono<AppEnv>();

route({ method: "get", path: "/api/status", summary: "Tình hình nộp của các đơn vị phải báo cáo", roles: ["leader", "reviewer"], query: StatusQuery, responses: { 200: "Bảng trạng thái" } });
status.get("/", authenticate, requireRole("leader", "reviewer"), async (c) => {
  const q = parseQuery(c, StatusQuery);
  const [expected, units, snapshots] = await Promise.all([
    expectedUnits(c.env.DB, q.template),
    listUnits(c.env.DB),
    listSnapshots(c.env.DB, { template: q.template, kind: q.kind, limit: 100_000 }),
  ]);
  const rows = expected.map((code) => {
    const latest = snapshots.filter((s) => s.unit === code).sort((a, b) => b.version - a.version)[0];
    return {
      unit: code,
      name: units.find((u) => u.code === code)?.name ?? code,
      missing: !latest,
      version: latest?.version ?? null,
      status: latest?.status ?? "missing",
      submittedAt: latest?.createdAt ?? null,
      reviewComment: latest?.reviewComment ?? null,
    };
  });
  return c.json({ template: q.template, kind: q.kind, units: rows });
});
