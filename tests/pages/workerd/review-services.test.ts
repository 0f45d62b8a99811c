// Issue 14: the review page decides and locks through the same services as the API
// (worker/services/reviews.ts, worker/services/locks.ts), not through an in-process HTTP call:
// the same rules, the same audit rows, refusals in the page's language from the catalogue, and
// report kinds from the template the page shows.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { renamedTemplate, RENAMED } from "../../support/renamed-template";
import { ADMIN, call, freshUnits, ok, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn, textOf } from "./page-client";

async function auditOf(target: string): Promise<{ action: string; detail: string }[]> {
  return (
    await env.DB.prepare("SELECT action, detail FROM audit WHERE target = ? ORDER BY seq")
      .bind(target)
      .all<{ action: string; detail: string }>()
  ).results;
}

describe("review page through the services", () => {
  it("locks and unlocks a year of a template's own kind, each change audited once", async () => {
    const template = { ...renamedTemplate(), id: `${RENAMED.template}-page-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
    const cookie = await signIn(await tokenFor("reviewer"));
    // The locks table offers the template's own kinds.
    const page = await html(await request(`/review?template=${template.id}`, { cookie }));
    for (const kind of Object.values(RENAMED.kinds))
      expect(page).toContain(`<input type="hidden" name="kind" value="${kind}"/>`);
    expect(page).not.toContain('name="kind" value="plan"');
    const form = (action: string) => ({
      template: template.id,
      kind: RENAMED.kinds.execution,
      period: "2025",
      action,
      confirm: "yes",
    });
    const target = `${template.id}/${RENAMED.kinds.execution}/2025`;
    expect((await request("/review/locks", { cookie, form: form("lock") })).status).toBe(303);
    // already locked: no second row
    expect((await request("/review/locks", { cookie, form: form("lock") })).status).toBe(303);
    const locks = await ok(await call("/api/locks", { token: await tokenFor("reviewer") }));
    expect(
      locks.locks
        .filter((l: { template: string }) => l.template === template.id)
        .map((l: { kind: string; period: string }) => `${l.kind}/${l.period}`),
    ).toEqual([`${RENAMED.kinds.execution}/2025`]);
    expect((await request("/review/locks", { cookie, form: form("unlock") })).status).toBe(303);
    expect((await auditOf(target)).map((r) => r.action)).toEqual(["lock.create", "lock.delete"]);

    // plan 157's kind is not one of this template's: refused on the page, nothing written.
    const refused = await html(
      await request("/review/locks", { cookie, form: { ...form("lock"), kind: "execution" } }),
      422,
    );
    expect(textOf(refused)).toContain(`Mẫu biểu "${template.id}" không có loại báo cáo "execution"`);
    expect(await auditOf(`${template.id}/execution/2025`)).toEqual([]);
  });

  it("a refused lock is explained in the page's language from the catalogue", async () => {
    const cookie = await signIn(await tokenFor("reviewer"));
    const en = await html(
      await request("/review/locks?lang=en", {
        cookie,
        form: { template: "kh-157-2023", kind: "plan", period: "total", action: "lock" },
      }),
      422,
    );
    expect(textOf(en)).toContain('Period "total" is not one of the template\'s years.');
    const missing = await html(
      await request("/review/locks?lang=en", {
        cookie,
        form: { template: "kh-999", kind: "plan", period: "2023", action: "lock" },
      }),
      404,
    );
    expect(textOf(missing)).toContain('Template "kh-999" was not found.');
  });

  it("approve and return from the page write the same rows as the API", async () => {
    const { units } = await freshUnits(2);
    const figures = { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } };
    const submit = async (unit: string) =>
      ok(
        await call("/api/submissions", {
          token: await tokenFor("submitter", unit),
          json: { template: "kh-157-2023", unit, kind: "plan", appendices: figures },
        }),
        201,
      );
    const [byPage, byApi] = [await submit(units[0]), await submit(units[1])];
    const reviewer = await tokenFor("reviewer");
    expect(
      (
        await request(`/review/${byPage.id}`, {
          cookie: await signIn(reviewer),
          form: { comment: "Thiếu số liệu", decision: "returned" },
        })
      ).status,
    ).toBe(303);
    await ok(
      await call(`/api/submissions/${byApi.id}/return`, { token: reviewer, json: { comment: "Thiếu số liệu" } }),
    );
    const [page, api] = [await auditOf(byPage.id), await auditOf(byApi.id)];
    expect(page.map((r) => r.action)).toEqual(["snapshot.create", "snapshot.return"]);
    expect(api.map((r) => r.action)).toEqual(["snapshot.create", "snapshot.return"]);
    expect(page[1].detail).toBe(api[1].detail);
    const reviews = await env.DB.prepare(
      "SELECT snapshot_id, decision, comment, created_by FROM reviews WHERE snapshot_id IN (?, ?)",
    )
      .bind(byPage.id, byApi.id)
      .all();
    expect(reviews.results).toHaveLength(2);
    expect(new Set(reviews.results.map((r) => `${r.decision} ${r.comment} ${r.created_by}`)).size).toBe(1);
  });

  it("a comment longer than the API accepts is refused on the page as by the API", async () => {
    const { units } = await freshUnits(1);
    const s = await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: {
          template: "kh-157-2023",
          unit: units[0],
          kind: "plan",
          appendices: { PL02: { "1": { quantity: { "2023": 2 }, NSTW: { "2023": "2" } } } },
        },
      }),
      201,
    );
    const reviewer = await tokenFor("reviewer");
    const long = "x".repeat(2001);
    expect((await call(`/api/submissions/${s.id}/approve`, { token: reviewer, json: { comment: long } })).status).toBe(
      400,
    );
    const page = await html(
      await request(`/review/${s.id}`, {
        cookie: await signIn(reviewer),
        form: { comment: long, decision: "approved" },
      }),
      400,
    );
    expect(textOf(page)).toContain("Yêu cầu không hợp lệ: comment");
    expect((await auditOf(s.id)).map((r) => r.action)).toEqual(["snapshot.create"]);
  });
});
