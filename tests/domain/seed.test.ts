// The plan's own tables must read back exactly: from the seed's printed text, from the
// domain's printed sheets, and from canonical JSON, each against the independent fixture.
import { describe, expect, it } from "vitest";
import {
  type Evaluation,
  type FigureTree,
  getTemplate,
  type Grid,
  toFigureTree,
  validateJsonAppendices,
  validateWorkbook,
} from "../../domain";
import { APPENDIX_IDS, expectedTree, fixture, PERIODS, treeToJson } from "./support/fixture";
import { sumMoney } from "./support/exact";
import { printedGrids, seedGrids, seedGridsAsNumbers } from "./support/grids";

const template = getTemplate("kh-157-2023")!;
const expected = expectedTree();

function treeOf(ev: Evaluation): FigureTree {
  return toFigureTree(template, ev.figures);
}

function expectExactFigures(ev: Evaluation) {
  expect(ev.report.errors).toEqual([]);
  expect(ev.report.valid).toBe(true);
  expect(treeOf(ev)).toEqual(expected);
}

function grandTotalNSTW(tree: FigureTree): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of PERIODS) out[p] = sumMoney(APPENDIX_IDS.map((a) => String(tree[a].total.NSTW[p])));
  return out;
}

describe("the seed's printed tables", () => {
  it("parse into three grids with the seed's headers and cells", () => {
    const grids = seedGrids();
    expect(grids.map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03"]);
    const pl01 = grids[0];
    expect(pl01.values[0]).toEqual(["PHỤ LỤC 01"]);
    expect(pl01.values[4][0]).toBe("STT");
    // The seed's own text, before any parsing by the domain.
    expect(pl01.values[7]).toContain("1.209,915");
    expect(grids[2].values.flat()).toContain("06");
  });

  const cases: [string, () => Grid[], string[]][] = [
    ['as vi-VN text ("1.209,915", "06")', seedGrids, ["NUMBER_AS_TEXT"]],
    ["as numbers (what Excel keeps)", seedGridsAsNumbers, []],
  ];
  it.each(cases)("validate with zero errors and reproduce every figure of the fixture, %s", (_name, grids, allowed) => {
    const ev = validateWorkbook(template, grids());
    expectExactFigures(ev);
    for (const w of ev.report.warnings) expect(allowed).toContain(w.code);
  });

  it("text numbers are reported as such, on the cell where they were typed", () => {
    const ev = validateWorkbook(template, seedGrids());
    // PL01 row 8 (item 1), column H: NSTW phase total printed "1.209,915".
    expect(ev.report.warnings).toContainEqual(expect.objectContaining({ code: "NUMBER_AS_TEXT", cell: "PL01!H8" }));
    // "06" is plain digits: a leading zero is not a locale question.
    expect(ev.report.warnings.find((w) => w.cell === "PL03!D8")).toBeUndefined();
  });
});

describe("the domain's printed sheets, filled with the fixture's figures", () => {
  it("validate with no errors and no warnings, and read back exactly", () => {
    const ev = validateWorkbook(template, printedGrids(expected));
    expectExactFigures(ev);
    expect(ev.report.warnings).toEqual([]);
  });

  it("keep the seed's key totals: 3921.03 (PL01), 480 (PL02), 135.42 (PL03)", () => {
    const tree = treeOf(validateWorkbook(template, printedGrids(expected)));
    expect(tree.PL01.total.NSTW.total).toBe("3921.03");
    expect(tree.PL01.total.quantity.total).toBe(825);
    expect(tree.PL02.total.NSTW.total).toBe("480");
    expect(tree.PL03.total.NSTW.total).toBe("135.42");
    expect(tree.PL03.total.quantity).toEqual({});
    expect(tree.PL03["3"].quantity).toEqual({});
  });

  it("the three appendices add up to the grand total NSTW of 4536.45", () => {
    const tree = treeOf(validateWorkbook(template, printedGrids(expected)));
    expect(grandTotalNSTW(tree)).toEqual(fixture.checks.grandTotalNSTW);
    expect(grandTotalNSTW(tree).total).toBe("4536.45");
  });

  it("the seed text and the printed sheets give the same figures", () => {
    const fromSeed = treeOf(validateWorkbook(template, seedGrids()));
    const fromPrint = treeOf(validateWorkbook(template, printedGrids(expected)));
    expect(fromSeed).toEqual(fromPrint);
    expect(grandTotalNSTW(fromSeed)).toEqual(fixture.checks.grandTotalNSTW);
  });
});

describe("canonical JSON built from the fixture", () => {
  const variants: [string, Parameters<typeof treeToJson>[1]][] = [
    ["money as strings, with totals", { money: "string", totals: true }],
    ["money as strings, totals omitted", { money: "string", totals: false }],
    ["money as JSON numbers, with totals", { money: "number", totals: true }],
    ["money as JSON numbers, totals omitted", { money: "number", totals: false }],
  ];
  it.each(variants)("%s: valid, no warnings, every figure exact", (_name, opts) => {
    const json = treeToJson(expected, opts);
    // Round trip through text, as the API receives it.
    const ev = validateJsonAppendices(template, JSON.parse(JSON.stringify(json)));
    expectExactFigures(ev);
    expect(ev.report.warnings).toEqual([]);
    expect(grandTotalNSTW(treeOf(ev))).toEqual(fixture.checks.grandTotalNSTW);
  });
});
