import { Hono } from "hono";
import { z } from "zod";
import { checkTemplate, type Template } from "../../domain";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { sha256Hex } from "../auth/tokens";
import { auditStatement } from "../db/audit";
import { insertTemplateStatement } from "../db/templates";
import { ApiError } from "../errors";
import { route } from "../openapi/registry";
import { allTemplates, resolveTemplate } from "../services/templates";
import { workbookBytes, xlsxHeaders } from "../services/export";
import { parseQuery } from "../validation";

export const templates = new Hono<AppEnv>();

route({ method: "get", path: "/api/templates", summary: "Các mẫu biểu (kế hoạch) đang dùng", roles: "public", responses: { 200: "Danh sách" } });
templates.get("/", async (c) =>
  c.json({
    templates: (await allTemplates(c.env.DB)).map((t) => ({ id: t.id, version: t.version, name: t.name, appendices: t.appendices.map((a) => a.id) })),
  }),
);

/** `?version=N`: exactly that version (the one a snapshot names in `templateVersion`). */
const TemplateQuery = z.object({ version: z.string().regex(/^[1-9]\d{0,8}$/, "số nguyên dương").optional() });

route({
  method: "get", path: "/api/templates/{id}", summary: "Toàn bộ định nghĩa một mẫu biểu: phiên bản mới nhất, hoặc đúng phiên bản ?version= mà một báo cáo đã dùng",
  roles: "public", query: TemplateQuery, responses: { 200: "Mẫu biểu", 400: "Phiên bản sai dạng", 404: "Không có mẫu biểu hoặc phiên bản này" },
});
templates.get("/:id", async (c) => {
  const id = c.req.param("id");
  const { version } = parseQuery(c, TemplateQuery);
  const template = await resolveTemplate(c.env.DB, id, version === undefined ? undefined : Number(version));
  if (!template) throw new ApiError(404, "TEMPLATE_NOT_FOUND", version ? `Không tìm thấy phiên bản ${version} của mẫu biểu "${id}"` : `Không tìm thấy mẫu biểu "${id}"`);
  return c.json(template);
});

route({ method: "get", path: "/api/templates/{id}/workbook", summary: "Tệp .xlsx trống theo mẫu in (PL01–PL03) để điền", roles: "public", responses: { 200: "Tệp .xlsx", 404: "Không có" } });
templates.get("/:id/workbook", async (c) => {
  const id = c.req.param("id");
  const template = await resolveTemplate(c.env.DB, id);
  if (!template) throw new ApiError(404, "TEMPLATE_NOT_FOUND", `Không tìm thấy mẫu biểu "${id}"`);
  return c.body(workbookBytes(template), 200, xlsxHeaders(`${template.id}-mau-trong`));
});

route({ method: "post", path: "/api/templates", summary: "Lưu một mẫu biểu mới hoặc phiên bản mới (được kiểm tra trước khi lưu)", roles: ["admin"], responses: { 201: "Đã lưu", 409: "Phiên bản đã có", 422: "Mẫu biểu sai" } });
templates.post("/", authenticate, requireRole("admin"), async (c) => {
  let template: Template;
  try {
    template = JSON.parse(await c.req.text()) as Template;
  } catch {
    throw new ApiError(400, "INVALID_JSON", "Nội dung gửi lên không phải JSON hợp lệ.");
  }
  let problems: string[];
  try {
    problems = checkTemplate(template);
  } catch (err) {
    problems = [`cấu trúc không đọc được: ${String(err instanceof Error ? err.message : err)}`];
  }
  if (problems.length) throw new ApiError(422, "TEMPLATE_INVALID", `Mẫu biểu không hợp lệ: ${problems.join("; ")}`, { problems });
  const current = await resolveTemplate(c.env.DB, template.id);
  if (current && current.version >= template.version) {
    throw new ApiError(409, "TEMPLATE_VERSION_EXISTS", `Mẫu biểu "${template.id}" đã có phiên bản ${current.version}; hãy tăng "version".`);
  }
  const who = c.get("principal");
  const text = JSON.stringify(template);
  const at = new Date().toISOString();
  await c.env.DB.batch([
    insertTemplateStatement(c.env.DB, template, await sha256Hex(text), at, who.id),
    auditStatement(c.env.DB, who, "template.create", `${template.id}@${template.version}`, {}, at),
  ]);
  return c.json({ id: template.id, version: template.version }, 201);
});
