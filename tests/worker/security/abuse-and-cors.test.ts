import { describe, expect, it } from "vitest";
import { call, freshUnits, submission, tokenFor } from "../api/helpers";

describe("rate limits", () => {
  it("failed sign-ins from one address are cut off with 429; other addresses are not", async () => {
    const from = (ip: string) => call("/api/me", { token: "kh157_not-a-valid-token-at-all", headers: { "CF-Connecting-IP": ip } });
    const statuses: number[] = [];
    for (let k = 0; k < 25; k++) statuses.push((await from("203.0.113.7")).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const limited = await from("203.0.113.7");
    expect(((await limited.json()) as { errors: { code: string }[] }).errors[0].code).toBe("TOO_MANY_ATTEMPTS");
    expect((await from("198.51.100.9")).status).toBe(401);
  });

  it("the pages' sign-in form is limited the same way", async () => {
    let last = 0;
    for (let k = 0; k < 25; k++) {
      const form = new URLSearchParams({ token: "kh157_wrong-token-for-the-form" });
      const res = await call("/sign-in", { body: form, headers: { "CF-Connecting-IP": "203.0.113.99", "Content-Type": "application/x-www-form-urlencoded", Origin: "http://local.test" } });
      last = res.status;
    }
    expect(last).toBe(429);
  });

  it("submissions per token are limited with 429 and Retry-After", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const body = submission(units[0], { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } });
    let limited: Response | undefined;
    for (let k = 0; k < 320 && !limited; k++) {
      const res = await call("/api/submissions?dryRun=true", { token, json: body });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited).toBeDefined();
    expect(limited!.headers.get("Retry-After")).toBe("60");
    expect(((await limited!.json()) as { errors: { code: string }[] }).errors[0].code).toBe("RATE_LIMITED");
    const other = await tokenFor("submitter", units[0]);
    expect((await call("/api/submissions?dryRun=true", { token: other, json: body })).status).toBe(200);
  }, 60_000);
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
