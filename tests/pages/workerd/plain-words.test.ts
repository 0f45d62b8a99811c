// What officers read is in a finance office's words (issue 15, point 8): no "cookie",
// "JavaScript", "SHA-256", "API", "hash" or "JSON", unit names rather than codes, stable error
// codes only behind the "for technical support" disclosure, dates day first (point 3); and a
// browser asking for an unknown address gets a page, while API clients keep their JSON.
import { describe, expect, it } from "vitest";
import { call, freshUnits, ok, submission, tokenFor } from "../../worker/api/helpers";
import { plantedTotalError, workbook, XLSX_TYPE } from "../support/workbooks";
import { html, request, signIn, textOf } from "./page-client";

const JARGON = /cookie|javascript|sha-?256|\bapi\b|\bhash\b|\bjson\b/i;

/** What a person reads: the page's text without the support codes kept behind their disclosure. */
function readable(page: string): string {
  return textOf(page.replace(/<details class="code">.*?<\/details>/gs, ""));
}

function upload(unit: string, bytes: Uint8Array<ArrayBuffer>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ template: "kh-157-2023", unit, kind: "plan" })) f.set(k, v);
  f.set("file", new File([bytes], "ke-hoach.xlsx", { type: XLSX_TYPE }));
  return f;
}

describe("plain words", () => {
  it("no page an officer reads says cookie, JavaScript, SHA-256, API, hash or JSON, or a unit's code", async () => {
    const { units } = await freshUnits(1);
    const unit = units[0];
    const token = await tokenFor("submitter", unit);
    // One version through the API (another program), one returned, one uploaded.
    const byApi = await ok(await call("/api/submissions", { token, json: submission(unit, {}) }), 201);
    await ok(
      await call(`/api/submissions/${byApi.id}/return`, {
        token: await tokenFor("reviewer"),
        json: { comment: "Thiếu" },
      }),
    );
    const district = await signIn(token);
    const posted = await request("/district/upload", { cookie: district, form: upload(unit, workbook()) });
    expect(posted.status).toBe(303);
    await ok(await call("/api/consolidated/publish", { token: await tokenFor("reviewer"), json: {} }), 201);
    const reviewer = await signIn(await tokenFor("reviewer"));
    const leader = await signIn(await tokenFor("leader"));
    const published = (await ok(await call("/api/consolidated/published", { token: await tokenFor("leader") })))
      .published[0].id;
    const pages: [string, string, string | undefined, number?][] = [
      ["sign-in", "/sign-in", undefined],
      ["receipt", posted.headers.get("location")!, district],
      ["district", "/district", district],
      ["review list", "/review", reviewer],
      ["review detail", `/review/${byApi.id}`, reviewer],
      ["lock question", "/review/locks/confirm?template=kh-157-2023&kind=plan&period=2023", reviewer],
      ["dashboard (reviewer)", "/dashboard", reviewer],
      ["dashboard (leader)", "/dashboard", leader],
      ["publish question", "/dashboard/publish?kind=plan", reviewer],
      ["published", `/dashboard/published/${published}`, leader],
      ["not found", "/khong-co-trang-nay", leader, 404],
      ["forbidden", "/review", leader, 403],
    ];
    for (const lang of ["vi", "en"]) {
      for (const [name, path, cookie, status] of pages) {
        const url = `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;
        const text = readable(await html(await request(url, { cookie, headers: { Accept: "text/html" } }), status));
        expect(text, `${name} (${lang})`).not.toMatch(JARGON);
        expect(text, `${name} (${lang})`).not.toContain(unit);
        // Every date a person reads is day first (30/11/2026), never an ISO date or time.
        expect(text, `${name} (${lang})`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      }
    }
    // A version sent by another program is said so, not "API".
    expect(textOf(await html(await request("/district", { cookie: district })))).toContain("Phần mềm khác");
    // The report of a refused upload: its codes only behind the disclosure.
    const report = await html(
      await request("/district/upload", {
        cookie: district,
        form: upload(unit, workbook(undefined, plantedTotalError)),
      }),
      422,
    );
    expect(readable(report)).not.toContain("GRAND_TOTAL_MISMATCH");
    expect(readable(report)).not.toMatch(JARGON);
    expect(report).toContain("<code>GRAND_TOTAL_MISMATCH</code>");
  });

  it("a browser asking for an unknown address gets a page; the API and its clients keep JSON", async () => {
    const page = await request("/khong-co-trang-nay?lang=en", {
      headers: { Accept: "text/html,application/xhtml+xml" },
    });
    const body = await html(page, 404);
    expect(body).toMatch(/^<!doctype html><html lang="en">/);
    expect(textOf(body)).toContain("This page or report was not found.");
    expect(body).toContain('<a href="/">Home</a>');
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(textOf(await html(await request("/khong-co", { headers: { Accept: "text/html" } }), 404))).toContain(
      "Không tìm thấy trang hoặc báo cáo này.",
    );
    for (const [path, accept] of [
      ["/khong-co", "application/json"],
      ["/khong-co", undefined],
      ["/api/khong-co", "text/html"],
    ] as const) {
      const res = await request(path, { headers: accept ? { Accept: accept } : {} });
      expect(res.status, `${path} ${accept}`).toBe(404);
      expect(res.headers.get("content-type"), `${path} ${accept}`).toMatch(/^application\/json/);
      expect(((await res.json()) as { errors: { code: string }[] }).errors[0].code).toBe("NOT_FOUND");
    }
  });
});
