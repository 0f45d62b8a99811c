// Request shapes shared by routes and the OpenAPI document. Roles, statuses and bases are the
// shared vocabulary (domain/contract/vocabulary.ts); report kinds belong to each template, so a
// kind is only id-shaped here and checked against its template's `kinds` by the service that
// takes it (services/templates.ts, requireKind: 422 KIND_UNKNOWN naming the allowed kinds).
import * as z from "zod";
import { BASES, DEFAULT_TEMPLATE_ID, ROLES, STATUSES } from "../domain";
import { catalogueError } from "./errors";
import { about } from "./openapi/meta";

const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
/** A report kind's id; which ids a template accepts is its own `kinds`. */
export const KindId = Id;
export const Basis = z.enum(BASES);
const IsoTime = z.iso.datetime({ offset: true }).or(z.iso.date());

// Field descriptions and examples, shared by the schemas below (for the API docs only).
const TEMPLATE = about("Mã mẫu biểu.", "Template id.", "kh-157-2023");
const TEMPLATE_DEFAULT = about(
  "Mã mẫu biểu; mặc định kh-157-2023.",
  "Template id; kh-157-2023 when absent.",
  "kh-157-2023",
);
const KIND = about(
  "Loại báo cáo: một trong các loại của mẫu biểu (plan: kế hoạch, execution: thực hiện với kế hoạch 157).",
  "Report kind: one of the template's kinds (plan, execution for plan 157).",
  "plan",
);
const KIND_DEFAULT = about(
  "Loại báo cáo của mẫu biểu; mặc định loại đầu tiên (plan).",
  "Report kind of the template; its first kind (plan) when absent.",
  "plan",
);
const BASIS = about(
  "latest: bản mới nhất của mỗi đơn vị; approved: bản đã duyệt mới nhất.",
  "latest: each unit's newest version; approved: its newest approved version.",
  "latest",
);
const AS_OF = about(
  "Tính đến thời điểm: ISO có múi giờ, hoặc ngày YYYY-MM-DD (hết ngày đó theo giờ Việt Nam); năm 2000–9999. Mặc định: hiện tại.",
  "As of: an ISO instant with offset, or a date YYYY-MM-DD (the end of that day in Vietnam time); years 2000–9999. Now when absent.",
  "2024-12-31",
);
const UNIT_BRANCH = about(
  "Chỉ tính đơn vị này và các đơn vị trực thuộc (theo cơ cấu ngày asOf).",
  "Only this unit and the units below it (in the structure of the asOf day).",
  "951",
);

/** Keys named in one error message; a body with half a million unknown keys still gets one short message. */
const KEYS_NAMED = 5;

function someKeys(keys: readonly PropertyKey[]): string {
  const named = keys.slice(0, KEYS_NAMED).map((k) => JSON.stringify(String(k).slice(0, 40)));
  return named.join(", ") + (keys.length > KEYS_NAMED ? ` … (+${keys.length - KEYS_NAMED})` : "");
}

/** For every strict body: unknown fields are refused in one short message, whatever their number. */
const STRICT = {
  error: (iss: { code?: string; keys?: readonly PropertyKey[] }) =>
    iss.code === "unrecognized_keys" && iss.keys
      ? `${iss.keys.length} trường không được phép: ${someKeys(iss.keys)}`
      : undefined,
};

/** Longest appendix id a body may use as a key. */
const APPENDIX_KEY_MAX = 64;

