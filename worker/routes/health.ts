import { Hono } from "hono";
import type { AppEnv } from "../env";
import { EXAMPLES } from "../openapi/examples";
import { route } from "../openapi/registry";
import { HealthSchema } from "../openapi/responses";

route({
  method: "get",
  path: "/api/health",
  summary: { vi: "Máy chủ còn hoạt động", en: "The server is up" },
  roles: "public",
  responses: { 200: { vi: "Đang chạy", en: "Running", schema: HealthSchema } },
  examples: EXAMPLES.health,
});
export const health = new Hono<AppEnv>().get("/", (c) => c.json({ status: "ok", time: new Date().toISOString() }));
