// The document's parameters and bodies are the handlers' own (issue 15, point 11): for every
// route whose registration names a query, body or upload schema, each field is given values
// (its documented examples, then awkward ones). Whatever the registered schema refuses, the
// handler must refuse with 400 INVALID_REQUEST naming exactly the fields the schema names, with
// the schema's own messages; on read-only routes, whatever the schema accepts the handler must
// not refuse as malformed. A handler validating with another schema (or none) answers otherwise.
// Example requests of GET routes are sent as written: none is refused as malformed, and an
// example of a 400 gets that 400.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import "../../../worker/index";
import { type Example, ROUTES, type RouteDoc } from "../../../worker/openapi/registry";
import { call, tokenFor } from "./helpers";

type Json = Record<string, any>;

/** Values tried in turn until the field's schema refuses one. */
const BAD_QUERY = ["", "x".repeat(300), "not valid!", "-1", "0", "99999999999", "2023-02-30", "abc"];
const BAD_BODY: unknown[] = [{ nested: true }, [], "x".repeat(3000), -1, 1.5, null, true, "not valid!", ""];

let token: string;
beforeAll(async () => {
  token = await tokenFor("admin");
});

function urlOf(r: RouteDoc, ex: Example | undefined, query: Record<string, string>): string {
  const path = r.path.replace(/\{(\w+)\}/g, (_, name: string) => ex?.path?.[name] ?? "none");
  const q = new URLSearchParams(query).toString();
  return q ? `${path}?${q}` : path;
}

interface Trial {
  value: unknown;
  /** The issues the registered schema raises; null when it accepts the value. */
  issues: { path: string; message: string }[] | null;
}

/** The field's documented example values first, then the awkward ones. */
function candidates(schema: z.ZodObject, field: string, awkward: unknown[]): unknown[] {
  const documented = (z.toJSONSchema(schema.shape[field] as z.ZodType, { io: "input", unrepresentable: "any" })
    .examples ?? []) as unknown[];
  const asText = awkward.every((v) => typeof v === "string");
  return [...documented.map((v) => (asText && typeof v !== "string" ? JSON.stringify(v) : v)), ...awkward];
}

function trials(schema: z.ZodObject, base: Record<string, unknown>, field: string, values: unknown[]): Trial[] {
  return values.map((value) => {
    const r = schema.safeParse({ ...base, [field]: value });
    return {
      value,
      issues: r.success ? null : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    };
  });
}

/** Three values the schema refuses and three it accepts, documented examples first: enough to tell schemas apart. */
function sample(all: Trial[]): Trial[] {
  return [...all.filter((t) => t.issues).slice(0, 3), ...all.filter((t) => !t.issues).slice(0, 3)];
}

