// Zod schemas of the API's answers, for the OpenAPI document and its tests: the types themselves
// are domain/contract/api.ts (types only, so the task pane's bundle gains no zod). The checks at
// the end keep the two in step at compile time; tests/worker/api/openapi-answers.test.ts checks
// real answers against these schemas. Objects are not strict: a new field in an answer is
// documented here, and an answer missing a documented field fails that test.
import * as z from "zod";
import {
  BASES,
  CATALOGUE,
  type ConsolidatedReport,
  type DryRunAnswer,
  type ErrorAnswer,
  type IssueCode,
  type Lock,
  type LockAnswer,
  type Me,
  type Receipt,
  type ReviewAnswer,
  ROLES,
  SOURCES,
  type SnapshotDetail,
  type SnapshotMeta,
  type StatusBoard,
  STATUSES,
  TIMELINESS,
  type Unit,
  type ValidationReport,
} from "../../domain";
import { about } from "./meta";

/** The answers' named schemas: components.schemas of the document, by these names. */
export const COMPONENTS = z.registry<{ id: string }>();

function named<T extends z.ZodType>(id: string, schema: T): T {
  COMPONENTS.add(schema, { id });
  return schema;
}

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
const Instant = z.string().meta(about("Thời điểm ISO 8601 (UTC).", "ISO 8601 instant (UTC)."));
const Sha256 = z.string().meta(about("SHA-256 (hex) của JSON chuẩn.", "SHA-256 (hex) of the canonical JSON."));
const Nullable = z.string().nullable();
const Status = z.enum(STATUSES).meta(about("Trạng thái duyệt.", "Review status."));

/** `{ errors: [{ code, message, params, ...details }] }`: every 4xx and 5xx answer but a validation report. */
export const ErrorAnswerSchema = named(
  "ErrorAnswer",
  z.object({
    errors: z.array(
      z
        .object({
          code: z
            .string()
            .meta(about("Mã ổn định (domain/rules/catalogue.ts)", "Stable code (domain/rules/catalogue.ts)")),
          message: z.string().meta(about("Thông báo tiếng Việt", "Vietnamese message")),
          params: Params.optional().meta(
            about(
              "Tham số của thông báo: ngôn ngữ khác được dựng từ code và params",
              "The message's parameters: other languages are rendered from code and params",
            ),
          ),
        })
        .catchall(z.unknown()),
    ),
  }),
);

const ISSUE_CODES = Object.keys(CATALOGUE) as [IssueCode, ...IssueCode[]];

export const IssueSchema = named(
  "Issue",
  z.object({
    code: z.enum(ISSUE_CODES).meta(about("Mã lỗi trong danh mục.", "The catalogue's code.")),
    severity: z.enum(["error", "warning"]),
    message: z.string().meta(about("Thông báo tiếng Việt.", "Vietnamese message.")),
    appendix: Nullable.meta(about("Phụ lục (PL01…).", "Appendix (PL01…).")),
    item: Nullable.meta(about("Mục (1, 2…, total: Tổng cộng).", "Item (1, 2…, total: the total row).")),
    measure: Nullable.meta(about("Chỉ tiêu (quantity, NSTW, NSDP).", "Measure (quantity, NSTW, NSDP).")),
    period: Nullable.meta(about("Kỳ (2023…, total).", "Period (2023…, total).")),
    cell: Nullable.meta(about("Ô trên bản in (PL01!H8).", "The cell on the printed sheet (PL01!H8).")),
    params: Params.meta(about("Tham số của thông báo.", "The message's parameters.")),
  }),
);

const Omitted = z
  .object({ errors: z.number().int(), warnings: z.number().int() })
  .meta(
    about(
      "Chỉ có khi danh sách bị cắt (quá 200 mục hoặc 128 KiB): số lỗi và cảnh báo không được liệt kê.",
      "Only when a list was cut (over 200 issues or 128 KiB): how many errors and warnings were left out.",
    ),
  );

