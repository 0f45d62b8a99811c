import { describe, expect, it } from "vitest";
import app from "../../../worker/index";
import { call, ok } from "./helpers";

describe("GET /api/openapi.json", () => {
  it("describes every route the app serves", async () => {
    const doc = await ok(await call("/api/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    const served = app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/\/$/, "").replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(new Set(served).size).toBeGreaterThan(15);
    for (const r of served) expect(documented, r).toContain(r);
    for (const d of documented) expect(served, d).toContain(d);
    const post = doc.paths["/api/submissions"].post;
    expect(Object.keys(post.requestBody.content)).toContain("application/json");
    expect(post.requestBody.content["application/json"].schema.properties.appendices).toBeDefined();
  });

  it("error answers are described by one schema with code, message and params (issue 14)", async () => {
    const doc = await ok(await call("/api/openapi.json"));
    const item = doc.components.schemas.ErrorAnswer.properties.errors.items;
    expect(item.required).toEqual(["code", "message"]);
    expect(Object.keys(item.properties)).toEqual(["code", "message", "params"]);
    const ref = { $ref: "#/components/schemas/ErrorAnswer" };
    expect(doc.paths["/api/locks"].post.responses["422"].content["application/json"].schema).toEqual(ref);
    expect(doc.paths["/api/consolidated"].get.responses["404"].content["application/json"].schema).toEqual(ref);
    // A refused submission's 422 is a validation report; only an unreadable file is an error answer.
    expect(doc.paths["/api/submissions"].post.responses["422"].content["application/json"].schema).toEqual({
      anyOf: [{ $ref: "#/components/schemas/ValidationReport" }, ref],
    });
  });

  it("the docs page lists the routes", async () => {
    const res = await call("/api/docs");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("/api/consolidated");
    expect(page).toContain('lang="vi"');
  });
});