async function refusal(res: Response): Promise<{ status: number; code?: string; fields?: unknown }> {
  const text = await res.text();
  // An accepted request to a route answering a file or CSV (the not-submitted list) is not JSON.
  const body = ((res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : {}) as Json;
  return { status: res.status, code: body.errors?.[0]?.code, fields: body.errors?.[0]?.fields };
}

/** The example a route's refusals start from: its first with the inputs the schema needs. */
function baseExample(r: RouteDoc, want: "query" | "body" | "upload"): Example | undefined {
  if (want === "upload") return r.examples.find((ex) => ex.media !== undefined && ex.media !== "application/json");
  if (want === "body") return r.examples.find((ex) => ex.body !== undefined && ex.media === undefined);
  return r.examples.find((ex) => r.query!.safeParse(ex.query ?? {}).success) ?? r.examples[0];
}

describe("each registered schema is the one its handler validates with", () => {
  const withQuery = ROUTES.filter((r) => r.query);
  const withBody = ROUTES.filter((r) => r.body);
  const withUpload = ROUTES.filter((r) => r.uploadFields);

  it("there is something to check", () => {
    expect(withQuery.length).toBeGreaterThanOrEqual(8);
    expect(withBody.length).toBeGreaterThanOrEqual(8);
    expect(withUpload.length).toBe(1);
  });

  it.each(withQuery.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "query of %s",
    async (_, r) => {
      const schema = r.query!;
      const ex = baseExample(r, "query");
      const base = Object.fromEntries(Object.entries(ex?.query ?? {}).filter(([k]) => k in schema.shape));
      const readOnly = r.method === "get";
      let refused = 0;
      for (const field of Object.keys(schema.shape)) {
        for (const { value, issues } of sample(trials(schema, base, field, candidates(schema, field, BAD_QUERY)))) {
          if (!issues && !readOnly) continue; // accepted values would change data: sent on reads only
          refused += issues ? 1 : 0;
          const body = ex?.body !== undefined && ex.media === undefined ? { json: ex.body } : {};
          const res = await call(urlOf(r, ex, { ...base, [field]: value as string }), {
            method: r.method.toUpperCase(),
            token,
            ...body,
          });
          const answer = await refusal(res);
          const at = `${field}=${JSON.stringify(value)}`;
          if (issues) expect(answer, at).toEqual({ status: 400, code: "INVALID_REQUEST", fields: issues });
          else expect(answer.code, `${at} is accepted by the registered schema`).not.toBe("INVALID_REQUEST");
        }
      }
      expect(refused, "no field of the query schema refuses anything").toBeGreaterThan(0);
    },
    60_000,
  );

  it.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "body of %s",
    async (_, r) => {
      const schema = r.body as z.ZodObject;
      expect(schema.shape, "a body schema is an object").toBeDefined();
      const ex = baseExample(r, "body")!;
      expect(ex, "an example with a JSON body").toBeDefined();
      const base = ex.body as Record<string, unknown>;
      const query = Object.fromEntries(
        Object.entries(ex.query ?? {}).filter(([k]) => !r.query || r.query.safeParse({ [k]: ex.query![k] }).success),
      );
      const fields = [...Object.keys(schema.shape), "khongCoTruongNay"];
      for (const field of fields) {
        const values = field === "khongCoTruongNay" ? [1] : candidates(schema, field, BAD_BODY);
        const refused = sample(trials(schema, base, field, values)).filter((t) => t.issues);
        expect(refused.length, `no value refused for ${field}`).toBeGreaterThan(0);
        for (const { value, issues } of refused) {
          const res = await call(urlOf(r, ex, query), {
            method: r.method.toUpperCase(),
            token,
            json: { ...base, [field]: value },
          });
          expect(await refusal(res), `${field}=${JSON.stringify(value)}`).toEqual({
            status: 400,
            code: "INVALID_REQUEST",
            fields: issues,
          });
        }
      }
    },
    60_000,
  );

  it.each(withUpload.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "upload fields of %s",
    async (_, r) => {
      const schema = r.uploadFields!;
      const ex = baseExample(r, "upload")!;
      expect(ex, "an upload example").toBeDefined();
      const base = Object.fromEntries(Object.entries(ex.query ?? {}).filter(([k]) => k in schema.shape));
      expect(schema.safeParse(base).success).toBe(true);
      for (const field of Object.keys(schema.shape)) {
        const refused = sample(trials(schema, base, field, candidates(schema, field, BAD_QUERY))).filter(
          (t) => t.issues,
        );
        expect(refused.length, `no value refused for ${field}`).toBeGreaterThan(0);
        for (const { value, issues } of refused) {
          const res = await call(urlOf(r, ex, { ...base, [field]: value as string }), {
            token,
            body: new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
            headers: { "Content-Type": ex.media! },
          });
          expect(await refusal(res), `${field}=${JSON.stringify(value)}`).toEqual({
            status: 400,
            code: "INVALID_REQUEST",
            fields: issues,
          });
        }
      }
    },
    60_000,
  );
});

describe("example requests of read-only routes, sent as written", () => {
  const reads = ROUTES.filter((r) => r.method === "get").flatMap((r) => r.examples.map((ex) => [r, ex] as const));

  it.each(reads.map(([r, ex]) => [`${r.path} (${ex.name})`, r, ex] as const))("%s", async (_, r, ex) => {
    const res = await call(urlOf(r, ex, ex.query ?? {}), { token: ex.status === 401 ? undefined : token });
    const text = await res.text();
    if (ex.status === 400 || ex.status === 401) {
      expect(res.status).toBe(ex.status);
      expect(JSON.parse(text).errors[0].code).toBe((ex.answer as Json).errors[0].code);
    } else if (res.status === 400) {
      throw new Error(`the example was refused as malformed: ${text}`);
    }
  });
});
