// The review pages: what is waiting, the changes of a snapshot cell by cell against the
// unit's previous version, approve/return through the API's own rules, lock and unlock.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn, textOf } from "./page-client";

const PL01 = (q2023: number, money2023: string) => ({
  PL01: { "1": { quantity: { "2023": q2023 }, NSTW: { "2023": money2023 } } },
});

describe("review pages", () => {
  it("lists the newest waiting version per report and shows its changes against the previous one", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    await ok(await call("/api/submissions", { token, json: submission(units[0], PL01(40, "100.826")) }), 201);
    const v2 = await ok(await call("/api/submissions", { token, json: submission(units[0], PL01(44, "1100.5")) }), 201);
    const cookie = await signIn(await tokenFor("reviewer"));
    const list = await html(await request("/review", { cookie }));
    expect(list).toContain(`href="/review/${v2.id}"`);
    const waitingRows = textOf(list).split(`(${units[0]})`).length - 1;
    expect(waitingRows).toBe(1); // version 1 is superseded, not listed
    const page = await html(await request(`/review/${v2.id}`, { cookie }));
    const text = textOf(page);
    expect(text).toContain(`Đơn vị thử 1 – Kế hoạch – phiên bản 2`);
    expect(text).toContain("Thay đổi so với phiên bản 1");
    expect(text).toContain("8 ô thay đổi."); // four input cells and the four "Tổng cộng" cells they feed
    expect(text).toContain(
      "PL01 D8 1. Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh) Số lượng Giai đoạn 2021-2025 40 44",
    );
    expect(text).toContain(
      "PL01 E8 1. Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh) Số lượng Năm 2023 40 44",
    );
    expect(text).toContain(
      "PL01 I8 1. Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh) Ngân sách Trung ương (NSTW) Năm 2023 100,826 1.100,5",
    );
    expect(text).toContain("PL01 H11 Tổng cộng Ngân sách Trung ương (NSTW) Giai đoạn 2021-2025 100,826 1.100,5");
    expect(page).toMatch(/<label for="comment">Ý kiến \(bắt buộc khi trả lại\)<\/label>/);
  });

  it("a first version lists every filled cell; English labels the measures", async () => {
    const { units } = await freshUnits(1);
    const v1 = await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: submission(units[0], PL01(3, "7")),
      }),
      201,
    );
    const cookie = await signIn(await tokenFor("reviewer"));
    const text = textOf(await html(await request(`/review/${v1.id}?lang=en`, { cookie })));
    expect(text).toContain("First version");
    expect(text).toContain(
      "PL01 I8 1. Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh) NSTW (triệu đồng) 2023 — 7",
    );
  });

  it("approve and return go through the API: comment required to return, audit written, status shown", async () => {
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
    const approved = await request(`/review/${a.id}/approve`, { cookie, form: { comment: "" } });
    expect(approved.status).toBe(303);
    expect(approved.headers.get("location")).toBe(`/review?done=approved&id=${a.id}`);
    expect(textOf(await html(await request(approved.headers.get("location")!, { cookie })))).toContain(
      `Đã duyệt báo cáo của Đơn vị thử 1, phiên bản 1.`,
    );

    const empty = await html(await request(`/review/${b.id}/return`, { cookie, form: { comment: "  " } }), 422);
    expect(textOf(empty)).toContain("Trả lại báo cáo cần ghi ý kiến để đơn vị biết phải sửa gì.");
    const returned = await request(`/review/${b.id}/return`, { cookie, form: { comment: "Thiếu số liệu năm 2024" } });
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
    expect(await html(await request("/review/no-such-id", { cookie }), 404)).toContain(
      "Không tìm thấy trang hoặc báo cáo này.",
    );
  });

  it("locks and unlocks a year from the page", async () => {
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
    const form = (action: string) => ({ template: own.id, kind: "execution", period: "2024", action });
    const lock = await request("/review/locks", { cookie, form: form("lock") });
    expect(lock.status).toBe(303);
    expect(lock.headers.get("location")).toBe("/review?done=locked&kind=execution&period=2024");
    const locks = await ok(await call("/api/locks", { token: await tokenFor("reviewer") }));
    expect(
      locks.locks.filter((l: { template: string }) => l.template === own.id).map((l: { period: string }) => l.period),
    ).toEqual(["2024"]);
    const page = await html(
      await request(`/review?template=${own.id}&done=locked&kind=execution&period=2024`, { cookie }),
    );
    expect(textOf(page)).toContain("Đã khóa năm 2024 (Thực hiện).");
    expect(textOf(page)).toContain("Đã khóa Mở khóa năm 2024");
    const unlock = await request("/review/locks", { cookie, form: form("unlock") });
    expect(unlock.headers.get("location")).toBe("/review?done=unlocked&kind=execution&period=2024");
    const after = await ok(await call("/api/locks", { token: await tokenFor("reviewer") }));
    expect(after.locks.filter((l: { template: string }) => l.template === own.id)).toEqual([]);
    const bad = await html(await request("/review/locks", { cookie, form: { ...form("lock"), period: "total" } }), 422);
    expect(textOf(bad)).toContain('Kỳ "total" không phải là một năm của mẫu biểu.');
  });
});
