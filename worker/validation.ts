// Request parsing with zod: a wrong shape is a 400 naming the fields, never a cast.
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors";
import { MAX_JSON_BYTES } from "./limits";

function fail(error: z.ZodError): never {
  const fields = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new ApiError(400, "INVALID_REQUEST", `Yêu cầu không hợp lệ: ${fields.map((f) => f.path || "(gốc)").join(", ")}`, { fields });
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const r = schema.safeParse(c.req.query());
  return r.success ? r.data : fail(r.error);
}

/** 413 for a JSON body over MAX_JSON_BYTES, before any of it is parsed. */
async function jsonText(c: Context): Promise<string> {
  const tooLarge = () =>
    new ApiError(413, "PAYLOAD_TOO_LARGE", `Dữ liệu JSON gửi lên vượt quá ${MAX_JSON_BYTES / 1024} KiB; một báo cáo đầy đủ chỉ vài chục KiB.`, { limit: MAX_JSON_BYTES });
  const declared = Number(c.req.header("Content-Length"));
  if (Number.isFinite(declared) && declared > MAX_JSON_BYTES) throw tooLarge();
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_JSON_BYTES) throw tooLarge();
  return new TextDecoder().decode(bytes);
}

export async function parseJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await jsonText(c);
  let body: unknown;
  let proto = false;
  try {
    // "__proto__" would be dropped (or worse, set a prototype) when objects are rebuilt; refuse it.
    body = JSON.parse(text, (key, value: unknown) => ((proto ||= key === "__proto__"), value));
  } catch {
    throw new ApiError(400, "INVALID_JSON", "Nội dung gửi lên không phải JSON hợp lệ.");
  }
  if (proto) throw new ApiError(400, "INVALID_REQUEST", "Khóa \"__proto__\" không được phép trong dữ liệu gửi lên.");
  const r = schema.safeParse(body);
  return r.success ? r.data : fail(r.error);
}

export function parseWith<T extends z.ZodType>(value: unknown, schema: T): z.infer<T> {
  const r = schema.safeParse(value);
  return r.success ? r.data : fail(r.error);
}
