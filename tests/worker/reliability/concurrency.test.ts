import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, freshUnits, submission, tokenFor } from "../api/helpers";

const figures = (q: number) => ({ PL02: { "1": { quantity: { "2023": q }, NSTW: { "2023": "0.8" } } } });

async function versionsOf(unit: string): Promise<number[]> {
  const { results } = await env.DB.prepare("SELECT version FROM snapshots WHERE unit = ? ORDER BY version")
    .bind(unit)
    .all<{ version: number }>();
  return results.map((r) => r.version);
}

describe("concurrent submissions to one report", () => {
  it("200 at once get 200 distinct consecutive versions, none lost or duplicated", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, k) =>
        call("/api/submissions", { token, json: submission(units[0], figures(k + 1)) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(new Array(200).fill(201));
    const receipts = (await Promise.all(responses.map((r) => r.json()))) as { version: number; id: string }[];
    const versions = receipts.map((r) => r.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 200 }, (_, k) => k + 1));
    expect(new Set(receipts.map((r) => r.id)).size).toBe(200);
    expect(await versionsOf(units[0])).toEqual(versions);
    // The latest-per-report row (decision 0022) names the newest of them, and created_at follows version.
    const latest = await env.DB.prepare("SELECT latest_version, counted_version FROM report_latest WHERE unit = ?")
      .bind(units[0])
      .first();
    expect(latest).toEqual({ latest_version: 200, counted_version: 200 });
    const { results } = await env.DB.prepare("SELECT created_at FROM snapshots WHERE unit = ? ORDER BY version")
      .bind(units[0])
      .all<{ created_at: string }>();
    const times = results.map((r) => r.created_at);
    expect(times).toEqual([...times].sort());
  });

  it("with the same baseVersion exactly one wins and the others get a clean 409", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, k) =>
        call("/api/submissions", { token, json: submission(units[0], figures(k + 1), { baseVersion: 0 }) }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await versionsOf(units[0])).toEqual([1]);
  });

  it("parallel retries with one Idempotency-Key give one snapshot", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const headers = { "Idempotency-Key": `retry-${units[0]}` };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call("/api/submissions", { token, headers, json: submission(units[0], figures(3)) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(new Array(20).fill(201));
    const ids = new Set(((await Promise.all(responses.map((r) => r.json()))) as { id: string }[]).map((r) => r.id));
    expect(ids.size).toBe(1);
    expect(await versionsOf(units[0])).toEqual([1]);
  });
});
