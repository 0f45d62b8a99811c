import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { limitSubmissions } from "../auth/rate-limit";
import { listSnapshots } from "../db/snapshots";
import { parseSubmission, parseWarnings } from "../db/stored";
import { listUnits } from "../db/units";
import { catalogueError } from "../errors";
import { route } from "../openapi/registry";
import { parseJson, parseQuery } from "../request-input";
import { FormatQuery, ReviewBody, SubmissionBody, SubmissionFilter, SubmitQuery } from "../schemas";
import { type SpreadsheetExtension, workbookBytes, xlsxHeaders } from "../services/export";
import { decide, readableSnapshot } from "../services/reviews";
import { readSubmissionRequest } from "../services/submission-request";
import { submit } from "../services/submit";
import {
  allTemplates,
  kindList,
  requireKind,
  requireTemplate,
  templateNotFound,
  templateOfSnapshot,
} from "../services/templates";
import { figuresFromTree, kindLabel, type ReviewAnswer, type SnapshotDetail, type SnapshotMeta } from "../../domain";

export const submissions = new Hono<AppEnv>();
submissions.use("*", authenticate);

route({
  method: "post",
  path: "/api/submissions",
  summary: "Nộp báo cáo (JSON chuẩn hoặc tệp .xlsx); ?dryRun=true chỉ kiểm tra",
  roles: ["submitter"],
  query: SubmitQuery,
  body: SubmissionBody,
  bodyTypes: [
    "application/json",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
    "multipart/form-data",
  ],
  responses: {
    200: "Hợp lệ (dryRun)",
    201: "Đã lưu phiên bản mới",
    429: "Nộp quá nhiều lần trong một phút",
    400: "Sai cấu trúc",
    403: "Sai đơn vị",
    409: "baseVersion đã cũ",
    413: "Quá lớn",
    415: "Sai kiểu nội dung",
    422: "Báo cáo kiểm tra (cả mẫu biểu, đơn vị hoặc loại báo cáo không có)",
    423: "Năm đã khóa",
  },
});
submissions.post("/", requireRole("submitter"), async (c) => {
  const query = parseQuery(c, SubmitQuery);
  const key = c.req.header("Idempotency-Key") ?? null;
  if (key !== null && !/^[\x21-\x7e]{1,128}$/.test(key)) throw catalogueError(400, "INVALID_IDEMPOTENCY_KEY");
  await limitSubmissions(c, c.get("principal").id);
  const request = await readSubmissionRequest(c);
  const outcome = await submit(c.env, c.get("principal"), {
    ...request,
    idempotencyKey: key,
    dryRun: query.dryRun === "true" || query.dryRun === "1",
  });
  switch (outcome.type) {
    case "created":
    case "replayed":
      c.header("Location", `/api/submissions/${outcome.receipt.id}`);
      if (outcome.type === "replayed") c.header("Idempotent-Replayed", "true");
      return c.json(outcome.receipt, 201);
    case "checked":
      return c.json(outcome.answer, 200);
    case "invalid":
      return c.json(outcome.report, 422);
    case "refused":
      throw outcome.error;
  }
});

route({
  method: "get",
  path: "/api/submissions",
  summary: "Danh sách phiên bản báo cáo (người nộp chỉ thấy đơn vị mình)",
  roles: ["submitter", "reviewer"],
  query: SubmissionFilter,
  responses: { 200: "Danh sách", 422: "Loại báo cáo không có (KIND_UNKNOWN)" },
});
submissions.get("/", requireRole("submitter", "reviewer"), async (c) => {
  const filter = parseQuery(c, SubmissionFilter);
  const who = c.get("principal");
  if (who.role === "submitter") {
    if (filter.unit && filter.unit !== who.unit) throw catalogueError(403, "UNIT_FORBIDDEN");
    filter.unit = who.unit ?? "";
  }
  if (filter.kind !== undefined) {
    // A kind of the template asked for; without one, a kind some template declares.
    if (filter.template !== undefined) requireKind(await requireTemplate(c.env.DB, filter.template), filter.kind);
    else {
      const templates = await allTemplates(c.env.DB);
      if (!templates.some((t) => t.kinds.some((k) => k.id === filter.kind))) {
        throw catalogueError(422, "KIND_UNKNOWN", {
          kind: filter.kind,
          template: templates.map((t) => t.id).join(", "),
          kinds: [...new Set(templates.map(kindList))].join(", "),
        });
      }
    }
  }
  const list: SnapshotMeta[] = await listSnapshots(c.env.DB, filter);
  return c.json({ submissions: list });
});