export const SubmissionBody = z.strictObject(
  {
    template: Id.meta(TEMPLATE),
    unit: Id.meta(
      about("Mã đơn vị báo cáo; người nộp chỉ nộp cho đơn vị của mình.", "Reporting unit; a submitter's own.", "951"),
    ),
    kind: KindId.meta(KIND),
    baseVersion: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .optional()
      .meta(
        about(
          "Phiên bản đã sửa từ đó (0: chưa có phiên bản nào); khác phiên bản mới nhất thì bị từ chối (409 STALE_BASE_VERSION).",
          "The version this one edits (0: none yet); refused unless it is the latest (409 STALE_BASE_VERSION).",
          1,
        ),
      ),
    // An object checked in one pass over its keys (one issue at most), neither copied key by key
    // nor given a key schema that raises an issue per key; the domain reads what is inside.
    appendices: z
      .custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), {
        message: "appendices phải là một đối tượng JSON",
        abort: true,
      })
      .check((ctx) => {
        if (typeof ctx.value !== "object" || ctx.value === null) return; // already refused above
        const long = Object.keys(ctx.value).filter((k) => k.length > APPENDIX_KEY_MAX);
        if (long.length) {
          ctx.issues.push({
            code: "custom",
            input: ctx.value,
            message: `${long.length} khóa phụ lục dài quá ${APPENDIX_KEY_MAX} ký tự: ${someKeys(long)}`,
          });
        }
      })
      .meta({
        type: "object",
        propertyNames: { maxLength: APPENDIX_KEY_MAX },
        additionalProperties: { type: "object", description: "item → measure → period → figure" },
        ...about(
          "Số liệu: phụ lục → mục → chỉ tiêu (quantity, NSTW, NSDP) → kỳ (2023, 2024, 2025, total) → số. Kinh phí là chuỗi số thập phân tính bằng triệu đồng (dấu chấm, tối đa 3 chữ số thập phân), số lượng là số nguyên. Dòng tổng (mục total) và kỳ giai đoạn (total) có thể bỏ; nếu có thì phải khớp.",
          "Figures: appendix → item → measure (quantity, NSTW, NSDP) → period (2023, 2024, 2025, total) → figure. Money is a decimal string in triệu đồng (a point, at most 3 decimals), quantities are integers. The total row (item total) and the phase total (period total) may be left out; when present they must agree.",
          { PL01: { "1": { quantity: { "2023": 160 }, NSTW: { "2023": "403.305" } } } },
        ),
      }),
    // Checked like appendices: one pass over the keys here, the domain reads what is inside.
    notes: z
      .custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), {
        message: "notes phải là một đối tượng JSON",
        abort: true,
      })
      .check((ctx) => {
        if (typeof ctx.value !== "object" || ctx.value === null) return;
        const long = Object.keys(ctx.value).filter((k) => k.length > APPENDIX_KEY_MAX);
        if (long.length) {
          ctx.issues.push({
            code: "custom",
            input: ctx.value,
            message: `${long.length} khóa phụ lục dài quá ${APPENDIX_KEY_MAX} ký tự: ${someKeys(long)}`,
          });
        }
      })
      .optional()
      .meta({
        type: "object",
        propertyNames: { maxLength: APPENDIX_KEY_MAX },
        additionalProperties: { type: "object", additionalProperties: { type: "string", maxLength: 500 } },
        ...about(
          'Ghi chú (không bắt buộc): phụ lục → mục → văn bản, chỉ cho phụ lục có cột ghi chú (field "note"). Tối đa 500 ký tự mỗi ghi chú; khoảng trắng thừa được bỏ; không bao giờ được cộng vào tổng.',
          'Notes (optional): appendix → item → text, only for appendices with a note column (field "note"). At most 500 characters each; extra spacing is removed; never summed.',
          { PL02: { "1": "Đơn vị thực hiện: Phòng Văn hóa" } },
        ),
      }),
  },
  STRICT,
);

export const SubmitQuery = z.object({
  dryRun: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .meta(
      about(
        "true hoặc 1: chỉ kiểm tra, không lưu gì (200 thay cho 201).",
        "true or 1: check only, store nothing (200 instead of 201).",
        "true",
      ),
    ),
  newVersion: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .meta(
      about(
        "true hoặc 1: lưu thành phiên bản mới kể cả khi số liệu giống hệt phiên bản mới nhất (mặc định: trả lời phiên bản đó, 200, không lưu).",
        "true or 1: store a new version even when the figures are those of the latest version (by default that version is answered, 200, nothing stored).",
        "true",
      ),
    ),
});

export const UploadFields = z.object({
  template: Id.meta(TEMPLATE),
  unit: Id.meta(about("Mã đơn vị báo cáo.", "Reporting unit.", "951")),
  kind: KindId.meta(KIND),
  baseVersion: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta(about("Phiên bản đã sửa từ đó (xem body JSON).", "The version this one edits (see the JSON body).", "1")),
  newVersion: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .meta(
      about(
        "true hoặc 1: lưu thành phiên bản mới kể cả khi số liệu giống hệt phiên bản mới nhất (như tham số newVersion).",
        "true or 1: store a new version even when the figures are those of the latest version (as the newVersion query).",
        "true",
      ),
    ),
});