export const ValidationReportSchema = named(
  "ValidationReport",
  z.object({
    valid: z.boolean(),
    errors: z.array(IssueSchema),
    warnings: z.array(IssueSchema),
    truncated: Omitted.optional(),
  }),
);

export const DryRunAnswerSchema = named(
  "DryRunAnswer",
  z.object({
    valid: z.literal(true),
    errors: z.tuple([]),
    warnings: z.array(IssueSchema),
    sha256: Sha256,
    dryRun: z.literal(true),
    truncated: Omitted.optional(),
  }),
);

const SnapshotFields = {
  id: z.string().meta(about("Mã phiên bản (UUID).", "Version id (UUID).")),
  template: z.string(),
  templateVersion: z
    .number()
    .int()
    .meta(about("Phiên bản mẫu biểu đã dùng để kiểm tra.", "Template version checked against.")),
  unit: z.string(),
  kind: z.string(),
  version: z
    .number()
    .int()
    .meta(about("Số phiên bản của báo cáo (mẫu + đơn vị + loại).", "Version number of the report.")),
  sha256: Sha256,
  source: z.enum(SOURCES).meta(about("Cách nộp: upload, addin, api.", "How it came: upload, addin, api.")),
  fileName: Nullable.meta(about("Tên tệp đã tải lên.", "The uploaded file's name.")),
  warnings: z.number().int().meta(about("Số cảnh báo.", "Number of warnings.")),
  createdAt: Instant,
  status: Status,
};

const VersionRef = z.object({ version: z.number().int(), status: Status });

export const ReceiptSchema = named(
  "Receipt",
  z.object({
    valid: z.literal(true),
    ...SnapshotFields,
    warningList: z.array(IssueSchema),
    truncated: Omitted.optional(),
    sameAs: VersionRef.optional().meta(
      about(
        "Chỉ khi số liệu giống phiên bản trước (bị trả lại, hoặc đã yêu cầu newVersion): phiên bản đó.",
        "Only when the figures are those of the previous version (returned, or newVersion asked): that version.",
      ),
    ),
  }),
);

/** 200 for figures identical to the report's latest version (not returned): that version, nothing stored. */
export const IdenticalReceiptSchema = named(
  "IdenticalReceipt",
  ReceiptSchema.extend({
    identical: VersionRef.meta(
      about("Phiên bản có cùng số liệu (được trả lại).", "The version with the same figures (answered)."),
    ),
    notice: z
      .object({ code: z.string(), message: z.string(), params: Params })
      .meta(about("Thông báo cho người nộp (không phải lỗi).", "A notice for the submitter (not an error).")),
  }),
);

export const SnapshotMetaSchema = named(
  "SnapshotMeta",
  z.object({
    ...SnapshotFields,
    fileKey: Nullable,
    createdBy: z.string().meta(about("Mã truy cập đã nộp (id).", "Id of the token that submitted.")),
    reviewedAt: Instant.nullable(),
    reviewComment: Nullable,
  }),
);

export const SnapshotListSchema = named("SnapshotList", z.object({ submissions: z.array(SnapshotMetaSchema) }));

/** appendix → item → measure → period → figure (money: decimal string in triệu đồng; quantity: integer). */
export const FigureTreeSchema = named(
  "FigureTree",
  z
    .record(
      z.string(),
      z.record(z.string(), z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()])))),
    )
    .meta(
      about(
        "Phụ lục → mục → chỉ tiêu → kỳ → số (kinh phí: chuỗi thập phân, triệu đồng; số lượng: số nguyên).",
        "Appendix → item → measure → period → figure (money: decimal string, triệu đồng; quantity: integer).",
      ),
    ),
);

export const SnapshotDetailSchema = named(
  "SnapshotDetail",
  SnapshotMetaSchema.extend({
    warningList: z.array(IssueSchema),
    submission: z.object({
      template: z.string(),
      unit: z.string(),
      kind: z.string(),
      templateVersion: z.number().int().optional(),
      appendices: FigureTreeSchema,
      notes: z
        .record(z.string(), z.record(z.string(), z.string()))
        .optional()
        .meta(
          about(
            "Ghi chú: phụ lục → mục → văn bản; chỉ có khi phiên bản có ghi chú.",
            "Notes: appendix → item → text; present only when the version has some.",
          ),
        ),
    }),
  }),
);

