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
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(new Set(served).size).toBeGreaterThan(15);
    for (const r of served) expect(documented, r).toContain(r);
    for (const d of documented) expect(served, d).toContain(d);
    const post = doc.paths["/api/submissions"].post;
    expect(Object.keys(post.requestBody.content)).toContain("application/json");
    expect(post.requestBody.content["application/json"].schema.properties.appendices).toBeDefined();
  });

  it("the docs page lists the routes", async () => {
    const res = await call("/api/docs");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("/api/consolidated");
    expect(page).toContain('lang="vi"');
  });
});
