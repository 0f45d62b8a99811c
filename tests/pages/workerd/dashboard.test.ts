// The leadership dashboard: printed tables with % of plan, two SVG charts (a wide and a phone
// drawing) with title and description, the status board as of the chosen day, a day-first
// "as of" field kept as YYYY-MM-DD in addresses, the three downloads, returned versions said,
// publishing with a confirmation (reviewers only, leaders told who), published reports as
// their printed form with their workbook, English.
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { readXlsx } from "../../../worker/xlsx";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn, textOf } from "./page-client";

/** A template of its own with these units expected, so the status board holds only them. */
async function ownTemplate(units: string[]): Promise<string> {
  const id = `kh-dash-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  await ok(await call("/api/templates", { token: ADMIN, json: { ...getTemplate("kh-157-2023")!, id } }), 201);
  await ok(await call("/api/admin/expected-units", { token: ADMIN, json: { template: id, units } }));
  return id;
}

const FIGURES = { PL01: { "2": { quantity: { "2024": 7 }, NSTW: { "2024": "12.5" } } } };

describe("dashboard", () => {
  it("shows the printed appendices, charts, status board, picker, downloads and published reports", async () => {
    const { units } = await freshUnits(1);
    await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: submission(units[0], FIGURES),
      }),
      201,
    );
    await ok(await call("/api/consolidated/publish", { token: await tokenFor("reviewer"), json: {} }), 201);
    const cookie = await signIn(await tokenFor("leader"));
    const page = await html(await request("/dashboard", { cookie }));
    const text = textOf(page);
    for (const a of ["PL01", "PL02", "PL03"]) expect(page).toContain(`<table class="printed" id="printed-${a}"`);
    // The printed header: merged cells as rowspan/colspan, the STT column spanning the header rows;
    // STT and the item column are pinned (they stay in view when a phone scrolls the table).
    expect(page).toMatch(/<th scope="col" rowspan="3" class="pin-stt">STT<\/th>/);
    expect(page).toMatch(/<th scope="colgroup" colspan="4">Số lượng<\/th>/);
    expect(page).toMatch(
      /<tr class="total" data-item="total"><td class="center pin-stt"><\/td><th scope="row" class="pin-label">Tổng cộng<\/th>/,
    );
    expect(page).toMatch(/<span class="pct" title="so với kế hoạch tỉnh">[\d.]+(,\d)? %<\/span>/);
    // Charts: two drawings (wide, and a phone's width) each with title and description reading out every value.
    for (const id of ["chart-items", "chart-units"]) {
      expect(page).toMatch(
        new RegExp(
          `<svg class="chart wide" viewBox="0 0 760 \\d+" role="img" aria-labelledby="${id}-title ${id}-desc"`,
        ),
      );
      expect(page).toMatch(
        new RegExp(
          `<svg class="chart narrow" viewBox="0 0 340 \\d+" role="img" aria-labelledby="${id}-narrow-title ${id}-narrow-desc"`,
        ),
      );
      expect(page).toContain(`<title id="${id}-title">`);
    }
    expect(page).toMatch(
      /<desc id="chart-items-desc">Kinh phí giai đoạn \(NSTW \+ NSĐP, triệu đồng\) của từng mục[^<]*PL01 · 1\. Bản tin[^<]*Kế hoạch tỉnh 1\.209,915/,
    );
    // Status board of the expected units, with counts.
    expect(text).toMatch(/\d+ đã duyệt · \d+ chờ duyệt · \d+ bị trả lại · \d+ chưa nộp/);
    expect(page).toContain('<tr data-unit="STTTT">');
    // Picker: a GET form with labelled fields; the day is a text field, day first, never a date picker.
    expect(page).toMatch(/<form method="get" action="\/dashboard"/);
    for (const f of ["kind", "basis", "asOf"]) expect(page).toContain(`<label for="${f}">`);
    expect(page).toMatch(
      /<input id="asOf" name="asOf" type="text" inputmode="numeric"[^>]* placeholder="dd\/mm\/yyyy"/,
    );
    expect(page).not.toContain('type="date"');
    // Three downloads, the one for people first, each with a line saying what it is for.
    const query = "template=kh-157-2023&amp;kind=plan&amp;basis=latest";
    const downloads = page.slice(
      page.indexOf('<ul class="downloads"'),
      page.indexOf("</ul>", page.indexOf('<ul class="downloads"')),
    );
    expect(
      [...downloads.matchAll(/href="([^"]+)"[^>]*>([^<]+)<\/a><span class="hint"[^>]*>([^<]+)</g)].map((m) => [
        m[1],
        m[2],
      ]),
    ).toEqual([
      [`/api/consolidated?${query}&amp;format=xlsx`, "Bảng tính Excel (.xlsx) — nên dùng"],
      [`/api/consolidated?${query}&amp;format=csv-vi`, "CSV cho Excel tiếng Việt"],
      [`/api/consolidated?${query}&amp;format=csv`, "CSV cho phần mềm (dấu chấm thập phân)"],
    ]);
    expect(textOf(downloads)).toContain("Mở thẳng bằng Excel tiếng Việt sẽ đọc sai số.");
    const xlsx = await request("/api/consolidated?template=kh-157-2023&kind=plan&basis=latest&format=xlsx", { cookie });
    expect(xlsx.status).toBe(200);
    // Published reports open as their printed form, not as JSON.
    expect(page).toContain('<table class="stack" id="published">');
    expect(page).toMatch(/href="\/dashboard\/published\/[0-9a-f-]{36}">Xem bản in<\/a>/);
    expect(page).not.toMatch(/href="\/api\/consolidated\/published/);
    // A leader is told who publishes; no publish button.
    expect(text).toContain("Người duyệt công bố số tổng hợp");
    expect(page).not.toContain('action="/dashboard/publish"');
  });

  it("the 'as of' day: typed day first it becomes YYYY-MM-DD in the address; not a day, an error next to the field", async () => {
    const cookie = await signIn(await tokenFor("leader"));
    const past = textOf(
      await html(await request("/dashboard?asOf=2001-01-01&basis=approved&kind=execution", { cookie })),
    );
    expect(past).toContain("Số liệu Thực hiện (bản đã duyệt) tính đến 01/01/2001, gồm 0 đơn vị.");
    expect(past).toContain("Chưa có số liệu để vẽ.");
    // What the form sends when a person types 01/09/2023: answered with the ISO address.
    const typed = await request("/dashboard?template=kh-157-2023&kind=plan&basis=latest&asOf=01%2F09%2F2023", {
      cookie,
    });
    expect(typed.status).toBe(303);
    expect(typed.headers.get("location")).toBe(
      "/dashboard?template=kh-157-2023&kind=plan&basis=latest&asOf=2023-09-01",
    );
    const shown = await html(await request(typed.headers.get("location")!, { cookie }));
    expect(shown).toMatch(/<input id="asOf"[^>]* value="01\/09\/2023"/);
    expect(textOf(shown)).toContain("tính đến 01/09/2023");
    expect(shown).toContain("asOf=2023-09-01&amp;format=xlsx");
    // Not a day: the page says so next to the field (and shows no figures for a day it cannot read).
    for (const [asOf, says] of [
      ["31%2F02%2F2023", "“31/02/2023” không phải một ngày. Hãy viết ngày/tháng/năm, ví dụ 01/09/2023."],
      ["2001-13-45", "“2001-13-45” không phải một ngày."],
      ["hôm qua", "“hôm qua” không phải một ngày."],
      ["1999-12-31", "Chỉ chọn được ngày từ 01/01/2000 đến 31/12/9999."],
    ]) {
      const bad = await html(
        await request(`/dashboard?asOf=${encodeURIComponent(decodeURIComponent(asOf))}`, { cookie }),
        400,
      );
      const field = bad.slice(bad.indexOf('<div class="date-field">'), bad.indexOf('id="asOf-hint"'));
      expect(field, asOf).toMatch(/aria-describedby="asOf-error asOf-hint" aria-invalid="true"/);
      expect(textOf(field), asOf).toContain(says);
      expect(bad, asOf).not.toContain('id="printed-PL01"');
    }
    const en = textOf(await html(await request("/dashboard?asOf=31%2F02%2F2023&lang=en", { cookie }), 400));
    expect(en).toContain("“31/02/2023” is not a date. Write day/month/year, e.g. 01/09/2023.");
  });

  it("the status board follows the 'as of' day; a returned version is said and the one counted named", async () => {
    const { units } = await freshUnits(2);
    const template = await ownTemplate(units);
    const token = await tokenFor("submitter", units[0]);
    const post = (figures: object) =>
      call("/api/submissions", { token, json: { ...submission(units[0], figures), template } });
    await ok(await post(FIGURES), 201);
    const v2 = await ok(await post({ PL01: { "2": { quantity: { "2024": 8 }, NSTW: { "2024": "13" } } } }), 201);
    await ok(
      await call(`/api/submissions/${v2.id}/return`, {
        token: await tokenFor("reviewer"),
        json: { comment: "Sai năm 2024" },
      }),
    );
    const cookie = await signIn(await tokenFor("leader"));
    const now = await html(await request(`/dashboard?template=${template}`, { cookie }));
    const row = (page: string, unit: string) =>
      textOf(
        page.slice(
          page.indexOf(`<tr data-unit="${unit}">`),
          page.indexOf("</tr>", page.indexOf(`<tr data-unit="${unit}">`)),
        ),
      );
    expect(row(now, units[0])).toMatch(
      /^ ?Đơn vị thử 1 Bị trả lại 2 \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Sai năm 2024 1 ?$/,
    );
    expect(row(now, units[1])).toMatch(/Đơn vị thử 2 Chưa nộp/);
    expect(textOf(now)).toContain("0 đã duyệt · 0 chờ duyệt · 1 bị trả lại · 1 chưa nộp");
    const note = now.slice(
      now.indexOf('id="returned-notes"'),
      now.indexOf("</div>", now.indexOf('id="returned-notes"')),
    );
    expect(textOf(note)).toContain(
      "Báo cáo bị trả lại Đơn vị thử 1: phiên bản 2 bị trả lại nên không được cộng; đang cộng phiên bản 1.",
    );
    expect(textOf(now)).toContain("Gồm: Đơn vị thử 1 (phiên bản 1).");
    // As of a day before anything was stored, nobody had submitted.
    const before = await html(await request(`/dashboard?template=${template}&asOf=2001-01-01`, { cookie }));
    expect(textOf(before)).toContain("Trạng thái tính đến 01/01/2001.");
    expect(textOf(before)).toContain("0 đã duyệt · 0 chờ duyệt · 0 bị trả lại · 2 chưa nộp");
    expect(before).not.toContain('id="returned-notes"');
  });

  it("a reviewer publishes after a confirmation; the published report opens as its printed form with its workbook", async () => {
    const { units } = await freshUnits(1);
    const template = await ownTemplate(units);
    await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: { ...submission(units[0], FIGURES), template },
      }),
      201,
    );
    const reviewer = await signIn(await tokenFor("reviewer"));
    const dash = await html(await request(`/dashboard?template=${template}&asOf=2099-12-31`, { cookie: reviewer }));
    expect(dash).toContain('<form method="get" action="/dashboard/publish" id="publish">');
    expect(dash).toContain(`<input type="hidden" name="asOf" value="2099-12-31"/>`);
    const question = await html(
      await request(`/dashboard/publish?template=${template}&kind=plan&basis=latest&asOf=2099-12-31`, {
        cookie: reviewer,
      }),
    );
    expect(textOf(question)).toContain(
      "Bản công bố giữ nguyên số liệu kế hoạch (bản mới nhất) tính đến 31/12/2099 của 1 đơn vị",
    );
    expect(question).toContain(
      '<form method="post" action="/dashboard/publish" class="card narrow" id="publish-confirm">',
    );
    expect(
      (await ok(await call(`/api/consolidated/published?template=${template}`, { token: ADMIN }))).published,
    ).toEqual([]);
    const done = await request("/dashboard/publish", {
      cookie: reviewer,
      form: { template, kind: "plan", basis: "latest", asOf: "2099-12-31" },
    });
    expect(done.status).toBe(303);
    const location = done.headers.get("location")!;
    expect(location).toMatch(/^\/dashboard\/published\/[0-9a-f-]{36}\?done=published$/);
    const [row] = (await ok(await call(`/api/consolidated/published?template=${template}`, { token: ADMIN })))
      .published;
    expect(row.asOf).toBe("2099-12-31T16:59:59.999Z");
    // The published report: facts, the printed form, the workbook.
    const leader = await signIn(await tokenFor("leader"));
    const page = await html(await request(location, { cookie: leader }));
    const text = textOf(page);
    expect(text).toContain("Đã công bố bản tổng hợp.");
    expect(text).toContain("Bản công bố: Kế hoạch, tính đến 31/12/2099 23:59");
    expect(text).toMatch(
      /Công bố lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Loại Kế hoạch Cơ sở Bản mới nhất Tính đến ngày 31\/12\/2099 23:59/,
    );
    expect(text).toMatch(/Gồm Đơn vị thử 1 \(phiên bản 1\) Mã kiểm tra [0-9a-f]{12} /);
    expect(page).toContain('<table class="printed" id="printed-PL01"');
    expect(page).toMatch(/<tr data-item="2">.*?<td class="num">12,5<span class="pct"/);
    const file = await request(`/dashboard/published/${row.id}/xlsx`, { cookie: leader });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; filename="cong-bo-kh-dash-[\w-]+-plan-\d{2}-\d{2}-\d{4}\.xlsx"$/,
    );
    const sheets = readXlsx(new Uint8Array(await file.arrayBuffer()));
    const cells = sheets.flatMap((g) => g.values.flat()).map(String);
    expect(cells).toContain("Bản công bố – tổng hợp kế hoạch – bản mới nhất – tính đến 31/12/2099 23:59");
    expect(cells.some((v) => v.includes(`Mã kiểm tra: ${row.sha256}`))).toBe(true);
    expect(cells.some((v) => v.includes("Đơn vị thử 1 (phiên bản 1)"))).toBe(true);
    expect((await request("/dashboard/published/no-such-id", { cookie: leader })).status).toBe(404);
  });

  it("a leader cannot publish, and is told who can", async () => {
    const leader = await signIn(await tokenFor("leader"));
    for (const res of [
      await request("/dashboard/publish?kind=plan", { cookie: leader }),
      await request("/dashboard/publish", { cookie: leader, form: { template: "kh-157-2023", basis: "latest" } }),
    ]) {
      const page = await html(res, 403);
      expect(textOf(page)).toContain("Chỉ người duyệt (hoặc quản trị viên) mới công bố được số tổng hợp.");
    }
  });

  it("?lang=en switches the page to English and a cookie remembers it", async () => {
    const cookie = await signIn(await tokenFor("reviewer"));
    const res = await request("/dashboard?lang=en", { cookie });
    const page = await html(res);
    expect(page).toMatch(/^<!doctype html><html lang="en">/);
    expect(textOf(page)).toContain("Province dashboard");
    expect(page).toContain('<a class="lang" href="/dashboard?lang=vi" hreflang="vi" lang="vi">Tiếng Việt</a>');
    for (const label of [
      "Excel workbook (.xlsx) — recommended",
      "CSV for Excel in Vietnamese",
      "CSV for software (decimal point)",
      "Publish these totals…",
    ])
      expect(textOf(page)).toContain(label);
    const lang = res.headers.get("set-cookie") ?? "";
    expect(lang).toMatch(/^lang=en;/);
    const next = await html(await request("/review", { cookie: `${cookie}; ${lang.split(";")[0]}` }));
    expect(textOf(next)).toContain("Review reports");
    // Numbers stay vi-VN in English.
    expect(textOf(await html(await request("/dashboard?lang=en", { cookie })))).toMatch(/Province plan 1\.209,915/);
  });
});