route({
  method: "get",
  path: "/api/submissions/{id}",
  summary: "Một phiên bản: JSON chuẩn và thông tin, hoặc ?format=xlsx theo mẫu in",
  roles: ["submitter", "reviewer"],
  query: FormatQuery,
  responses: { 200: "Phiên bản", 403: "Đơn vị khác", 404: "Không có" },
});
submissions.get("/:id", requireRole("submitter", "reviewer"), async (c) => {
  const { format } = parseQuery(c, FormatQuery);
  const { canonical, warningList, ...meta } = await readableSnapshot(c.env.DB, c.get("principal"), c.req.param("id"));
  const submission = parseSubmission(canonical);
  if (format === "xlsx") {
    const template = await templateOfSnapshot(c.env.DB, meta);
    if (!template) throw templateNotFound(meta.template);
    const unit = (await listUnits(c.env.DB)).find((u) => u.code === meta.unit);
    const subtitle = `Đơn vị: ${unit?.name ?? meta.unit} (${meta.unit}) – ${kindLabel(template, meta.kind, "vi")} – phiên bản ${meta.version}`;
    const bytes = workbookBytes(template, figuresFromTree(template, submission.appendices), {
      subtitle,
      footnotes: [`SHA-256: ${meta.sha256}`],
    });
    return c.body(bytes, 200, xlsxHeaders(`${meta.template}-${meta.unit}-${meta.kind}-v${meta.version}`));
  }
  const detail: SnapshotDetail & { warningList: unknown[] } = {
    ...meta,
    warningList: parseWarnings(warningList),
    submission,
  };
  return c.json(detail);
});

route({
  method: "get",
  path: "/api/submissions/{id}/file",
  summary:
    "Tệp gốc (.xlsx hoặc .ods) như đã tải lên (có thể khác số liệu đã lưu: máy chủ dùng giá trị đã tính trong tệp, không tính lại công thức); có header X-Original-Upload: true",
  roles: ["submitter", "reviewer"],
  responses: { 200: "Tệp gốc như đã tải lên", 404: "Phiên bản không có tệp" },
});
submissions.get("/:id/file", requireRole("submitter", "reviewer"), async (c) => {
  const meta = await readableSnapshot(c.env.DB, c.get("principal"), c.req.param("id"));
  const object = meta.fileKey ? await c.env.FILES.get(meta.fileKey) : null;
  if (!object) throw catalogueError(404, "FILE_NOT_FOUND");
  // The bytes as uploaded: Excel may show other figures than the snapshot (formulas are not
  // recalculated by the server), so the name and a header say what this file is.
  // Kept under the extension of the format its bytes are in (.xlsx, .ods, .fods).
  const extension = (/\.(ods|fods)$/.exec(meta.fileKey ?? "")?.[1] ?? "xlsx") as SpreadsheetExtension;
  const name = `${meta.fileName?.replace(/\.(xlsx|ods|fods)$/i, "") ?? `${meta.unit}-v${meta.version}`}-ban-goc-da-tai-len`;
  return c.body(await object.arrayBuffer(), 200, { ...xlsxHeaders(name, extension), "X-Original-Upload": "true" });
});

for (const [action, decision] of [
  ["approve", "approved"],
  ["return", "returned"],
] as const) {
  route({
    method: "post",
    path: `/api/submissions/{id}/${action}`,
    summary: decision === "approved" ? "Duyệt phiên bản" : "Trả lại phiên bản (kèm ý kiến)",
    roles: ["reviewer"],
    body: ReviewBody,
    responses: { 200: "Đã ghi ý kiến", 404: "Không có", 422: "Thiếu ý kiến" },
  });
  submissions.post(`/:id/${action}`, requireRole("reviewer"), async (c) => {
    const { comment } = await parseJson(c, ReviewBody);
    const answer: ReviewAnswer = await decide(c.env.DB, c.get("principal"), c.req.param("id"), decision, comment);
    return c.json(answer);
  });
}
