import { Hono } from "hono";
import type { AppEnv } from "../env";
import { route } from "../openapi/registry";

route({
  method: "get",
  path: "/api/health",
  summary: "Máy chủ còn hoạt động",
  roles: "public",
  responses: { 200: '{ status: "ok", time }' },
});
export const health = new Hono<AppEnv>().get("/", (c) => c.json({ status: "ok", time: new Date().toISOString() }));
