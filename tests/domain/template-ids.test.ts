// Issue 14: the core takes every id from the template. Plan 157's template with its phase-total
// period, kinds, appendices and measures renamed must behave exactly like the original; before
// the fix a wrong phase total passed because the rules looked for a period called "total".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkTemplate,
  type FigureTree,
  getFigure,
  getTemplate,
  lookup,
  planFigures,
  printAppendix,
  TOTAL_ROW,
  totalPeriodId,
  validateJsonAppendices,
  validateWorkbook,
} from "../../domain";
import { RENAMED, renamedTemplate, toRenamedTree } from "../support/renamed-template";

const original = getTemplate("kh-157-2023")!;
const renamed = renamedTemplate();
/** The plan's own figures (years and phase totals) as a district would send them. */
const submission = (t: typeof original) => structuredClone(t.plan!) as FigureTree;

describe("a template whose ids are not plan 157's", () => {
  it("passes checkTemplate and names its own phase-total period", () => {
    expect(checkTemplate(renamed)).toEqual([]);
    expect(totalPeriodId(renamed)).toBe(RENAMED.total);
    expect(lookup(renamed).years.map((p) => p.id)).toEqual(["2023", "2024", "2025"]);
  });

  it("accepts the plan's own figures and completes its totals under the renamed ids", () => {
    const { report, figures } = validateJsonAppendices(renamed, submission(renamed), { comparePlan: false });
    expect(report.errors).toEqual([]);
    const orig = validateJsonAppendices(original, submission(original), { comparePlan: false });
    expect(getFigure(figures, "BIEU-A", TOTAL_ROW, "trung-uong", RENAMED.total)).toBe(
      getFigure(orig.figures, "PL01", TOTAL_ROW, "NSTW", "total"),
    );
    expect(getFigure(figures, "BIEU-A", TOTAL_ROW, "trung-uong", "total")).toBeUndefined();
  });

  it("refuses a wrong phase total in the renamed total period", () => {
    const tree = submission(renamed);
    const item = Object.keys(tree["BIEU-A"])[0];
    tree["BIEU-A"][item]["trung-uong"][RENAMED.total] = "999";
    const { report } = validateJsonAppendices(renamed, tree, { comparePlan: false });
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => [e.code, e.appendix, e.item, e.period])).toContainEqual([
      "PERIOD_TOTAL_MISMATCH",
      "BIEU-A",
      item,
      RENAMED.total,
    ]);
  });

  it("refuses a wrong grand total in the renamed total period", () => {
    const tree = submission(renamed);
    (tree["BIEU-B"][TOTAL_ROW] ??= {})["dia-phuong"] = {
      ...(tree["BIEU-B"][TOTAL_ROW]?.["dia-phuong"] ?? {}),
      [RENAMED.total]: "1",
    };
    const { report } = validateJsonAppendices(renamed, tree, { comparePlan: false });
    expect(report.errors.map((e) => [e.code, e.item, e.period])).toContainEqual([
      "GRAND_TOTAL_MISMATCH",
      TOTAL_ROW,
      RENAMED.total,
    ]);
  });

  it("warns when a phase figure exceeds the province plan in the renamed total period", () => {
    const tree = toRenamedTree(structuredClone(original.plan!) as FigureTree);
    const item = Object.keys(tree["BIEU-A"])[0];
    const years = tree["BIEU-A"][item]["trung-uong"];
    years["2023"] = String(Number(years["2023"] ?? 0) + 1);
    delete years[RENAMED.total];
    const { report } = validateJsonAppendices(renamed, tree);
    expect(report.warnings.map((w) => [w.code, w.item, w.period])).toContainEqual([
      "EXCEEDS_PROVINCE_PLAN",
      item,
      RENAMED.total,
    ]);
  });

  it("prints the renamed phase total as a computed column and reads the printed workbook back", () => {
    const figures = planFigures(renamed)!;
    const sheets = renamed.appendices.map((a) => printAppendix(renamed, a, { figures, formulas: true }));
    const first = sheets[0];
    const phaseColumn = lookup(renamed)
      .leaves("BIEU-A")
      .find((l) => l.measure === "trung-uong" && l.period === RENAMED.total)!;
    expect(first.inputs.some((i) => i.range.col === phaseColumn.index)).toBe(false);
    expect(first.formulas[first.bodyStart][phaseColumn.index]).toMatch(/^=SUM\(/);
    const { report, figures: read } = validateWorkbook(renamed, sheets, { comparePlan: false });
    expect(report.errors).toEqual([]);
    expect(read).toEqual(figures);
  });
});

describe("checkTemplate takes anything", () => {
  it("answers problems, never throws, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(Array.isArray(checkTemplate(value))).toBe(true);
      }),
    );
  });

  it("answers problems for a template with one part of the wrong shape", () => {
    const mutations: [string, (t: Record<string, any>) => void][] = [
      ["periods", (t) => (t.periods = "2023")],
      ["no total", (t) => t.periods.forEach((p: { total?: boolean }) => delete p.total)],
      ["kinds", (t) => (t.kinds = [{ id: 7 }])],
      ["appendix", (t) => (t.appendices[0] = null)],
      ["items", (t) => (t.appendices[1].items[0] = { id: "x" })],
      ["columns", (t) => (t.appendices[2].columns = [{ children: [] }])],
      ["money", (t) => (t.money = { unit: "đồng" })],
    ];
    for (const [what, mutate] of mutations) {
      const t = structuredClone(original) as unknown as Record<string, any>;
      mutate(t);
      expect(checkTemplate(t), what).not.toEqual([]);
    }
  });
});