export const SubmissionFilter = z.object({
  template: Id.optional().meta(about("Chỉ mẫu biểu này.", "This template only.", "kh-157-2023")),
  unit: Id.optional().meta(
    about("Chỉ đơn vị này (người nộp: chỉ đơn vị của mình).", "This unit only (a submitter: its own).", "951"),
  ),
  kind: KindId.optional().meta(about("Chỉ loại báo cáo này.", "This report kind only.", "plan")),
  status: z
    .enum(STATUSES)
    .optional()
    .meta(about("Chỉ các phiên bản có trạng thái này.", "Only versions in this status.", "submitted")),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .meta(about("Số phiên bản tối đa, mới nhất trước.", "Most versions listed, newest first.", "20")),
});

export const FormatQuery = z.object({
  format: z
    .enum(["json", "xlsx"])
    .default("json")
    .meta(
      about(
        "json: số liệu và thông tin; xlsx: tệp theo mẫu in.",
        "json: figures and details; xlsx: the printed layout as a workbook.",
        "json",
      ),
    ),
});

export const ReviewBody = z.strictObject(
  {
    comment: z
      .string()
      .max(2000)
      .default("")
      .meta(
        about(
          "Ý kiến người duyệt, tối đa 2000 ký tự; bắt buộc khi trả lại (422 COMMENT_REQUIRED).",
          "The reviewer's comment, at most 2000 characters; required to return (422 COMMENT_REQUIRED).",
          "Mục 1 PL01 năm 2024 cao hơn kế hoạch; đề nghị rà soát.",
        ),
      ),
  },
  STRICT,
);

export const LockBody = z.strictObject(
  {
    template: Id.meta(TEMPLATE),
    kind: KindId.meta(KIND),
    period: z
      .string()
      .min(1)
      .max(16)
      .meta(
        about(
          "Năm: một năm của mẫu biểu (2023, 2024, 2025), không phải kỳ giai đoạn (422 PERIOD_UNKNOWN).",
          "A year of the template (2023, 2024, 2025), never the phase total (422 PERIOD_UNKNOWN).",
          "2023",
        ),
      ),
  },
  STRICT,
);

export const ConsolidatedQuery = z.object({
  template: Id.default(DEFAULT_TEMPLATE_ID).meta(TEMPLATE_DEFAULT),
  /** The template's first kind when absent. */
  kind: KindId.optional().meta(KIND_DEFAULT),
  basis: Basis.default("latest").meta(BASIS),
  asOf: IsoTime.optional().meta(AS_OF),
  unit: Id.optional().meta(UNIT_BRANCH),
  view: z
    .enum(["units", "successors"])
    .default("units")
    .meta(
      about(
        "units: mỗi báo cáo ở lại với đơn vị đã nộp, theo cơ cấu ngày asOf; successors: số liệu của đơn vị cũ được xếp theo đơn vị kế thừa (như cơ cấu mới thừa hưởng), có ghi rõ trên mọi kết quả.",
        "units: each report stays with the unit that submitted it, in the structure of the asOf day; successors: old units' figures placed under their successors (as the new structure inherits them), labelled so on every output.",
        "successors",
      ),
    ),
  format: z
    .enum(["json", "csv", "csv-vi", "xlsx"])
    .default("json")
    .meta(
      about(
        "json; csv: một dòng cho mỗi số liệu, dấu phẩy, dấu chấm thập phân, mã (cho chương trình); csv-vi: cho người đọc bằng Excel/LibreOffice cài tiếng Việt (dấu chấm phẩy, dấu phẩy thập phân, tiêu đề và tên tiếng Việt, cột theo từng đơn vị); xlsx: bảng tổng hợp theo mẫu in, chi tiết theo đơn vị và % kế hoạch.",
        "json; csv: one line per figure, commas, decimal points, ids (for programs); csv-vi: for people opening it in Excel/LibreOffice with Vietnamese settings (semicolons, decimal commas, Vietnamese headers and names, a column per unit); xlsx: the consolidated workbook in the printed layout, with the per-unit breakdown and % of plan.",
        "json",
      ),
    ),
});