export const ReviewAnswerSchema = named(
  "ReviewAnswer",
  z.object({
    id: z.string(),
    unit: z.string(),
    version: z.number().int(),
    status: z.enum(["approved", "returned"]),
    comment: z.string(),
    reviewedAt: Instant,
  }),
);

const Basis = z.enum(BASES);

const PassedOver = z.object({
  unit: z.string(),
  version: z.number().int(),
  snapshot: z.string(),
  returnedAt: Instant,
});

export const ConsolidatedReportSchema = named(
  "ConsolidatedReport",
  z.object({
    template: z.string(),
    templateVersion: z
      .number()
      .int()
      .meta(about("Phiên bản mẫu biểu dùng để trình bày.", "Template version the totals are laid out with.")),
    templateVersions: z.array(z.number().int()),
    kind: z.string(),
    basis: Basis,
    asOf: Instant,
    root: Nullable.meta(about("Đơn vị gốc khi có ?unit=.", "The branch's root unit when ?unit= is given.")),
    view: z
      .literal("successors")
      .optional()
      .meta(
        about(
          "Chỉ có khi view=successors: số liệu của đơn vị cũ được xếp theo đơn vị kế thừa (cơ cấu ngày asOf).",
          "Only with view=successors: old units' figures placed under their successors (the structure on the asOf day).",
        ),
      ),
    units: z
      .array(
        z.object({
          unit: z.string(),
          version: z.number().int(),
          snapshot: z.string(),
          sha256: Sha256,
          passedOver: z.array(PassedOver.omit({ unit: true })).optional(),
          as: z
            .string()
            .nullable()
            .optional()
            .meta(
              about(
                "view=successors: đơn vị (có hiệu lực ngày asOf) kế thừa số liệu của đơn vị này.",
                "view=successors: the unit (in force on the asOf day) that inherits this unit's figures.",
              ),
            ),
        }),
      )
      .meta(about("Các phiên bản được cộng.", "The versions added up.")),
    passedOver: z
      .array(PassedOver.extend({ usedVersion: z.number().int().nullable() }))
      .optional()
      .meta(
        about(
          "Cơ sở latest: các phiên bản bị trả lại không được cộng; usedVersion: phiên bản được cộng thay (null: không có).",
          "Basis latest: returned versions not counted; usedVersion: the version counted instead (null: none).",
        ),
      ),
    appendices: FigureTreeSchema,
    unplaced: FigureTreeSchema,
    plan: FigureTreeSchema.nullable().meta(about("Kế hoạch của tỉnh.", "The province plan.")),
    percentOfPlan: z
      .record(z.string(), z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))))
      .meta(about("Số / kế hoạch × 100, cho mỗi ô có kế hoạch.", "Figure / plan × 100, per cell with a plan.")),
    hash: Sha256.meta(
      about("Cùng các phiên bản được cộng thì cùng hash.", "The same included versions always give the same hash."),
    ),
  }),
);

/** POST /api/submissions 200: a dry run's answer, or the latest version when the figures are identical to it. */
export const DryRunOrIdenticalSchema = named(
  "DryRunOrIdentical",
  z.union([DryRunAnswerSchema, IdenticalReceiptSchema]),
);

const PublishedFields = {
  id: z.string(),
  template: z.string(),
  kind: z.string(),
  basis: Basis,
  asOf: Instant,
  sha256: Sha256.meta(about("hash của bản tổng hợp.", "The report's hash.")),
  createdAt: Instant,
  createdBy: z.string(),
};

