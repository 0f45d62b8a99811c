// The answers the document describes are the answers the Worker gives (issue 15, point 11): a
// walk through every route with a JSON answer checks each real answer against the zod schema its
// route registers for that status, and finds no field the schema does not document. Its own
// template copy, units and tokens keep it apart from the other test files (locks, expected units).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getTemplate } from "../../../domain";
import "../../../worker/index";
import { ROUTES, type RouteDoc } from "../../../worker/openapi/registry";
import { ErrorAnswerSchema } from "../../../worker/openapi/responses";
import { ADMIN, call, freshUnits, submission, tokenFor } from "./helpers";

type Json = Record<string, any>;

/** Paths of fields in `value` that `schema` does not name (objects that accept any key are not looked into). */
function undocumented(schema: z.ZodType, value: unknown, at = ""): string[] {
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
      return value === undefined || value === null ? [] : undocumented(def.innerType, value, at);
    case "pipe":
      return undocumented(def.in, value, at);
    case "union":
      for (const option of def.options as z.ZodType[])
        if (option.safeParse(value).success) return undocumented(option, value, at);
      return [];
    case "array":
      return Array.isArray(value) ? value.flatMap((v, k) => undocumented(def.element, v, `${at}[${k}]`)) : [];
    case "record":
      return value && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) => undocumented(def.valueType, v, `${at}.${k}`))
        : [];
    case "object": {
      if (!value || typeof value !== "object") return [];
      const shape = def.shape as Record<string, z.ZodType>;
      if (def.catchall) return [];
      return Object.entries(value).flatMap(([k, v]) =>
        k in shape ? undocumented(shape[k], v, `${at}.${k}`) : [`${at}.${k}`],
      );
    }
    default:
      return [];
  }
}

const checked = new Set<string>();

function routeOf(method: string, path: string): RouteDoc {
  const r = ROUTES.find((x) => x.method === method && x.path === path);
  if (!r) throw new Error(`no route ${method} ${path}`);
  return r;
}

/** Calls a route and checks its JSON answer against the schema registered for the status it answers with. */
async function answer(
  method: "get" | "post" | "delete",
  path: string,
  url: string,
  init: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
  expected?: number,
): Promise<Json> {
  const r = routeOf(method, path);
  const res = await call(url, { method: method.toUpperCase(), ...init });
  const text = await res.text();
  if (expected !== undefined) expect(res.status, `${method} ${url}: ${text}`).toBe(expected);
  const declared = r.responses[res.status];
  const schema = declared?.schema ?? (res.status >= 400 ? ErrorAnswerSchema : undefined);
  expect(schema, `${method} ${path} answered ${res.status}, which it does not document`).toBeDefined();
  const body = JSON.parse(text) as unknown;
  const parsed = schema!.safeParse(body);
  const own = parsed.success || res.status < 400 ? parsed : ErrorAnswerSchema.safeParse(body);
  expect(own.error?.issues, `${method} ${url} ${res.status}: ${text.slice(0, 300)}`).toBeUndefined();
  expect(undocumented(parsed.success ? schema! : ErrorAnswerSchema, body), `${method} ${url}`).toEqual([]);
  if (res.status < 300) checked.add(`${method} ${path}`);
  return body as Json;
}