export const PublishBody = z.strictObject(
  {
    template: Id.default(DEFAULT_TEMPLATE_ID).meta(TEMPLATE_DEFAULT),
    kind: KindId.optional().meta(KIND_DEFAULT),
    basis: Basis.default("latest").meta(BASIS),
    asOf: IsoTime.optional().meta(AS_OF),
    unit: Id.optional().meta(UNIT_BRANCH),
  },
  STRICT,
);

export const StatusQuery = z.object({
  template: Id.default(DEFAULT_TEMPLATE_ID).meta(TEMPLATE_DEFAULT),
  kind: KindId.optional().meta(KIND_DEFAULT),
  basis: Basis.default("latest").meta(BASIS),
  asOf: IsoTime.optional().meta(AS_OF),
  period: z
    .string()
    .min(1)
    .max(16)
    .optional()
    .meta(
      about(
        "Kỳ báo cáo (issue 17): hạn nộp của kỳ này; mặc định kỳ đầu tiên chưa quá hạn tại asOf, nếu không thì kỳ cuối.",
        "The reporting round's period (issue 17); by default the first round not past its deadline at asOf, else the last.",
        "2024",
      ),
    ),
});

/** A calendar day, YYYY-MM-DD (checked against the calendar). */
const Day = z.iso.date();

export const RoundBody = z.strictObject(
  {
    template: Id.meta(TEMPLATE),
    kind: KindId.meta(KIND),
    period: z
      .string()
      .min(1)
      .max(16)
      .meta(about("Một kỳ của mẫu biểu (422 ROUND_PERIOD_UNKNOWN).", "One of the template's periods.", "2024")),
    deadline: Day.meta(
      about(
        "Hạn nộp: hết ngày này theo giờ Việt Nam (YYYY-MM-DD).",
        "The deadline: the end of this day in Vietnam time (YYYY-MM-DD).",
        "2025-01-15",
      ),
    ),
    opens: Day.nullable()
      .optional()
      .meta(
        about(
          "Ngày mở kỳ (tùy chọn): phiên bản lưu trước ngày này (giờ Việt Nam) không tính cho kỳ.",
          "Opening day (optional): versions stored before this day (Vietnam time) do not count for the round.",
          "2025-01-01",
        ),
      ),
    units: z
      .array(z.unknown())
      .max(500)
      .pipe(z.array(Id))
      .nullable()
      .optional()
      .meta(
        about(
          "Mã các đơn vị phải nộp trong kỳ; bỏ trống hoặc null: các đơn vị phải báo cáo mẫu biểu.",
          "Codes of the units expected in the round; absent or null: the template's expected units.",
          ["STTTT", "945", "950", "951"],
        ),
      ),
  },
  STRICT,
);

export const RoundsQuery = z.object({
  template: Id.optional().meta(about("Chỉ các kỳ của mẫu biểu này.", "Only this template's rounds.", "kh-157-2023")),
  kind: KindId.optional().meta(about("Chỉ loại báo cáo này.", "Only this report kind.", "execution")),
});

export const TokenBody = z.strictObject(
  {
    role: z.enum(ROLES).meta(about("Vai trò của mã.", "The token's role.", "submitter")),
    unit: Id.optional().meta(
      about(
        "Đơn vị của người nộp: bắt buộc với submitter, không được có với vai trò khác (422 TOKEN_UNIT).",
        "A submitter's unit: required for submitter, refused for other roles (422 TOKEN_UNIT).",
        "951",
      ),
    ),
    label: z
      .string()
      .max(200)
      .optional()
      .meta(about("Ghi chú: mã cấp cho ai.", "A note: who the token is for.", "Phòng TC-KH Trần Đề")),
    expiresAt: IsoTime.optional().meta(
      about(
        "Hạn dùng (tùy chọn): thời điểm ISO có múi giờ, hoặc ngày YYYY-MM-DD (hết ngày đó theo giờ Việt Nam); sau đó mã bị từ chối (401 TOKEN_EXPIRED). Bỏ trống: đến khi thu hồi.",
        "Expiry (optional): an ISO instant with offset, or a date YYYY-MM-DD (the end of that day in Vietnam time); afterwards the token is refused (401 TOKEN_EXPIRED). Absent: until revoked.",
        "2026-12-31",
      ),
    ),
  },
  STRICT,
);

