// Pages and their promises (issue 8): a CSP without inline script, the sign-in cookie's flags,
// same-origin forms, roles, and the API taking the cookie for reads only.
import { describe, expect, it } from "vitest";
import { call, freshUnits, ok, submission, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn } from "./page-client";

const PAGES_WITHOUT_SIGN_IN = ["/sign-in", "/sign-in?lang=en"];

describe("security headers and markup", () => {
  it("every page has the CSP (script-src 'self', no inline), no framing, nosniff, no-store", async () => {
    const leader = await signIn(await tokenFor("leader"));
    const reviewer = await signIn(await tokenFor("reviewer"));
    const { units } = await freshUnits(1);
    const district = await signIn(await tokenFor("submitter", units[0]));
    const pages: [string, string | undefined][] = [
      ...PAGES_WITHOUT_SIGN_IN.map((p) => [p, undefined] as [string, undefined]),
      ["/district", district],
      ["/review", reviewer],
      ["/dashboard", leader],
      ["/dashboard", reviewer],
    ];
    for (const [path, cookie] of pages) {
      const res = await request(path, { cookie });
      const page = await html(res);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      // No inline script or style, no event-handler attributes, no javascript: links.
      expect(page.match(/<script\b[^>]*>/g), path).toEqual(['<script src="/static/app.js" defer="">']);
      expect(page, path).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(page, path).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
      expect(page, path).toMatch(/^<!doctype html><html lang="(vi|en)">/);
    }
  });

  it("the script and stylesheet are served as files with their types", async () => {
    const js = await request("/static/app.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await js.text()).toContain("upload");
    const css = await request("/static/app.css");
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect((await request("/static/other.js")).status).toBe(404);
  });
});

describe("sign-in", () => {
  it("a good token sets an HttpOnly, Secure, SameSite=Strict session cookie on Path=/ and lands on the role's page", async () => {
    const { units } = await freshUnits(1);
    for (const [role, home] of [
      ["submitter", "/district"],
      ["reviewer", "/review"],
      ["leader", "/dashboard"],
      ["admin", "/admin"],
    ] as const) {
      const token = await tokenFor(role, role === "submitter" ? units[0] : undefined);
      const res = await request("/sign-in", { form: { token } });
      expect(res.status, role).toBe(303);
      expect(res.headers.get("location"), role).toBe(home);
      const cookie = res.headers.get("set-cookie") ?? "";
      // The cookie carries a session id (issue 17), never the token itself.
      expect(cookie, role).toMatch(/^__Host-kh157_session=kh157s_[\w-]{43};/);
      expect(cookie, role).not.toContain(token);
      const flags = cookie.split(";").map((f) => f.trim().toLowerCase());
      for (const flag of ["httponly", "secure", "samesite=strict", "path=/"])
        expect(flags, `${role} ${flag}`).toContain(flag);
      expect(flags.some((f) => f.startsWith("domain="))).toBe(false);
    }
  });

  it("goes back to the page asked for, but never to another site", async () => {
    const token = await tokenFor("leader");
    const back = await request("/sign-in", { form: { token, next: "/dashboard?kind=execution" } });
    expect(back.headers.get("location")).toBe("/dashboard?kind=execution");
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      const res = await request("/sign-in", { form: { token, next } });
      expect(res.headers.get("location"), next).toBe("/dashboard");
    }
  });

  it("a wrong, malformed or revoked token is refused with a page and no cookie", async () => {
    const admin = (await import("../../worker/api/helpers")).ADMIN;
    const issued = await ok(await call("/api/admin/tokens", { token: admin, json: { role: "leader" } }), 201);
    await ok(await call(`/api/admin/tokens/${issued.id}`, { method: "DELETE", token: admin }));
    for (const token of ["kh157_wrong-token-000000000000", "<script>", "", issued.token]) {
      const res = await request("/sign-in", { form: { token } });
      const page = await html(res, 401);
      expect(res.headers.get("set-cookie") ?? "").not.toContain("kh157_session");
      expect(page).toContain("Mã truy cập không đúng hoặc đã bị thu hồi.");
      expect(page).not.toContain("&lt;script&gt;"); // the token is never echoed back
    }
  });

  it("a revoked token's cookie is dropped and the browser sent to sign in again", async () => {
    const admin = (await import("../../worker/api/helpers")).ADMIN;
    const issued = await ok(await call("/api/admin/tokens", { token: admin, json: { role: "leader" } }), 201);
    const cookie = await signIn(issued.token);
    expect((await request("/dashboard", { cookie })).status).toBe(200);
    await ok(await call(`/api/admin/tokens/${issued.id}`, { method: "DELETE", token: admin }));
    const res = await request("/dashboard", { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Fdashboard");
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-kh157_session=;.*Max-Age=0/);
  });

  it("sign-out clears the cookie", async () => {
    const cookie = await signIn(await tokenFor("leader"));
    const res = await request("/sign-out", { method: "POST", cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?out=1");
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-kh157_session=;.*Max-Age=0/);
    expect(await html(await request("/sign-in?out=1"))).toContain("Bạn đã đăng xuất.");
  });

  it("a form posted from another site is refused (Origin check on top of SameSite=Strict)", async () => {
    const token = await tokenFor("leader");
    for (const origin of ["https://evil.example", null]) {
      const res = await request("/sign-in", { form: { token }, origin });
      expect(res.status, String(origin)).toBe(403);
      expect(res.headers.get("set-cookie") ?? "").not.toContain("kh157_session");
      expect(await res.text()).toContain("không gửi từ trang của hệ thống");
    }
  });
});

describe("who may see which page", () => {
  it("without a cookie every page sends the browser to sign in, remembering where it was going", async () => {
    for (const path of ["/district", "/review", "/dashboard?kind=plan", "/review/some-id"]) {
      const res = await request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location"), path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    const home = await request("/");
    expect(home.headers.get("location")).toBe("/sign-in");
  });

  it("the front door sends a signed-in role to its own page", async () => {
    const res = await request("/", { cookie: await signIn(await tokenFor("reviewer")) });
    expect(res.headers.get("location")).toBe("/review");
  });

  it("roles are checked: a district cannot review, a leader cannot upload, nobody reviews without the role", async () => {
    const { units } = await freshUnits(1);
    const district = await signIn(await tokenFor("submitter", units[0]));
    const leader = await signIn(await tokenFor("leader"));
    for (const [path, cookie] of [
      ["/review", district],
      ["/dashboard", district],
      ["/district", leader],
      ["/review", leader],
    ] as const) {
      const page = await html(await request(path, { cookie }), 403);
      expect(page, path).toContain("Vai trò của bạn không dùng được trang này.");
    }
    const post = await request("/review/locks", {
      cookie: leader,
      form: { template: "kh-157-2023", kind: "plan", period: "2023", action: "lock" },
    });
    expect(post.status).toBe(403);
    // The pages added for issue 15: the lock question, publishing and published reports.
    await ok(await call("/api/consolidated/publish", { token: await tokenFor("reviewer"), json: {} }), 201);
    const [published] = (await ok(await call("/api/consolidated/published", { token: await tokenFor("leader") })))
      .published;
    for (const [path, cookie, says] of [
      ["/review/locks/confirm?template=kh-157-2023&kind=plan&period=2023", leader, "Người duyệt"],
      ["/dashboard/publish?kind=plan", district, "Lãnh đạo, Người duyệt"],
      [`/dashboard/published/${published.id}`, district, "Lãnh đạo, Người duyệt"],
      [`/dashboard/published/${published.id}/xlsx`, district, "Lãnh đạo, Người duyệt"],
    ] as const) {
      const page = await html(await request(path, { cookie }), 403);
      expect(page, path).toContain(`Trang này dành cho: ${says}.`);
    }
  });
});

describe("the API and the cookie", () => {
  it("takes the cookie for downloads (GET) but never for writes", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const cookie = await signIn(token);
    const receipt = await ok(await call("/api/submissions", { token, json: submission(units[0], {}) }), 201);
    const get = await request(`/api/submissions/${receipt.id}?format=xlsx`, { cookie });
    expect(get.status).toBe(200);
    expect(get.headers.get("content-type")).toMatch(/spreadsheetml/);
    const leader = await signIn(await tokenFor("leader"));
    const csv = await request("/api/consolidated?format=csv", { cookie: leader });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    // A write with only the cookie is unauthenticated, from this site or any other.
    const post = await request("/api/submissions", {
      cookie,
      headers: { "Content-Type": "application/json" },
      method: "POST",
    });
    expect(post.status).toBe(401);
    const del = await request("/api/locks?template=kh-157-2023&kind=plan&period=2023", {
      cookie: leader,
      method: "DELETE",
    });
    expect(del.status).toBe(401);
  });
});
