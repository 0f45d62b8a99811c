// Request input parsed with zod: a wrong shape is a 400 naming the fields, never a cast. (Named
// apart from domain/validate.ts, which checks a submission's figures against its template.)
import type { Context } from "hono";
import type { z } from "zod";
import { catalogueError, tooLarge } from "./errors";
import { MAX_JSON_BYTES } from "./limits";

/** At most this many field paths are named in the message; `fields` in the answer has them all. */
const FIELDS_NAMED = 10;

function fail(error: z.ZodError): never {
  const fields = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const named = fields.slice(0, FIELDS_NAMED).map((f) => f.path || "(gốc)");
  throw catalogueError(
    400,
    "INVALID_REQUEST",
    { fields: named.join(", ") + (fields.length > FIELDS_NAMED ? ", …" : "") },
    { fields },
  );
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const r = schema.safeParse(c.req.query());
  return r.success ? r.data : fail(r.error);
}

/** 413 for a JSON body over MAX_JSON_BYTES, before any of it is parsed. */
async function jsonText(c: Context): Promise<string> {
  const declared = Number(c.req.header("Content-Length"));
  if (Number.isFinite(declared) && declared > MAX_JSON_BYTES) throw tooLarge(MAX_JSON_BYTES);
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_JSON_BYTES) throw tooLarge(MAX_JSON_BYTES);
  return new TextDecoder().decode(bytes);
}

/**
 * JSON text as an unknown value; 400 INVALID_JSON when it does not parse, 400 INVALID_REQUEST for a "__proto__" key.
 */
export function parseJsonText(text: string): unknown {
  let body: unknown;
  let proto = false;
  try {
    // "__proto__" would be dropped (or worse, set a prototype) when objects are rebuilt; refuse it.
    body = JSON.parse(text, (key, value: unknown) => ((proto ||= key === "__proto__"), value));
  } catch {
    throw catalogueError(400, "INVALID_JSON");
  }
  if (proto) {
    const fields = [{ path: "__proto__", message: 'Khóa "__proto__" không được phép trong dữ liệu gửi lên.' }];
    throw catalogueError(400, "INVALID_REQUEST", { fields: "__proto__" }, { fields });
  }
  return body;
}

export async function parseJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const r = schema.safeParse(parseJsonText(await jsonText(c)));
  return r.success ? r.data : fail(r.error);
}

export function parseWith<T extends z.ZodType>(value: unknown, schema: T): z.infer<T> {
  const r = schema.safeParse(value);
  return r.success ? r.data : fail(r.error);
}