export const UnitBody = z.strictObject(
  {
    code: Id.meta(about("Mã đơn vị (mã thống kê của huyện).", "Unit code (a district's statistics code).", "951")),
    name: z
      .string()
      .min(1)
      .max(200)
      .meta(about("Tên đơn vị.", "Unit name.", "Huyện Trần Đề")),
    kind: z
      .string()
      .min(1)
      .max(50)
      .meta(about("Cấp: tỉnh, sở, huyện, thị xã, thành phố…", "Level: tỉnh, sở, huyện, thị xã, thành phố…", "huyện")),
    parent: Id.nullable()
      .default(null)
      .meta(
        about(
          "Đơn vị cấp trên: phải có sẵn, không được là chính nó hay đơn vị trực thuộc nó.",
          "Parent unit: must exist, and be neither the unit itself nor one below it.",
          "94",
        ),
      ),
    coastal: z
      .boolean()
      .default(false)
      .meta(about("Huyện ven biển.", "A coastal district.", true)),
    validFrom: z.iso
      .date()
      .nullable()
      .default(null)
      .meta(about("Có hiệu lực từ ngày (YYYY-MM-DD).", "Valid from (YYYY-MM-DD).", null)),
    validTo: z.iso
      .date()
      .nullable()
      .default(null)
      .meta(about("Hết hiệu lực sau ngày (YYYY-MM-DD).", "Valid until (YYYY-MM-DD).", "2025-06-30")),
  },
  STRICT,
);

// The length is checked before the elements, so a million bad ids make one issue, not a million.
export const ExpectedBody = z.strictObject(
  {
    template: Id.meta(TEMPLATE),
    units: z
      .array(z.unknown())
      .max(500)
      .pipe(z.array(Id))
      .meta(
        about(
          "Mã các đơn vị phải báo cáo (tối đa 500), thay cho danh sách cũ.",
          "Codes of the units that must report (at most 500), replacing the list.",
          ["STTTT", "945", "950", "951"],
        ),
      ),
  },
  STRICT,
);

export const AuditQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(about("Chỉ các dòng có số thứ tự (seq) lớn hơn số này.", "Only rows whose seq is above this.", "0")),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(200)
    .meta(about("Số dòng tối đa.", "Most rows returned.", "50")),
});

/** Vietnam time is UTC+7 all year (no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** Instants asOf may name: the years 2000 to 9999 in UTC, whose ISO strings all sort as text. */
const AS_OF_MIN = Date.UTC(2000, 0, 1);
const AS_OF_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * asOf as a full ISO instant in UTC, so text comparison in SQL is exact. A date (YYYY-MM-DD)
 * means the end of that day in Vietnam time, as the pages say: everything before the next
 * day's 00:00 +07:00. An instant outside the years 2000–9999 once its offset is applied is
 * refused with 400 AS_OF_OUT_OF_RANGE (year 10000 would print as "+010000-…", which sorts
 * before every real time); a date that is not in the calendar with 400 INVALID_AS_OF.
 */
export function normaliseAsOf(asOf: string | undefined): string {
  if (!asOf) return new Date().toISOString();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  let at: number;
  if (date) {
    const [y, m, d] = date.slice(1).map(Number);
    if (y < 2000 || y > 9999) throw asOfOutOfRange(asOf);
    const midnight = Date.UTC(y, m - 1, d);
    const day = new Date(midnight);
    if (day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) throw asOfInvalid(asOf);
    at = midnight + DAY_MS - VIETNAM_OFFSET_MS - 1;
  } else {
    at = Date.parse(asOf);
    if (Number.isNaN(at)) throw asOfInvalid(asOf);
  }
  if (at < AS_OF_MIN || at > AS_OF_MAX) throw asOfOutOfRange(asOf);
  return new Date(at).toISOString();
}

function asOfOutOfRange(asOf: string) {
  return catalogueError(400, "AS_OF_OUT_OF_RANGE", { asOf: asOf.slice(0, 40) });
}

function asOfInvalid(asOf: string) {
  return catalogueError(400, "INVALID_AS_OF", { asOf: asOf.slice(0, 40) });
}
