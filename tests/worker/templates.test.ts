import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const get = (path: string) => exports.default.fetch(`http://local.test${path}`);

interface TemplateBody {
  id: string;
  version: number;
  appendices: { id: string; items: { id: string }[] }[];
  periods: { id: string }[];
  measures: { id: string }[];
}

describe("GET /api/templates", () => {
  it("lists plan 157 with its appendices", async () => {
    const res = await get("/api/templates");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { templates: { id: string; appendices: string[] }[] };
    const kh157 = body.templates.find((t) => t.id === "kh-157-2023");
    expect(kh157?.appendices).toEqual(["PL01", "PL02", "PL03"]);
  });
});

describe("GET /api/templates/:id", () => {
  it("returns the whole template kh-157-2023", async () => {
    const res = await get("/api/templates/kh-157-2023");
    expect(res.status).toBe(200);
    const body = (await res.json()) as TemplateBody;
    expect(body.id).toBe("kh-157-2023");
    expect(body.appendices.map((a) => a.id)).toEqual(["PL01", "PL02", "PL03"]);
    expect(body.appendices[0].items.map((i) => i.id)).toContain("1");
    expect(body.periods.map((p) => p.id)).toEqual(expect.arrayContaining(["2023", "2024", "2025", "total"]));
    expect(body.measures.map((m) => m.id)).toEqual(expect.arrayContaining(["quantity", "NSTW", "NSDP"]));
  });

  it("answers 404 JSON for an unknown template", async () => {
    const res = await get("/api/templates/kh-999");
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBe("TEMPLATE_NOT_FOUND");
    expect(body.errors[0].message).toContain("kh-999");
  });
});
