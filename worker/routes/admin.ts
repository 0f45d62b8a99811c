import { Hono } from "hono";
import { DEFAULT_TEMPLATE_ID } from "../../domain";
import type { AppEnv } from "../env";
import { authenticateReads, requireRole } from "../auth/middleware";
import { listTokens, revokeToken } from "../db/tokens";
import { expectedUnits, listUnits, storeExpectedUnits } from "../db/units";
import { catalogueError } from "../errors";
import { EXAMPLES } from "../openapi/examples";
import { PARAMS, REFUSALS } from "../openapi/params";
import { route } from "../openapi/registry";
import { ExpectedUnitsSchema, NewTokenSchema, RevokedSchema, TokenListSchema } from "../openapi/responses";
import { ExpectedBody, TokenBody } from "../schemas";
import { issueToken } from "../services/admin-tokens";
import { now } from "../clock";
import { parseJson } from "../request-input";

export const admin = new Hono<AppEnv>();
// Reads sign in with their first query (decision 0023); writes name the principal first.
admin.use("*", authenticateReads, requireRole("admin"));

route({
  method: "post",
  path: "/api/admin/tokens",
  summary: {
    vi: "Cấp mã truy cập, có thể kèm hạn dùng (mã chỉ hiện một lần; chỉ lưu mã băm)",
    en: "Issue an access token, optionally with an expiry (shown once; only its hash is stored)",
  },
  roles: ["admin"],
  body: TokenBody,
  responses: {
    201: { vi: "Mã mới", en: "The new token", schema: NewTokenSchema },
    422: {
      vi: "Đơn vị thiếu (submitter), thừa (vai trò khác) hoặc không có; hạn dùng đã qua",
      en: "The unit is missing (submitter), not allowed (other roles) or unknown; the expiry has passed",
      codes: ["TOKEN_UNIT", "UNIT_UNKNOWN", "TOKEN_EXPIRY_PAST"],
    },
    400: REFUSALS.asOf,
  },
  examples: EXAMPLES.newToken,
});
admin.post("/tokens", async (c) => {
  const body = await parseJson(c, TokenBody);
  const who = c.get("principal");
  const at = now(c.env);
  const request = { role: body.role, unit: body.unit ?? null, label: body.label ?? null };
  // The checks and the store are shared with the administrator's page (services/admin-tokens.ts): a date
  // expiry is the end of that day in Vietnam time, like asOf; one already past is refused.
  const issued = await issueToken(c.env.DB, who, { ...request, expires: body.expiresAt ?? null }, at);
  const row = {
    id: issued.id,
    ...request,
    created_at: at.toISOString(),
    created_by: who.id,
    expires_at: issued.expiresAt,
  };
  return c.json({ ...row, token: issued.token }, 201);
});

route({
  method: "get",
  path: "/api/admin/tokens",
  summary: {
    vi: "Danh sách mã truy cập: nhãn, vai trò, đơn vị, ngày cấp, lần dùng gần nhất (theo phút), hạn dùng; không bao giờ có mã hay mã băm",
    en: "The access tokens: label, role, unit, issued, last used (to the minute), expiry; never the token or its hash",
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
  const at = now(c.env).toISOString();
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
