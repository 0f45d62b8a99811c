import { Hono } from "hono";
import { DEFAULT_TEMPLATE_ID } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { newToken, sha256Hex } from "../auth/tokens";
import { auditIfStatement, auditStatement } from "../db/audit";
import { insertTokenStatement, listTokens, revokeTokenStatement, tokenActiveCondition } from "../db/tokens";
import { expectedDifferCondition, expectedUnits, listUnits, setExpectedStatements } from "../db/units";
import { ApiError } from "../errors";
import { route } from "../openapi/registry";
import { ExpectedBody, TokenBody } from "../schemas";
import { parseJson } from "../validation";

export const admin = new Hono<AppEnv>();
admin.use("*", authenticate, requireRole("admin"));

route({ method: "post", path: "/api/admin/tokens", summary: "Cấp mã truy cập (chỉ hiện một lần)", roles: ["admin"], body: TokenBody, responses: { 201: "Mã mới", 422: "Sai đơn vị" } });
admin.post("/tokens", async (c) => {
  const body = await parseJson(c, TokenBody);
  if ((body.role === "submitter") !== (body.unit !== undefined)) {
    throw new ApiError(422, "TOKEN_UNIT", "Mã của người nộp phải gắn với đúng một đơn vị; các vai trò khác không gắn đơn vị.");
  }
  if (body.unit && !(await listUnits(c.env.DB)).some((u) => u.code === body.unit)) {
    throw new ApiError(422, "UNIT_UNKNOWN", `Không có đơn vị mã "${body.unit}".`);
  }
  const who = c.get("principal");
  const token = newToken();
  const row = { id: crypto.randomUUID(), role: body.role, unit: body.unit ?? null, label: body.label ?? null, created_at: new Date().toISOString(), created_by: who.id };
  await c.env.DB.batch([
    insertTokenStatement(c.env.DB, { ...row, hash: await sha256Hex(token) }),
    auditStatement(c.env.DB, who, "token.create", row.id, { role: row.role, unit: row.unit }, row.created_at),
  ]);
  return c.json({ ...row, token }, 201);
});

route({ method: "get", path: "/api/admin/tokens", summary: "Danh sách mã truy cập (không có mã, chỉ thông tin)", roles: ["admin"], responses: { 200: "Danh sách" } });
admin.get("/tokens", async (c) => c.json({ tokens: await listTokens(c.env.DB) }));

route({ method: "delete", path: "/api/admin/tokens/{id}", summary: "Thu hồi mã truy cập", roles: ["admin"], responses: { 200: "Đã thu hồi", 404: "Không có, hoặc đã thu hồi (TOKEN_NOT_FOUND; không ghi nhật ký)" } });
admin.delete("/tokens/:id", async (c) => {
  const id = c.req.param("id");
  const who = c.get("principal");
  const at = new Date().toISOString();
  // The audit row goes first, written only if the token is still active: revoking an unknown or
  // already revoked token changes nothing and leaves no row.
  const [, revoked] = await c.env.DB.batch([auditIfStatement(c.env.DB, who, "token.revoke", id, {}, at, tokenActiveCondition(id)), revokeTokenStatement(c.env.DB, id, at)]);
  if (!revoked.meta.changes) throw new ApiError(404, "TOKEN_NOT_FOUND", "Không có mã truy cập này, hoặc mã đã bị thu hồi.");
  return c.json({ id, revokedAt: at });
});

route({ method: "get", path: "/api/admin/expected-units", summary: "Các đơn vị phải báo cáo một mẫu biểu", roles: ["admin"], responses: { 200: "Danh sách" } });
admin.get("/expected-units", async (c) => {
  const template = c.req.query("template") ?? DEFAULT_TEMPLATE_ID;
  return c.json({ template, units: await expectedUnits(c.env.DB, template) });
});

route({ method: "post", path: "/api/admin/expected-units", summary: "Đặt lại danh sách đơn vị phải báo cáo", roles: ["admin"], body: ExpectedBody, responses: { 200: "Đã lưu", 422: "Sai đơn vị" } });
admin.post("/expected-units", async (c) => {
  const body = await parseJson(c, ExpectedBody);
  const known = new Set((await listUnits(c.env.DB)).map((u) => u.code));
  const unknown = body.units.filter((u) => !known.has(u));
  if (unknown.length) throw new ApiError(422, "UNIT_UNKNOWN", `Không có đơn vị mã: ${unknown.join(", ")}.`);
  const who = c.get("principal");
  const units = [...new Set(body.units)];
  // Audited only when the list changes (the row is written before the replacement, on the old list).
  await c.env.DB.batch([
    auditIfStatement(c.env.DB, who, "expected.set", body.template, { units }, new Date().toISOString(), expectedDifferCondition(body.template, units)),
    ...setExpectedStatements(c.env.DB, body.template, units),
  ]);
  return c.json({ ...body, units });
});
