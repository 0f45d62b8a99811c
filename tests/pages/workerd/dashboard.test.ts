// The leadership dashboard: printed tables with % of plan, two SVG charts with title and
// description, the status board, the "as of" picker, downloads, published reports, English.
import { describe, expect, it } from "vitest";
import { call, freshUnits, ok, submission, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn, textOf } from "./page-client";

describe("dashboard", () => {
  it("shows the printed appendices, charts, status board, picker, downloads and published reports", async () => {
    const { units } = await freshUnits(1);
    await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: submission(units[0], { PL01: { "2": { quantity: { "2024": 7 }, NSTW: { "2024": "12.5" } } } }),
      }),
      201,
    );
    await ok(await call("/api/consolidated/publish", { token: await tokenFor("reviewer"), json: {} }), 201);
    const cookie = await signIn(await tokenFor("leader"));
    const page = await html(await request("/dashboard", { cookie }));
    const text = textOf(page);
    for (const a of ["PL01", "PL02", "PL03"]) expect(page).toContain(`<table class="printed" id="printed-${a}"`);
    // The printed header: merged cells as rowspan/colspan, the STT column spanning the header rows.
    expect(page).toMatch(/<th scope="col" rowspan="3">STT<\/th>/);
    expect(page).toMatch(/<th scope="colgroup" colspan="4">Số lượng<\/th>/);
    expect(page).toMatch(
      /<tr class="total" data-item="total"><td class="center"><\/td><th scope="row">Tổng cộng<\/th>/,
    );
    expect(page).toMatch(/<span class="pct" title="so với kế hoạch tỉnh">[\d.]+(,\d)? %<\/span>/);
    // Charts: SVG with title and description that reads out every value.
    for (const id of ["chart-items", "chart-units"]) {
      expect(page).toMatch(
        new RegExp(`<svg class="chart" viewBox="0 0 760 \\d+" role="img" aria-labelledby="${id}-title ${id}-desc"`),
      );
      expect(page).toContain(`<title id="${id}-title">`);
    }
    expect(page).toMatch(
      /<desc id="chart-items-desc">Kinh phí giai đoạn \(NSTW \+ NSĐP, triệu đồng\) của từng mục[^<]*PL01 · 1\. Bản tin[^<]*Kế hoạch tỉnh 1\.209,915/,
    );
    // Status board of the expected units, with counts.
    expect(text).toMatch(/\d+ đã duyệt · \d+ chờ duyệt · \d+ bị trả lại · \d+ chưa nộp/);
    expect(page).toContain('<tr data-unit="STTTT">');
    // Picker: a GET form with labelled fields; downloads point at the API (which takes the cookie for GET).
    expect(page).toMatch(/<form method="get" action="\/dashboard"/);
    for (const f of ["kind", "basis", "asOf"]) expect(page).toContain(`<label for="${f}">`);
    expect(page).toContain(
      'href="/api/consolidated?template=kh-157-2023&amp;kind=plan&amp;basis=latest&amp;format=xlsx"',
    );
    const xlsx = await request("/api/consolidated?template=kh-157-2023&kind=plan&basis=latest&format=xlsx", { cookie });
    expect(xlsx.status).toBe(200);
    // Published reports.
    expect(page).toContain('<table class="stack" id="published">');
    expect(page).toMatch(/href="\/api\/consolidated\/published\/[0-9a-f-]{36}"/);
  });

  it("as of a day before anything was submitted, nothing is included; a bad date is ignored", async () => {
    const cookie = await signIn(await tokenFor("leader"));
    const past = textOf(
      await html(await request("/dashboard?asOf=2001-01-01&basis=approved&kind=execution", { cookie })),
    );
    expect(past).toContain("Số liệu Thực hiện (bản đã duyệt) tính đến 01/01/2001, gồm 0 đơn vị.");
    expect(past).toContain("Chưa có số liệu để vẽ.");
    const bad = await html(await request("/dashboard?asOf=2001-13-45&kind=nope&basis=x", { cookie }));
    expect(bad).toContain('<input id="asOf" name="asOf" type="date" value=""');
    expect(bad).toMatch(/<option value="plan" selected="">/);
  });

  it("?lang=en switches the page to English and a cookie remembers it", async () => {
    const cookie = await signIn(await tokenFor("reviewer"));
    const res = await request("/dashboard?lang=en", { cookie });
    const page = await html(res);
    expect(page).toMatch(/^<!doctype html><html lang="en">/);
    expect(textOf(page)).toContain("Province dashboard");
    expect(page).toContain('<a class="lang" href="/dashboard?lang=vi" hreflang="vi" lang="vi">Tiếng Việt</a>');
    const lang = res.headers.get("set-cookie") ?? "";
    expect(lang).toMatch(/^lang=en;/);
    const next = await html(await request("/review", { cookie: `${cookie}; ${lang.split(";")[0]}` }));
    expect(textOf(next)).toContain("Review reports");
    // Numbers stay vi-VN in English.
    expect(textOf(await html(await request("/dashboard?lang=en", { cookie })))).toMatch(/Province plan 1\.209,915/);
  });
});
