import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { sha256Hex } from "../auth/tokens";
import { checkedTemplate } from "../db/stored";
import { storeTemplate } from "../db/templates";
import { catalogueError } from "../errors";
import { route } from "../openapi/registry";
import { allTemplates, requireTemplate, resolveTemplate } from "../services/templates";
import { workbookBytes, xlsxHeaders } from "../services/export";
import { parseJsonText, parseQuery } from "../request-input";

export const templates = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/templates",
  summary: "Các mẫu biểu (kế hoạch) đang dùng",
  roles: "public",
  responses: { 200: "Danh sách" },
});
templates.get("/", async (c) =>
  c.json({
    templates: (await allTemplates(c.env.DB)).map((t) => ({
      id: t.id,
      version: t.version,
      name: t.name,
      appendices: t.appendices.map((a) => a.id),
    })),
  }),
);

/** `?version=N`: exactly that version (the one a snapshot names in `templateVersion`). */
const TemplateQuery = z.object({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, "số nguyên dương")
    .optional(),
});

route({
  method: "get",
  path: "/api/templates/{id}",
  summary: "Toàn bộ định nghĩa một mẫu biểu: phiên bản mới nhất, hoặc đúng phiên bản ?version= mà một báo cáo đã dùng",
  roles: "public",
  query: TemplateQuery,
  responses: {
    200: "Mẫu biểu",
    400: "Phiên bản sai dạng",
    404: "Không có mẫu biểu hoặc phiên bản này (TEMPLATE_NOT_FOUND)",
  },
});
templates.get("/:id", async (c) => {
  const { version } = parseQuery(c, TemplateQuery);
  return c.json(
    await requireTemplate(c.env.DB, c.req.param("id"), version === undefined ? undefined : Number(version)),
  );
});

route({
  method: "get",
  path: "/api/templates/{id}/workbook",
  summary: "Tệp .xlsx trống theo mẫu in (PL01–PL03) để điền",
  roles: "public",
  responses: { 200: "Tệp .xlsx", 404: "Không có (TEMPLATE_NOT_FOUND)" },
});
templates.get("/:id/workbook", async (c) => {
  const template = await requireTemplate(c.env.DB, c.req.param("id"));
  return c.body(workbookBytes(template), 200, xlsxHeaders(`${template.id}-mau-trong`));
});

route({
  method: "post",
  path: "/api/templates",
  summary: "Lưu một mẫu biểu mới hoặc phiên bản mới (được kiểm tra trước khi lưu)",
  roles: ["admin"],
  responses: { 201: "Đã lưu", 409: "Phiên bản đã có", 422: "Mẫu biểu sai" },
});
templates.post("/", authenticate, requireRole("admin"), async (c) => {
  const checked = checkedTemplate(parseJsonText(await c.req.text()));
  if ("problems" in checked)
    throw catalogueError(
      422,
      "TEMPLATE_INVALID",
      { problems: checked.problems.join("; ") },
      { problems: checked.problems },
    );
  const { template } = checked;
  const current = await resolveTemplate(c.env.DB, template.id);
  if (current && current.version >= template.version) {
    throw catalogueError(409, "TEMPLATE_VERSION_EXISTS", { template: template.id, current: current.version });
  }
  const text = JSON.stringify(template);
  await storeTemplate(c.env.DB, template, text, await sha256Hex(text), c.get("principal"), new Date().toISOString());
  return c.json({ id: template.id, version: template.version }, 201);
});
