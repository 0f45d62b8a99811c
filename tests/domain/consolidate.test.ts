// Consolidation: four units' submissions add up, exactly and in any order, to the province
// figures; the comparison with the plan gives the expected percentages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareWithPlan,
  DomainError,
  type Figures,
  sumFigures,
  sumTrees,
  toFigureTree,
  validateJsonAppendices,
} from "../../domain";
import { expectedTree, rebalance, treeToFigures, treeToJson, type Tree, YEARS } from "./support/fixture";
import { fromScaled, toScaled } from "./support/exact";
import { template } from "./support/grids";

const expected = expectedTree();
const MEASURES = ["quantity", "NSTW", "NSDP"] as const;

/** Uneven shares in per cent for units 1–3; unit 4 takes the remainder. */
const SHARES = [37n, 29n, 3n];

function split(total: bigint): bigint[] {
  const parts = SHARES.map((s) => (total * s) / 100n);
  return [...parts, total - parts.reduce((a, b) => a + b, 0n)];
}

/** Four units' year figures (money in thousandths, zeros left empty) that add up to the plan. */
function unitTrees(): Tree[] {
  const units: Tree[] = [{}, {}, {}, {}];
  for (const [a, items] of Object.entries(expected)) {
    for (const [i, f] of Object.entries(items)) {
      if (i === "total") continue;
      units.forEach((u) => ((u[a] ??= {})[i] = { quantity: {}, NSTW: {}, NSDP: {} }));
      for (const m of MEASURES) {
        for (const y of YEARS) {
          const v = f[m][y];
          if (v === undefined) continue;
          const parts = split(m === "quantity" ? BigInt(v) : toScaled(String(v), 3));
          parts.forEach((p, k) => {
            if (p === 0n) return;
            if (m === "quantity") units[k][a][i].quantity[y] = Number(p);
            else units[k][a][i][m][y] = fromScaled(p, 3);
          });
        }
      }
    }
  }
  return units;
}

/** The test's own sum of the units' decimal strings (BigInt), totals recomputed. */
function independentSum(units: Tree[]): Tree {
  const out: Tree = {};
  for (const u of units) {
    for (const [a, items] of Object.entries(u)) {
      for (const [i, f] of Object.entries(items)) {
        const o = ((out[a] ??= {})[i] ??= { quantity: {}, NSTW: {}, NSDP: {} });
        for (const y of Object.keys(f.quantity)) o.quantity[y] = (o.quantity[y] ?? 0) + f.quantity[y];
        for (const m of ["NSTW", "NSDP"] as const) {
          for (const [y, v] of Object.entries(f[m]))
            o[m][y] = fromScaled(toScaled(o[m][y] ?? "0", 6) + toScaled(v, 6), 6);
        }
      }
    }
  }
  return rebalance(out);
}

function unitFigures(units: Tree[]): Figures[] {
  return units.map((u) => {
    const ev = validateJsonAppendices(template, treeToJson(u, { money: "string" }));
    expect(ev.report.errors).toEqual([]);
    return ev.figures;
  });
}

describe("consolidating four units", () => {
  const units = unitTrees();

  it("the shares are really uneven, with decimals and empty cells", () => {
    expect(units[0].PL01["1"].NSTW["2023"]).toBe("149.222");
    expect(units[3].PL01["1"].NSTW["2023"]).not.toBe(units[0].PL01["1"].NSTW["2023"]);
    expect(units[2].PL03["2"].quantity["2023"]).toBeUndefined();
  });

  it("each unit's submission is valid on its own", () => {
    for (const u of units) expect(validateJsonAppendices(template, treeToJson(u)).report.valid).toBe(true);
  });

  it("sums to the test's own BigInt sum, which is the plan itself", () => {
    const sum = toFigureTree(template, sumFigures(unitFigures(units)));
    expect(sum).toEqual(independentSum(units));
    expect(sum).toEqual(expected);
    expect(sum.PL01.total.NSTW.total).toBe("3921.03");
    expect(sum.PL03.total.NSTW.total).toBe("135.42");
  });

  it("sumTrees straight from the canonical trees gives the same sum", () => {
    const trees = unitFigures(units).map((f) => toFigureTree(template, f));
    expect(toFigureTree(template, sumTrees(template, trees))).toEqual(independentSum(units));
  });

  it("no unit fills NSĐP, so the consolidated NSĐP stays empty rather than 0", () => {
    const sum = toFigureTree(template, sumFigures(unitFigures(units)));
    expect(sum.PL01.total.NSDP).toEqual({});
    expect(sum.PL03["3"].quantity).toEqual({});
  });

  it("gives the same totals in any order of units (property)", () => {
    const figures = unitFigures(units);
    const reference = toFigureTree(template, sumFigures(figures));
    fc.assert(
      fc.property(fc.shuffledSubarray(figures, { minLength: 4, maxLength: 4 }), (shuffled) => {
        expect(toFigureTree(template, sumFigures(shuffled))).toEqual(reference);
      }),
    );
  });

  it("does not change the units' own figures", () => {
    const figures = unitFigures(units);
    const before = JSON.stringify(figures);
    sumFigures(figures);
    expect(JSON.stringify(figures)).toBe(before);
  });
});

