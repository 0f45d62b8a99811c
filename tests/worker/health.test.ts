import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const call = (path: string, init?: RequestInit) => exports.default.fetch(`http://local.test${path}`, init);

describe("GET /api/health", () => {
  it("answers ok with the current time", async () => {
    const before = Date.now();
    const res = await call("/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { status: string; time: string };
    expect(body.status).toBe("ok");
    expect(new Date(body.time).toISOString()).toBe(body.time);
    expect(Date.parse(body.time)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe("unknown routes", () => {
  it.each(["/api/nope", "/khong-co", "/api/health/extra"])("%s answers a 404 JSON error", async (path) => {
    const res = await call(path);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ code: "NOT_FOUND", message: "Không tìm thấy", params: {} }] });
  });

  it("a wrong method is not served", async () => {
    const res = await call("/api/health", { method: "DELETE" });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: { code: string }[] };
    expect(body.errors[0].code).toBe("NOT_FOUND");
  });
});

describe("storage bindings", () => {
  it("D1 has the migrated units table", async () => {
    const { env } = await import("cloudflare:workers");
    const { results } = await env.DB.prepare("SELECT name FROM pragma_table_info('units')").all<{ name: string }>();
    expect(results.map((r) => r.name)).toEqual(expect.arrayContaining(["code", "name", "kind", "parent", "coastal"]));
  });

  it("R2 stores and returns an object", async () => {
    const { env } = await import("cloudflare:workers");
    const key = `test/${crypto.randomUUID()}`;
    await env.FILES.put(key, "xin chào");
    expect(await (await env.FILES.get(key))?.text()).toBe("xin chào");
    await env.FILES.delete(key);
    expect(await env.FILES.get(key)).toBeNull();
  });
});