export const PublishedSchema = named("Published", z.object(PublishedFields));
export const PublishAnswerSchema = named(
  "PublishAnswer",
  z.object({ ...PublishedFields, units: ConsolidatedReportSchema.shape.units }),
);
export const PublishedListSchema = named("PublishedList", z.object({ published: z.array(PublishedSchema) }));
export const PublishedReportSchema = named(
  "PublishedReport",
  z.object({ ...PublishedFields, report: ConsolidatedReportSchema }),
);

export const StatusRowSchema = named(
  "StatusRow",
  z.object({
    unit: z.string(),
    name: z.string(),
    missing: z.boolean(),
    version: z.number().int().nullable(),
    status: z.enum([...STATUSES, "missing"]),
    submittedAt: Instant.nullable(),
    reviewComment: Nullable,
  }),
);

const Day = z.string().meta(about("Ngày YYYY-MM-DD.", "A date, YYYY-MM-DD."));

export const RoundSchema = named(
  "Round",
  z.object({
    template: z.string(),
    kind: z.string(),
    period: z.string(),
    deadline: Day.meta(
      about("Hạn nộp: hết ngày này theo giờ Việt Nam.", "The deadline: the end of this day in Vietnam time."),
    ),
    opens: Day.nullable().meta(
      about(
        "Ngày mở kỳ: phiên bản lưu trước ngày này không tính; null: mọi phiên bản đều tính.",
        "Opening day: versions stored before it do not count; null: every version counts.",
      ),
    ),
    units: z.array(z.string()).meta(about("Các đơn vị phải nộp trong kỳ.", "The units expected in the round.")),
    defaultUnits: z
      .boolean()
      .meta(
        about(
          "true: kỳ dùng danh sách đơn vị phải báo cáo của mẫu biểu.",
          "true: the round uses the template's expected units.",
        ),
      ),
  }),
);
export const RoundListSchema = named("RoundList", z.object({ rounds: z.array(RoundSchema) }));

export const StatusBoardSchema = named(
  "StatusBoard",
  z.object({
    template: z.string(),
    kind: z.string(),
    basis: Basis,
    asOf: Instant,
    round: RoundSchema.nullable().meta(
      about(
        "Kỳ báo cáo mà hạn nộp và tình trạng đúng hạn tính theo; null: mẫu biểu và loại báo cáo chưa có kỳ nào.",
        "The reporting round deadlines and timeliness are for; null: the template and kind have none.",
      ),
    ),
    units: z.array(
      StatusRowSchema.extend({
        counted: z
          .number()
          .int()
          .nullable()
          .meta(
            about(
              "Phiên bản số tổng hợp (cùng cơ sở, cùng thời điểm) cộng cho đơn vị này; null: không có.",
              "The version consolidated totals (same basis and moment) count for this unit; null: none.",
            ),
          ),
        deadline: Day.nullable().meta(
          about("Hạn nộp của kỳ; null: không có kỳ.", "The round's deadline; null: no round."),
        ),
        timeliness: z
          .enum(TIMELINESS)
          .nullable()
          .meta(
            about(
              "on_time: nộp (phiên bản đầu tiên trong kỳ) đến hết hạn; late: nộp sau hạn; not_due: chưa nộp, chưa đến hạn; overdue: chưa nộp, đã quá hạn (tại asOf). null: không có kỳ.",
              "on_time: submitted (its first version in the round) by the deadline; late: after it; not_due: not submitted, deadline not passed; overdue: not submitted, deadline passed (at asOf). null: no round.",
            ),
          ),
      }),
    ),
  }),
);

export const LockSchema = named(
  "Lock",
  z.object({ template: z.string(), kind: z.string(), period: z.string(), createdAt: Instant, createdBy: z.string() }),
);
export const LockListSchema = named("LockList", z.object({ locks: z.array(LockSchema) }));
export const LockAnswerSchema = named(
  "LockAnswer",
  z.object({
    template: z.string(),
    kind: z.string(),
    period: z.string(),
    locked: z.boolean(),
    changed: z.boolean().meta(about("false: năm đã ở trạng thái này.", "false: the year was already in that state.")),
  }),
);

