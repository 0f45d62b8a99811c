// The OpenAPI document (issue 15, point 11): OpenAPI 3.1 in shape, in Vietnamese and English,
// every route with its parameters, body, answers and examples, every $ref resolving, every
// example accepted by the zod schemas of its own route and answer, every error code from the
// catalogue with its message in the document's language.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CATALOGUE, isIssueCode } from "../../../domain";
import "../../../worker/index";
import { codeMessage, openApiDocument } from "../../../worker/openapi/document";
import { type ErrorCode, ROUTES, type RouteDoc } from "../../../worker/openapi/registry";
import { COMPONENTS, ErrorAnswerSchema } from "../../../worker/openapi/responses";
import { XLSX_STATUS } from "../../../worker/xlsx/errors";
import { call, ok } from "./helpers";

type Json = Record<string, any>;
const LANGS = ["vi", "en"] as const;
const METHODS = new Set(["get", "post", "delete"]);

/** The value a "#/..." JSON pointer names, or undefined. */
function resolve(doc: Json, pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  return pointer
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<any>((at, key) => (at && typeof at === "object" ? at[key] : undefined), doc);
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref") out.push(v as string);
      else refsIn(v, out);
    }
  }
  return out;
}

function keysIn(value: unknown, key: string): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keysIn(v, key), 0);
  if (!value || typeof value !== "object") return 0;
  return Object.entries(value).reduce((n, [k, v]) => n + (k === key ? 1 : 0) + keysIn(v, key), 0);
}

const keyOf = (r: RouteDoc) => `${r.method} ${r.path}`;