describe("the Worker answers as its document says", () => {
  it("on every route with a JSON answer", async () => {
    const { root, units } = await freshUnits(1);
    const unit = units[0];
    const own = { ...getTemplate("kh-157-2023")!, id: `kh-answers-${Date.now().toString(36)}` };
    await answer("post", "/api/templates", "/api/templates", { token: ADMIN, json: own }, 201);
    await answer("get", "/api/templates", "/api/templates", {}, 200);
    await answer("get", "/api/templates/schema.json", "/api/templates/schema.json", {}, 200);
    await answer("post", "/api/templates", "/api/templates", { token: ADMIN, json: { ...own, version: 0 } }, 422);
    await answer("get", "/api/templates/{id}", `/api/templates/${own.id}`, {}, 200);
    await answer("get", "/api/templates/{id}", `/api/templates/${own.id}?version=9`, {}, 404);
    const printed = await (await call(`/api/templates/${own.id}/workbook`)).arrayBuffer();
    const xlsx = { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    const infer = { token: ADMIN, body: printed, headers: xlsx };
    await answer("post", "/api/templates/infer", "/api/templates/infer", infer, 200);
    await answer("get", "/api/health", "/api/health", {}, 200);
    await answer("get", "/api/openapi.json", "/api/openapi.json", {}, 200);

    const newToken = await answer(
      "post",
      "/api/admin/tokens",
      "/api/admin/tokens",
      { token: ADMIN, json: { role: "leader", label: "Lãnh đạo UBND tỉnh" } },
      201,
    );
    await answer("get", "/api/admin/tokens", "/api/admin/tokens", { token: ADMIN }, 200);
    await answer("delete", "/api/admin/tokens/{id}", `/api/admin/tokens/${newToken.id}`, { token: ADMIN }, 200);
    await answer("post", "/api/admin/tokens", "/api/admin/tokens", { token: ADMIN, json: { role: "submitter" } }, 422);
    await answer(
      "post",
      "/api/admin/expected-units",
      "/api/admin/expected-units",
      { token: ADMIN, json: { template: own.id, units: [unit] } },
      200,
    );
    await answer(
      "get",
      "/api/admin/expected-units",
      `/api/admin/expected-units?template=${own.id}`,
      { token: ADMIN },
      200,
    );
    await answer(
      "post",
      "/api/units",
      "/api/units",
      { token: ADMIN, json: { code: `${root}-X`, name: "Xã thử", kind: "xã", parent: root } },
      200,
    );

    const district = await tokenFor("submitter", unit);
    const reviewer = await tokenFor("reviewer");
    const leader = await tokenFor("leader");
    await answer("get", "/api/me", "/api/me", { token: district }, 200);
    await answer("get", "/api/me", "/api/me", {}, 401);
    await answer("get", "/api/units", "/api/units", { token: district }, 200);
    // Issue 17: units over time.
    const later = `${new Date().getUTCFullYear() + 1}-01-01`;
    const transition = { kind: "rename", unit: `${root}-X`, name: "Xã thử (tên mới)", date: later };
    await answer("post", "/api/units/transitions", "/api/units/transitions", { token: ADMIN, json: transition }, 201);
    await answer("post", "/api/units/transitions", "/api/units/transitions", { token: ADMIN, json: transition }, 422);
    const csv = { token: ADMIN, body: `Mã;Tên;Cấp;Mã cấp trên\n${root}-Y;Xã Y;Xã;${root}\n` };
    await answer("post", "/api/units/import", "/api/units/import?dryRun=1", csv, 200);
    await answer("post", "/api/units/import", "/api/units/import", { ...csv, body: "Mã;Tên\n" }, 422);
    const late = { template: "kh-157-2023", kind: "plan", until: later, reason: "Báo cáo chốt" };
    const lateReports = "/api/units/{code}/late-reports";
    await answer("post", lateReports, `/api/units/${unit}/late-reports`, { token: ADMIN, json: late }, 201);
    await answer("post", lateReports, "/api/units/KHONG-CO/late-reports", { token: ADMIN, json: late }, 404);

    const figures = { PL01: { "1": { quantity: { "2023": 40 }, NSTW: { "2023": "100.826" } } } };
    const body = { ...submission(unit, figures), template: own.id };
    await answer("post", "/api/submissions", "/api/submissions?dryRun=true", { token: district, json: body }, 200);
    const receipt = await answer("post", "/api/submissions", "/api/submissions", { token: district, json: body }, 201);
    // The same figures again: the latest version is answered (or, by another rule, a new one stored).
    await answer("post", "/api/submissions", "/api/submissions", { token: district, json: body });
    const wrong = { ...body, appendices: { PL01: { "1": { NSTW: { "2023": "100.8261" } } } } };
    await answer("post", "/api/submissions", "/api/submissions", { token: district, json: wrong }, 422);
    await answer("get", "/api/submissions", `/api/submissions?unit=${unit}`, { token: district }, 200);
    await answer("get", "/api/submissions/{id}", `/api/submissions/${receipt.id}`, { token: district }, 200);
    await answer("get", "/api/submissions/{id}/file", `/api/submissions/${receipt.id}/file`, { token: district }, 404);
    await answer(
      "post",
      "/api/submissions/{id}/return",
      `/api/submissions/${receipt.id}/return`,
      { token: reviewer, json: {} },
      422,
    );
    await answer(
      "post",
      "/api/submissions/{id}/approve",
      `/api/submissions/${receipt.id}/approve`,
      { token: reviewer, json: {} },
      200,
    );
    await answer(
      "post",
      "/api/submissions/{id}/return",
      `/api/submissions/${receipt.id}/return`,
      { token: reviewer, json: { comment: "Năm 2023 cao hơn kế hoạch." } },
      200,
    );
    // The returned version passed over by the totals, then a corrected one.
    await answer(
      "get",
      "/api/consolidated",
      `/api/consolidated?template=${own.id}&unit=${root}`,
      { token: leader },
      200,
    );
    const corrected = {
      ...body,
      appendices: { PL01: { "1": { quantity: { "2023": 30 }, NSTW: { "2023": "75.619" } } } },
    };
    await answer("post", "/api/submissions", "/api/submissions", { token: district, json: corrected }, 201);
    await answer(
      "get",
      "/api/consolidated",
      `/api/consolidated?template=${own.id}&unit=${root}&basis=approved`,
      { token: leader },
      200,
    );
    await answer(
      "get",
      "/api/consolidated",
      `/api/consolidated?template=${own.id}&asOf=1999-01-01`,
      { token: leader },
      400,
    );
    const published = await answer(
      "post",
      "/api/consolidated/publish",
      "/api/consolidated/publish",
      { token: reviewer, json: { template: own.id, unit: root } },
      201,
    );
    await answer(
      "get",
      "/api/consolidated/published",
      `/api/consolidated/published?template=${own.id}`,
      { token: leader },
      200,
    );
    await answer(
      "get",
      "/api/consolidated/published/{id}",
      `/api/consolidated/published/${published.id}`,
      { token: leader },
      200,
    );
    const round = { template: own.id, kind: "plan", period: "2023", deadline: "2024-03-15" };
    await answer("post", "/api/rounds", "/api/rounds", { token: ADMIN, json: round }, 200);
    await answer("post", "/api/rounds", "/api/rounds", { token: ADMIN, json: { ...round, period: "2030" } }, 422);
    await answer("get", "/api/rounds", `/api/rounds?template=${own.id}`, { token: district }, 200);
    await answer("get", "/api/status", `/api/status?template=${own.id}`, { token: leader }, 200);

    const lock = { template: own.id, kind: "plan", period: "2023" };
    await answer("post", "/api/locks", "/api/locks", { token: reviewer, json: lock }, 201);
    await answer("post", "/api/locks", "/api/locks", { token: reviewer, json: lock }, 200);
    await answer("post", "/api/submissions", "/api/submissions", { token: district, json: body }, 423);
    await answer("get", "/api/locks", "/api/locks", { token: district }, 200);
    await answer(
      "delete",
      "/api/locks",
      `/api/locks?template=${own.id}&kind=plan&period=2023`,
      { token: reviewer },
      200,
    );
    await answer("post", "/api/locks", "/api/locks", { token: reviewer, json: { ...lock, period: "total" } }, 422);
    await answer("get", "/api/audit", "/api/audit?limit=5", { token: reviewer }, 200);
    await answer("get", "/api/audit", "/api/audit", { token: district }, 403);

    // Every route that documents a JSON answer was called and answered as documented.
    const withJson = ROUTES.filter((r) =>
      Object.entries(r.responses).some(([status, a]) => Number(status) < 300 && a.schema),
    ).map((r) => `${r.method} ${r.path}`);
    for (const key of withJson) expect([...checked], key).toContain(key);
  });

  it("a field the schema does not name is found, so the check above can fail", () => {
    const schema = routeOf("get", "/api/me").responses[200].schema!;
    expect(undocumented(schema, { role: "leader", unit: null, unitName: null })).toEqual([]);
    expect(undocumented(schema, { role: "leader", unit: null, unitName: null, secret: 1 })).toEqual([".secret"]);
  });
});
