import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticate, requireRole } from "../auth/middleware";
import { limitSubmissions } from "../auth/rate-limit";
import { canActForUnit } from "../auth/principal";
import { auditStatement } from "../db/audit";
import { insertReviewStatement } from "../db/reviews";
import { getSnapshot, listSnapshots } from "../db/snapshots";
import { ApiError, catalogueError } from "../errors";
import { route } from "../openapi/registry";
import { FormatQuery, ReviewBody, SubmissionBody, SubmissionFilter, SubmitQuery } from "../schemas";
import { type SubmitOutcome, submit } from "../services/submit";
import { readSubmissionRequest } from "../services/submission-request";
import { type SpreadsheetExtension, workbookBytes, xlsxHeaders } from "../services/export";
import { templateOfSnapshot } from "../services/templates";
import { listUnits } from "../db/units";
import { figuresFromTree, type FigureTree } from "../../domain";
import { parseJson, parseQuery } from "../validation";

export const submissions = new Hono<AppEnv>();
submissions.use("*", authenticate);

route({
  method: "post", path: "/api/submissions", summary: "Nộp báo cáo (JSON chuẩn hoặc tệp .xlsx); ?dryRun=true chỉ kiểm tra",
  roles: ["submitter"], query: SubmitQuery, body: SubmissionBody,
  bodyTypes: ["application/json", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet", "multipart/form-data"],
  responses: { 200: "Hợp lệ (dryRun)", 201: "Đã lưu phiên bản mới", 429: "Nộp quá nhiều lần trong một phút", 400: "Sai cấu trúc", 403: "Sai đơn vị", 409: "baseVersion đã cũ", 413: "Quá lớn", 415: "Sai kiểu nội dung", 422: "Báo cáo kiểm tra", 423: "Năm đã khóa" },
});
submissions.post("/", requireRole("submitter"), async (c) => {
  const query = parseQuery(c, SubmitQuery);
  const key = c.req.header("Idempotency-Key") ?? null;
  if (key !== null && !/^[\x21-\x7e]{1,128}$/.test(key)) throw new ApiError(400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key phải là 1–128 ký tự in được.");
  await limitSubmissions(c, c.get("principal").id);
  const request = await readSubmissionRequest(c);
  const outcome: SubmitOutcome = await submit(c.env, c.get("principal"), { ...request, idempotencyKey: key, dryRun: query.dryRun === "true" || query.dryRun === "1" });
  if (outcome.status === 201) {
    c.header("Location", `/api/submissions/${outcome.body.id}`);
    if (outcome.replayed) c.header("Idempotent-Replayed", "true");
  }
  return c.json(outcome.body, outcome.status);
});

route({ method: "get", path: "/api/submissions", summary: "Danh sách phiên bản báo cáo (người nộp chỉ thấy đơn vị mình)", roles: ["submitter", "reviewer"], query: SubmissionFilter, responses: { 200: "Danh sách" } });
submissions.get("/", requireRole("submitter", "reviewer"), async (c) => {
  const filter = parseQuery(c, SubmissionFilter);
  const who = c.get("principal");
  if (who.role === "submitter") {
    if (filter.unit && filter.unit !== who.unit) throw catalogueError(403, "UNIT_FORBIDDEN", { unit: filter.unit });
    filter.unit = who.unit!;
  }
  return c.json({ submissions: await listSnapshots(c.env.DB, filter) });
});

async function readable(c: Context<AppEnv>) {
  const snapshot = await getSnapshot(c.env.DB, c.req.param("id") ?? "");
  if (!snapshot) throw new ApiError(404, "SUBMISSION_NOT_FOUND", "Không tìm thấy phiên bản báo cáo này.");
  if (!canActForUnit(c.get("principal"), snapshot.unit)) {
    throw catalogueError(403, "UNIT_FORBIDDEN", { unit: snapshot.unit });
  }
  return snapshot;
}

route({ method: "get", path: "/api/submissions/{id}", summary: "Một phiên bản: JSON chuẩn và thông tin, hoặc ?format=xlsx theo mẫu in", roles: ["submitter", "reviewer"], query: FormatQuery, responses: { 200: "Phiên bản", 403: "Đơn vị khác", 404: "Không có" } });
submissions.get("/:id", requireRole("submitter", "reviewer"), async (c) => {
  const { format } = parseQuery(c, FormatQuery);
  const { canonical, warningList, ...meta } = await readable(c);
  const submission = JSON.parse(canonical) as { appendices: FigureTree };
  if (format === "xlsx") {
    const template = await templateOfSnapshot(c.env.DB, meta);
    if (!template) throw new ApiError(404, "TEMPLATE_NOT_FOUND", `Không tìm thấy mẫu biểu "${meta.template}".`);
    const unit = (await listUnits(c.env.DB)).find((u) => u.code === meta.unit);
    const kind = template.kinds.find((k) => k.id === meta.kind)?.label ?? meta.kind;
    const subtitle = `Đơn vị: ${unit?.name ?? meta.unit} (${meta.unit}) – ${kind} – phiên bản ${meta.version}`;
    const bytes = workbookBytes(template, figuresFromTree(template, submission.appendices), { subtitle, footnotes: [`SHA-256: ${meta.sha256}`] });
    return c.body(bytes, 200, xlsxHeaders(`${meta.template}-${meta.unit}-${meta.kind}-v${meta.version}`));
  }
  return c.json({ ...meta, warningList: JSON.parse(warningList), submission });
});

route({
  method: "get", path: "/api/submissions/{id}/file",
  summary: "Tệp gốc (.xlsx hoặc .ods) như đã tải lên (có thể khác số liệu đã lưu: máy chủ dùng giá trị đã tính trong tệp, không tính lại công thức); có header X-Original-Upload: true",
  roles: ["submitter", "reviewer"], responses: { 200: "Tệp gốc như đã tải lên", 404: "Phiên bản không có tệp" },
});
submissions.get("/:id/file", requireRole("submitter", "reviewer"), async (c) => {
  const meta = await readable(c);
  const object = meta.fileKey ? await c.env.FILES.get(meta.fileKey) : null;
  if (!object) throw new ApiError(404, "FILE_NOT_FOUND", "Phiên bản này không được nộp bằng tệp, nên không có tệp gốc.");
  // The bytes as uploaded: Excel may show other figures than the snapshot (formulas are not
  // recalculated by the server), so the name and a header say what this file is.
  // Kept under the extension of the format its bytes are in (.xlsx, .ods, .fods).
  const extension = (/\.(ods|fods)$/.exec(meta.fileKey ?? "")?.[1] ?? "xlsx") as SpreadsheetExtension;
  const name = `${meta.fileName?.replace(/\.(xlsx|ods|fods)$/i, "") ?? `${meta.unit}-v${meta.version}`}-ban-goc-da-tai-len`;
  return c.body(await object.arrayBuffer(), 200, { ...xlsxHeaders(name, extension), "X-Original-Upload": "true" });
});

for (const [action, decision] of [["approve", "approved"], ["return", "returned"]] as const) {
  route({ method: "post", path: `/api/submissions/{id}/${action}`, summary: decision === "approved" ? "Duyệt phiên bản" : "Trả lại phiên bản (kèm ý kiến)", roles: ["reviewer"], body: ReviewBody, responses: { 200: "Đã ghi ý kiến", 404: "Không có", 422: "Thiếu ý kiến" } });
  submissions.post(`/:id/${action}`, requireRole("reviewer"), async (c) => {
    const { comment } = await parseJson(c, ReviewBody);
    if (decision === "returned" && !comment.trim()) throw new ApiError(422, "COMMENT_REQUIRED", "Trả lại báo cáo cần ghi ý kiến để đơn vị biết phải sửa gì.");
    const snapshot = await readable(c);
    const who = c.get("principal");
    const review = { id: crypto.randomUUID(), snapshot: snapshot.id, decision, comment, at: new Date().toISOString(), by: who.id };
    await c.env.DB.batch([insertReviewStatement(c.env.DB, review), auditStatement(c.env.DB, who, `snapshot.${action}`, snapshot.id, { comment }, review.at)]);
    return c.json({ id: snapshot.id, unit: snapshot.unit, version: snapshot.version, status: decision, comment, reviewedAt: review.at });
  });
}