/** Codes a status of a route lists in the document (every route of its kind's, and its own). */
function listedCodes(doc: Json, r: RouteDoc, status: number): string[] {
  const answer = doc.paths[r.path][r.method].responses[status];
  return (answer?.["x-error-codes"] ?? []) as string[];
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 in shape, in both languages, for every registered route", async () => {
    for (const lang of LANGS) {
      const doc: Json = await ok(await call(`/api/openapi.json?lang=${lang}`));
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.info.title).toBeTruthy();
      expect(doc.info.version).toBeTruthy();
      expect(doc.servers[0].url).toBe("http://local.test");
      expect(doc.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer" });
      const ids = new Set<string>();
      const operations = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ path, method, op: op as Json })),
      );
      expect(operations.length).toBe(ROUTES.length);
      for (const { path, method, op } of operations) {
        const at = `${lang} ${method} ${path}`;
        expect(path, at).toMatch(/^\/api\//);
        expect(METHODS.has(method), at).toBe(true);
        expect(ids.has(op.operationId), at).toBe(false);
        ids.add(op.operationId);
        expect(op.summary, at).toBeTruthy();
        expect(op.description, at).toBeTruthy();
        expect(Array.isArray(op.tags) && op.tags.length, at).toBeTruthy();
        expect(Array.isArray(op.parameters), at).toBe(true);
        // Every {name} of the path is a required path parameter, and nothing else is.
        const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        const inPath = op.parameters.filter((p: Json) => p.in === "path");
        expect(inPath.map((p: Json) => p.name).sort(), at).toEqual(named);
        for (const p of op.parameters as Json[]) {
          expect(["path", "query", "header"], `${at} ${p.name}`).toContain(p.in);
          expect(typeof p.required, `${at} ${p.name}`).toBe("boolean");
          expect(p.description, `${at} ${p.name}`).toBeTruthy();
          expect(p.schema && typeof p.schema, `${at} ${p.name}`).toBe("object");
        }
        for (const [media, content] of Object.entries((op.requestBody?.content ?? {}) as Record<string, Json>)) {
          expect(content.schema, `${at} body ${media}`).toBeTruthy();
        }
        expect(Object.keys(op.responses).length, at).toBeGreaterThan(0);
        for (const [status, answer] of Object.entries(op.responses as Record<string, Json>)) {
          expect(status, at).toMatch(/^[1-5]\d\d$/);
          expect(answer.description, `${at} ${status}`).toBeTruthy();
          for (const content of Object.values((answer.content ?? {}) as Record<string, Json>))
            expect(content.schema, `${at} ${status}`).toBeTruthy();
        }
        // At least one example answer, and every error status is described by a schema.
        const examples = Object.values(op.responses as Record<string, Json>).flatMap((a) =>
          Object.values((a.content ?? {}) as Record<string, Json>).flatMap((c) => Object.keys(c.examples ?? {})),
        );
        expect(examples.length, at).toBeGreaterThan(0);
      }
      // No English left behind in the Vietnamese document and the other way round.
      expect(keysIn(doc, "x-description-en")).toBe(0);
    }
  });

  it("speaks English with ?lang=en: every summary and parameter description differs from the Vietnamese", async () => {
    const vi: Json = await ok(await call("/api/openapi.json"));
    const en: Json = await ok(await call("/api/openapi.json?lang=en"));
    for (const [path, ops] of Object.entries(vi.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(ops as Record<string, Json>)) {
        const other = en.paths[path][method];
        expect(other.summary, `${method} ${path}`).not.toBe(op.summary);
        expect(other.summary, `${method} ${path}`).not.toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
        op.parameters.forEach((p: Json, k: number) => {
          expect(other.parameters[k].name).toBe(p.name);
          expect(other.parameters[k].description, `${method} ${path} ${p.name}`).not.toBe(p.description);
        });
      }
    }
    // A field's description inside a component follows the language too.
    const issueCode = (doc: Json) => doc.components.schemas.Issue.properties.code.description;
    expect(issueCode(vi)).toBe("Mã lỗi trong danh mục.");
    expect(issueCode(en)).toBe("The catalogue's code.");
  });

  it("every $ref resolves, and every answer schema is a named component", () => {
    for (const lang of LANGS) {
      const doc: Json = openApiDocument("http://x", lang);
      const refs = refsIn(doc);
      expect(refs.length).toBeGreaterThan(40);
      for (const ref of new Set(refs)) expect(resolve(doc, ref), ref).toBeTruthy();
      for (const r of ROUTES) {
        for (const answer of Object.values(r.responses)) {
          if (answer.schema) expect(COMPONENTS.get(answer.schema)?.id, keyOf(r)).toBeTruthy();
        }
      }
    }
  });

  it("documents each route's query and body from the very schemas its registration names", () => {
    const doc: Json = openApiDocument("http://x", "vi");
    for (const r of ROUTES) {
      const op = doc.paths[r.path][r.method];
      const query = op.parameters.filter((p: Json) => p.in === "query").map((p: Json) => p.name);
      for (const name of Object.keys(r.query?.shape ?? {})) expect(query, keyOf(r)).toContain(name);
      for (const name of Object.keys(r.uploadFields?.shape ?? {})) expect(query, keyOf(r)).toContain(name);
      const body = r.body ?? r.documentedBody;
      if (body) {
        const schema = op.requestBody.content["application/json"].schema;
        const shape = (body as z.ZodObject).shape;
        if (shape) expect(Object.keys(schema.properties ?? {}).sort(), keyOf(r)).toEqual(Object.keys(shape).sort());
      } else if (!r.bodyTypes) expect(op.requestBody, keyOf(r)).toBeUndefined();
      // Required exactly when the schema refuses a missing value.
      for (const [name, field] of Object.entries((r.query?.shape ?? {}) as Record<string, z.ZodType>)) {
        const p = op.parameters.find((q: Json) => q.name === name && q.in === "query");
        expect(p.required, `${keyOf(r)} ${name}`).toBe(!field.safeParse(undefined).success);
      }
    }
  });

  it("lists error codes from the catalogue (or the upload refusals), each with its message in the document's language", () => {
    for (const lang of LANGS) {
      const doc: Json = openApiDocument("http://x", lang);
      let seen = 0;
      for (const r of ROUTES) {
        for (const [status, answer] of Object.entries(doc.paths[r.path][r.method].responses as Record<string, Json>)) {
          for (const code of (answer["x-error-codes"] ?? []) as string[]) {
            const message = answer["x-error-messages"][code];
            seen++;
            expect(isIssueCode(code) || code in XLSX_STATUS, code).toBe(true);
            if (isIssueCode(code)) expect(message).toBe(CATALOGUE[code][lang]);
            else expect(XLSX_STATUS[code as keyof typeof XLSX_STATUS]).toBe(Number(status));
            expect(message, `${keyOf(r)} ${code}`).toBe(codeMessage(code as ErrorCode, lang));
          }
        }
      }
      expect(seen).toBeGreaterThan(60);
    }
    // The refusals every route of a kind has are listed on each.
    const doc: Json = openApiDocument("http://x", "vi");
    for (const r of ROUTES) {
      if (r.roles !== "public") expect(listedCodes(doc, r, 401), keyOf(r)).toContain("UNAUTHORIZED");
      if (r.query || r.body) expect(listedCodes(doc, r, 400), keyOf(r)).toContain("INVALID_REQUEST");
    }
  });
});

