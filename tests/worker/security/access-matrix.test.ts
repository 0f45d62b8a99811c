// Every API route × role × own/other unit: allowed or denied, from one table. A route the
// app serves but the table does not name fails the test, so new routes must be decided here.
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../../worker/index";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "../api/helpers";

type Actor = "anonymous" | "submitter-own" | "submitter-other" | "reviewer" | "leader" | "admin";
const ACTORS: Actor[] = ["anonymous", "submitter-own", "submitter-other", "reviewer", "leader", "admin"];
const ALL: Actor[] = ACTORS;
const SIGNED_IN: Actor[] = ["submitter-own", "submitter-other", "reviewer", "leader", "admin"];

interface Rule {
  allowed: Actor[];
  /** Builds the request; `ctx` has the own unit, a snapshot of it, and tokens. */
  request: (ctx: Ctx) => { path: string; method?: string; json?: unknown };
}
interface Ctx {
  unit: string;
  snapshot: string;
}

const sub = (ctx: Ctx) => submission(ctx.unit, { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } });
const lock = { template: "kh-matrix-none", kind: "plan", period: "2023" };

const MATRIX: Record<string, Rule> = {
  "GET /api/health": { allowed: ALL, request: () => ({ path: "/api/health" }) },
  "GET /api/templates": { allowed: ALL, request: () => ({ path: "/api/templates" }) },
  "GET /api/templates/:id": { allowed: ALL, request: () => ({ path: "/api/templates/kh-157-2023" }) },
  "GET /api/templates/:id/workbook": { allowed: ALL, request: () => ({ path: "/api/templates/kh-157-2023/workbook" }) },
  "POST /api/templates": { allowed: ["admin"], request: () => ({ path: "/api/templates", json: { id: "x" } }) },
  "GET /api/templates/schema.json": { allowed: ALL, request: () => ({ path: "/api/templates/schema.json" }) },
  "POST /api/templates/infer": {
    allowed: ["admin"],
    request: () => ({ path: "/api/templates/infer", json: {} }),
  },
  "GET /api/openapi.json": { allowed: ALL, request: () => ({ path: "/api/openapi.json" }) },
  "GET /api/docs": { allowed: ALL, request: () => ({ path: "/api/docs" }) },
  "GET /api/units": { allowed: SIGNED_IN, request: () => ({ path: "/api/units" }) },
  "POST /api/units": { allowed: ["admin"], request: () => ({ path: "/api/units", json: { code: "" } }) },
  "POST /api/units/transitions": {
    allowed: ["admin"],
    request: () => ({ path: "/api/units/transitions", json: { kind: "close" } }),
  },
  "POST /api/units/import": { allowed: ["admin"], request: () => ({ path: "/api/units/import?dryRun=x", json: {} }) },
  "POST /api/units/:code/late-reports": {
    allowed: ["admin"],
    request: () => ({ path: "/api/units/951/late-reports", json: {} }),
  },
  "GET /api/me": { allowed: SIGNED_IN, request: () => ({ path: "/api/me" }) },
  "POST /api/submissions": {
    allowed: ["submitter-own", "admin"],
    request: (ctx) => ({ path: "/api/submissions?dryRun=true", json: sub(ctx) }),
  },
  "GET /api/submissions": {
    allowed: ["submitter-own", "reviewer", "admin"],
    request: (ctx) => ({ path: `/api/submissions?unit=${ctx.unit}` }),
  },
  "GET /api/submissions/:id": {
    allowed: ["submitter-own", "reviewer", "admin"],
    request: (ctx) => ({ path: `/api/submissions/${ctx.snapshot}` }),
  },
  "GET /api/submissions/:id/file": {
    allowed: ["submitter-own", "reviewer", "admin"],
    request: (ctx) => ({ path: `/api/submissions/${ctx.snapshot}/file` }),
  },
  "POST /api/submissions/:id/approve": {
    allowed: ["reviewer", "admin"],
    request: (ctx) => ({ path: `/api/submissions/${ctx.snapshot}/approve`, json: { comment: "matrix" } }),
  },
  "POST /api/submissions/:id/return": {
    allowed: ["reviewer", "admin"],
    request: (ctx) => ({ path: `/api/submissions/${ctx.snapshot}/return`, json: { comment: "matrix" } }),
  },
  "GET /api/consolidated": {
    allowed: ["reviewer", "leader", "admin"],
    request: (ctx) => ({ path: `/api/consolidated?unit=${ctx.unit}` }),
  },
  "POST /api/consolidated/publish": {
    allowed: ["reviewer", "admin"],
    request: () => ({ path: "/api/consolidated/publish", json: { template: "kh-matrix-none" } }),
  },
  "GET /api/consolidated/published": {
    allowed: ["reviewer", "leader", "admin"],
    request: () => ({ path: "/api/consolidated/published" }),
  },
  "GET /api/consolidated/published/:id": {
    allowed: ["reviewer", "leader", "admin"],
    request: () => ({ path: "/api/consolidated/published/none" }),
  },
  "GET /api/status": { allowed: ["reviewer", "leader", "admin"], request: () => ({ path: "/api/status" }) },
  "GET /api/status/not-submitted.csv": {
    allowed: ["reviewer", "leader", "admin"],
    request: () => ({ path: "/api/status/not-submitted.csv" }),
  },
  "GET /api/rounds": { allowed: SIGNED_IN, request: () => ({ path: "/api/rounds" }) },
  "POST /api/rounds": {
    allowed: ["admin"],
    request: () => ({
      path: "/api/rounds",
      json: { template: "kh-matrix-none", kind: "plan", period: "2023", deadline: "2030-01-15" },
    }),
  },
  "GET /api/locks": { allowed: SIGNED_IN, request: () => ({ path: "/api/locks" }) },
  "POST /api/locks": { allowed: ["reviewer", "admin"], request: () => ({ path: "/api/locks", json: lock }) },
  "DELETE /api/locks": {
    allowed: ["reviewer", "admin"],
    request: () => ({ path: `/api/locks?template=${lock.template}&kind=plan&period=2023`, method: "DELETE" }),
  },
  "POST /api/admin/tokens": {
    allowed: ["admin"],
    request: () => ({ path: "/api/admin/tokens", json: { role: "nobody" } }),
  },
  "GET /api/admin/tokens": { allowed: ["admin"], request: () => ({ path: "/api/admin/tokens" }) },
  "DELETE /api/admin/tokens/:id": {
    allowed: ["admin"],
    request: () => ({ path: "/api/admin/tokens/none", method: "DELETE" }),
  },
  "GET /api/admin/expected-units": {
    allowed: ["admin"],
    request: () => ({ path: "/api/admin/expected-units?template=kh-matrix-none" }),
  },
  "POST /api/admin/expected-units": {
    allowed: ["admin"],
    request: () => ({ path: "/api/admin/expected-units", json: { template: "kh-matrix-none", units: [] } }),
  },
  "GET /api/audit": { allowed: ["reviewer", "admin"], request: () => ({ path: "/api/audit?limit=1" }) },
};

