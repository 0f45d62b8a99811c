// Issue 17, point 5: a token may carry an expiry, after which it is refused with its own code;
// its last use is recorded at most once a minute (no write per request); the list shows label,
// role, unit, issued, last used and expiry, never the secret or its hash. The Worker's clock is
// set by each call (tests/worker/support/clocked.ts): nothing here depends on the wall clock.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { at, plus, sqlLog } from "../support/clocked";
import { ADMIN, ok } from "../api/helpers";

const T0 = "2030-01-01T03:00:00.000Z";
/** The end of 2 January 2030 in Vietnam time, the expiry a token issued with "2030-01-02" gets. */
const END_OF_JAN_2 = "2030-01-02T16:59:59.999Z";

async function issue(body: Record<string, unknown>, moment = T0) {
  return ok<{ id: string; token: string; expires_at: string | null }>(
    await at(moment, "/api/admin/tokens", { token: ADMIN, json: body }),
    201,
  );
}

async function lastUsed(id: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT last_used_at FROM tokens WHERE id = ?").bind(id).first<{
    last_used_at: string | null;
  }>();
  return row!.last_used_at;
}

const codeOf = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code;

describe("tokens that expire", () => {
  it("a date means the end of that day in Vietnam time; the token works until then and is refused after", async () => {
    const issued = await issue({ role: "leader", label: "hết hạn 2/1/2030", expiresAt: "2030-01-02" });
    expect(issued.expires_at).toBe(END_OF_JAN_2);
    expect((await at(plus(T0, 3_600_000), "/api/me", { token: issued.token })).status).toBe(200);
    expect((await at(END_OF_JAN_2, "/api/me", { token: issued.token })).status).toBe(200);
    expect((await at(plus(END_OF_JAN_2, -1), "/api/me", { token: issued.token })).status).toBe(200);
    const after = await at(plus(END_OF_JAN_2, 1), "/api/me", { token: issued.token });
    expect(after.status).toBe(401);
    const body = (await after.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0].code).toBe("TOKEN_EXPIRED");
    expect(body.errors[0].message).toBe("Mã truy cập đã hết hạn; hãy xin quản trị viên cấp mã mới.");
    // A token without an expiry is not affected by any clock.
    const forever = await issue({ role: "leader" });
    expect(forever.expires_at).toBeNull();
    expect((await at("2099-12-31T00:00:00.000Z", "/api/me", { token: forever.token })).status).toBe(200);
  });

  it("an expiry already past when issued is refused, and an instant with an offset is kept exactly", async () => {
    const res = await at(T0, "/api/admin/tokens", { token: ADMIN, json: { role: "leader", expiresAt: "2029-12-31" } });
    expect(res.status).toBe(422);
    expect(await codeOf(res)).toBe("TOKEN_EXPIRY_PAST");
    const exact = await issue({ role: "reviewer", expiresAt: "2030-01-01T12:00:00+07:00" });
    expect(exact.expires_at).toBe("2030-01-01T05:00:00.000Z");
  });

  it("the sign-in form says the token has expired (401, in Vietnamese), and sets no cookie", async () => {
    const issued = await issue({ role: "leader", expiresAt: "2030-01-02" });
    const res = await at(plus(END_OF_JAN_2, 1), "/sign-in", { form: { token: issued.token } });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie") ?? "").not.toContain("kh157_session");
    expect(await res.text()).toContain("Mã truy cập đã hết hạn; hãy xin quản trị viên cấp mã mới.");
  });
});

describe("a token's last use", () => {
  it("is recorded at most once a minute, never moved back", async () => {
    const issued = await issue({ role: "leader" });
    expect(await lastUsed(issued.id)).toBeNull();
    const first = plus(T0, 5_000);
    expect((await at(first, "/api/me", { token: issued.token })).status).toBe(200);
    expect(await lastUsed(issued.id)).toBe(first);
    // Within the minute: many requests, no write (not even one that would change nothing).
    const log = sqlLog();
    const writes = () => log.statements.filter((sql) => /^\s*UPDATE tokens/i.test(sql)).length;
    for (const ms of [1, 30_000, 59_999, 60_000]) {
      expect((await at(plus(first, ms), "/api/me", { token: issued.token }, log.db)).status).toBe(200);
      expect(await lastUsed(issued.id), `+${ms} ms`).toBe(first);
    }
    expect(log.statements.length).toBeGreaterThan(0);
    expect(writes()).toBe(0);
    const later = plus(first, 60_001);
    await at(later, "/api/me", { token: issued.token }, log.db);
    expect(await lastUsed(issued.id)).toBe(later);
    expect(writes()).toBe(1);
    // A request with an earlier clock (another isolate, a late write) never moves it back.
    await at(plus(first, -120_000), "/api/me", { token: issued.token });
    expect(await lastUsed(issued.id)).toBe(later);
  });

  it("a refused (expired) token records no use", async () => {
    const issued = await issue({ role: "leader", expiresAt: "2030-01-02" });
    expect((await at(plus(END_OF_JAN_2, 1), "/api/me", { token: issued.token })).status).toBe(401);
    expect(await lastUsed(issued.id)).toBeNull();
  });
});

describe("the token list", () => {
  it("shows label, role, unit, issued, last used and expiry, never the token or its hash", async () => {
    const issued = await issue({ role: "reviewer", label: "Phòng TC-KH tỉnh", expiresAt: "2030-06-30" });
    await at(plus(T0, 1_000), "/api/me", { token: issued.token });
    const hash = (await env.DB.prepare("SELECT hash FROM tokens WHERE id = ?")
      .bind(issued.id)
      .first<{ hash: string }>())!.hash;
    const res = await at(plus(T0, 2_000), "/api/admin/tokens", { token: ADMIN });
    const text = await res.text();
    expect(text).not.toContain(issued.token);
    expect(text).not.toContain(hash);
    const row = (JSON.parse(text) as { tokens: Record<string, unknown>[] }).tokens.find((t) => t.id === issued.id)!;
    expect(row).toEqual({
      id: issued.id,
      role: "reviewer",
      unit: null,
      label: "Phòng TC-KH tỉnh",
      created_at: T0,
      created_by: "admin-env",
      revoked_at: null,
      expires_at: "2030-06-30T16:59:59.999Z",
      last_used_at: plus(T0, 1_000),
    });
  });
});
