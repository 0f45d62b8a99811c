import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { sha256Hex } from "../auth/tokens";
import { checkedTemplate, refusalAnswer } from "../db/stored";
import { storeTemplate } from "../db/templates";
import { catalogueError } from "../errors";
import { EXAMPLES, XLSX } from "../openapi/examples";
import { about } from "../openapi/meta";
import { PARAMS, REFUSALS } from "../openapi/params";
import { route } from "../openapi/registry";
import {
  TemplateInvalidSchema,
  TemplateJsonSchema,
  TemplateListSchema,
  TemplateSchema,
  TemplateStoredSchema,
} from "../openapi/responses";
import { allTemplates, requireTemplate, resolveTemplate } from "../services/templates";
import { workbookBytes, xlsxHeaders } from "../services/export";
import { parseJsonText, parseQuery } from "../request-input";
import { templateSchema } from "../../domain/template/schema";

export const templates = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/templates",
  summary: { vi: "Các mẫu biểu (kế hoạch) đang dùng", en: "The templates (plans) in use" },
  roles: "public",
  responses: { 200: { vi: "Danh sách", en: "The list", schema: TemplateListSchema } },
  examples: EXAMPLES.templates,
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

route({
  method: "get",
  path: "/api/templates/schema.json",
  summary: {
    vi: "Định dạng mẫu biểu dưới dạng JSON Schema (draft 2020-12): điều POST /api/templates kiểm tra về cấu trúc",
    en: "The template format as a JSON Schema (draft 2020-12): the shape POST /api/templates checks",
  },
  roles: "public",
  responses: { 200: { vi: "JSON Schema", en: "JSON Schema", schema: TemplateJsonSchema } },
  examples: EXAMPLES.templateJsonSchema,
});
/** Built once per isolate: the same object every time (domain/template/schema.ts). */
let schemaJson: string | undefined;
// Registered before "/:id", which would take "schema.json" for a template id.
templates.get("/schema.json", (c) => {
  schemaJson ??= JSON.stringify(templateSchema());
  return c.body(schemaJson, 200, { "Content-Type": "application/json; charset=UTF-8" });
});

/** `?version=N`: exactly that version (the one a snapshot names in `templateVersion`). */
const TemplateQuery = z.object({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, "số nguyên dương")
    .optional()
    .meta(
      about(
        "Đúng phiên bản này (templateVersion của một báo cáo); mặc định phiên bản mới nhất.",
        "Exactly this version (a report's templateVersion); the newest when absent.",
        "1",
      ),
    ),
});

route({
  method: "get",
  path: "/api/templates/{id}",
  summary: {
    vi: "Toàn bộ định nghĩa một mẫu biểu: phiên bản mới nhất, hoặc đúng phiên bản ?version= mà một báo cáo đã dùng",
    en: "A template's whole definition: the newest version, or exactly the ?version= a report used",
  },
  roles: "public",
  query: TemplateQuery,
  params: [PARAMS.templateId],
  responses: {
    200: { vi: "Mẫu biểu", en: "The template", schema: TemplateSchema },
    404: {
      vi: "Không có mẫu biểu hoặc phiên bản này",
      en: "No such template or version",
      codes: ["TEMPLATE_NOT_FOUND"],
    },
  },
  examples: EXAMPLES.template,
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
  summary: {
    vi: "Tệp .xlsx trống theo mẫu in (PL01–PL03) để điền",
    en: "The blank .xlsx in the printed layout (PL01–PL03), to fill in",
  },
  roles: "public",
  params: [PARAMS.templateId],
  responses: {
    200: { vi: "Tệp .xlsx", en: "The .xlsx file", media: [XLSX] },
    404: REFUSALS.noTemplate,
  },
  examples: EXAMPLES.workbook,
});
templates.get("/:id/workbook", async (c) => {
  const template = await requireTemplate(c.env.DB, c.req.param("id"));
  return c.body(workbookBytes(template), 200, xlsxHeaders(`${template.id}-mau-trong`));
});

route({
  method: "post",
  path: "/api/templates",
  summary: {
    vi: "Lưu một mẫu biểu mới hoặc phiên bản mới (được kiểm tra trước khi lưu)",
    en: "Store a new template or a new version (checked before it is stored)",
  },
  roles: ["admin"],
  documentedBody: TemplateSchema,
  responses: {
    201: { vi: "Đã lưu", en: "Stored", schema: TemplateStoredSchema },
    409: {
      vi: "Đã có phiên bản này hoặc mới hơn",
      en: "This version or a newer one exists",
      codes: ["TEMPLATE_VERSION_EXISTS"],
    },
    422: {
      vi:
        "Mẫu biểu sai: templateProblems liệt kê từng lỗi với mã ổn định (docs/templates.md), vị trí (JSON pointer) " +
        "và thông báo tiếng Việt, tiếng Anh; problems: các lỗi bằng tiếng Anh. Không lưu gì.",
      en:
        "Invalid template: templateProblems lists each problem with its stable code (docs/templates.md), place " +
        "(JSON pointer) and Vietnamese and English texts; problems: the problems in English. Nothing is stored.",
      schema: TemplateInvalidSchema,
      codes: ["TEMPLATE_INVALID"],
    },
  },
  examples: EXAMPLES.storeTemplate,
});
templates.post("/", authenticate, requireRole("admin"), async (c) => {
  const checked = checkedTemplate(parseJsonText(await c.req.text()));
  if ("problems" in checked) {
    const { params, details } = refusalAnswer(checked);
    throw catalogueError(422, "TEMPLATE_INVALID", params, details);
  }
  const { template } = checked;
  const current = await resolveTemplate(c.env.DB, template.id);
  if (current && current.version >= template.version) {
    throw catalogueError(409, "TEMPLATE_VERSION_EXISTS", { template: template.id, current: current.version });
  }
  const text = JSON.stringify(template);
  await storeTemplate(c.env.DB, template, text, await sha256Hex(text), c.get("principal"), new Date().toISOString());
  return c.json({ id: template.id, version: template.version }, 201);
});
