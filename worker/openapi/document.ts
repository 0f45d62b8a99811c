import { z } from "zod";
import { ROUTES } from "./registry";
import { ErrorAnswerSchema } from "./responses";

/** Answers that are a validation report (`{ valid, errors, warnings }`), not an error answer. */
const REPORTS = new Set(["post /api/submissions 422"]);

/** What a route's own declaration does not say: request headers, and stable error codes per status. */
interface Extra {
  headers?: { name: string; description: string; schema: Record<string, unknown> }[];
  /** status → [code, meaning] pairs, appended to the status's description and listed as `x-error-codes`. */
  codes?: Record<number, [string, string][]>;
  /** status → response headers. */
  responseHeaders?: Record<number, Record<string, { description: string; schema: Record<string, unknown> }>>;
}

const EXTRAS: Record<string, Extra> = {
  "post /api/submissions": {
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "Khóa chống gửi trùng (1–128 ký tự in được), riêng cho từng mã truy cập. Khóa gắn với nội dung đã gửi: mẫu biểu, đơn vị, loại báo cáo, baseVersion và số liệu JSON (không phụ thuộc thứ tự khóa) hoặc SHA-256 của tệp .xlsx. Gửi lại đúng nội dung với cùng khóa: trả lại biên nhận lần đầu (201, Idempotent-Replayed: true), không lưu thêm. Nội dung khác với cùng khóa: 409 IDEMPOTENCY_KEY_REUSED, không lưu gì.",
        schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,128}$" },
      },
    ],
    codes: {
      400: [["INVALID_FILE_NAME", "X-File-Name không phải UTF-8 mã hóa phần trăm, hoặc chứa ký tự điều khiển"]],
      409: [
        ["STALE_BASE_VERSION", "baseVersion không phải phiên bản mới nhất"],
        [
          "IDEMPOTENCY_KEY_REUSED",
          "Idempotency-Key đã dùng cho một nội dung khác: dùng khóa mới, hoặc gửi lại đúng nội dung đã nộp",
        ],
      ],
      429: [
        [
          "RATE_LIMITED",
          "mã truy cập này đã nộp quá nhiều lần trong một phút (kể cả qua trang tải tệp); có Retry-After",
        ],
      ],
      507: [
        ["UNIT_QUOTA_EXCEEDED", "đơn vị đã dùng hết hạn mức lưu trữ theo mẫu này (số phiên bản hoặc số tệp tải lên)"],
      ],
    },
    responseHeaders: {
      201: {
        "Idempotent-Replayed": {
          description: '"true" khi đây là biên nhận của lần nộp đầu tiên với cùng Idempotency-Key và cùng nội dung.',
          schema: { type: "string", enum: ["true"] },
        },
      },
    },
  },
  "get /api/consolidated": {
    codes: {
      400: [
        ["AS_OF_OUT_OF_RANGE", "asOf ngoài các năm 2000–9999 (giờ UTC, sau khi tính múi giờ)"],
        ["INVALID_AS_OF", "asOf không phải ngày có thật hoặc thời điểm ISO"],
      ],
    },
  },
  "post /api/units": {
    codes: {
      422: [
        ["UNIT_PARENT_UNKNOWN", "đơn vị cấp trên không tồn tại"],
        ["UNIT_PARENT_CYCLE", "đơn vị cấp trên là chính đơn vị này hoặc một đơn vị trực thuộc nó"],
      ],
    },
  },
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const parameters: Record<string, unknown>[] = [
      ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...Object.entries(r.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: "query",
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }),
      })),
    ];
    const content = Object.fromEntries(
      (r.bodyTypes ?? (r.body ? ["application/json"] : [])).map((type) => [
        type,
        {
          schema:
            type === "application/json" && r.body
              ? z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" })
              : { type: "string", format: "binary" },
        },
      ]),
    );
    const extra = EXTRAS[`${r.method} ${r.path}`] ?? {};
    parameters.push(
      ...(extra.headers ?? []).map((h) => ({
        name: h.name,
        in: "header",
        required: false,
        description: h.description,
        schema: h.schema,
      })),
    );
    const statuses = [...new Set([...Object.keys(r.responses), ...Object.keys(extra.codes ?? {})].map(Number))].sort(
      (a, b) => a - b,
    );
    const responses = Object.fromEntries(
      statuses.map((status) => {
        const codes = extra.codes?.[status];
        const description = [r.responses[status], ...(codes ?? []).map(([code, meaning]) => `${code}: ${meaning}`)]
          .filter(Boolean)
          .join("; ");
        const headers = extra.responseHeaders?.[status];
        const error = status >= 400 && !REPORTS.has(`${r.method} ${r.path} ${status}`);
        const content = error
          ? { content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorAnswer" } } } }
          : {};
        return [
          status,
          {
            description,
            ...(codes ? { "x-error-codes": codes.map(([code]) => code) } : {}),
            ...(headers ? { headers } : {}),
            ...content,
          },
        ];
      }),
    );
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      description: r.roles === "public" ? "Không cần mã truy cập." : `Vai trò: ${r.roles.join(", ")} (và admin).`,
      security: r.roles === "public" ? [] : [{ bearer: [] }],
      parameters,
      ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "KH 157 – API ngân sách phụ lục",
      version: "1.0.0",
      description: "Nộp, kiểm tra, duyệt và tổng hợp phụ lục kinh phí Kế hoạch 157/KH-UBND.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: { ErrorAnswer: z.toJSONSchema(ErrorAnswerSchema, { unrepresentable: "any" }) },
    },
    paths,
  };
}
