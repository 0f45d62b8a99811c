// Smaller holes from the attack review (issue 12): a 403 that named another unit, the API docs
// page without a CSP, report downloads a cache could keep, and no storage quota per unit.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../worker";
import type { Env } from "../../../worker/env";
import { changed, template, workbook, XLSX_TYPE } from "../../pages/support/workbooks";
import { signIn } from "../../pages/workerd/page-client";
import { ADMIN, call, count, countR2, freshUnits, ok, submission, tokenFor } from "../api/helpers";
import { planFigures } from "../../../domain";

const codeOf = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code;
const FIGURES = { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } };

describe("a refusal never names another unit", () => {
  it("a district asking for another unit's snapshot gets 403 UNIT_FORBIDDEN without that unit's code or name", async () => {
    const { root } = await freshUnits(0);
    const other = `${root}-X`;
    const otherName = `Huyện Bí Mật ${root}`;
    await ok(
      await call("/api/units", { token: ADMIN, json: { code: other, name: otherName, kind: "huyện", parent: root } }),
    );
    const mine = `${root}-Y`;
    await ok(
      await call("/api/units", {
        token: ADMIN,
        json: { code: mine, name: `Huyện Của Tôi ${root}`, kind: "huyện", parent: root },
      }),
    );
    const theirs = await ok(
      await call("/api/submissions", { token: await tokenFor("submitter", other), json: submission(other, FIGURES) }),
      201,
    );
    const token = await tokenFor("submitter", mine);
    for (const path of [
      `/api/submissions/${theirs.id}`,
      `/api/submissions/${theirs.id}?format=xlsx`,
      `/api/submissions/${theirs.id}/file`,
    ]) {
      const res = await call(path, { token });
      expect(res.status, path).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text).errors[0].code, path).toBe("UNIT_FORBIDDEN");
      expect(text, path).not.toContain(other);
      expect(text, path).not.toContain(otherName);
      expect(text, path).toContain("đơn vị khác");
    }
  });
});

describe("the API docs page", () => {
  it("has a strict CSP (nothing inline, nothing from elsewhere, no framing) and still renders with its stylesheet", async () => {
    const res = await call("/api/docs");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of [
      "default-src 'none'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|script-src/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const page = await res.text();
    expect(page).not.toMatch(/<style\b|<script\b|\sstyle=|\son[a-z]+=/i);
    const sheet = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1];
    expect(sheet).toBe("/static/docs.css");
    const css = await call(sheet!);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain("border-collapse");
  });
});

describe("Cache-Control", () => {
  it("every API answer that carries report data, downloads and errors included, says no-store", async () => {
    const { root, units } = await freshUnits(1);
    const district = await tokenFor("submitter", units[0]);
    const upload = await ok(
      await call(`/api/submissions?template=kh-157-2023&unit=${units[0]}&kind=plan`, {
        token: district,
        body: workbook(),
        headers: { "Content-Type": XLSX_TYPE, "X-File-Name": "ke-hoach.xlsx" },
      }),
      201,
    );
    const leader = await tokenFor("leader");
    const reviewer = await tokenFor("reviewer");
    const cookie = await signIn(leader);
    const answers: [string, Response][] = [];
    for (const [path, token] of [
      [`/api/submissions/${upload.id}`, district],
      [`/api/submissions/${upload.id}?format=xlsx`, district],
      [`/api/submissions/${upload.id}/file`, district],
      [`/api/submissions?unit=${units[0]}`, district],
      [`/api/consolidated?unit=${root}`, leader],
      [`/api/consolidated?unit=${root}&format=csv`, leader],
      [`/api/consolidated?unit=${root}&format=xlsx`, leader],
      ["/api/status", leader],
      ["/api/audit", reviewer],
      ["/api/consolidated/published", leader],
      ["/api/submissions/no-such-id", district],
      ["/api/me", "kh157_not-a-valid-token-at-all"],
    ] as const)
      answers.push([path, await call(path, { token })]);
    // A signed-in page's download through the API (the cookie, GET only).
    const { exports } = await import("cloudflare:workers");
    answers.push([
      "cookie xlsx",
      await exports.default.fetch(`http://local.test/api/consolidated?unit=${root}&format=xlsx`, {
        headers: { Cookie: cookie },
      }),
    ]);
    for (const [path, res] of answers) {
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get("cache-control"), `${path} (${res.status})`).toBe("no-store");
    }
    expect(answers.filter(([, res]) => res.status === 200).length).toBeGreaterThanOrEqual(10);
    // Pages said so already.
    expect(
      (await exports.default.fetch("http://local.test/dashboard", { headers: { Cookie: cookie } })).headers.get(
        "cache-control",
      ),
    ).toBe("no-store");
  });
});

