import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../worker";
import type { Env } from "../../../worker/env";
import { call, type CallInit, freshUnits, submission, tokenFor } from "../api/helpers";
import { ManualWindowLimiter } from "../support/manual-window-limiter";

// The limits' logic runs against a limiter whose window moves only when the test says so: the
// real binding's windows are aligned to the wall clock, and a run that straddles a boundary would
// see its count reset (a test must not depend on where a window falls). The last test proves the
// real bindings are configured and consulted by the Worker as deployed.
async function callWith(limiters: Partial<Pick<Env, "FAILED_SIGNIN_LIMITER" | "SUBMISSION_LIMITER">>, path: string, init: CallInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  const request = new Request(`http://local.test${path}`, { method: init.method ?? (body !== undefined ? "POST" : "GET"), headers, body });
  const ctx = createExecutionContext();
  const res = await app.fetch(request, { ...env, ...limiters }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const codeOf = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code;

describe("rate limits", () => {
  it("failed sign-ins from one address are cut off with 429; other addresses are not", async () => {
    const limiter = new ManualWindowLimiter(20);
    const from = (ip: string) => callWith({ FAILED_SIGNIN_LIMITER: limiter }, "/api/me", { token: "kh157_not-a-valid-token-at-all", headers: { "CF-Connecting-IP": ip } });
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
        headers: { "CF-Connecting-IP": "203.0.113.99", "Content-Type": "application/x-www-form-urlencoded", Origin: "http://local.test" },
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
    const post = (t: string) => callWith({ SUBMISSION_LIMITER: limiter }, "/api/submissions?dryRun=true", { token: t, json: body });
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
    call("/api/submissions", { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type,idempotency-key" } });

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