const tokens: Partial<Record<Actor, string>> = {};
let ctx: Ctx;
beforeAll(async () => {
  const { units } = await freshUnits(2);
  tokens["submitter-own"] = await tokenFor("submitter", units[0]);
  tokens["submitter-other"] = await tokenFor("submitter", units[1]);
  tokens.reviewer = await tokenFor("reviewer");
  tokens.leader = await tokenFor("leader");
  tokens.admin = ADMIN;
  const first = await ok(
    await call("/api/submissions", {
      token: tokens["submitter-own"],
      json: submission(units[0], { PL02: { "1": { quantity: { "2023": 2 }, NSTW: { "2023": "1" } } } }),
    }),
    201,
  );
  ctx = { unit: units[0], snapshot: first.id };
});

describe("access matrix", () => {
  it("names every API route the app serves", () => {
    const served = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
          .map((r) => `${r.method} ${r.path.replace(/\/$/, "")}`),
      ),
    ];
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([route, rule]) =>
    ACTORS.map((actor) => ({ route, actor, allowed: rule.allowed.includes(actor) })),
  );
  it.each(cases)("$route as $actor → allowed: $allowed", async ({ route, actor, allowed }) => {
    const req = MATRIX[route].request(ctx);
    const method = req.method ?? route.split(" ")[0];
    const res = await call(req.path, { method, token: tokens[actor], json: req.json });
    const body = await res.text();
    if (allowed) {
      expect([401, 403], `${res.status} ${body.slice(0, 200)}`).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status, body.slice(0, 200)).toBe(actor === "anonymous" ? 401 : 403);
    }
  });
});
