// Example requests and answers for the API docs, in plan 157's terms: Huyện Trần Đề (unit 951)
// reports on template kh-157-2023, money as decimal strings in triệu đồng. Issues and error
// answers are built by the code that builds the real ones (domain `issue`, `catalogueError`),
// so their messages are the real messages. tests/worker/api/openapi-document.test.ts checks each
// example against the schemas of its route.
import { DEFAULT_TEMPLATE_ID, type FigureTree, getTemplate, issue, type Template } from "../../domain";
import { templateSchema } from "../../domain/template/schema";
import { checkedTemplate, refusalAnswer } from "../db/stored";
import { catalogueError, errorAnswer } from "../errors";
import type { ErrorCode, Example } from "./registry";

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const UNIT = "951";
const UNIT_NAME = "Huyện Trần Đề";
const TEMPLATE = DEFAULT_TEMPLATE_ID;
const SNAPSHOT = "3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a9c14";
const UPLOADED = "8a41d7c2-55e0-4b8f-a3d9-0c6e2f1b7d58";
const PUBLISHED = "c07b9e15-2d4a-4f63-8e1b-9a5d3c7f0e22";
const SUBMITTER = "f14f9a7a-5e7d-4dbc-bc05-c1e4a90df89a";
const REVIEWER = "95d063dc-495b-4a4c-81b9-9a7b4f3d530f";
const SHA = "b19d5e0c7a3f64d2e8b1c9a07f5d3e2b6c4a8f19d0e7b3c5a2f6d8e4b1c09a7f";
const SHA_UPLOAD = "4e7a2c9d1b6f0e3a8c5d7b2f9e1a4c6d8b0f3e5a7c9d2b4f6e8a1c3d5b7f9e0a";
const HASH = "d889a2d163ad5fb27ebc0e58bd23dcb43c4a9f16aab6fd3d84c6c20e20438748";
const AT = "2024-03-15T02:30:00.000Z";
const REVIEWED_AT = "2024-03-18T07:45:10.000Z";

/** The error answer a refusal sends, built by the Worker's own code. */
function refusal(status: number, code: ErrorCode, params: Record<string, string | number> = {}) {
  return errorAnswer(catalogueError(status as 400, code as "BAD_REQUEST", params as Record<string, never>));
}

/** Trần Đề's plan figures, as README's walk-through sends them. */
export const SUBMISSION = {
  template: TEMPLATE,
  unit: UNIT,
  kind: "plan",
  appendices: {
    PL01: {
      "1": {
        quantity: { "2023": 40, "2024": 40, "2025": 40 },
        NSTW: { "2023": "100.826", "2024": "100.826", "2025": "100.826" },
      },
    },
    PL02: { "1": { quantity: { "2023": 50 }, NSTW: { "2023": "40" } } },
  },
};

const STORED: FigureTree = {
  PL01: {
    "1": {
      quantity: { "2023": 40, "2024": 40, "2025": 40, total: 120 },
      NSTW: { "2023": "100.826", "2024": "100.826", "2025": "100.826", total: "302.478" },
      NSDP: {},
    },
    total: {
      quantity: { "2023": 40, "2024": 40, "2025": 40, total: 120 },
      NSTW: { "2023": "100.826", "2024": "100.826", "2025": "100.826", total: "302.478" },
      NSDP: {},
    },
  },
  PL02: {
    "1": { quantity: { "2023": 50, total: 50 }, NSTW: { "2023": "40", total: "40" }, NSDP: {} },
    total: { quantity: { "2023": 50, total: 50 }, NSTW: { "2023": "40", total: "40" }, NSDP: {} },
  },
};

const PLAN: FigureTree = {
  PL01: {
    "1": {
      quantity: { "2023": 160, "2024": 160, "2025": 160, total: 480 },
      NSTW: { "2023": "403.305", "2024": "403.305", "2025": "403.305", total: "1209.915" },
      NSDP: {},
    },
    total: {
      quantity: { "2023": 275, "2024": 275, "2025": 275, total: 825 },
      NSTW: { "2023": "1307.01", "2024": "1307.01", "2025": "1307.01", total: "3921.03" },
      NSDP: {},
    },
  },
  PL02: {
    "1": {
      quantity: { "2023": 200, "2024": 200, "2025": 200, total: 600 },
      NSTW: { "2023": "160", "2024": "160", "2025": "160", total: "480" },
      NSDP: {},
    },
  },
};

