// Issue 17, point 5: the pages' sign-in creates a session. The cookie carries a random session id
// (never the token), stored only as its SHA-256; the session ends 12 hours after sign-in (decision
// 0009: the person is sent to sign in again with a Vietnamese message), at sign-out, or with its
// token. The Worker's clock is set by each call: nothing here depends on the wall clock.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { at, plus } from "../support/clocked";
import { ADMIN, ok } from "../api/helpers";

const T0 = "2030-05-04T01:00:00.000Z";
const HOUR = 3_600_000;

async function issue(body: Record<string, unknown> = { role: "leader" }) {
  return ok<{ id: string; token: string }>(await at(T0, "/api/admin/tokens", { token: ADMIN, json: body }), 201);
}

async function signIn(token: string, moment = T0): Promise<{ cookie: string; id: string; setCookie: string }> {
  const res = await at(moment, "/sign-in", { form: { token } });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0];
  return { cookie, id: cookie.slice(cookie.indexOf("=") + 1), setCookie };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const sessionRows = async (hash: string) =>
  (await env.DB.prepare("SELECT * FROM sessions WHERE hash = ?").bind(hash).all()).results;

describe("the session cookie", () => {
  it("carries a session id, not the token; only its SHA-256 is stored; it lasts 12 hours", async () => {
    const { token, id: tokenId } = await issue();
    const { id, setCookie } = await signIn(token);
    expect(id).toMatch(/^kh157s_[\w-]{43}$/);
    expect(id).not.toBe(token);
    expect(setCookie).not.toContain(token);
    expect(setCookie.toLowerCase()).toContain("max-age=43200");
    const rows = await sessionRows(await sha256Hex(id));
    expect(rows).toEqual([
      { hash: await sha256Hex(id), token_id: tokenId, created_at: T0, expires_at: plus(T0, 12 * HOUR) },
    ]);
    const stored = JSON.stringify(await env.DB.prepare("SELECT * FROM sessions").all());
    expect(stored).not.toContain(id);
    expect(stored).not.toContain(token);
    // Two sign-ins are two sessions: the id is random, not derived from the token.
    expect((await signIn(token)).id).not.toBe(id);
  });

  it("the bootstrap administrator (ADMIN_TOKEN, no row in tokens) signs in to a session too", async () => {
    const { cookie, id } = await signIn(ADMIN);
    expect((await sessionRows(await sha256Hex(id)))[0]).toMatchObject({ token_id: "admin-env" });
    expect(await ok(await at(plus(T0, HOUR), "/api/me", { cookie }))).toMatchObject({ role: "admin" });
    expect((await at(plus(T0, 12 * HOUR), "/api/me", { cookie })).status).toBe(401);
  });

  it("the session id is not a token: sent as Bearer it is refused", async () => {
    const { token } = await issue();
    const { id } = await signIn(token);
    expect((await at(plus(T0, 1), "/api/me", { token: id })).status).toBe(401);
  });
});

describe("a session expires after 12 hours", () => {
  it("works until then; afterwards the page sends the person to sign in again, saying why", async () => {
    const { token } = await issue();
    const { cookie, id } = await signIn(token);
    expect((await at(plus(T0, 12 * HOUR - 1), "/dashboard", { cookie })).status).toBe(200);
    const res = await at(plus(T0, 12 * HOUR), "/dashboard", { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?expired=session&next=%2Fdashboard");
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-kh157_session=;.*Max-Age=0/);
    const page = await at(plus(T0, 12 * HOUR), res.headers.get("location")!);
    expect(await page.text()).toContain("Phiên đăng nhập đã hết hạn (sau 12 giờ); hãy đăng nhập lại.");
    // The ended session is gone from the database.
    expect(await sessionRows(await sha256Hex(id))).toEqual([]);
    // Signing in again works, and goes back where the person was.
    const again = await at(plus(T0, 12 * HOUR), "/sign-in", { form: { token, next: "/dashboard" } });
    expect(again.headers.get("location")).toBe("/dashboard");
  });

  it("a download through the API with an expired session is refused with SESSION_EXPIRED", async () => {
    const { token } = await issue();
    const { cookie } = await signIn(token);
    expect((await at(plus(T0, HOUR), "/api/me", { cookie })).status).toBe(200);
    const res = await at(plus(T0, 13 * HOUR), "/api/me", { cookie });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0].code).toBe("SESSION_EXPIRED");
    expect(body.errors[0].message).toContain("12 giờ");
  });

  it("ends early when its token expires, and says so", async () => {
    // The token's last instant comes before the session's 12 hours are up.
    const { token } = await issue({ role: "leader", expiresAt: "2030-05-04T10:00:00Z" });
    const { cookie } = await signIn(token);
    expect((await at(plus(T0, HOUR), "/dashboard", { cookie })).status).toBe(200);
    expect((await at("2030-05-04T10:00:00.000Z", "/dashboard", { cookie })).status).toBe(200);
    const res = await at("2030-05-04T10:00:00.001Z", "/dashboard", { cookie });
    expect(res.headers.get("location")).toBe("/sign-in?expired=token&next=%2Fdashboard");
    const page = await at("2030-05-04T10:00:00.001Z", res.headers.get("location")!);
    expect(await page.text()).toContain("Mã truy cập đã hết hạn");
  });
});

describe("sign-out", () => {
  it("deletes the session: the same cookie sent again is not signed in", async () => {
    const { token } = await issue();
    const { cookie, id } = await signIn(token);
    expect((await at(plus(T0, 1), "/dashboard", { cookie })).status).toBe(200);
    const out = await at(plus(T0, 2), "/sign-out", { method: "POST", cookie });
    expect(out.headers.get("location")).toBe("/sign-in?out=1");
    expect(await sessionRows(await sha256Hex(id))).toEqual([]);
    // A copy of the cookie kept by someone else is useless now.
    const replay = await at(plus(T0, 3), "/dashboard", { cookie });
    expect(replay.status).toBe(303);
    expect(replay.headers.get("location")).toBe("/sign-in?next=%2Fdashboard");
    expect((await at(plus(T0, 3), "/api/me", { cookie })).status).toBe(401);
  });

  it("revoking the token ends its sessions", async () => {
    const { token, id: tokenId } = await issue();
    const { cookie, id } = await signIn(token);
    await ok(await at(plus(T0, 1), `/api/admin/tokens/${tokenId}`, { method: "DELETE", token: ADMIN }));
    expect(await sessionRows(await sha256Hex(id))).toEqual([]);
    expect((await at(plus(T0, 2), "/dashboard", { cookie })).status).toBe(303);
  });

  it("a session records its token's use at most once a minute, like the token", async () => {
    const { token, id: tokenId } = await issue();
    const { cookie } = await signIn(token, plus(T0, 1_000));
    const used = async () =>
      (await env.DB.prepare("SELECT last_used_at FROM tokens WHERE id = ?")
        .bind(tokenId)
        .first<{ last_used_at: string }>())!.last_used_at;
    expect(await used()).toBe(plus(T0, 1_000));
    await at(plus(T0, 30_000), "/dashboard", { cookie });
    expect(await used()).toBe(plus(T0, 1_000));
    await at(plus(T0, 62_000), "/dashboard", { cookie });
    expect(await used()).toBe(plus(T0, 62_000));
  });
});
