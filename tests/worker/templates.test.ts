import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import schemaFile from "../../docs/template.schema.json";
import { getTemplate } from "../../domain";
import { ADMIN, call, count } from "./api/helpers";

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

describe("POST /api/templates refuses a template with problems (issue 16)", () => {
  it("answers 422 TEMPLATE_INVALID with each problem's code, place and texts, and stores nothing", async () => {
    const base = structuredClone(getTemplate("kh-157-2023")!);
    const id = `kh-invalid-${Date.now().toString(36)}`;
    const broken = {
      ...base,
      id,
      measures: [
        ...base.measures,
        { id: "tong", kind: "money", label: "Tổng số", numberFormat: "#,##0", sumOf: ["NSTW", "quantity"] },
      ],
      appendices: base.appendices.map((a, k) =>
        k === 0 ? { ...a, items: [{ ...a.items[0], children: [{ ...a.items[1] }] }, ...a.items.slice(1)] } : a,
      ),
    };
    const before = await count("templates");
    const res = await call("/api/templates", { token: ADMIN, json: broken });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      errors: {
        code: string;
        message: string;
        problems: string[];
        problemCount: number;
        templateProblems: {
          code: string;
          path: string;
          params: Record<string, unknown>;
          message: string;
          messageEn: string;
        }[];
      }[];
    };
    const [error] = body.errors;
    expect(error.code).toBe("TEMPLATE_INVALID");
    const codes = error.templateProblems.map((p) => [p.code, p.path]);
    expect(codes).toContainEqual(["SUM_OF_KIND", "/measures/3/sumOf/1"]);
    expect(codes).toContainEqual(["ITEM_ID_DUPLICATE", "/appendices/0/items/1/id"]);
    const dup = error.templateProblems.find((p) => p.code === "ITEM_ID_DUPLICATE")!;
    expect(dup.params).toEqual({ appendix: "PL01", item: "2" });
    expect(dup.message).toMatch(/^Phụ lục PL01: mã mục "2" xuất hiện hơn một lần/);
    expect(dup.messageEn).toBe("PL01: item id 2 appears more than once; item ids are unique across the whole appendix");
    // The message is Vietnamese throughout; `problems` keeps the English texts it always had.
    expect(error.message).toMatch(/^Mẫu biểu không hợp lệ: /);
    expect(error.message).toContain('Phụ lục PL01: mã mục "2"');
    expect(error.problems).toEqual(error.templateProblems.map((p) => p.messageEn));
    expect(error.problemCount).toBe(error.templateProblems.length);
    expect(await count("templates")).toBe(before);
    expect((await get(`/api/templates/${id}`)).status).toBe(404);
  });

  it("keeps the answer short however many problems there are", async () => {
    const base = structuredClone(getTemplate("kh-157-2023")!);
    const plan = { PL01: Object.fromEntries(Array.from({ length: 80 }, (_, k) => [`x${k}`, {}])) };
    const res = await call("/api/templates", { token: ADMIN, json: { ...base, id: "kh-many-problems", plan } });
    expect(res.status).toBe(422);
    const [error] = ((await res.json()) as { errors: { problemCount: number; templateProblems: unknown[] }[] }).errors;
    expect(error.problemCount).toBe(80);
    expect(error.templateProblems).toHaveLength(50);
  });
});

describe("GET /api/templates/schema.json", () => {
  it("serves the template format's JSON Schema, docs/template.schema.json, to anyone", async () => {
    const res = await get("/api/templates/schema.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(schemaFile);
    const doc = (await (await get("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/api/templates/schema.json");
  });
});