export const MeSchema = named("Me", z.object({ role: z.enum(ROLES), unit: Nullable, unitName: Nullable }));

export const UnitSchema = named(
  "Unit",
  z.object({
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    parent: Nullable,
    coastal: z.boolean(),
    validFrom: Nullable,
    validTo: Nullable,
  }),
);
export const UnitListSchema = named(
  "UnitList",
  z.object({
    asOf: z
      .string()
      .nullable()
      .meta(
        about(
          "Ngày (giờ Việt Nam) của danh mục; null với all=1.",
          "The day (Vietnam time) of the list; null with all=1.",
        ),
      ),
    units: z.array(UnitSchema),
  }),
);

const TokenFields = {
  id: z.string(),
  role: z.enum(ROLES),
  unit: Nullable,
  label: Nullable,
  created_at: Instant,
  created_by: z.string(),
  expires_at: Instant.nullable().meta(
    about("Hạn dùng; null: đến khi thu hồi.", "When the token stops being accepted; null: until revoked."),
  ),
};
export const TokenSchema = named(
  "Token",
  z.object({
    ...TokenFields,
    revoked_at: Instant.nullable(),
    last_used_at: Instant.nullable().meta(
      about(
        "Lần dùng gần nhất (ghi nhiều nhất mỗi phút một lần); null: chưa dùng.",
        "Last use (recorded at most once a minute); null: never used.",
      ),
    ),
  }),
);
export const TokenListSchema = named("TokenList", z.object({ tokens: z.array(TokenSchema) }));
export const NewTokenSchema = named(
  "NewToken",
  z.object({
    ...TokenFields,
    token: z.string().meta(about("Mã truy cập: chỉ hiện lần này.", "The access token: shown this once only.")),
  }),
);
export const RevokedSchema = named("Revoked", z.object({ id: z.string(), revokedAt: Instant }));

export const ExpectedUnitsSchema = named(
  "ExpectedUnits",
  z.object({ template: z.string(), units: z.array(z.string()) }),
);

export const AuditListSchema = named(
  "AuditList",
  z.object({
    entries: z.array(
      z.object({
        seq: z.number().int(),
        at: Instant,
        actor: z.string().meta(about("Mã truy cập (id) đã ghi.", "Id of the token that wrote.")),
        role: z.string(),
        action: z
          .string()
          .meta(about("Thao tác: snapshot.create, snapshot.approve…", "Action: snapshot.create, snapshot.approve…")),
        target: z.string(),
        detail: z.unknown(),
      }),
    ),
  }),
);

export const HealthSchema = named("Health", z.object({ status: z.literal("ok"), time: Instant }));

export const TemplateListSchema = named(
  "TemplateList",
  z.object({
    templates: z.array(
      z.object({ id: z.string(), version: z.number().int(), name: z.string(), appendices: z.array(z.string()) }),
    ),
  }),
);

const Labelled = z.looseObject({ id: z.string(), label: z.string(), en: z.string().optional() });

/**
 * A template definition (domain/template/model.ts); checked by domain/template/check.ts, not by zod.
 * Its full format: GET /api/templates/schema.json and docs/templates.md.
 */
export const TemplateSchema = named(
  "Template",
  z
    .looseObject({
      id: z.string().meta(about("Mã mẫu biểu.", "Template id.")),
      version: z.number().int(),
      name: z.string(),
      document: z.looseObject({ number: z.string(), issuer: z.string(), date: z.string(), title: z.string() }),
      money: z.looseObject({ unit: z.string(), dongPerUnit: z.number(), decimals: z.number().int(), max: z.string() }),
      quantityMax: z.number(),
      periods: z.array(Labelled),
      measures: z.array(Labelled),
      kinds: z.array(Labelled),
      appendices: z.array(z.looseObject({ id: z.string(), title: z.string(), items: z.array(Labelled) })),
      plan: FigureTreeSchema.optional(),
    })
    .meta(
      about(
        "Định nghĩa mẫu biểu; định dạng đầy đủ (JSON Schema): GET /api/templates/schema.json.",
        "A template definition; the full format (JSON Schema): GET /api/templates/schema.json.",
      ),
    ),
);

