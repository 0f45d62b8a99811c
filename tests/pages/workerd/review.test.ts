// The review pages: what is waiting, a version in its printed form with the cells changed since
// the unit's previous version marked (and listed), approve/return through the API's own rules
// from the top of the page, errors next to the comment at the same address, locks confirmed
// first, the reports recently decided opening their version.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn, textOf } from "./page-client";

const PL01 = (q2023: number, money2023: string) => ({
  PL01: { "1": { quantity: { "2023": q2023 }, NSTW: { "2023": money2023 } } },
});

/** The HTML of one element from its opening tag to the end of its table/section. */
function slice(page: string, marker: string, end = "</table>"): string {
  const at = page.indexOf(marker);
  expect(at, marker).toBeGreaterThan(0);
  return page.slice(at, page.indexOf(end, at));
}

describe("review pages", () => {
  it("lists the newest waiting version per report and shows its changes against the previous one", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    await ok(await call("/api/submissions", { token, json: submission(units[0], PL01(40, "100.826")) }), 201);
    const v2 = await ok(await call("/api/submissions", { token, json: submission(units[0], PL01(44, "1100.5")) }), 201);
    const cookie = await signIn(await tokenFor("reviewer"));
    const list = await html(await request("/review", { cookie }));
    expect(list).toContain(`href="/review/${v2.id}"`);
    const waiting = slice(list, 'id="waiting"');
    expect(textOf(waiting).split("Đơn vị thử 1").length - 1).toBe(1); // version 1 is superseded, not listed
    expect(textOf(waiting)).not.toContain(units[0]); // names, not codes
    const page = await html(await request(`/review/${v2.id}`, { cookie }));
    const text = textOf(page);
    expect(text).toContain(`Đơn vị thử 1 – Kế hoạch – phiên bản 2`);
    expect(text).toContain("Thay đổi so với phiên bản 1");
    expect(text).toContain("8 ô thay đổi."); // four input cells and the four "Tổng cộng" cells they feed
    expect(text).toContain(
      "PL01 D8 1. Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh) Số lượng Giai đoạn 2021-2025 40 44",
    );
    expect(text).toContain(
      "PL01 I8 1. Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh) Ngân sách Trung ương (NSTW) Năm 2023 100,826 1.100,5",
    );
    expect(text).toContain("PL01 H11 Tổng cộng Ngân sách Trung ương (NSTW) Giai đoạn 2021-2025 100,826 1.100,5");
    // The printed form: the changed cells marked with the figure before, every figure with % of plan.
    const printed = slice(page, 'id="printed-PL01"');
    expect(printed.match(/<td class="num changed"/g)).toHaveLength(8);
    expect(printed).toMatch(
      /<td class="num changed" data-cell="PL01!I8">1\.100,5<span class="was">trước: 100,826<\/span><span class="pct" title="so với kế hoạch tỉnh">[\d.,]+ %<\/span><\/td>/,
    );
    // The decision sits above the changes, and posts to the version's own address.
    expect(page.indexOf('id="decision"')).toBeLessThan(page.indexOf('id="changes-title"'));
    expect(page).toContain(`<form method="post" action="/review/${v2.id}">`);
    expect(page).toMatch(/<label for="comment">Ý kiến \(bắt buộc khi trả lại\)<\/label>/);
    expect(page).toContain('<button type="submit" name="decision" value="returned" class="danger">Trả lại</button>');
  });

  it("a first version shows the printed form with % of plan, not a list of every cell; English too", async () => {
    const { units } = await freshUnits(1);
    const v1 = await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: submission(units[0], PL01(3, "7")),
      }),
      201,
    );
    const cookie = await signIn(await tokenFor("reviewer"));
    const page = await html(await request(`/review/${v1.id}`, { cookie }));
    expect(textOf(page)).toContain("Phiên bản đầu tiên");
    expect(page).not.toContain('id="changes"');
    expect(page).not.toContain("changed");
    // PL01 item 1, NSTW 2023: 7 of the plan's 403,305 (1,7 %).
    expect(slice(page, 'id="printed-PL01"')).toMatch(
      /<tr data-item="1">.*?<td class="num">7<span class="pct" title="so với kế hoạch tỉnh">1,7 %<\/span><\/td>/,
    );
    const en = textOf(await html(await request(`/review/${v1.id}?lang=en`, { cookie })));
    expect(en).toContain("First version");
    expect(en).toContain("The report in its printed layout");
  });

  it("approve and return go through the API: comment required next to the box, same address, audit written", async () => {
    const { units } = await freshUnits(2);
    const a = await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: submission(units[0], PL01(1, "1")),
      }),
      201,
    );
    const b = await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[1]),
        json: submission(units[1], PL01(2, "2")),
      }),
      201,
    );
    const cookie = await signIn(await tokenFor("reviewer"));
    const approved = await request(`/review/${a.id}`, { cookie, form: { comment: "", decision: "approved" } });
    expect(approved.status).toBe(303);
    expect(approved.headers.get("location")).toBe(`/review?done=approved&id=${a.id}`);
    expect(textOf(await html(await request(approved.headers.get("location")!, { cookie })))).toContain(
      `Đã duyệt báo cáo của Đơn vị thử 1, phiên bản 1.`,
    );

    // Returning without a comment: the same page (no redirect), the error right above the box it is about.
    const empty = await html(
      await request(`/review/${b.id}`, { cookie, form: { comment: "  ", decision: "returned" } }),
      422,
    );
    const box = slice(empty, '<label for="comment">', "</textarea>");
    expect(textOf(box)).toContain("Trả lại báo cáo cần ghi ý kiến để đơn vị biết phải sửa gì.");
    expect(box).toMatch(/<textarea id="comment"[^>]* aria-describedby="comment-error" aria-invalid="true"/);
    const returned = await request(`/review/${b.id}`, {
      cookie,
      form: { comment: "Thiếu số liệu năm 2024", decision: "returned" },
    });
    expect(returned.status).toBe(303);
    const reviewer = await tokenFor("reviewer");
    expect((await ok(await call(`/api/submissions/${a.id}`, { token: reviewer }))).status).toBe("approved");
    const got = await ok(await call(`/api/submissions/${b.id}`, { token: reviewer }));
    expect([got.status, got.reviewComment]).toEqual(["returned", "Thiếu số liệu năm 2024"]);
    const audit = await env.DB.prepare(
      "SELECT action, target FROM audit WHERE target IN (?, ?) AND action LIKE 'snapshot.%' ORDER BY seq",
    )
      .bind(a.id, b.id)
      .all<{ action: string; target: string }>();
    expect(audit.results.map((r) => `${r.action} ${r.target}`)).toEqual([
      `snapshot.create ${a.id}`,
      `snapshot.create ${b.id}`,
      `snapshot.approve ${a.id}`,
      `snapshot.return ${b.id}`,
    ]);
    // "Đã xử lý gần đây": both, each opening its version.
    const list = await html(await request("/review", { cookie }));
    expect(textOf(list)).toContain("Đã xử lý gần đây");
    const decided = slice(list, 'id="reviewed"');
    for (const s of [a, b]) expect(decided).toContain(`<a href="/review/${s.id}">Mở phiên bản</a>`);
    expect(await html(await request("/review/no-such-id", { cookie }), 404)).toContain(
      "Không tìm thấy trang hoặc báo cáo này.",
    );
  });

  it("locking a year asks first (a page of its own, no script); unlocking is one step", async () => {
    // A template of its own, so no other test's submissions meet this lock.
    const own = { ...getTemplate("kh-157-2023")!, id: `kh-pages-${Date.now().toString(36)}` };
    await ok(
      await call("/api/templates", {
        token: ADMIN,
        body: JSON.stringify(own),
        headers: { "Content-Type": "application/json" },
      }),
      201,
    );
    const cookie = await signIn(await tokenFor("reviewer"));
    const mine = async () =>
      (await ok(await call("/api/locks", { token: await tokenFor("reviewer") }))).locks
        .filter((l: { template: string }) => l.template === own.id)
        .map((l: { period: string }) => l.period);
    // The list's button asks (GET), and a post without the confirmation asks too: nothing locked yet.
    const list = await html(await request(`/review?template=${own.id}`, { cookie }));
    expect(list).toContain('<form method="get" action="/review/locks/confirm" class="inline">');
    const question = `/review/locks/confirm?template=${own.id}&kind=execution&period=2024`;
    for (const res of [
      await request(question, { cookie }),
      await request("/review/locks", {
        cookie,
        form: { template: own.id, kind: "execution", period: "2024", action: "lock" },
      }),
    ]) {
      const page = await html(res);
      expect(textOf(page)).toContain("Khóa số liệu năm 2024 – Thực hiện?");
      expect(page).toContain('<input type="hidden" name="confirm" value="yes"/>');
      expect(textOf(page)).toContain("Xác nhận khóa năm 2024");
      expect(page).toContain(`<a href="/review?template=${own.id}">Hủy</a>`);
    }
    expect(await mine()).toEqual([]);
    const form = (action: string) => ({ template: own.id, kind: "execution", period: "2024", action, confirm: "yes" });
    const lock = await request("/review/locks", { cookie, form: form("lock") });
    expect(lock.status).toBe(303);
    expect(lock.headers.get("location")).toBe("/review?done=locked&kind=execution&period=2024");
    expect(await mine()).toEqual(["2024"]);
    const page = await html(
      await request(`/review?template=${own.id}&done=locked&kind=execution&period=2024`, { cookie }),
    );
    expect(textOf(page)).toContain("Đã khóa năm 2024 (Thực hiện).");
    expect(textOf(page)).toContain("Đã khóa Mở khóa năm 2024");
    const unlock = await request("/review/locks", { cookie, form: { ...form("unlock"), confirm: "" } });
    expect(unlock.headers.get("location")).toBe("/review?done=unlocked&kind=execution&period=2024");
    expect(await mine()).toEqual([]);
    const bad = await html(await request("/review/locks", { cookie, form: { ...form("lock"), period: "total" } }), 422);
    expect(textOf(bad)).toContain('Kỳ "total" không phải là một năm của mẫu biểu.');
    const badQuestion = await html(await request(question.replace("2024", "total"), { cookie }), 422);
    expect(textOf(badQuestion)).toContain('Kỳ "total" không phải là một năm của mẫu biểu.');
  });
});