describe("the examples", () => {
  it("every route has an example request and a successful answer", () => {
    for (const r of ROUTES) {
      expect(r.examples.length, keyOf(r)).toBeGreaterThan(0);
      expect(
        r.examples.some((ex) => ex.status < 300),
        keyOf(r),
      ).toBe(true);
      const names = r.examples.map((ex) => ex.name);
      expect(new Set(names).size, keyOf(r)).toBe(names.length);
    }
  });

  it("are accepted by the zod schemas of their own route: path, query, headers, body and answer", () => {
    let answers = 0;
    const doc: Json = openApiDocument("http://x", "vi");
    for (const r of ROUTES) {
      const params = r.params ?? [];
      for (const ex of r.examples) {
        const at = `${keyOf(r)} example ${ex.name}`;
        // Path: exactly the path's parameters.
        const named = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(Object.keys(ex.path ?? {}).sort(), at).toEqual(named);
        for (const [name, value] of Object.entries(ex.path ?? {})) {
          const p = params.find((q) => q.in === "path" && q.name === name)!;
          expect(p.schema.safeParse(value).success, `${at} ${name}`).toBe(true);
        }
        // Query: the route's query schema accepts it; upload fields only with a file; the rest are declared params.
        const query = { ...ex.query };
        const upload = ex.media !== undefined && ex.media !== "application/json";
        const checked: Record<string, string> = {};
        const uploadValues: Record<string, string> = {};
        for (const [name, value] of Object.entries(query)) {
          if (r.query && name in r.query.shape) checked[name] = value;
          else if (upload && r.uploadFields && name in r.uploadFields.shape) uploadValues[name] = value;
          else {
            const p = params.find((q) => q.in === "query" && q.name === name);
            expect(p, `${at}: query ${name} is not declared`).toBeDefined();
            expect(p!.schema.safeParse(value).success, `${at} ${name}`).toBe(true);
          }
        }
        if (r.query) expect(r.query.safeParse(checked).error, at).toBeUndefined();
        if (upload) expect(r.uploadFields!.safeParse(uploadValues).error, at).toBeUndefined();
        for (const [name, value] of Object.entries(ex.headers ?? {})) {
          const p = params.find((q) => q.in === "header" && q.name === name);
          expect(p, `${at}: header ${name} is not declared`).toBeDefined();
          expect(p!.schema.safeParse(value).success, `${at} ${name}`).toBe(true);
        }
        // Body: the route's schema accepts it; a file only where the route takes that media type.
        if (ex.body !== undefined) {
          if (upload) expect(r.bodyTypes, at).toContain(ex.media);
          else {
            const schema = r.body ?? r.documentedBody;
            expect(schema, at).toBeDefined();
            expect(schema!.safeParse(ex.body).error, at).toBeUndefined();
          }
        } else expect(r.body === undefined || r.method === "delete", `${at}: the route takes a body`).toBe(true);
        // Answer: a status the route declares, accepted by its schema; an error answer names a listed code.
        const declared = r.responses[ex.status];
        expect(doc.paths[r.path][r.method].responses[ex.status], `${at} status ${ex.status}`).toBeDefined();
        if (ex.answer === null) {
          expect(
            declared?.media?.some((m) => !m.startsWith("text/")),
            `${at}: a file answer`,
          ).toBe(true);
        } else if (typeof ex.answer === "string") {
          expect(
            declared?.media?.some((m) => m.startsWith("text/")),
            `${at}: a text answer`,
          ).toBe(true);
        } else {
          answers++;
          const own = declared?.schema;
          const asOwn = own?.safeParse(ex.answer);
          const asError = ex.status >= 400 ? ErrorAnswerSchema.safeParse(ex.answer) : undefined;
          expect(
            asOwn?.success || asError?.success,
            `${at}: ${JSON.stringify(asOwn?.error?.issues ?? asError?.error?.issues)}`,
          ).toBe(true);
          if (asError?.success && !asOwn?.success) {
            const listed = listedCodes(doc, r, ex.status);
            for (const e of (ex.answer as { errors: { code: string }[] }).errors)
              expect(listed, `${at}: ${e.code} is not listed under ${ex.status}`).toContain(e.code);
          }
        }
      }
    }
    expect(answers).toBeGreaterThan(40);
  });

  it("a schema refuses a wrong answer, so the check above can fail", () => {
    const receipt = ROUTES.find((r) => r.method === "post" && r.path === "/api/submissions")!.responses[201].schema!;
    const good = ROUTES.find((r) => r.path === "/api/submissions" && r.method === "post")!.examples.find(
      (ex) => ex.status === 201,
    )!.answer as Json;
    expect(receipt.safeParse(good).success).toBe(true);
    const { sha256: _, ...withoutSha } = good;
    expect(receipt.safeParse(withoutSha).success).toBe(false);
    expect(receipt.safeParse({ ...good, version: "1" }).success).toBe(false);
  });
});