const SNAPSHOT_FIELDS = {
  id: SNAPSHOT,
  template: TEMPLATE,
  templateVersion: 1,
  unit: UNIT,
  kind: "plan",
  version: 1,
  sha256: SHA,
  source: "api" as const,
  fileName: null,
  warnings: 0,
  createdAt: AT,
  status: "submitted" as const,
};

const RECEIPT = { valid: true, ...SNAPSHOT_FIELDS, warningList: [] };

const META = { ...SNAPSHOT_FIELDS, fileKey: null, createdBy: SUBMITTER, reviewedAt: null, reviewComment: null };

const UNITS_INCLUDED = [{ unit: UNIT, version: 1, snapshot: SNAPSHOT, sha256: SHA }];

const REPORT = {
  template: TEMPLATE,
  templateVersion: 1,
  templateVersions: [1],
  kind: "plan",
  basis: "latest",
  asOf: "2024-12-31T16:59:59.999Z",
  root: UNIT,
  units: UNITS_INCLUDED,
  passedOver: [],
  appendices: STORED,
  unplaced: {},
  plan: PLAN,
  percentOfPlan: {
    PL01: {
      "1": {
        quantity: { "2023": 25, "2024": 25, "2025": 25, total: 25 },
        NSTW: { "2023": 25, "2024": 25, "2025": 25, total: 25 },
      },
      total: {
        quantity: { "2023": 14.5, "2024": 14.5, "2025": 14.5, total: 14.5 },
        NSTW: { "2023": 7.7, "2024": 7.7, "2025": 7.7, total: 7.7 },
      },
    },
    PL02: { "1": { quantity: { "2023": 25, total: 8.3 }, NSTW: { "2023": 25, total: 8.3 } } },
  },
  hash: HASH,
};

const PUBLISHED_ROW = {
  id: PUBLISHED,
  template: TEMPLATE,
  kind: "plan",
  basis: "approved",
  asOf: "2024-12-31T16:59:59.999Z",
  sha256: HASH,
  createdAt: "2025-01-06T03:00:00.000Z",
  createdBy: REVIEWER,
};

const TOKEN_ROW = {
  id: SUBMITTER,
  role: "submitter",
  unit: UNIT,
  label: "Phòng TC-KH Trần Đề",
  created_at: "2024-03-01T01:00:00.000Z",
  created_by: "admin-env",
  expires_at: null as string | null,
};

const template = getTemplate(TEMPLATE) as Template;

const ROUND = {
  template: TEMPLATE,
  kind: "plan",
  period: "2023",
  deadline: "2024-03-15",
  opens: null,
  units: ["945", "950", "951", "STTTT"],
  defaultUnits: true,
};

const tooManyDecimals = issue(
  "TOO_MANY_DECIMALS",
  { appendix: "PL02", item: "1", measure: "NSTW", period: "2023", cell: "PL02!H8" },
  { value: "40,0001", unit: "triệu đồng", decimals: 3 },
);

/** Plan 157's template, version 2, with PL01's second item given the first one's id. */
const brokenTemplate: Template = {
  ...template,
  version: 2,
  appendices: template.appendices.map((a, k) =>
    k === 0 ? { ...a, items: a.items.map((it, j) => (j === 1 ? { ...it, id: a.items[0].id } : it)) } : a,
  ),
};

/** The params and details of the TEMPLATE_INVALID answer for `input`, as the upload answers them. */
function templateRefusal(input: unknown): [{ problems: string }, Record<string, unknown>] {
  const checked = checkedTemplate(input);
  if (!("problems" in checked)) throw new Error("examples: the broken template passed its checks");
  const { params, details } = refusalAnswer(checked);
  return [params, details];
}

/** The schema's top level, without its $defs (the OpenAPI document resolves no $ref of an example). */
function shortSchema(): Record<string, unknown> {
  const { $schema, title, description, type, required } = templateSchema() as Record<string, unknown>;
  return { $schema, title, description, type, required, properties: { id: { type: "string" } } };
}

