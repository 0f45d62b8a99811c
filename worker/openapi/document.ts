// The OpenAPI 3.1 document, generated from the route registrations (registry.ts): parameters
// and bodies from the zod schemas the handlers validate with (z.toJSONSchema), answers from
// the zod schemas of responses.ts (components.schemas), error codes from the catalogue, and
// each route's examples. One document per language: Vietnamese, or English with ?lang=en.
import * as z from "zod";
import { CATALOGUE, isIssueCode, type Language, ROLES, word } from "../../domain";
import { EN_DESCRIPTION, type Words } from "./meta";
import { type Answer, type ErrorCode, type Example, type Param, ROUTES, type RouteDoc } from "./registry";
import { COMPONENTS, ErrorAnswerSchema } from "./responses";

const SCHEMAS = "#/components/schemas/";
type Json = Record<string, unknown>;

const WORDS = {
  info: {
    vi: 'Nộp, kiểm tra, duyệt và tổng hợp phụ lục kinh phí Kế hoạch 157/KH-UBND (PL01–PL03). Kinh phí là chuỗi số thập phân tính bằng triệu đồng ("403.305"); xác thực bằng Authorization: Bearer <mã>. Mọi lỗi trừ báo cáo kiểm tra có dạng { errors: [{ code, message, params }] }: code ổn định (domain/rules/catalogue.ts), message tiếng Việt, params để dựng thông báo ngôn ngữ khác.',
    en: 'Submit, check, review and consolidate the budget appendices of plan 157/KH-UBND (PL01–PL03). Money is a decimal string in triệu đồng ("403.305"); authenticate with Authorization: Bearer <token>. Every refusal but a validation report is { errors: [{ code, message, params }] }: a stable code (domain/rules/catalogue.ts), a Vietnamese message, and the params other languages are rendered from.',
  },
  title: { vi: "KH 157 – API ngân sách phụ lục", en: "KH 157 – budget appendices API" },
  public: { vi: "Không cần mã truy cập.", en: "No token needed." },
  roles: { vi: "Vai trò", en: "Roles" },
  admin: { vi: "và admin", en: "and admin" },
  upload: { vi: "chỉ khi gửi tệp làm body", en: "only with a file as the raw body" },
  file: { vi: "Tệp bảng tính (.xlsx hoặc .ods), tối đa 4 MiB.", en: "The workbook (.xlsx or .ods), at most 4 MiB." },
  binary: { vi: "Nội dung tệp (nhị phân).", en: "The file's bytes." },
  xlsx: {
    vi: "Tệp tải lên không đọc được (xem message, messageEn).",
    en: "The uploaded file could not be read (see message, messageEn).",
  },
} satisfies Record<string, Words>;

/** What every route of a kind may answer, besides its own answers. */
const COMMON: Record<number, Words> = {
  400: { vi: "Yêu cầu sai dạng (fields: các trường sai)", en: "Malformed request (fields: what is wrong)" },
  401: { vi: "Thiếu mã truy cập, hoặc mã sai hay đã thu hồi", en: "No token, or a wrong or revoked one" },
  403: { vi: "Vai trò của mã không được dùng tuyến này", en: "The token's role may not use this route" },
  413: { vi: "Nội dung gửi quá lớn", en: "The body is too large" },
  429: {
    vi: "Quá nhiều lần đăng nhập sai từ địa chỉ này (có Retry-After)",
    en: "Too many failed sign-ins from this address (with Retry-After)",
  },
};

function commonCodes(r: RouteDoc): Record<number, ErrorCode[]> {
  const codes: Record<number, ErrorCode[]> = {};
  const add = (status: number, ...more: ErrorCode[]) => (codes[status] ??= []).push(...more);
  if (r.query || r.body || r.uploadFields) add(400, "INVALID_REQUEST");
  if (r.body || r.documentedBody) add(400, "INVALID_JSON");
  if (r.roles !== "public") {
    add(401, "UNAUTHORIZED");
    if (ROLES.some((role) => role !== "admin" && !r.roles.includes(role))) add(403, "FORBIDDEN");
    add(429, "TOO_MANY_ATTEMPTS");
  }
  if (r.body || r.documentedBody || r.uploadFields) add(413, "PAYLOAD_TOO_LARGE");
  return codes;
}

/** A code's meaning in `lang`: its catalogue message (placeholders as {name}), or what an upload refusal is. */
export function codeMessage(code: ErrorCode, lang: Language): string {
  return isIssueCode(code) ? CATALOGUE[code][lang] : WORDS.xlsx[lang];
}

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  return rest;
}

function components(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(COMPONENTS, {
    io: "input",
    unrepresentable: "any",
    uri: (id) => `${SCHEMAS}${id}`,
  }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest]));
}

