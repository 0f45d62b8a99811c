// POST /api/templates/infer (issue 16, point 3): an administrator sends a workbook holding a
// plan's appendix tables as printed and gets back a proposed template and what could not be
// decided, cell by cell. Nothing is stored: the administrator reviews the proposal (the page
// /admin/templates/infer) and publishes it through POST /api/templates.
import type { Context } from "hono";
import { Hono } from "hono";
import * as z from "zod";
import type { Grid } from "../../domain/grid/model";
import { inferTemplate, type InferResult } from "../../domain/template/infer";
import { DEFAULT_TEMPLATE_ID, getTemplate } from "../../domain/template/registry";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { catalogueError } from "../errors";
import { XLSX } from "../openapi/examples";
import { PARAMS, uploadRefusals } from "../openapi/params";
import { route } from "../openapi/registry";
import { COMPONENTS, TemplateSchema } from "../openapi/responses";
import { readUploadedSpreadsheet, WORKBOOK_TYPES } from "../services/submission-request";

export const templateInfer = new Hono<AppEnv>();

/** The proposal: a template to review and the cells it could not decide. */
export const TemplateInferenceSchema = z.object({
  template: TemplateSchema,
  undecided: z
    .array(
      z.object({
        cell: z.string().meta({ description: "Ô trên bảng đã gửi (PL01!D5)." }),
        message: z.string().meta({ description: "Điều chưa quyết định được và đã tạm chọn gì (tiếng Việt)." }),
      }),
    )
    .meta({ description: "Những gì chưa quyết định được, theo ô; rỗng khi đọc được hết." }),
});
COMPONENTS.add(TemplateInferenceSchema, { id: "TemplateInference" });

/** The workbook of an infer request: the raw body (a workbook type) or a multipart form's `file`. */
export async function readInferGrids(c: Context<AppEnv>): Promise<Grid[]> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (WORKBOOK_TYPES.has(type)) return readUploadedSpreadsheet(new Uint8Array(await c.req.arrayBuffer())).grids;
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      throw catalogueError(400, "INVALID_FORM");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw catalogueError(400, "FILE_MISSING");
    return readUploadedSpreadsheet(new Uint8Array(await file.arrayBuffer())).grids;
  }
  throw catalogueError(415, "UNSUPPORTED_MEDIA_TYPE");
}

const sample = getTemplate(DEFAULT_TEMPLATE_ID)!;
const EXAMPLE_ANSWER: InferResult = {
  template: { ...sample, id: "mau-bieu-moi", plan: undefined },
  undecided: [
    {
      cell: "PL01!E5",
      message: 'Không rõ cột "Năm 2026 (triệu đồng) / Vốn khác" là chỉ tiêu nào; đã tạm gán "KP", hãy chọn lại.',
    },
  ],
};
delete EXAMPLE_ANSWER.template.plan;

route({
  method: "post",
  path: "/api/templates/infer",
  summary: {
    vi: "Đề xuất mẫu biểu từ các bảng phụ lục như khi in (tệp .xlsx); không lưu gì",
    en: "Propose a template from the appendix tables as printed (an .xlsx file); stores nothing",
  },
  roles: ["admin"],
  bodyTypes: [XLSX, "multipart/form-data"],
  params: [PARAMS.fileName],
  responses: {
    200: {
      vi: "Mẫu biểu đề xuất (để xem lại rồi lưu bằng POST /api/templates) và các ô chưa quyết định được",
      en: "The proposed template (to review, then store with POST /api/templates) and the cells not decided",
      schema: TemplateInferenceSchema,
    },
    400: { vi: "Form sai hoặc thiếu tệp", en: "A malformed form or no file", codes: ["INVALID_FORM", "FILE_MISSING"] },
    413: { vi: "Tệp quá lớn", en: "The file is too large", codes: uploadRefusals(413) },
    415: {
      vi: "Kiểu nội dung không nhận (gửi tệp .xlsx làm body hoặc form multipart có trường file)",
      en: "Unsupported content type (send the .xlsx as the body or as a multipart form's file)",
      codes: ["UNSUPPORTED_MEDIA_TYPE"],
    },
    422: {
      vi: "Tệp không đọc được hoặc không phải .xlsx/.ods (nói rõ là tệp gì)",
      en: "An unreadable file, or not an .xlsx/.ods (saying what it is)",
      codes: uploadRefusals(422),
    },
  },
  examples: [
    {
      name: "printed-tables",
      title: { vi: "Gửi tệp các bảng phụ lục như khi in", en: "Send the appendix tables as printed" },
      headers: { "X-File-Name": "phu-luc.xlsx" },
      status: 200,
      answer: EXAMPLE_ANSWER,
    },
  ],
});
templateInfer.post("/", authenticate, requireRole("admin"), async (c) =>
  c.json(inferTemplate(await readInferGrids(c))),
);
