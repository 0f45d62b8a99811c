// The district page without JavaScript: a plain multipart form post gives the receipt (after a
// 303) or the validation report (422) as HTML, the form to send the corrected file before the
// list of errors; the history shows status and comments, and a returned report a banner.
import { describe, expect, it } from "vitest";
import { call, count, countR2, freshUnits, ok, tokenFor } from "../../worker/api/helpers";
import { plantedTotalError, workbook, XLSX_TYPE } from "../support/workbooks";
import { html, request, signIn, textOf } from "./page-client";

function form(unit: string, bytes: Uint8Array<ArrayBuffer>, name = "ke-hoach.xlsx", kind = "plan"): FormData {
  const f = new FormData();
  f.set("template", "kh-157-2023");
  f.set("unit", unit);
  f.set("kind", kind);
  f.set("file", new File([bytes], name, { type: XLSX_TYPE }));
  return f;
}

function uploadAction(page: string): string {
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page)?.[1];
  expect(action).toMatch(/^\/district\/upload\?key=[0-9a-f-]{36}$/);
  return action!.replace(/&amp;/g, "&");
}

describe("district page", () => {
  it("shows the unit, the blank-template link, an upload form with labels and an empty history", async () => {
    const { units } = await freshUnits(1);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const page = await html(await request("/district", { cookie }));
    expect(textOf(page)).toContain("Đơn vị: Đơn vị thử 1 ");
    expect(textOf(page)).not.toContain(units[0]); // the unit's name, never its code
    expect(page).toContain('href="/api/templates/kh-157-2023/workbook"');
    expect(page).toMatch(/<label for="file">Tệp .xlsx hoặc .ods đã điền<\/label>/);
    expect(page).toMatch(/<label for="kind">Loại báo cáo<\/label>/);
    expect(page).toContain('<progress id="upload-progress"');
    expect(page).toContain('data-msg-progress="Đang tải lên {p} %"');
    expect(page).toContain("Đơn vị chưa nộp báo cáo nào.");
    const blank = await request("/api/templates/kh-157-2023/workbook");
    expect(blank.headers.get("content-type")).toBe(XLSX_TYPE);
  });

  it("a valid workbook posted without JavaScript answers 303 to the receipt: version, time, check code", async () => {
    const { units } = await freshUnits(1);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const action = uploadAction(await html(await request("/district", { cookie })));
    const res = await request(action, { cookie, form: form(units[0], workbook()) });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/district\?receipt=[0-9a-f-]{36}$/);
    const page = await html(await request(location, { cookie }));
    const text = textOf(page);
    expect(text).toContain("Đã nhận báo cáo");
    expect(text).toMatch(
      /Phiên bản 1 Thời điểm nộp \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Mã kiểm tra [0-9a-f]{12} Tệp ke-hoach.xlsx/,
    );
    const [snapshot] = (
      await ok(await call(`/api/submissions?unit=${units[0]}`, { token: await tokenFor("reviewer") }))
    ).submissions;
    expect(page).toContain(`title="${snapshot.sha256}">${snapshot.sha256.slice(0, 12)}</code>`);
    // History: one row, waiting for review, with both downloads.
    expect(text).toMatch(/1 Kế hoạch \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Tải tệp lên ke-hoach.xlsx Chờ duyệt/);
    expect(page).toContain(`href="/api/submissions/${snapshot.id}?format=xlsx"`);
    expect(page).toContain(`href="/api/submissions/${snapshot.id}/file"`);
    // The same form posted again (a double click) is the same snapshot, not a second one.
    const again = await request(action, { cookie, form: form(units[0], workbook()) });
    expect(again.headers.get("location")).toBe(location);
  });

  it("an invalid workbook answers 422 with the report as a table (sheet, cell, message) and stores nothing", async () => {
    const { units } = await freshUnits(1);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const before = [await count("snapshots"), await countR2()];
    const res = await request(uploadAction(await html(await request("/district", { cookie }))), {
      cookie,
      form: form(units[0], workbook(undefined, plantedTotalError)),
    });
    const page = await html(res, 422);
    const text = textOf(page);
    expect(text).toContain("Báo cáo chưa được nhận: 1 lỗi");
    expect(text).toContain("Sheet Ô Mục, năm Nội dung");
    // The row and column in words, then the message; the stable code (for support) behind a disclosure.
    expect(text).toMatch(
      /PL01 H11 Tổng cộng — NSTW giai đoạn 2021-2025 Dòng "Tổng cộng" ghi 3\.921,04, tổng các mục là 3\.921,03\. .{0,60}GRAND_TOTAL_MISMATCH/,
    );
    expect(page).toMatch(
      /<details class="code"><summary>[^<]+<\/summary><code>GRAND_TOTAL_MISMATCH<\/code><\/details>/,
    );
    expect([await count("snapshots"), await countR2()]).toEqual(before);
    // The page answered is the whole district page again, with a fresh form for the corrected
    // file placed before the list of errors (a long list never pushes it out of reach), the kind
    // sent chosen again.
    expect(page).toContain('<form method="post" action="/district/upload?key=');
    const [heading, upload, list] = ['id="report"', 'enctype="multipart/form-data"', 'id="report-list"'].map((m) =>
      page.indexOf(m),
    );
    expect(heading).toBeGreaterThan(0);
    expect(upload).toBeGreaterThan(heading);
    expect(list).toBeGreaterThan(upload);
    expect(text).toContain("Nộp lại tệp đã sửa");
    expect(page).toMatch(/<option value="plan" selected="">/);
  });

  it("a file that is not a workbook is refused with its code; English messages come from the catalogue", async () => {
    const { units } = await freshUnits(1);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const notZip = new TextEncoder().encode("STT,Nội dung\n1,Bản tin\n") as Uint8Array<ArrayBuffer>;
    const refused = await html(
      await request("/district/upload", { cookie, form: form(units[0], notZip, "bang.csv") }),
      422,
    );
    expect(textOf(refused)).toContain("Tệp không được nhận");
    // The code is for support, behind a disclosure, not in the message an officer reads.
    expect(refused).toContain(
      '<details class="code"><summary>Mã lỗi (cho bộ phận kỹ thuật)</summary><code>XLSX_NOT_ZIP</code>',
    );
    const en = await request("/district/upload?lang=en", {
      cookie,
      form: form(units[0], workbook(undefined, plantedTotalError)),
    });
    expect(textOf(await html(en, 422))).toContain(
      'PL01 H11 Tổng cộng — NSTW phase 2021-2025 The "Tổng cộng" row says 3.921,04; the items add up to 3.921,03.',
    );
  });

  it("a district cannot upload for another unit by editing the hidden field", async () => {
    const { units } = await freshUnits(2);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const before = await count("snapshots");
    const page = await html(await request("/district/upload", { cookie, form: form(units[1], workbook()) }), 403);
    expect(page).toContain("UNIT_FORBIDDEN");
    expect(await count("snapshots")).toBe(before);
  });

  it("the same figures again are answered with the version that has them, unless a new version is asked for", async () => {
    const { units } = await freshUnits(1);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const first = await request("/district/upload", { cookie, form: form(units[0], workbook()) });
    const again = await request("/district/upload", { cookie, form: form(units[0], workbook(), "lan-2.xlsx") });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`${first.headers.get("location")}&same=1`);
    const text = textOf(await html(await request(again.headers.get("location")!, { cookie })));
    expect(text).toContain("Báo cáo không thay đổi Số liệu giống phiên bản 1 đã nộp nên không lưu thêm phiên bản mới.");
    expect(text).not.toContain("Đã nhận báo cáo");
    const asked = form(units[0], workbook(), "lan-3.xlsx");
    asked.set("newVersion", "true");
    const stored = await request("/district/upload", { cookie, form: asked });
    const receipt = textOf(await html(await request(stored.headers.get("location")!, { cookie })));
    expect(receipt).toContain("đã được lưu thành phiên bản 2");
    const page = await html(await request("/district", { cookie }));
    expect(page).toContain('<input type="checkbox" id="newVersion" name="newVersion" value="true"');
  });

  it("the history shows the reviewer's decision and comment", async () => {
    const { units } = await freshUnits(1);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const location = (await request("/district/upload", { cookie, form: form(units[0], workbook()) })).headers.get(
      "location",
    )!;
    const id = new URL(location, "http://x").searchParams.get("receipt")!;
    await ok(
      await call(`/api/submissions/${id}/return`, {
        token: await tokenFor("reviewer"),
        json: { comment: "Năm 2024 thiếu số lượng áp phích." },
      }),
    );
    const page = await html(await request("/district", { cookie }));
    const text = textOf(page);
    expect(text).toContain("Bị trả lại Năm 2024 thiếu số lượng áp phích.");
    // The latest report was returned: a banner above the form says so, with the comment.
    const banner = page.slice(
      page.indexOf('id="returned-banner-plan"'),
      page.indexOf("</section>", page.indexOf('id="returned-banner-plan"')),
    );
    expect(textOf(banner)).toMatch(
      /Báo cáo kế hoạch phiên bản 1 đã bị trả lại Người duyệt trả lại lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, với ý kiến: Năm 2024 thiếu số lượng áp phích\. Hãy sửa/,
    );
    expect(page.indexOf('id="returned-banner-plan"')).toBeLessThan(page.indexOf('enctype="multipart/form-data"'));
    // A new version replaces it: no banner any more.
    await request("/district/upload", { cookie, form: form(units[0], workbook(), "lan-2.xlsx") });
    expect(await html(await request("/district", { cookie }))).not.toContain("returned-banner");
  });
});
