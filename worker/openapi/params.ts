// Parameters no zod schema of a handler checks: path segments, headers, and the few query values
// a handler reads as they are. Route registrations name them in `params`.
import * as z from "zod";
import { XLSX_STATUS, type XlsxErrorCode } from "../xlsx/errors";
import type { Answer, Param } from "./registry";

/** The upload refusals (XLSX_*) that answer with `status`. */
export function uploadRefusals(status: number): XlsxErrorCode[] {
  return (Object.keys(XLSX_STATUS) as XlsxErrorCode[]).filter((code) => XLSX_STATUS[code] === status);
}

const Text = z.string();

export const PARAMS = {
  snapshotId: {
    name: "id",
    in: "path",
    schema: Text,
    vi: "Mã phiên bản (UUID), trong biên nhận hoặc danh sách phiên bản.",
    en: "Version id (UUID), from a receipt or the list of versions.",
  },
  templateId: { name: "id", in: "path", schema: Text, vi: "Mã mẫu biểu.", en: "Template id." },
  tokenId: {
    name: "id",
    in: "path",
    schema: Text,
    vi: "Mã định danh (id) của mã truy cập, không phải chính mã.",
    en: "The token's id, not the token itself.",
  },
  publishedId: { name: "id", in: "path", schema: Text, vi: "Mã bản công bố.", en: "The published report's id." },
  templateFilter: {
    name: "template",
    in: "query",
    schema: Text,
    vi: "Chỉ mẫu biểu này.",
    en: "This template only.",
  },
  expectedTemplate: {
    name: "template",
    in: "query",
    schema: Text,
    vi: "Mã mẫu biểu; mặc định kh-157-2023.",
    en: "Template id; kh-157-2023 when absent.",
  },
  lang: {
    name: "lang",
    in: "query",
    schema: z.enum(["vi", "en"]),
    vi: "Ngôn ngữ: vi (mặc định) hoặc en.",
    en: "Language: vi (the default) or en.",
  },
  idempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    schema: z.string().regex(/^[\x21-\x7e]{1,128}$/),
    vi: "Khóa chống gửi trùng (1–128 ký tự in được), riêng cho từng mã truy cập, gắn với nội dung đã gửi (mẫu biểu, đơn vị, loại, baseVersion, số liệu hoặc SHA-256 của tệp). Gửi lại đúng nội dung: trả lại biên nhận lần đầu (201, Idempotent-Replayed: true). Nội dung khác với cùng khóa: 409 IDEMPOTENCY_KEY_REUSED. Sai dạng: 400 INVALID_IDEMPOTENCY_KEY.",
    en: "Retry key (1–128 printable characters), per token, bound to what was sent (template, unit, kind, baseVersion, figures or the file's SHA-256). The same content again answers the first receipt (201, Idempotent-Replayed: true); other content with the same key is 409 IDEMPOTENCY_KEY_REUSED; a malformed key 400 INVALID_IDEMPOTENCY_KEY.",
  },
  fileName: {
    name: "X-File-Name",
    in: "header",
    schema: Text,
    vi: "Tên tệp khi gửi tệp làm body, mã hóa phần trăm UTF-8 (400 INVALID_FILE_NAME nếu không giải mã được).",
    en: "The file's name with a raw file body, percent-encoded UTF-8 (400 INVALID_FILE_NAME when it does not decode).",
  },
  client: {
    name: "X-Client",
    in: "header",
    schema: z.literal("kh157-addin"),
    vi: "kh157-addin: bản nộp từ Excel add-in (source: addin).",
    en: "kh157-addin: sent by the Excel add-in (source: addin).",
  },
} satisfies Record<string, Param>;

/** Refusals several routes answer with, described once. */
export const REFUSALS = {
  asOf: {
    vi: "asOf không phải ngày có thật hoặc ngoài các năm 2000–9999",
    en: "asOf is not a real date, or outside the years 2000–9999",
    codes: ["INVALID_AS_OF", "AS_OF_OUT_OF_RANGE"],
  },
  noTemplate: { vi: "Không có mẫu biểu", en: "No such template", codes: ["TEMPLATE_NOT_FOUND"] },
  noKind: { vi: "Loại báo cáo không có trong mẫu biểu", en: "The template has no such kind", codes: ["KIND_UNKNOWN"] },
} satisfies Record<string, Answer>;
