import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../worker";
import type { Env } from "../../../worker/env";
import { workbook, XLSX_TYPE } from "../../pages/support/workbooks";
import { signIn } from "../../pages/workerd/page-client";
import { call, type CallInit, count, freshUnits, submission, tokenFor } from "../api/helpers";
import { ManualWindowLimiter } from "../support/manual-window-limiter";

// The limits' logic runs against a limiter whose window moves only when the test says so: the
// real binding's windows are aligned to the wall clock, and a run that straddles a boundary would
// see its count reset (a test must not depend on where a window falls). The last test proves the
// real bindings are configured and consulted by the Worker as deployed.
type Overrides = Partial<Pick<Env, "FAILED_SIGNIN_LIMITER" | "SUBMISSION_LIMITER" | "TRUST_CF_CONNECTING_IP">>;

/**
 * A request as a client sends it over HTTP: with `request.cf`, which Cloudflare (and wrangler
 * dev) attach to every request from a client. `deployed` (the default) is the deployed Worker,
 * which trusts CF-Connecting-IP; `local` is `npm start`, which does not.
 */
interface ClientInit extends CallInit {
  where?: "deployed" | "local";
  cookie?: string;
}

async function callWith(overrides: Overrides, path: string, init: ClientInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.cookie) headers.Cookie = init.cookie;
  let body = init.body;
  if (init.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  const method = init.method ?? (body !== undefined ? "POST" : "GET");
  if (method !== "GET" && !init.token) headers.Origin = "http://local.test";
  const request = new Request(`http://local.test${path}`, {
    method,
    headers,
    body,
    redirect: "manual",
    cf: { colo: "SGN" },
  } as RequestInit);
  const ctx = createExecutionContext();
  const trust = (init.where ?? "deployed") === "deployed" ? "true" : "false";
  const res = await app.fetch(request, { ...env, TRUST_CF_CONNECTING_IP: trust, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const codeOf = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code;

const WRONG = "kh157_not-a-valid-token-at-all";

/** `n` failed sign-ins through the API from `ip`; answers their statuses. */
async function failures(
  limiter: ManualWindowLimiter,
  ip: string,
  n: number,
  where: "deployed" | "local" = "deployed",
): Promise<number[]> {
  const statuses: number[] = [];
  for (let k = 0; k < n; k++)
    statuses.push(
      (
        await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/api/me", {
          token: WRONG,
          where,
          headers: { "CF-Connecting-IP": ip },
        })
      ).status,
    );
  return statuses;
}

describe("rate limits", () => {
  it("failed sign-ins from one address are cut off with 429; other addresses are not", async () => {
    const limiter = new ManualWindowLimiter(20);
    const from = (ip: string) =>
      callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/api/me", { token: WRONG, headers: { "CF-Connecting-IP": ip } });
    const statuses: number[] = [];
    for (let k = 0; k < 21; k++) statuses.push((await from("203.0.113.7")).status);
    expect(statuses.slice(0, 20)).toEqual(new Array(20).fill(401));
    expect(statuses[20]).toBe(429);
    const limited = await from("203.0.113.7");
    expect(limited.status).toBe(429);
    expect(await codeOf(limited)).toBe("TOO_MANY_ATTEMPTS");
    expect((await from("198.51.100.9")).status).toBe(401);
    limiter.nextWindow();
    expect((await from("203.0.113.7")).status).toBe(401);
    expect(limiter.calls.every((k) => k.startsWith("signin:"))).toBe(true);
  });

  it("the pages' sign-in form is limited the same way", async () => {
    const limiter = new ManualWindowLimiter(20);
    const statuses: number[] = [];
    for (let k = 0; k < 21; k++) {
      const form = new URLSearchParams({ token: "kh157_wrong-token-for-the-form" });
      const res = await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/sign-in", {
        body: form,
        headers: { "CF-Connecting-IP": "203.0.113.99", "Content-Type": "application/x-www-form-urlencoded" },
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, 20).includes(429)).toBe(false);
  });

  it("submissions per token are limited with 429 and Retry-After, per token, until the next window", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const limiter = new ManualWindowLimiter(5);
    const post = (t: string) =>
      callWith({ SUBMISSION_LIMITER: limiter }, "/api/submissions?dryRun=true", { token: t, json: body });
    const body = submission(units[0], { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } });
    const statuses: number[] = [];
    for (let k = 0; k < 5; k++) statuses.push((await post(token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await post(token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("60");
    expect(await codeOf(limited)).toBe("RATE_LIMITED");
    const other = await tokenFor("submitter", units[0]);
    expect((await post(other)).status).toBe(200);
    limiter.nextWindow();
    expect((await post(token)).status).toBe(200);
  });

  it("an address over the failed sign-in limit is refused even with a valid token, through the API and a page cookie", async () => {
    const limiter = new ManualWindowLimiter(20);
    const ip = "203.0.113.41";
    const leader = await tokenFor("leader");
    const cookie = await signIn(leader);
    expect(await failures(limiter, ip, 21)).toEqual([...new Array(20).fill(401), 429]);
    // A right guess from that address now reveals nothing: refused like a wrong one.
    const right = await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/api/me", {
      token: leader,
      headers: { "CF-Connecting-IP": ip },
    });
    expect(right.status).toBe(429);
    expect(await codeOf(right)).toBe("TOO_MANY_ATTEMPTS");
    expect(right.headers.get("Retry-After")).toBe("60");
    const page = await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/dashboard", {
      cookie,
      headers: { "CF-Connecting-IP": ip },
    });
    expect(page.status).toBe(429);
    const frontDoor = await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/", {
      cookie,
      headers: { "CF-Connecting-IP": ip },
    });
    expect(frontDoor.headers.get("location")).toBe("/sign-in");
    // Another address is not affected, and a valid token from an address in good standing is never counted.
    const calls = limiter.calls.length;
    for (let k = 0; k < 25; k++)
      expect(
        (
          await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/api/me", {
            token: leader,
            headers: { "CF-Connecting-IP": "198.51.100.41" },
          })
        ).status,
      ).toBe(200);
    expect(limiter.calls.length).toBe(calls);
    // The next window lets the valid token in again.
    limiter.nextWindow();
    expect(
      (
        await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/api/me", {
          token: leader,
          headers: { "CF-Connecting-IP": ip },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/dashboard", {
          cookie,
          headers: { "CF-Connecting-IP": ip },
        })
      ).status,
    ).toBe(200);
  });

  it("the sign-in form refuses a valid token from an address over the limit, and sets no cookie", async () => {
    const limiter = new ManualWindowLimiter(20);
    const ip = "203.0.113.42";
    const form = (token: string) =>
      callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/sign-in", {
        body: new URLSearchParams({ token }),
        headers: { "CF-Connecting-IP": ip, "Content-Type": "application/x-www-form-urlencoded" },
      });
    const statuses: number[] = [];
    for (let k = 0; k < 20; k++) statuses.push((await form("kh157_wrong-token-for-the-form")).status);
    expect(statuses).toEqual(new Array(20).fill(401));
    const valid = await tokenFor("reviewer");
    const refused = await form(valid);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("set-cookie") ?? "").not.toContain("kh157_session");
    expect(await refused.text()).toContain("Quá nhiều lần đăng nhập sai");
    limiter.nextWindow();
    const accepted = await form(valid);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("set-cookie")).toContain("kh157_session");
  });

  it("locally a client-sent CF-Connecting-IP is not trusted: every local request is one address", async () => {
    const limiter = new ManualWindowLimiter(20);
    const statuses: number[] = [];
    // Each attempt claims another address; locally they all count as the one address "local".
    for (let k = 0; k < 21; k++) statuses.push(...(await failures(limiter, `192.0.2.${k + 1}`, 1, "local")));
    expect(statuses).toEqual([...new Array(20).fill(401), 429]);
    expect(new Set(limiter.calls)).toEqual(new Set(["signin:local"]));
    // Deployed, the same header is Cloudflare's own (the edge overwrites a client's copy).
    const deployed = new ManualWindowLimiter(20);
    for (let k = 0; k < 21; k++) await failures(deployed, `192.0.2.${k + 1}`, 1, "deployed");
    expect(deployed.calls).toEqual(Array.from({ length: 21 }, (_, k) => `signin:192.0.2.${k + 1}`));
  });

  it("the upload page counts against the same per-token submission limit as the API", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const cookie = await signIn(token);
    const limiter = new ManualWindowLimiter(3);
    const upload = (key: string) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ template: "kh-157-2023", unit: units[0], kind: "plan" })) form.set(k, v);
      form.set("file", new File([workbook()], "ke-hoach.xlsx", { type: XLSX_TYPE }));
      return callWith({ SUBMISSION_LIMITER: limiter }, `/district/upload?key=${key}`, { cookie, body: form });
    };
    const api = () =>
      callWith({ SUBMISSION_LIMITER: limiter }, "/api/submissions?dryRun=true", {
        token,
        json: submission(units[0], { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } }),
      });
    expect((await upload(crypto.randomUUID())).status).toBe(303);
    expect((await api()).status).toBe(200);
    expect((await upload(crypto.randomUUID())).status).toBe(303);
    expect(limiter.calls).toHaveLength(3);
    expect(new Set(limiter.calls).size).toBe(1); // one key: the token's
    // The fourth submission, whichever way it comes, is over the limit.
    const before = await count("snapshots");
    const page = await upload(crypto.randomUUID());
    expect(page.status).toBe(429);
    expect(page.headers.get("Retry-After")).toBe("60");
    expect(await page.text()).toContain("RATE_LIMITED");
    expect((await api()).status).toBe(429);
    expect(await count("snapshots")).toBe(before);
    limiter.nextWindow();
    expect((await upload(crypto.randomUUID())).status).toBe(303);
  });

  it("the deployed configuration binds both limiters and the Worker consults them", async () => {
    // wrangler.toml's [[ratelimits]] reach the Worker as real bindings (miniflare's local copy).
    expect(typeof env.SUBMISSION_LIMITER?.limit).toBe("function");
    expect(typeof env.FAILED_SIGNIN_LIMITER?.limit).toBe("function");
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const body = submission(units[0], { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } });
    expect((await call("/api/submissions?dryRun=true", { token, json: body })).status).toBe(200);
    expect((await env.SUBMISSION_LIMITER!.limit({ key: "probe" })).success).toBe(true);
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    call("/api/submissions", {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
      },
    });

  it("answers the task pane's origin", async () => {
    const res = await preflight("https://localhost:8787");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("https://localhost:8787");
    expect(res.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("idempotency-key");
  });

  it("does not answer any other origin", async () => {
    for (const origin of ["https://evil.example", "http://localhost:8787", "null"]) {
      const res = await preflight(origin);
      expect(res.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
      const get = await call("/api/health", { headers: { Origin: origin } });
      expect(get.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
    }
  });
});