function ref(schema: z.ZodType): Json {
  const id = COMPONENTS.get(schema)?.id;
  if (!id) throw new Error("a response schema must be registered in responses.ts (named)");
  return { $ref: `${SCHEMAS}${id}` };
}

/** `description` in the asked language; the English copy is dropped either way. */
function localise<T>(value: T, lang: Language): T {
  if (Array.isArray(value)) return value.map((v) => localise(v, lang)) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === EN_DESCRIPTION) continue;
    out[k] =
      k === "description" && lang === "en" && EN_DESCRIPTION in value
        ? (value as Json)[EN_DESCRIPTION]
        : localise(v, lang);
  }
  return out as T;
}

function exampleOf(ex: Example, lang: Language, value: unknown): Json {
  return { summary: ex.title[lang], value };
}

function parameters(r: RouteDoc, lang: Language): Json[] {
  const out: Json[] = [];
  const examples = (name: string, where: "path" | "query" | "header") => {
    const values = r.examples.flatMap((ex) => {
      const v = (where === "path" ? ex.path : where === "query" ? ex.query : ex.headers)?.[name];
      return v === undefined ? [] : [[ex.name, exampleOf(ex, lang, v)] as const];
    });
    return values.length ? { examples: Object.fromEntries(values) } : {};
  };
  const plain = (p: Param) => ({
    name: p.name,
    in: p.in,
    required: p.in === "path" || !!p.required,
    description: p[lang],
    schema: jsonSchema(p.schema),
    ...examples(p.name, p.in),
  });
  for (const p of r.params ?? []) if (p.in === "path") out.push(plain(p));
  const fromSchema = (shape: Record<string, z.ZodType>, note?: string) =>
    Object.entries(shape)
      .filter(([name]) => !out.some((p) => p.name === name && p.in === "query"))
      .map(([name, field]) => {
        const { description, [EN_DESCRIPTION]: en, ...schema } = jsonSchema(field);
        const text = String((lang === "en" ? en : description) ?? "");
        return {
          name,
          in: "query",
          required: note ? false : !field.safeParse(undefined).success,
          description: note ? `${text} (${note})` : text,
          schema,
          ...examples(name, "query"),
        };
      });
  if (r.query) out.push(...fromSchema(r.query.shape));
  if (r.uploadFields) out.push(...fromSchema(r.uploadFields.shape, WORDS.upload[lang]));
  for (const p of r.params ?? []) if (p.in !== "path") out.push(plain(p));
  return out;
}

function requestBody(r: RouteDoc, lang: Language): Json | undefined {
  const schema = r.body ?? r.documentedBody;
  const types = r.bodyTypes ?? (schema ? ["application/json"] : []);
  if (!types.length) return undefined;
  const content: Json = {};
  for (const type of types) {
    const sent = r.examples.filter((ex) => ex.body !== undefined && (ex.media ?? "application/json") === type);
    const file = type !== "application/json";
    const examples = Object.fromEntries(
      sent.map((ex) => [
        ex.name,
        file ? { summary: ex.title[lang], description: String(ex.body) } : exampleOf(ex, lang, ex.body),
      ]),
    );
    let body: Json;
    if (!file && schema) body = jsonSchema(schema);
    else if (type === "multipart/form-data" && r.uploadFields) {
      const fields = jsonSchema(r.uploadFields);
      body = {
        ...fields,
        properties: {
          ...(fields.properties as Json),
          file: { type: "string", format: "binary", description: WORDS.file[lang] },
        },
        required: [...((fields.required as string[]) ?? []), "file"],
      };
    } else body = { type: "string", format: "binary", description: WORDS.file[lang] };
    content[type] = { schema: body, ...(sent.length ? { examples } : {}) };
  }
  return { required: true, content };
}

function answerMedia(answer: Answer, ex: Example): string {
  const media = answer.media ?? [];
  if (ex.answer === null) return media.find((m) => !m.startsWith("text/")) ?? media[0] ?? "application/octet-stream";
  if (typeof ex.answer === "string") return media.find((m) => m.startsWith("text/")) ?? "text/plain";
  return "application/json";
}