describe("sumFigures on arbitrary figures", () => {
  const cell = fc.record({
    a: fc.constantFrom("PL01", "PL02", "PL03"),
    i: fc.constantFrom("1", "2", "3", "total"),
    m: fc.constantFrom("quantity", "NSTW", "NSDP"),
    p: fc.constantFrom("total", "2023", "2024", "2025"),
    v: fc.integer({ min: 0, max: 10 ** 12 }),
  });
  const figures = fc.array(cell, { maxLength: 25 }).map((cells) => {
    const f: Figures = {};
    for (const c of cells) (((f[c.a] ??= {})[c.i] ??= {})[c.m] ??= {})[c.p] = c.v;
    return f;
  });

  it("is order-independent and equals the BigInt sum of every cell (property)", () => {
    fc.assert(
      fc.property(
        fc
          .array(figures, { minLength: 1, maxLength: 12 })
          .chain((list) =>
            fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
          ),
        ([list, shuffled]) => {
          const sum = sumFigures(list);
          expect(sumFigures(shuffled)).toEqual(sum);
          const exact = new Map<string, bigint>();
          for (const f of list) {
            for (const a in f)
              for (const i in f[a])
                for (const m in f[a][i])
                  for (const p in f[a][i][m]) {
                    const k = `${a}|${i}|${m}|${p}`;
                    exact.set(k, (exact.get(k) ?? 0n) + BigInt(f[a][i][m][p]));
                  }
          }
          const got = new Map<string, bigint>();
          for (const a in sum)
            for (const i in sum[a])
              for (const m in sum[a][i])
                for (const p in sum[a][i][m]) got.set(`${a}|${i}|${m}|${p}`, BigInt(sum[a][i][m][p]));
          expect(got).toEqual(exact);
        },
      ),
    );
  });

  it("of nothing is empty", () => {
    expect(sumFigures([])).toEqual({});
  });

  it("sumTrees over canonical trees gives exactly what sumFigures gives (property)", () => {
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 12 }), (list) => {
        const viaTrees = sumTrees(
          template,
          list.map((f) => toFigureTree(template, f)),
        );
        const viaFigures = sumFigures(list);
        expect(toFigureTree(template, viaTrees)).toEqual(toFigureTree(template, viaFigures));
      }),
    );
  });

  it("sumTrees refuses a cell the template does not have and money that is not canonical", () => {
    expect(() => sumTrees(template, [{ PL09: { "1": { NSTW: { "2023": "1" } } } }])).toThrow(DomainError);
    expect(() => sumTrees(template, [{ PL01: { "1": { NSTW: { "2023": "1,5" } } } }])).toThrow(DomainError);
  });
});

describe("compareWithPlan", () => {
  const plan = treeToFigures(expected);

  it("gives value, plan and percent with one decimal for a known case", () => {
    const t = structuredClone(expected);
    t.PL01["2"].quantity["2023"] = 30; // 30 of 88 posters: 34,09…% → 34.1
    t.PL01.total.NSTW.total = "1960.515"; // half of 3921.03 → 50
    t.PL01["1"].NSDP["2023"] = "5"; // no NSĐP in the plan: no percent
    const c = compareWithPlan(template, treeToFigures(t), plan);
    expect(c.PL01["2"].quantity["2023"]).toEqual({ value: 30, plan: 88, percent: 34.1 });
    expect(c.PL01.total.NSTW.total).toEqual({ value: 1_960_515_000, plan: 3_921_030_000, percent: 50 });
    expect(c.PL01["1"].NSDP["2023"]).toEqual({ value: 5_000_000 });
    expect(c.PL03.total.NSTW.total).toEqual({ value: 135_420_000, plan: 135_420_000, percent: 100 });
    expect(c.PL01["1"].NSDP.total).toBeUndefined();
  });

  it("shows the plan where nothing was reported, and no percent against a zero plan", () => {
    const zeroPlan: Figures = { PL02: { "1": { NSDP: { "2023": 0 } } } };
    const c = compareWithPlan(template, { PL02: { "1": { NSDP: { "2023": 7_000_000 } } } }, zeroPlan);
    expect(c.PL02["1"].NSDP["2023"]).toEqual({ value: 7_000_000, plan: 0 });
    const empty = compareWithPlan(template, {}, plan);
    expect(empty.PL02["1"].quantity.total).toEqual({ plan: 600 });
  });

  it("without a plan, only values", () => {
    const c = compareWithPlan(template, plan, undefined);
    expect(c.PL01["1"].quantity["2023"]).toEqual({ value: 160 });
  });
});
