// Issue 12: the review queue lists every report waiting (its newest version, not yet reviewed),
// whatever the history. It used to be built from the newest 500 snapshots, so one unit posting
// 600 versions hid every other unit's waiting report.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { html, request, signIn, textOf } from "../../pages/workerd/page-client";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "./helpers";

const PL01 = (q: number) => ({ PL01: { "1": { quantity: { "2023": q }, NSTW: { "2023": "1.5" } } } });

/** Versions 2..n of a report, copied from its version 1 and each a second later (what n POSTs would leave). */
async function moreVersions(first: string, n: number): Promise<void> {
  await env.DB.prepare(
    `WITH RECURSIVE k(v) AS (SELECT 2 UNION ALL SELECT v + 1 FROM k WHERE v < ?2)
    INSERT INTO snapshots (id, template_id, template_version, unit, kind, version, canonical, sha256, source, file_key, file_name,
      warnings, created_at, created_by, idempotency_key, request_sha256)
    SELECT s.id || '-v' || k.v, s.template_id, s.template_version, s.unit, s.kind, k.v, s.canonical, s.sha256, s.source, NULL, NULL,
      s.warnings, strftime('%Y-%m-%dT%H:%M:%fZ', s.created_at, '+' || k.v || ' seconds'), s.created_by, NULL, NULL
    FROM snapshots s, k WHERE s.id = ?1`,
  )
    .bind(first, n)
    .run();
}

describe("review queue", () => {
  it("one unit posting 600 versions hides no other unit's waiting report", async () => {
    // A template of its own, so the queue holds only this test's reports.
    const own = { ...getTemplate("kh-157-2023")!, id: `kh-queue-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: own }), 201);
    const { units } = await freshUnits(3);
    const post = async (unit: string, q: number) =>
      ok(
        await call("/api/submissions", {
          token: await tokenFor("submitter", unit),
          json: { ...submission(unit, PL01(q)), template: own.id },
        }),
        201,
      );
    const waiting = await post(units[1], 2); // the quiet unit's single report, submitted first
    const decided = await post(units[2], 3);
    const reviewer = await tokenFor("reviewer");
    await ok(await call(`/api/submissions/${decided.id}/approve`, { token: reviewer, json: {} }));
    const busy = await post(units[0], 1);
    await moreVersions(busy.id, 600);
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM snapshots WHERE template_id = ?")
        .bind(own.id)
        .first<{ n: number }>())!.n,
    ).toBe(602);

    const cookie = await signIn(reviewer);
    const list = await html(await request(`/review?template=${own.id}`, { cookie }));
    const queue = list.slice(list.indexOf('id="waiting"'), list.indexOf("</table>", list.indexOf('id="waiting"')));
    expect(queue).toContain(`href="/review/${waiting.id}"`); // the quiet unit's report is still there
    expect(queue).toContain(`href="/review/${busy.id}-v600"`); // the busy unit: its newest version, once
    expect(queue.match(/href="\/review\//g)).toHaveLength(2);
    expect(textOf(list)).toContain("Chờ duyệt (2)");
    // The approved report is in the recently decided list, not in the queue.
    expect(queue).not.toContain(decided.id);
    const reviewed = list.slice(list.indexOf('id="reviewed"'));
    // Pages name units, not codes (issue 15, point 8): freshUnits names the third "Đơn vị thử 3".
    expect(reviewed).toContain(`href="/review/${decided.id}"`);
    expect(textOf(reviewed)).toContain("Đơn vị thử 3");

    // An old version's page compares with the version just before it and names the newest.
    const old = textOf(await html(await request(`/review/${busy.id}-v50`, { cookie })));
    expect(old).toContain("Thay đổi so với phiên bản 49");
    expect(old).toContain("mới nhất: phiên bản 600");
  });
});
