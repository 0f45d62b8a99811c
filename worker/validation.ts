// Request parsing with zod: a wrong shape is a 400 naming the fields, never a cast.
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors";

function fail(error: z.ZodError): never {
  const fields = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new ApiError(400, "INVALID_REQUEST", `Yêu cầu không hợp lệ: ${fields.map((f) => f.path || "(gốc)").join(", ")}`, { fields });
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const r = schema.safeParse(c.req.query());
  return r.success ? r.data : fail(r.error);
}

export async function parseJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  let proto = false;
  try {
    // "__proto__" would be dropped (or worse, set a prototype) when objects are rebuilt; refuse it.
    body = JSON.parse(await c.req.text(), (key, value: unknown) => ((proto ||= key === "__proto__"), value));
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
