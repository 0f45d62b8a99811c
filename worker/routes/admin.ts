import { Hono } from "hono";
import { DEFAULT_TEMPLATE_ID } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { newToken, sha256Hex } from "../auth/tokens";
import { listTokens, revokeToken, storeToken } from "../db/tokens";
import { expectedUnits, listUnits, storeExpectedUnits } from "../db/units";
import { catalogueError } from "../errors";
import { EXAMPLES } from "../openapi/examples";
import { PARAMS } from "../openapi/params";
import { route } from "../openapi/registry";
import { ExpectedUnitsSchema, NewTokenSchema, RevokedSchema, TokenListSchema } from "../openapi/responses";
import { ExpectedBody, TokenBody } from "../schemas";
import { parseJson } from "../request-input";

export const admin = new Hono<AppEnv>();
admin.use("*", authenticate, requireRole("admin"));

route({
  method: "post",
  path: "/api/admin/tokens",
  summary: {
    vi: "Cấp mã truy cập (mã chỉ hiện một lần; chỉ lưu mã băm)",
    en: "Issue an access token (shown once; only its hash is stored)",
  },
  roles: ["admin"],
  body: TokenBody,
  responses: {
    201: { vi: "Mã mới", en: "The new token", schema: NewTokenSchema },
    422: {
      vi: "Đơn vị thiếu (submitter), thừa (vai trò khác) hoặc không có",
      en: "The unit is missing (submitter), not allowed (other roles) or unknown",
      codes: ["TOKEN_UNIT", "UNIT_UNKNOWN"],
    },
  },
  examples: EXAMPLES.newToken,
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
  summary: {
    vi: "Danh sách mã truy cập (không có mã, chỉ thông tin)",
    en: "The access tokens (their details, never the tokens)",
  },
  roles: ["admin"],
  responses: { 200: { vi: "Danh sách", en: "The list", schema: TokenListSchema } },
  examples: EXAMPLES.tokens,
});
admin.get("/tokens", async (c) => c.json({ tokens: await listTokens(c.env.DB) }));

route({
  method: "delete",
  path: "/api/admin/tokens/{id}",
  summary: { vi: "Thu hồi mã truy cập", en: "Revoke an access token" },
  roles: ["admin"],
  params: [PARAMS.tokenId],
  responses: {
    200: { vi: "Đã thu hồi", en: "Revoked", schema: RevokedSchema },
    404: {
      vi: "Không có, hoặc đã thu hồi (không ghi nhật ký)",
      en: "Unknown, or already revoked (nothing logged)",
      codes: ["TOKEN_NOT_FOUND"],
    },
  },
  examples: EXAMPLES.revoke,
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
  summary: { vi: "Các đơn vị phải báo cáo một mẫu biểu", en: "The units that must report on a template" },
  roles: ["admin"],
  params: [PARAMS.expectedTemplate],
  responses: { 200: { vi: "Danh sách", en: "The list", schema: ExpectedUnitsSchema } },
  examples: EXAMPLES.expected,
});
admin.get("/expected-units", async (c) => {
  const template = c.req.query("template") ?? DEFAULT_TEMPLATE_ID;
  return c.json({ template, units: await expectedUnits(c.env.DB, template) });
});

route({
  method: "post",
  path: "/api/admin/expected-units",
  summary: { vi: "Đặt lại danh sách đơn vị phải báo cáo", en: "Replace the list of units that must report" },
  roles: ["admin"],
  body: ExpectedBody,
  responses: {
    200: { vi: "Đã lưu", en: "Stored", schema: ExpectedUnitsSchema },
    422: { vi: "Có đơn vị không có (units: các mã)", en: "Unknown units (units: which)", codes: ["UNIT_UNKNOWN"] },
  },
  examples: EXAMPLES.setExpected,
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