/** Every route's examples, by route ("method path"). */
export const EXAMPLES = {
  health: [
    {
      name: "ok",
      title: { vi: "Máy chủ trả lời", en: "The server answers" },
      status: 200,
      answer: { status: "ok", time: AT },
    },
  ],
  templates: [
    {
      name: "list",
      title: { vi: "Các mẫu biểu", en: "The templates" },
      status: 200,
      answer: { templates: [{ id: TEMPLATE, version: 1, name: template.name, appendices: ["PL01", "PL02", "PL03"] }] },
    },
  ],
  template: [
    {
      name: "newest",
      title: { vi: "Mẫu biểu kế hoạch 157, phiên bản mới nhất", en: "Plan 157's template, newest version" },
      path: { id: TEMPLATE },
      status: 200,
      answer: template,
    },
    {
      name: "missing-version",
      title: { vi: "Phiên bản không có", en: "A version that does not exist" },
      path: { id: TEMPLATE },
      query: { version: "9" },
      status: 404,
      answer: refusal(404, "TEMPLATE_NOT_FOUND", { template: `${TEMPLATE}@9` }),
    },
  ],
  workbook: [
    {
      name: "blank",
      title: { vi: "Tệp trống để điền", en: "The blank workbook to fill" },
      path: { id: TEMPLATE },
      status: 200,
      answer: null,
    },
    {
      name: "unknown",
      title: { vi: "Mẫu biểu không có", en: "An unknown template" },
      path: { id: "kh-999" },
      status: 404,
      answer: refusal(404, "TEMPLATE_NOT_FOUND", { template: "kh-999" }),
    },
  ],
  storeTemplate: [
    {
      name: "version-2",
      title: { vi: "Lưu phiên bản 2 của mẫu biểu", en: "Store version 2 of the template" },
      body: { ...template, version: 2 },
      status: 201,
      answer: { id: TEMPLATE, version: 2 },
    },
    {
      name: "invalid",
      title: { vi: "Mẫu biểu có mã mục trùng: không lưu", en: "A template with a repeated item id: nothing stored" },
      body: brokenTemplate,
      status: 422,
      answer: errorAnswer(catalogueError(422, "TEMPLATE_INVALID", ...templateRefusal(brokenTemplate))),
    },
  ],
  templateJsonSchema: [
    {
      name: "schema",
      title: { vi: "JSON Schema của mẫu biểu (rút gọn)", en: "The template's JSON Schema (shortened)" },
      status: 200,
      answer: shortSchema(),
    },
  ],
  units: [
    {
      name: "list",
      title: { vi: "Danh mục đơn vị ngày 30/06/2025 (rút gọn)", en: "The units on 30/06/2025 (shortened)" },
      query: { asOf: "2025-06-30" },
      status: 200,
      answer: {
        asOf: "2025-06-30",
        units: [
          {
            code: "94",
            name: "Tỉnh Sóc Trăng",
            kind: "tỉnh",
            parent: null,
            coastal: false,
            validFrom: null,
            validTo: null,
          },
          {
            code: UNIT,
            name: UNIT_NAME,
            kind: "huyện",
            parent: "94",
            coastal: true,
            validFrom: null,
            validTo: "2025-06-30",
          },
          {
            code: "STTTT",
            name: "Sở Thông tin và Truyền thông",
            kind: "sở",
            parent: "94",
            coastal: false,
            validFrom: null,
            validTo: null,
          },
        ],
      },
    },
  ],
  storeUnit: [
    {
      name: "tran-de",
      title: { vi: "Sửa đơn vị Huyện Trần Đề", en: "Update Huyện Trần Đề" },
      body: { code: UNIT, name: UNIT_NAME, kind: "huyện", parent: "94", coastal: true, validTo: "2025-06-30" },
      status: 200,
      answer: {
        code: UNIT,
        name: UNIT_NAME,
        kind: "huyện",
        parent: "94",
        coastal: true,
        validFrom: null,
        validTo: "2025-06-30",
      },
    },
    {
      name: "unknown-parent",
      title: { vi: "Đơn vị cấp trên không có", en: "An unknown parent" },
      body: { code: "951-TD", name: "Xã Trung Bình", kind: "xã", parent: "999" },
      status: 422,
      answer: errorAnswer(catalogueError(422, "UNIT_PARENT_UNKNOWN", { parent: "999" }, { parent: "999" })),
    },
  ],
  me: [
    {
      name: "district",
      title: { vi: "Mã của Huyện Trần Đề", en: "Trần Đề's token" },
      status: 200,
      answer: { role: "submitter", unit: UNIT, unitName: UNIT_NAME },
    },
    {
      name: "no-token",
      title: { vi: "Không có mã", en: "No token" },
      status: 401,
      answer: refusal(401, "UNAUTHORIZED"),
    },
  ],
  submit: [
    {
      name: "dry-run",
      title: { vi: "Chỉ kiểm tra", en: "Check only" },
      query: { dryRun: "true" },
      body: SUBMISSION,
      status: 200,
      answer: { valid: true, errors: [], warnings: [], sha256: SHA, dryRun: true },
    },
    {
      name: "store",
      title: { vi: "Nộp và lưu", en: "Submit and store" },
      headers: { "Idempotency-Key": "951-plan-1" },
      body: SUBMISSION,
      status: 201,
      answer: RECEIPT,
    },
    {
      name: "identical",
      title: { vi: "Gửi lại đúng số liệu đã nộp", en: "The same figures again" },
      body: SUBMISSION,
      status: 200,
      answer: {
        ...RECEIPT,
        identical: { version: 1, status: "submitted" },
        notice: {
          code: "SUBMISSION_IDENTICAL",
          message:
            "Số liệu giống phiên bản 1 đã nộp nên không lưu thêm phiên bản mới. Nếu vẫn cần một phiên bản mới, hãy chọn nộp thành phiên bản mới.",
          params: { version: 1 },
        },
      },
    },
    {
      name: "mistake",
      title: { vi: "Một lỗi: 40,0001 triệu đồng", en: "A mistake: 40.0001 triệu đồng" },
      query: { dryRun: "true" },
      body: {
        ...SUBMISSION,
        appendices: {
          ...SUBMISSION.appendices,
          PL02: { "1": { quantity: { "2023": 50 }, NSTW: { "2023": "40.0001" } } },
        },
      },
      status: 422,
      answer: { valid: false, errors: [tooManyDecimals], warnings: [] },
    },
    {
      name: "upload",
      title: { vi: "Tải lên tệp .xlsx đã điền", en: "Upload a filled .xlsx" },
      headers: { "X-File-Name": "tran-de.xlsx" },
      query: { template: TEMPLATE, unit: UNIT, kind: "plan" },
      media: XLSX,
      body: "tran-de.xlsx",
      status: 201,
      answer: {
        ...RECEIPT,
        id: UPLOADED,
        version: 2,
        sha256: SHA_UPLOAD,
        source: "upload",
        fileName: "tran-de.xlsx",
      },
    },
    {
      name: "locked",
      title: { vi: "Năm 2023 đã khóa", en: "2023 is locked" },
      body: SUBMISSION,
      status: 423,
      answer: refusal(423, "PERIOD_LOCKED", { period: "2023" }),
    },
  ],
  submissions: [
    {
      name: "mine",
      title: { vi: "Các phiên bản kế hoạch của Trần Đề", en: "Trần Đề's plan versions" },
      query: { unit: UNIT, kind: "plan", limit: "20" },
      status: 200,
      answer: { submissions: [META] },
    },
  ],
  snapshot: [
    {
      name: "json",
      title: { vi: "Một phiên bản, JSON", en: "One version, as JSON" },
      path: { id: SNAPSHOT },
      status: 200,
      answer: {
        ...META,
        warningList: [],
        submission: { template: TEMPLATE, unit: UNIT, kind: "plan", appendices: STORED, templateVersion: 1 },
      },
    },
    {
      name: "xlsx",
      title: { vi: "Bản in (.xlsx)", en: "Printed (.xlsx)" },
      path: { id: SNAPSHOT },
      query: { format: "xlsx" },
      status: 200,
      answer: null,
    },
    {
      name: "other-unit",
      title: { vi: "Phiên bản của đơn vị khác", en: "Another unit's version" },
      path: { id: SNAPSHOT },
      status: 403,
      answer: refusal(403, "UNIT_FORBIDDEN"),
    },
  ],
  file: [
    {
      name: "original",
      title: { vi: "Tệp gốc", en: "The original file" },
      path: { id: UPLOADED },
      status: 200,
      answer: null,
    },
    {
      name: "no-file",
      title: { vi: "Phiên bản nộp bằng JSON", en: "A version submitted as JSON" },
      path: { id: SNAPSHOT },
      status: 404,
      answer: refusal(404, "FILE_NOT_FOUND"),
    },
  ],
  approve: [
    {
      name: "approve",
      title: { vi: "Duyệt phiên bản 1", en: "Approve version 1" },
      path: { id: SNAPSHOT },
      body: {},
      status: 200,
      answer: { id: SNAPSHOT, unit: UNIT, version: 1, status: "approved", comment: "", reviewedAt: REVIEWED_AT },
    },
  ],
  return: [
    {
      name: "return",
      title: { vi: "Trả lại kèm ý kiến", en: "Return with a comment" },
      path: { id: SNAPSHOT },
      body: { comment: "PL01 mục 1 năm 2024 cao hơn kế hoạch; đề nghị rà soát." },
      status: 200,
      answer: {
        id: SNAPSHOT,
        unit: UNIT,
        version: 1,
        status: "returned",
        comment: "PL01 mục 1 năm 2024 cao hơn kế hoạch; đề nghị rà soát.",
        reviewedAt: REVIEWED_AT,
      },
    },
    {
      name: "no-comment",
      title: { vi: "Trả lại không có ý kiến", en: "Returning without a comment" },
      path: { id: SNAPSHOT },
      body: {},
      status: 422,
      answer: refusal(422, "COMMENT_REQUIRED"),
    },
  ],
  consolidated: [
    {
      name: "tran-de",
      title: { vi: "Tổng hợp nhánh Trần Đề đến hết 2024", en: "Trần Đề's branch up to the end of 2024" },
      query: { template: TEMPLATE, kind: "plan", basis: "latest", asOf: "2024-12-31", unit: UNIT },
      status: 200,
      answer: REPORT,
    },
    {
      name: "csv",
      title: { vi: "Cùng số liệu, CSV (rút gọn)", en: "The same figures as CSV (shortened)" },
      query: { unit: UNIT, format: "csv" },
      status: 200,
      answer:
        "appendix,item,stt,label,measure,period,value,plan,percent\r\n" +
        "PL01,1,1.,Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh),NSTW,2023,100.826,403.305,25\r\n",
    },
    {
      name: "bad-date",
      title: { vi: "Ngày ngoài khoảng", en: "A date out of range" },
      query: { asOf: "1999-12-31" },
      status: 400,
      answer: refusal(400, "AS_OF_OUT_OF_RANGE", { asOf: "1999-12-31" }),
    },
  ],
  publish: [
    {
      name: "approved-2024",
      title: { vi: "Công bố số đã duyệt đến hết 2024", en: "Publish the approved figures up to the end of 2024" },
      body: { template: TEMPLATE, kind: "plan", basis: "approved", asOf: "2024-12-31" },
      status: 201,
      answer: { ...PUBLISHED_ROW, units: UNITS_INCLUDED },
    },
  ],
  publishedList: [
    {
      name: "list",
      title: { vi: "Các bản đã công bố của mẫu kh-157-2023", en: "Published reports of kh-157-2023" },
      query: { template: TEMPLATE },
      status: 200,
      answer: { published: [PUBLISHED_ROW] },
    },
  ],
  published: [
    {
      name: "one",
      title: { vi: "Một bản đã công bố", en: "One published report" },
      path: { id: PUBLISHED },
      status: 200,
      answer: { ...PUBLISHED_ROW, report: { ...REPORT, basis: "approved", root: null } },
    },
    {
      name: "unknown",
      title: { vi: "Không có", en: "Not there" },
      path: { id: "00000000-0000-4000-8000-000000000000" },
      status: 404,
      answer: refusal(404, "PUBLISHED_NOT_FOUND"),
    },
  ],
  status: [
    {
      name: "board",
      title: { vi: "Tình hình nộp kế hoạch", en: "Who has submitted the plan" },
      query: { template: TEMPLATE, kind: "plan" },
      status: 200,
      answer: {
        template: TEMPLATE,
        kind: "plan",
        basis: "latest",
        asOf: REVIEWED_AT,
        round: ROUND,
        units: [
          {
            unit: "945",
            name: "Huyện Cù Lao Dung",
            missing: true,
            version: null,
            status: "missing",
            submittedAt: null,
            reviewComment: null,
            counted: null,
            deadline: ROUND.deadline,
            timeliness: "overdue",
          },
          {
            unit: UNIT,
            name: UNIT_NAME,
            missing: false,
            version: 1,
            status: "approved",
            submittedAt: AT,
            reviewComment: "",
            counted: 1,
            deadline: ROUND.deadline,
            timeliness: "on_time",
          },
        ],
      },
    },
  ],
  notSubmitted: [
    {
      name: "csv",
      title: { vi: "Đơn vị chưa nộp kế hoạch (CSV)", en: "Units that have not submitted the plan (CSV)" },
      query: { template: TEMPLATE, kind: "plan" },
      status: 200,
      answer:
        "\ufeffMã đơn vị;Đơn vị;Kỳ;Hạn nộp;Tình trạng;Phiên bản mới nhất;Tính đến\r\n" +
        "945;Huyện Cù Lao Dung;2023;15/03/2024;Quá hạn;;18/03/2024 14:45\r\n",
    },
  ],
  rounds: [
    {
      name: "list",
      title: { vi: "Các kỳ báo cáo của kế hoạch 157", en: "Plan 157's reporting rounds" },
      query: { template: TEMPLATE },
      status: 200,
      answer: { rounds: [ROUND] },
    },
  ],
  setRound: [
    {
      name: "set",
      title: { vi: "Đặt hạn nộp kế hoạch năm 2023", en: "Set the deadline of the 2023 plan" },
      body: { template: TEMPLATE, kind: "plan", period: "2023", deadline: "2024-03-15" },
      status: 200,
      answer: ROUND,
    },
    {
      name: "unknown-period",
      title: { vi: "Kỳ không có trong mẫu biểu", en: "A period the template does not have" },
      body: { template: TEMPLATE, kind: "plan", period: "2030", deadline: "2031-01-15" },
      status: 422,
      answer: refusal(422, "ROUND_PERIOD_UNKNOWN", { template: TEMPLATE, period: "2030", periods: "2023, 2024, 2025" }),
    },
  ],
  locks: [
    {
      name: "list",
      title: { vi: "Năm 2023 của kế hoạch đã khóa", en: "The plan's 2023 is locked" },
      status: 200,
      answer: {
        locks: [{ template: TEMPLATE, kind: "plan", period: "2023", createdAt: REVIEWED_AT, createdBy: REVIEWER }],
      },
    },
  ],
  lock: [
    {
      name: "lock-2023",
      title: { vi: "Khóa năm 2023", en: "Lock 2023" },
      body: { template: TEMPLATE, kind: "plan", period: "2023" },
      status: 201,
      answer: { template: TEMPLATE, kind: "plan", period: "2023", locked: true, changed: true },
    },
    {
      name: "phase",
      title: { vi: "Kỳ giai đoạn không khóa được", en: "The phase total cannot be locked" },
      body: { template: TEMPLATE, kind: "plan", period: "total" },
      status: 422,
      answer: refusal(422, "PERIOD_UNKNOWN", { period: "total" }),
    },
  ],
  unlock: [
    {
      name: "unlock-2023",
      title: { vi: "Mở khóa năm 2023", en: "Unlock 2023" },
      query: { template: TEMPLATE, kind: "plan", period: "2023" },
      status: 200,
      answer: { template: TEMPLATE, kind: "plan", period: "2023", locked: false, changed: true },
    },
  ],
  newToken: [
    {
      name: "district",
      title: { vi: "Mã cho Phòng TC-KH Trần Đề", en: "A token for Trần Đề's finance office" },
      body: { role: "submitter", unit: UNIT, label: "Phòng TC-KH Trần Đề" },
      status: 201,
      answer: { ...TOKEN_ROW, token: "kh157_iunsbediRuoDaKczFKE7VmuQ7qWA6pZsmbMCJxpcDWc" },
    },
    {
      name: "leader-with-unit",
      title: { vi: "Vai trò khác submitter không có đơn vị", en: "Only a submitter has a unit" },
      body: { role: "leader", unit: UNIT },
      status: 422,
      answer: refusal(422, "TOKEN_UNIT"),
    },
  ],
  tokens: [
    {
      name: "list",
      title: { vi: "Các mã đã cấp", en: "Tokens issued" },
      status: 200,
      answer: {
        tokens: [
          { ...TOKEN_ROW, revoked_at: null, last_used_at: "2024-03-05T02:14:00.000Z" },
          {
            id: REVIEWER,
            role: "reviewer",
            unit: null,
            label: "Phòng Tài chính - Kế hoạch tỉnh",
            created_at: "2024-03-01T01:05:00.000Z",
            created_by: "admin-env",
            expires_at: "2024-12-31T16:59:59.999Z",
            revoked_at: null,
            last_used_at: null,
          },
        ],
      },
    },
  ],
  revoke: [
    {
      name: "revoke",
      title: { vi: "Thu hồi mã", en: "Revoke a token" },
      path: { id: SUBMITTER },
      status: 200,
      answer: { id: SUBMITTER, revokedAt: "2024-06-30T09:00:00.000Z" },
    },
    {
      name: "again",
      title: { vi: "Mã đã thu hồi", en: "Already revoked" },
      path: { id: SUBMITTER },
      status: 404,
      answer: refusal(404, "TOKEN_NOT_FOUND"),
    },
  ],
  expected: [
    {
      name: "plan-157",
      title: { vi: "Các đơn vị phải báo cáo kế hoạch 157", en: "The units that report on plan 157" },
      query: { template: TEMPLATE },
      status: 200,
      answer: { template: TEMPLATE, units: ["945", "950", "951", "STTTT"] },
    },
  ],
  setExpected: [
    {
      name: "plan-157",
      title: { vi: "Sở và các huyện ven biển", en: "The department and the coastal districts" },
      body: { template: TEMPLATE, units: ["STTTT", "945", "950", "951"] },
      status: 200,
      answer: { template: TEMPLATE, units: ["STTTT", "945", "950", "951"] },
    },
    {
      name: "unknown",
      title: { vi: "Đơn vị không có", en: "An unknown unit" },
      body: { template: TEMPLATE, units: ["951", "999"] },
      status: 422,
      answer: errorAnswer(catalogueError(422, "UNIT_UNKNOWN", { unit: "999" }, { units: ["999"] })),
    },
  ],
  audit: [
    {
      name: "first",
      title: { vi: "Các dòng đầu của nhật ký", en: "The first rows of the log" },
      query: { after: "0", limit: "2" },
      status: 200,
      answer: {
        entries: [
          {
            seq: 1,
            at: "2024-03-01T01:00:00.000Z",
            actor: "admin-env",
            role: "admin",
            action: "token.create",
            target: SUBMITTER,
            detail: { role: "submitter", unit: UNIT },
          },
          {
            seq: 2,
            at: AT,
            actor: SUBMITTER,
            role: "submitter",
            action: "snapshot.create",
            target: SNAPSHOT,
            detail: { unit: UNIT, kind: "plan", template: TEMPLATE, sha256: SHA },
          },
        ],
      },
    },
  ],
  openapi: [
    {
      name: "english",
      title: { vi: "Tài liệu bằng tiếng Anh (rút gọn)", en: "The document in English (shortened)" },
      query: { lang: "en" },
      status: 200,
      answer: {
        openapi: "3.1.0",
        info: { title: "KH 157 – budget appendices API", version: "1.0.0" },
        paths: { "/api/health": { get: { summary: "The server is up" } } },
      },
    },
  ],
  docs: [
    {
      name: "english",
      title: { vi: "Trang bằng tiếng Anh", en: "The page in English" },
      query: { lang: "en" },
      status: 200,
      answer: '<!doctype html>\n<html lang="en">…</html>',
    },
  ],
} satisfies Record<string, [Example, ...Example[]]>;