export const TemplateStoredSchema = named("TemplateStored", z.object({ id: z.string(), version: z.number().int() }));

/** GET /api/templates/schema.json: the template format as a JSON Schema (domain/template/schema.ts). */
export const TemplateJsonSchema = named(
  "TemplateJsonSchema",
  z
    .looseObject({
      $schema: z.string(),
      title: z.string(),
      type: z.literal("object"),
      required: z.array(z.string()),
      properties: z.record(z.string(), z.unknown()),
    })
    .meta(
      about(
        "JSON Schema (draft 2020-12) của định dạng mẫu biểu; mô tả đầy đủ ở docs/templates.md.",
        "The template format as a JSON Schema (draft 2020-12); described in full in docs/templates.md.",
      ),
    ),
);

/** One problem of a refused template (TEMPLATE_INVALID): domain/template/problems.ts. */
const TemplateProblemSchema = z.object({
  code: z.string().meta(about("Mã ổn định của lỗi mẫu biểu.", "The problem's stable code.")),
  path: z
    .string()
    .meta(about("JSON pointer tới giá trị cần sửa.", "JSON pointer of the value to fix.", "/appendices/0/items/2/id")),
  params: Params,
  message: z.string().meta(about("Tiếng Việt: cần sửa gì.", "Vietnamese: what to fix.")),
  messageEn: z.string().meta(about("Tiếng Anh.", "English.")),
});

/** 422 TEMPLATE_INVALID: the error answer with the template's problems. */
export const TemplateInvalidSchema = named(
  "TemplateInvalid",
  z.object({
    errors: z.array(
      z.object({
        code: z.literal("TEMPLATE_INVALID"),
        message: z.string().meta(about("Thông báo tiếng Việt", "Vietnamese message")),
        params: Params,
        problems: z
          .array(z.string())
          .meta(about("Các lỗi, bằng tiếng Anh (như trước).", "The problems in English (as before).")),
        templateProblems: z
          .array(TemplateProblemSchema)
          .meta(
            about("Các lỗi, mỗi lỗi có mã, vị trí và hai ngôn ngữ.", "The problems with code, place and both texts."),
          ),
        problemCount: z
          .number()
          .int()
          .meta(
            about("Tổng số lỗi (danh sách chỉ giữ 50 lỗi đầu).", "How many problems (the lists keep the first 50)."),
          ),
      }),
    ),
  }),
);

export const OpenApiSchema = named(
  "OpenApiDocument",
  z.looseObject({
    openapi: z.literal("3.1.0"),
    info: z.looseObject({ title: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  }),
);

// Compile-time: what these schemas accept is what the contract's types say.
type Assignable<From, To> = From extends To ? true : never;
const contract: [
  Assignable<z.infer<typeof ErrorAnswerSchema>, ErrorAnswer>,
  Assignable<z.infer<typeof ValidationReportSchema>, ValidationReport>,
  Assignable<z.infer<typeof DryRunAnswerSchema>, DryRunAnswer>,
  Assignable<z.infer<typeof ReceiptSchema>, Receipt>,
  Assignable<z.infer<typeof SnapshotMetaSchema>, SnapshotMeta>,
  Assignable<z.infer<typeof SnapshotDetailSchema>, SnapshotDetail>,
  Assignable<z.infer<typeof ReviewAnswerSchema>, ReviewAnswer>,
  Assignable<z.infer<typeof ConsolidatedReportSchema>, ConsolidatedReport>,
  Assignable<z.infer<typeof LockSchema>, Lock>,
  Assignable<z.infer<typeof LockAnswerSchema>, LockAnswer>,
  Assignable<z.infer<typeof StatusBoardSchema>, StatusBoard>,
  Assignable<z.infer<typeof MeSchema>, Me>,
  Assignable<z.infer<typeof UnitSchema>, Unit>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
void contract;
