import { describe, expect, it } from "vitest";
import { call, fixtureTree, freshUnits, ok, splitPlan, submission, tokenFor } from "./helpers";

describe("four units submit plan figures that add up to the plan", () => {
  it("consolidated JSON equals kh-157-appendices.json figure for figure, and so does the CSV", async () => {
    const { root, units } = await freshUnits(4);
    const parts = splitPlan(4);
    for (const [k, unit] of units.entries()) {
      const token = await tokenFor("submitter", unit);
      const receipt = await ok(await call("/api/submissions", { token, json: submission(unit, parts[k]) }), 201);
      expect(receipt).toMatchObject({ unit, version: 1, status: "submitted", template: "kh-157-2023", kind: "plan" });
      expect(receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const leader = await tokenFor("leader");
    const report = await ok(
      await call(`/api/consolidated?template=kh-157-2023&kind=plan&unit=${root}`, { token: leader }),
    );
    expect(report.units.map((u: { unit: string }) => u.unit).sort()).toEqual([...units].sort());
    expect(report.appendices).toEqual(fixtureTree());
    expect(report.appendices.PL01.total.NSTW.total).toBe("3921.03");
    expect(report.appendices.PL03.total.NSTW.total).toBe("135.42");
    const grand = ["PL01", "PL02", "PL03"]
      .map((a) => Number(report.appendices[a].total.NSTW.total))
      .reduce((s, v) => s + v, 0);
    expect(grand.toFixed(2)).toBe("4536.45");
    // The plan of the province equals what the units add up to here: 100 % everywhere it prints.
    expect(report.percentOfPlan.PL01["1"].NSTW["2023"]).toBe(100);
    expect(report.hash).toMatch(/^[0-9a-f]{64}$/);

    const csvRes = await call(`/api/consolidated?template=kh-157-2023&kind=plan&unit=${root}&format=csv`, {
      token: leader,
    });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csvRes.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("appendix,item,stt,label,measure,period,value,plan,percent");
    const fromCsv: Record<string, any> = {};
    for (const line of lines.slice(1)) {
      const cells = line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
      const [appendix, item, , , measure, period, value] = cells;
      if (value === "") continue;
      (((fromCsv[appendix] ??= {})[item] ??= {})[measure] ??= {})[period] =
        measure === "quantity" ? Number(value) : value;
    }
    const expected = fixtureTree();
    for (const a of Object.keys(expected))
      for (const i of Object.keys(expected[a]))
        for (const m of Object.keys(expected[a][i])) {
          expect(fromCsv[a]?.[i]?.[m] ?? {}).toEqual(expected[a][i][m]);
        }
  });

  it("the same inputs always give the same hash", async () => {
    const { root, units } = await freshUnits(2);
    const parts = splitPlan(2);
    for (const [k, unit] of units.entries()) {
      await ok(
        await call("/api/submissions", { token: await tokenFor("submitter", unit), json: submission(unit, parts[k]) }),
        201,
      );
    }
    const leader = await tokenFor("leader");
    const a = await ok(await call(`/api/consolidated?unit=${root}`, { token: leader }));
    const b = await ok(
      await call(
        `/api/consolidated?unit=${root}&asOf=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
        { token: leader },
      ),
    );
    expect(b.hash).toBe(a.hash);
    expect(b.appendices).toEqual(a.appendices);
  });
});
