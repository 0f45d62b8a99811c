// Issue 16: an appendix that carries only some of the template's measures. Plan 157's template
// with PL03 money-only (no quantity columns, `measures: ["NSTW", "NSDP"]`) is a valid template,
// prints, reads back and validates from JSON with exact figures, and refuses a quantity for PL03
// at its place.
import { describe, expect, it } from "vitest";
import {
  checkTemplate,
  type FigureTree,
  leafColumns,
  planFigures,
  printAppendix,
  toFigureTree,
  TOTAL_ROW,
  validateJsonAppendices,
  validateWorkbook,
} from "../../domain";
import { MONEY_ONLY, moneyOnlyTemplate } from "../support/money-only-template";

const template = moneyOnlyTemplate();
const appendix = template.appendices.find((a) => a.id === MONEY_ONLY)!;
/** The plan's year figures (no totals), as a unit would send them. */
const given = (): FigureTree => structuredClone(template.plan!);
const expected = () => toFigureTree(template, planFigures(template)!);

describe("a money-only appendix", () => {
  it("passes checkTemplate; without `measures` the same columns are refused", () => {
    expect(leafColumns(appendix).filter((l) => l.measure === "quantity")).toEqual([]);
    expect(checkTemplate(template)).toEqual([]);
    const bare = structuredClone(template);
    delete bare.appendices[2].measures;
    expect(checkTemplate(bare)).toContain("PL03: column for quantity total appears 0 times");
  });

  it("refuses unknown measures and item or total-row measures outside the appendix's", () => {
    const t = structuredClone(template);
    t.appendices[2].measures = ["NSTW", "NSDP", "nope"];
    t.appendices[2].items[0].measures = ["quantity", "NSTW"];
    t.appendices[2].totalRow.measures = ["quantity"];
    expect(checkTemplate(t)).toEqual(
      expect.arrayContaining([
        "PL03: unknown measure nope",
        "PL03 item 1: measure quantity is not one of the appendix's measures",
        "PL03 total row: measure quantity is not one of the appendix's measures",
      ]),
    );
  });

  it("JSON validation gives exact figures, PL03 without quantities and without quantity warnings", () => {
    const { report, figures } = validateJsonAppendices(template, given());
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => w.appendix === MONEY_ONLY)).toEqual([]);
    const tree = toFigureTree(template, figures);
    expect(tree).toEqual(expected());
    expect(Object.keys(tree.PL03[TOTAL_ROW])).toEqual(["NSTW", "NSDP"]);
    expect(Object.keys(tree.PL03["1"])).toEqual(["NSTW", "NSDP"]);
    expect(tree.PL03[TOTAL_ROW].NSTW.total).toBe("135.42");
    // The other appendices still carry quantities.
    expect(tree.PL01["1"].quantity).toBeDefined();
  });

  it("prints without quantity columns and reads back the printed workbook exactly", () => {
    const figures = planFigures(template)!;
    const grids = template.appendices.map((a) => {
      const p = printAppendix(template, a, { figures });
      return { sheet: p.sheet, values: p.values.map((r) => [...r]), merges: p.merges };
    });
    const pl03 = grids[2].values.flat().filter((v) => typeof v === "string");
    expect(pl03).not.toContain("Số lượng");
    const { report, figures: read } = validateWorkbook(template, grids);
    expect(report.errors).toEqual([]);
    expect(toFigureTree(template, read)).toEqual(expected());
  });

  it("refuses a quantity sent for the money-only appendix, located at its item, measure and period", () => {
    const tree = given();
    tree.PL03["2"].quantity = { "2024": 3 };
    const { report } = validateJsonAppendices(template, tree);
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => [e.code, e.appendix, e.item, e.measure, e.period])).toEqual([
      ["MEASURE_NOT_APPLICABLE", "PL03", "2", "quantity", "2024"],
    ]);
  });
});
