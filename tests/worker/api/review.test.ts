import { describe, expect, it } from "vitest";
import { call, freshUnits, ok, pause, splitPlan, submission, tokenFor } from "./helpers";

const PL02 = (q: number, money: string) => ({ PL02: { "1": { quantity: { "2023": q }, NSTW: { "2023": money } } } });

describe("review, as-of and publishing", () => {
  it("approve and return change what basis=approved includes", async () => {
    const { root, units } = await freshUnits(2);
    const reviewer = await tokenFor("reviewer");
    const ids: string[] = [];
    for (const [k, unit] of units.entries()) {
      const r = await ok(
        await call("/api/submissions", {
          token: await tokenFor("submitter", unit),
          json: submission(unit, PL02(10 * (k + 1), "8")),
        }),
        201,
      );
      ids.push(r.id);
    }
    const total = async (basis: string) =>
      (await ok(await call(`/api/consolidated?basis=${basis}&unit=${root}`, { token: reviewer }))).appendices.PL02.total
        .quantity.total;
    expect(await total("approved")).toBeUndefined();
    expect(await total("latest")).toBe(30);

    await ok(await call(`/api/submissions/${ids[0]}/approve`, { token: reviewer, json: { comment: "Đạt" } }));
    expect(await total("approved")).toBe(10);
    const returned = await ok(
      await call(`/api/submissions/${ids[1]}/return`, { token: reviewer, json: { comment: "Sai đơn giá" } }),
    );
    expect(returned.status).toBe("returned");
    expect(await total("approved")).toBe(10);
    await ok(await call(`/api/submissions/${ids[1]}/approve`, { token: reviewer, json: {} }));
    expect(await total("approved")).toBe(30);
    await ok(await call(`/api/submissions/${ids[0]}/return`, { token: reviewer, json: { comment: "Xem lại" } }));
    expect(await total("approved")).toBe(20);

    const detail = await ok(await call(`/api/submissions/${ids[0]}`, { token: reviewer }));
    expect(detail).toMatchObject({ status: "returned", reviewComment: "Xem lại", unit: units[0], version: 1 });
    const noComment = await call(`/api/submissions/${ids[0]}/return`, { token: reviewer, json: { comment: " " } });
    expect(noComment.status).toBe(422);
  });

  it("asOf before a resubmission returns the earlier figures", async () => {
    const { root, units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(5, "4")) }), 201);
    await pause(5);
    const between = new Date().toISOString();
    await pause(5);
    const second = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(7, "5.6")) }), 201);
    expect(second.version).toBe(2);
    const leader = await tokenFor("leader");
    const then = await ok(
      await call(`/api/consolidated?unit=${root}&asOf=${encodeURIComponent(between)}`, { token: leader }),
    );
    const now = await ok(await call(`/api/consolidated?unit=${root}`, { token: leader }));
    expect(then.appendices.PL02["1"].NSTW["2023"]).toBe("4");
    expect(then.units[0].version).toBe(1);
    expect(now.appendices.PL02["1"].NSTW["2023"]).toBe("5.6");
    expect(now.units[0].version).toBe(2);
    expect(now.hash).not.toBe(then.hash);
  });

  it("a published report does not change when a unit resubmits", async () => {
    const { root, units } = await freshUnits(2);
    const parts = splitPlan(2);
    const tokens = [await tokenFor("submitter", units[0]), await tokenFor("submitter", units[1])];
    for (const k of [0, 1])
      await ok(await call("/api/submissions", { token: tokens[k], json: submission(units[k], parts[k]) }), 201);
    const reviewer = await tokenFor("reviewer");
    const published = await ok(await call("/api/consolidated/publish", { token: reviewer, json: { unit: root } }), 201);
    expect(published.units).toHaveLength(2);
    const before = await ok(await call(`/api/consolidated/published/${published.id}`, { token: reviewer }));

    await ok(await call("/api/submissions", { token: tokens[0], json: submission(units[0], PL02(1, "1")) }), 201);
    const after = await ok(await call(`/api/consolidated/published/${published.id}`, { token: reviewer }));
    expect(after).toEqual(before);
    expect(after.report.hash).toBe(published.sha256);
    const live = await ok(await call(`/api/consolidated?unit=${root}`, { token: reviewer }));
    expect(live.hash).not.toBe(published.sha256);
    const list = await ok(await call("/api/consolidated/published", { token: await tokenFor("leader") }));
    expect(list.published.some((p: { id: string }) => p.id === published.id)).toBe(true);
  });
});

describe("filtering by status", () => {
  it("finds a unit's waiting version even when newer reviewed ones fill the limit", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const reviewer = await tokenFor("reviewer");
    const first = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(1, "1")) }), 201);
    for (const q of [2, 3]) {
      const r = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(q, "1")) }), 201);
      await ok(await call(`/api/submissions/${r.id}/approve`, { token: reviewer, json: {} }));
    }
    const waiting = await ok(
      await call(`/api/submissions?unit=${units[0]}&status=submitted&limit=1`, { token: reviewer }),
    );
    expect(waiting.submissions.map((s: { id: string }) => s.id)).toEqual([first.id]);
    const approved = await ok(await call(`/api/submissions?unit=${units[0]}&status=approved`, { token: reviewer }));
    expect(approved.submissions.map((s: { version: number }) => s.version)).toEqual([3, 2]);
  });
});