function responses(r: RouteDoc, lang: Language): Json {
  const common = commonCodes(r);
  const statuses = [...new Set([...Object.keys(r.responses), ...Object.keys(common)].map(Number))].sort(
    (a, b) => a - b,
  );
  const out: Json = {};
  for (const status of statuses) {
    const declared: Answer | undefined = r.responses[status];
    const codes = [...new Set([...(common[status] ?? []), ...(declared?.codes ?? [])])];
    const content: Record<string, Json> = {};
    for (const media of declared?.media ?? []) {
      content[media] = {
        schema: media.startsWith("text/") ? { type: "string" } : { type: "string", format: "binary" },
      };
    }
    const error = ref(ErrorAnswerSchema);
    if (declared?.schema) {
      const own = ref(declared.schema);
      const alsoErrors = status >= 400 && declared.schema !== ErrorAnswerSchema && codes.length > 0;
      content["application/json"] = { schema: alsoErrors ? { anyOf: [own, error] } : own };
    } else if (status >= 400) content["application/json"] = { schema: error };
    for (const ex of r.examples.filter((e) => e.status === status)) {
      const media = answerMedia(declared ?? { vi: "", en: "" }, ex);
      const entry = (content[media] ??= { schema: { type: "string", format: "binary" } });
      const value =
        ex.answer === null
          ? { summary: ex.title[lang], description: WORDS.binary[lang] }
          : exampleOf(ex, lang, ex.answer);
      entry.examples = { ...(entry.examples as Json), [ex.name]: value };
    }
    const headers = Object.entries(declared?.headers ?? {}).map(([name, w]) => [
      name,
      { description: w[lang], schema: { type: "string" } },
    ]);
    out[status] = {
      description: (declared ?? COMMON[status])?.[lang] ?? "",
      ...(codes.length
        ? {
            "x-error-codes": codes,
            "x-error-messages": Object.fromEntries(codes.map((code) => [code, codeMessage(code, lang)])),
          }
        : {}),
      ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  return out;
}

function operationId(r: RouteDoc): string {
  const words = r.path.split(/[/{}.\-]+/).filter(Boolean);
  return r.method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

/** The routes' groups, in the order the docs list them: the first segment after /api/. */
const TAGS: Record<string, Words> = {
  health: { vi: "Tình trạng máy chủ", en: "Server health" },
  templates: { vi: "Mẫu biểu", en: "Templates" },
  units: { vi: "Đơn vị", en: "Units" },
  me: { vi: "Mã truy cập đang dùng", en: "The token in use" },
  submissions: { vi: "Nộp và duyệt báo cáo", en: "Submitting and reviewing reports" },
  consolidated: { vi: "Tổng hợp và công bố", en: "Consolidation and publishing" },
  status: { vi: "Tình hình nộp", en: "Submission status" },
  locks: { vi: "Khóa số liệu theo năm", en: "Locking years" },
  admin: { vi: "Quản trị: mã truy cập, đơn vị phải báo cáo", en: "Administration: tokens, expected units" },
  audit: { vi: "Nhật ký", en: "Audit log" },
  docs: { vi: "Tài liệu API", en: "API documentation" },
};

/** The tag of a route: the first segment after /api/ (the docs themselves under "docs"). */
function tagOf(path: string): string {
  const segment = path.split("/")[2] ?? "";
  return segment === "openapi.json" ? "docs" : segment;
}

/** Routes by tag in TAGS' order, in registration order within a tag. */
function ordered(): RouteDoc[] {
  const order = Object.keys(TAGS);
  const rank = (r: RouteDoc) => (order.includes(tagOf(r.path)) ? order.indexOf(tagOf(r.path)) : order.length);
  return [...ROUTES].sort((a, b) => rank(a) - rank(b));
}

function rolesText(r: RouteDoc, lang: Language): string {
  if (r.roles === "public") return WORDS.public[lang];
  return `${WORDS.roles[lang]}: ${r.roles.map((role) => `${role} (${word("role", role, lang)})`).join(", ")} (${WORDS.admin[lang]}).`;
}

function operation(r: RouteDoc, lang: Language): Json {
  const body = requestBody(r, lang);
  return {
    operationId: operationId(r),
    tags: [tagOf(r.path)],
    summary: r.summary[lang],
    description: rolesText(r, lang),
    "x-roles": r.roles === "public" ? [] : [...r.roles, "admin"],
    security: r.roles === "public" ? [] : [{ bearer: [] }],
    parameters: parameters(r, lang),
    ...(body ? { requestBody: body } : {}),
    responses: responses(r, lang),
  };
}

export function openApiDocument(serverUrl: string, lang: Language = "vi") {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of ordered()) (paths[r.path] ??= {})[r.method] = operation(r, lang);
  return localise(
    {
      openapi: "3.1.0",
      info: { title: WORDS.title[lang], version: "1.0.0", description: WORDS.info[lang] },
      servers: [{ url: serverUrl }],
      tags: [...new Set(ordered().map((r) => tagOf(r.path)))].map((name) => ({
        name,
        ...(TAGS[name] ? { description: TAGS[name][lang] } : {}),
      })),
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
        schemas: components(),
      },
      paths,
    },
    lang,
  );
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