describe("storage quota per unit", () => {
  type Quota = Pick<Env, "UNIT_SNAPSHOT_QUOTA" | "UNIT_UPLOAD_QUOTA">;

  async function fetchWith(quota: Quota, path: string, init: RequestInit): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`http://local.test${path}`, { redirect: "manual", ...init }),
      { ...env, ...quota },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  }
  const json = (quota: Quota, token: string, body: unknown, query = "", headers: Record<string, string> = {}) =>
    fetchWith(quota, `/api/submissions${query}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const xlsx = (quota: Quota, token: string, unit: string, bytes: Uint8Array<ArrayBuffer>) =>
    fetchWith(quota, `/api/submissions?template=kh-157-2023&unit=${unit}&kind=plan`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": XLSX_TYPE },
      body: bytes,
    });
  const figures = (k: number) => ({ PL02: { "1": { quantity: { "2023": k }, NSTW: { "2023": String(k) } } } });

  it("past the snapshots allowed per unit and template, a submission is refused with 507 UNIT_QUOTA_EXCEEDED and nothing is stored", async () => {
    const quota: Quota = { UNIT_SNAPSHOT_QUOTA: "3" };
    const { units } = await freshUnits(2);
    const token = await tokenFor("submitter", units[0]);
    for (let k = 1; k <= 3; k++)
      await ok(
        await json(quota, token, submission(units[0], figures(k)), "", { "Idempotency-Key": `quota-${k}` }),
        201,
      );
    const before = [await count("snapshots"), await count("audit")];
    const refused = await json(quota, token, submission(units[0], figures(4)));
    expect(refused.status).toBe(507);
    const body = (await refused.json()) as { errors: { code: string; quota: string; limit: number; used: number }[] };
    expect(body.errors[0]).toMatchObject({ code: "UNIT_QUOTA_EXCEEDED", quota: "snapshots", limit: 3, used: 3 });
    expect([await count("snapshots"), await count("audit")]).toEqual(before);
    // Checking stores nothing and a retry of a stored submission stores nothing: neither is refused.
    expect((await json(quota, token, submission(units[0], figures(4)), "?dryRun=true")).status).toBe(200);
    const replay = await json(quota, token, submission(units[0], figures(1)), "", { "Idempotency-Key": "quota-1" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    // The quota is per unit: the next unit still submits.
    expect((await json(quota, await tokenFor("submitter", units[1]), submission(units[1], figures(1)))).status).toBe(
      201,
    );
    // Under the default quota (2,000) the same unit goes on.
    expect((await json({}, token, submission(units[0], figures(5)))).status).toBe(201);
  });

  it("past the uploaded files allowed, an upload is refused (API and page) while JSON still goes through", async () => {
    const quota: Quota = { UNIT_UPLOAD_QUOTA: "1" };
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const plan = planFigures(template)!;
    await ok(await xlsx(quota, token, units[0], workbook(plan)), 201);
    const before = [await count("snapshots"), await countR2()];
    const second = workbook(changed(plan, [["PL02", "1", "quantity", "2023", 51]]));
    const refused = await xlsx(quota, token, units[0], second);
    expect(refused.status).toBe(507);
    expect(await codeOf(refused)).toBe("UNIT_QUOTA_EXCEEDED");
    // The upload page says the same on the page.
    const cookie = await signIn(token);
    const form = new FormData();
    for (const [k, v] of Object.entries({ template: "kh-157-2023", unit: units[0], kind: "plan" })) form.set(k, v);
    form.set("file", new File([second], "lan-2.xlsx", { type: XLSX_TYPE }));
    const page = await fetchWith(quota, `/district/upload?key=${crypto.randomUUID()}`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://local.test" },
      body: form,
    });
    expect(page.status).toBe(507);
    expect(await page.text()).toContain("UNIT_QUOTA_EXCEEDED");
    expect([await count("snapshots"), await countR2()]).toEqual(before);
    expect((await json(quota, token, submission(units[0], figures(2)))).status).toBe(201);
  });
});
