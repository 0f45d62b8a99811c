import { describe, expect, it } from "vitest";
import { call, count, countR2, freshUnits, ok, splitPlan, submission, tokenFor } from "./helpers";

const PL01 = (q: number) => ({
  PL01: { "1": { quantity: { "2023": q, "2024": q }, NSTW: { "2023": "2.5", "2024": "2.5" } } },
});

describe("submissions workflow", () => {
  it("a stale baseVersion gets 409 and stores nothing", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const first = await ok(
      await call("/api/submissions", { token, json: submission(units[0], PL01(1), { baseVersion: 0 }) }),
      201,
    );
    expect(first.version).toBe(1);
    const second = await ok(
      await call("/api/submissions", { token, json: submission(units[0], PL01(2), { baseVersion: 1 }) }),
      201,
    );
    expect(second.version).toBe(2);
    const before = await count("snapshots");
    const stale = await call("/api/submissions", { token, json: submission(units[0], PL01(3), { baseVersion: 1 }) });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0].code).toBe("STALE_BASE_VERSION");
    expect(body.errors[0].message).toContain("2");
    expect(await count("snapshots")).toBe(before);
  });

  it("a retried POST with the same Idempotency-Key returns the same snapshot", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const headers = { "Idempotency-Key": `key-${units[0]}` };
    const a = await ok(await call("/api/submissions", { token, headers, json: submission(units[0], PL01(4)) }), 201);
    const before = await count("snapshots");
    const res = await call("/api/submissions", { token, headers, json: submission(units[0], PL01(4)) });
    const b = await ok(res, 201);
    expect(res.headers.get("Idempotent-Replayed")).toBe("true");
    expect(b.id).toBe(a.id);
    expect(b.version).toBe(a.version);
    expect(b.sha256).toBe(a.sha256);
    expect(await count("snapshots")).toBe(before);
  });

  it("a locked year gives 423 when its figures change, and not when they stay", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const reviewer = await tokenFor("reviewer");
    await ok(
      await call("/api/submissions", { token, json: { ...submission(units[0], PL01(1)), kind: "execution" } }),
      201,
    );
    await ok(
      await call("/api/locks", {
        token: reviewer,
        json: { template: "kh-157-2023", kind: "execution", period: "2023" },
      }),
      201,
    );
    try {
      const changed2023 = {
        PL01: { "1": { quantity: { "2023": 9, "2024": 1 }, NSTW: { "2023": "2.5", "2024": "2.5" } } },
      };
      const locked = await call("/api/submissions", {
        token,
        json: { ...submission(units[0], changed2023), kind: "execution" },
      });
      expect(locked.status).toBe(423);
      expect(((await locked.json()) as { errors: { code: string }[] }).errors[0].code).toBe("PERIOD_LOCKED");
      const changed2024 = {
        PL01: { "1": { quantity: { "2023": 1, "2024": 6 }, NSTW: { "2023": "2.5", "2024": "2.5" } } },
      };
      await ok(
        await call("/api/submissions", { token, json: { ...submission(units[0], changed2024), kind: "execution" } }),
        201,
      );
    } finally {
      await ok(
        await call("/api/locks?template=kh-157-2023&kind=execution&period=2023", { method: "DELETE", token: reviewer }),
      );
    }
  });

  it("an invalid submission gives 422 with the report and stores nothing", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const tables = ["snapshots", "audit", "reviews", "published"];
    const before = await Promise.all(tables.map(count));
    const r2Before = await countR2();
    const bad = { PL01: { "1": { quantity: { "2023": 1.5, total: 4 }, NSTW: { "2023": "1.2345" } } } };
    const res = await call("/api/submissions", { token, json: submission(units[0], bad) });
    expect(res.status).toBe(422);
    const report = (await res.json()) as { valid: boolean; errors: { code: string; cell: string; message: string }[] };
    expect(report.valid).toBe(false);
    const codes = report.errors.map((e) => `${e.code}@${e.cell}`);
    expect(codes).toContain("NOT_INTEGER@PL01!E8");
    expect(codes).toContain("TOO_MANY_DECIMALS@PL01!I8");
    expect(report.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await countR2()).toBe(r2Before);
  });

  it("dryRun validates without storing", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const before = await count("snapshots");
    const res = await ok(
      await call("/api/submissions?dryRun=true", { token, json: submission(units[0], splitPlan(1)[0]) }),
      200,
    );
    expect(res).toMatchObject({ valid: true, dryRun: true, errors: [] });
    expect(await count("snapshots")).toBe(before);
  });

  it("unknown or privileged fields are refused", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    for (const extra of [{ status: "approved" }, { version: 7 }, { sha256: "00" }]) {
      const res = await call("/api/submissions", { token, json: submission(units[0], PL01(1), extra) });
      expect(res.status).toBe(400);
    }
  });
});
