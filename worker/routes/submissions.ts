import { Hono } from "hono";
import type { AppEnv } from "../env";
import { authenticateWithReads, onPrincipal, principalOf, requireRole, signer } from "../auth/middleware";
import { limitSubmissions } from "../auth/rate-limit";
import { listSnapshots } from "../db/snapshots";
import { parseSubmission, parseWarnings } from "../db/stored";
import { listUnits } from "../db/units";
import { catalogueError } from "../errors";
import { EXAMPLES, XLSX } from "../openapi/examples";
import { PARAMS, REFUSALS, uploadRefusals } from "../openapi/params";
import { type Answer, route } from "../openapi/registry";
import {
  DryRunOrIdenticalSchema,
  ReceiptSchema,
  ReviewAnswerSchema,
  SnapshotDetailSchema,
  SnapshotListSchema,
  ValidationReportSchema,
} from "../openapi/responses";
import { parseJson, parseQuery } from "../request-input";
import { FormatQuery, ReviewBody, SubmissionBody, SubmissionFilter, SubmitQuery, UploadFields } from "../schemas";
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
// The sign-in goes with each route's first reads (decision 0023).
submissions.use("*", authenticateWithReads);

route({
  method: "post",
  path: "/api/submissions",
  summary: {
    vi: "Nộp báo cáo: JSON chuẩn, hoặc tệp .xlsx/.ods (làm body, hoặc trong form); ?dryRun=true chỉ kiểm tra",
    en: "Submit a report: canonical JSON, or an .xlsx/.ods file (as the body, or in a form); ?dryRun=true only checks",
  },
  roles: ["submitter"],
  query: SubmitQuery,
  body: SubmissionBody,
  uploadFields: UploadFields,
  bodyTypes: ["application/json", XLSX, "application/vnd.oasis.opendocument.spreadsheet", "multipart/form-data"],
  params: [PARAMS.idempotencyKey, PARAMS.fileName, PARAMS.client],
  responses: {
    200: {
      vi: "Hợp lệ, không lưu gì: kiểm tra (dryRun), hoặc số liệu giống phiên bản mới nhất (được trả lại, kèm notice)",
      en: "Valid, nothing stored: a check (dryRun), or the figures of the latest version (answered, with a notice)",
      schema: DryRunOrIdenticalSchema,
    },
    201: {
      vi: "Đã lưu phiên bản mới (hoặc biên nhận lần đầu khi gửi lại cùng Idempotency-Key)",
      en: "A new version stored (or the first receipt when retried with the same Idempotency-Key)",
      schema: ReceiptSchema,
      headers: {
        Location: { vi: "Địa chỉ của phiên bản", en: "The version's address" },
        "Idempotent-Replayed": {
          vi: '"true" khi là biên nhận của lần nộp đầu với cùng Idempotency-Key',
          en: '"true" when this is the first receipt for the same Idempotency-Key',
        },
      },
    },
    400: {
      vi: "Sai cấu trúc, khóa chống trùng, tên tệp hoặc form",
      en: "Malformed body, retry key, file name or form",
      codes: ["INVALID_IDEMPOTENCY_KEY", "INVALID_FILE_NAME", "INVALID_FORM", "FILE_MISSING"],
    },
    403: {
      vi: "Báo cáo của đơn vị khác (không nêu tên); hoặc đơn vị đã hết hoặc chưa có hiệu lực mà không được phép nộp muộn",
      en: "Another unit's report (never named); or the unit is closed or not yet in force and no late report was allowed",
      codes: ["UNIT_FORBIDDEN", "UNIT_CLOSED", "UNIT_NOT_YET_IN_FORCE"],
    },
    409: {
      vi: "baseVersion đã cũ, hoặc Idempotency-Key đã dùng cho nội dung khác",
      en: "baseVersion is not the latest, or the Idempotency-Key was used for other content",
      codes: ["STALE_BASE_VERSION", "IDEMPOTENCY_KEY_REUSED"],
    },
    413: {
      vi: "Quá 4 MiB (tệp) hoặc 256 KiB (JSON)",
      en: "Over 4 MiB (a file) or 256 KiB (JSON)",
      codes: uploadRefusals(413),
    },
    415: { vi: "Kiểu nội dung không nhận", en: "Unsupported content type", codes: ["UNSUPPORTED_MEDIA_TYPE"] },
    422: {
      vi: "Báo cáo kiểm tra { valid: false, errors, warnings }: mỗi lỗi có code trong danh mục và ô trên bản in (kể cả mẫu biểu, đơn vị hay loại báo cáo không có: TEMPLATE_NOT_FOUND, UNIT_UNKNOWN, KIND_UNKNOWN); hoặc tệp không đọc được (XLSX_*)",
      en: "A validation report { valid: false, errors, warnings }: each issue has a catalogue code and its cell on the printed sheet (an unknown template, unit or kind too: TEMPLATE_NOT_FOUND, UNIT_UNKNOWN, KIND_UNKNOWN); or an unreadable file (XLSX_*)",
      schema: ValidationReportSchema,
      codes: uploadRefusals(422),
    },
    423: { vi: "Năm đã khóa", en: "The year is locked", codes: ["PERIOD_LOCKED"] },
    429: {
      vi: "Nộp quá nhiều lần trong một phút (có Retry-After)",
      en: "Too many submissions in a minute (with Retry-After)",
      codes: ["RATE_LIMITED"],
    },
    507: {
      vi: "Đơn vị đã hết hạn mức lưu trữ theo mẫu này",
      en: "The unit has used up its storage quota for this template",
      codes: ["UNIT_QUOTA_EXCEEDED"],
    },
  },
  examples: EXAMPLES.submit,
});
submissions.post("/", requireRole("submitter"), async (c) => {
  const query = parseQuery(c, SubmitQuery);
  const key = c.req.header("Idempotency-Key") ?? null;
  if (key !== null && !/^[\x21-\x7e]{1,128}$/.test(key)) throw catalogueError(400, "INVALID_IDEMPOTENCY_KEY");
  // Counted once the token is known (with the submission's reads), before anything is checked or stored.
  await onPrincipal(c, (p) => limitSubmissions(c, p.id));
  const request = await readSubmissionRequest(c);
  const yes = (flag: string | undefined) => flag === "true" || flag === "1";
  const outcome = await submit(c.env, signer(c), {
    ...request,
    idempotencyKey: key,
    dryRun: yes(query.dryRun),
    newVersion: request.newVersion || yes(query.newVersion),
  });
  switch (outcome.type) {
    case "identical":
      // Nothing stored: the report's latest version has these figures (decision 0019).
      c.header("Location", `/api/submissions/${outcome.receipt.id}`);
      return c.json(outcome.receipt, 200);
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
  summary: {
    vi: "Danh sách phiên bản báo cáo, mới nhất trước (người nộp chỉ thấy đơn vị mình)",
    en: "Report versions, newest first (a submitter sees its own unit only)",
  },
  roles: ["submitter", "reviewer"],
  query: SubmissionFilter,
  responses: {
    200: { vi: "Danh sách", en: "The list", schema: SnapshotListSchema },
    403: { vi: "Đơn vị khác", en: "Another unit", codes: ["UNIT_FORBIDDEN"] },
    404: REFUSALS.noTemplate,
    422: { vi: "Loại báo cáo không có", en: "No such report kind", codes: ["KIND_UNKNOWN"] },
  },
  examples: EXAMPLES.submissions,
});
submissions.get("/", requireRole("submitter", "reviewer"), async (c) => {
  const filter = parseQuery(c, SubmissionFilter);
  // The unit a submitter sees scopes the query: the sign-in takes a round trip of its own here.
  const who = await principalOf(c);
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
  summary: {
    vi: "Một phiên bản: JSON chuẩn và thông tin, hoặc ?format=xlsx theo mẫu in",
    en: "One version: canonical JSON and details, or ?format=xlsx in the printed layout",
  },
  roles: ["submitter", "reviewer"],
  query: FormatQuery,
  params: [PARAMS.snapshotId],
  responses: {
    200: { vi: "Phiên bản", en: "The version", schema: SnapshotDetailSchema, media: [XLSX] },
    403: { vi: "Đơn vị khác", en: "Another unit", codes: ["UNIT_FORBIDDEN"] },
    404: { vi: "Không có", en: "Not there", codes: ["SUBMISSION_NOT_FOUND", "TEMPLATE_NOT_FOUND"] },
  },
  examples: EXAMPLES.snapshot,
});
submissions.get("/:id", requireRole("submitter", "reviewer"), async (c) => {
  const { format } = parseQuery(c, FormatQuery);
  const { canonical, warningList, ...meta } = await readableSnapshot(
    c.env.DB,
    () => c.get("principal"),
    c.req.param("id"),
  );
  const submission = parseSubmission(canonical);
  if (format === "xlsx") {
    // Template and units in one round trip (decision 0023).
    const [template, unitList] = await Promise.all([templateOfSnapshot(c.env.DB, meta), listUnits(c.env.DB)]);
    if (!template) throw templateNotFound(meta.template);
    const unit = unitList.find((u) => u.code === meta.unit);
    const subtitle = `Đơn vị: ${unit?.name ?? meta.unit} (${meta.unit}) – ${kindLabel(template, meta.kind, "vi")} – phiên bản ${meta.version}`;
    const bytes = workbookBytes(template, figuresFromTree(template, submission.appendices), {
      subtitle,
      footnotes: [`SHA-256: ${meta.sha256}`],
      notes: submission.notes,
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
  summary: {
    vi: "Tệp gốc (.xlsx hoặc .ods) như đã tải lên (có thể khác số liệu đã lưu: máy chủ dùng giá trị đã tính trong tệp, không tính lại công thức)",
    en: "The original file (.xlsx or .ods) as uploaded (may differ from the stored figures: the server reads the values the file holds and does not recalculate formulas)",
  },
  roles: ["submitter", "reviewer"],
  params: [PARAMS.snapshotId],
  responses: {
    200: {
      vi: "Tệp gốc như đã tải lên",
      en: "The file as uploaded",
      media: [XLSX, "application/vnd.oasis.opendocument.spreadsheet"],
      headers: { "X-Original-Upload": { vi: '"true": đây là tệp gốc', en: '"true": this is the original file' } },
    },
    403: { vi: "Đơn vị khác", en: "Another unit", codes: ["UNIT_FORBIDDEN"] },
    404: {
      vi: "Không có phiên bản, hoặc phiên bản không nộp bằng tệp",
      en: "No such version, or it was not uploaded as a file",
      codes: ["SUBMISSION_NOT_FOUND", "FILE_NOT_FOUND"],
    },
  },
  examples: EXAMPLES.file,
});
submissions.get("/:id/file", requireRole("submitter", "reviewer"), async (c) => {
  const meta = await readableSnapshot(c.env.DB, () => c.get("principal"), c.req.param("id"));
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
    summary:
      decision === "approved"
        ? { vi: "Duyệt phiên bản", en: "Approve a version" }
        : { vi: "Trả lại phiên bản (kèm ý kiến)", en: "Return a version (with a comment)" },
    roles: ["reviewer"],
    body: ReviewBody,
    params: [PARAMS.snapshotId],
    responses: {
      200: { vi: "Đã ghi quyết định", en: "The decision is recorded", schema: ReviewAnswerSchema },
      404: { vi: "Không có", en: "Not there", codes: ["SUBMISSION_NOT_FOUND"] },
      ...((decision === "returned"
        ? { 422: { vi: "Thiếu ý kiến", en: "No comment", codes: ["COMMENT_REQUIRED"] } }
        : {}) as Record<number, Answer>),
    },
    examples: decision === "approved" ? EXAMPLES.approve : EXAMPLES.return,
  });
  submissions.post(`/:id/${action}`, requireRole("reviewer"), async (c) => {
    const { comment } = await parseJson(c, ReviewBody);
    const answer: ReviewAnswer = await decide(c.env.DB, await principalOf(c), c.req.param("id"), decision, comment);
    return c.json(answer);
  });
}
