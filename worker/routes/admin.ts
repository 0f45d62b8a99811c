import { Hono } from "hono";
import { DEFAULT_TEMPLATE_ID } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { newToken, sha256Hex } from "../auth/tokens";
import { listTokens, revokeToken, storeToken } from "../db/tokens";
import { expectedUnits, listUnits, storeExpectedUnits } from "../db/units";
import { catalogueError } from "../errors";
import { route } from "../openapi/registry";
import { ExpectedBody, TokenBody } from "../schemas";
import { parseJson } from "../request-input";

export const admin = new Hono<AppEnv>();
admin.use("*", authenticate, requireRole("admin"));

route({
  method: "post",
  path: "/api/admin/tokens",
  summary: "Cấp mã truy cập (chỉ hiện một lần)",
  roles: ["admin"],
  body: TokenBody,
  responses: { 201: "Mã mới", 422: "Sai đơn vị" },
});
admin.post("/tokens", async (c) => {
  const body = await parseJson(c, TokenBody);
  if ((body.role === "submitter") !== (body.unit !== undefined)) throw catalogueError(422, "TOKEN_UNIT");
  if (body.unit && !(await listUnits(c.env.DB)).some((u) => u.code === body.unit))
    throw catalogueError(422, "UNIT_UNKNOWN", { unit: body.unit });
  const who = c.get("principal");
  const token = newToken();
  const row = {
    id: crypto.randomUUID(),
    role: body.role,
    unit: body.unit ?? null,
    label: body.label ?? null,
    created_at: new Date().toISOString(),
    created_by: who.id,
  };
  await storeToken(c.env.DB, who, { ...row, hash: await sha256Hex(token) });
  return c.json({ ...row, token }, 201);
});

route({
  method: "get",
  path: "/api/admin/tokens",
  summary: "Danh sách mã truy cập (không có mã, chỉ thông tin)",
  roles: ["admin"],
  responses: { 200: "Danh sách" },
});
admin.get("/tokens", async (c) => c.json({ tokens: await listTokens(c.env.DB) }));

route({
  method: "delete",
  path: "/api/admin/tokens/{id}",
  summary: "Thu hồi mã truy cập",
  roles: ["admin"],
  responses: { 200: "Đã thu hồi", 404: "Không có, hoặc đã thu hồi (TOKEN_NOT_FOUND; không ghi nhật ký)" },
});
admin.delete("/tokens/:id", async (c) => {
  const id = c.req.param("id");
  const at = new Date().toISOString();
  // Revoking an unknown or already revoked token changes nothing and leaves no audit row.
  if (!(await revokeToken(c.env.DB, c.get("principal"), id, at))) throw catalogueError(404, "TOKEN_NOT_FOUND");
  return c.json({ id, revokedAt: at });
});

route({
  method: "get",
  path: "/api/admin/expected-units",
  summary: "Các đơn vị phải báo cáo một mẫu biểu",
  roles: ["admin"],
  responses: { 200: "Danh sách" },
});
admin.get("/expected-units", async (c) => {
  const template = c.req.query("template") ?? DEFAULT_TEMPLATE_ID;
  return c.json({ template, units: await expectedUnits(c.env.DB, template) });
});

route({
  method: "post",
  path: "/api/admin/expected-units",
  summary: "Đặt lại danh sách đơn vị phải báo cáo",
  roles: ["admin"],
  body: ExpectedBody,
  responses: { 200: "Đã lưu", 422: "Sai đơn vị" },
});
admin.post("/expected-units", async (c) => {
  const body = await parseJson(c, ExpectedBody);
  const known = new Set((await listUnits(c.env.DB)).map((u) => u.code));
  const unknown = body.units.filter((u) => !known.has(u));
  if (unknown.length) throw catalogueError(422, "UNIT_UNKNOWN", { unit: unknown.join(", ") }, { units: unknown });
  const units = [...new Set(body.units)];
  // Audited only when the list changes.
  await storeExpectedUnits(c.env.DB, c.get("principal"), body.template, units);
  return c.json({ ...body, units });
});
