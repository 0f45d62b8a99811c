// Issue 16: nested rows and computed measures. A group row is the sum of its children for the
// measures it carries, "Tổng cộng" looks through groups that do not carry a measure, a computed
// measure (TONG = NSTW + NSĐP) is computed when absent and checked when given — each mistake
// reported once, at the cell a person would look at.
import { describe, expect, it } from "vitest";
import {
  checkTemplate,
  type FigureTree,
  figuresFromTree,
  type Grid,
  itemRows,
  leafColumns,
  printAppendix,
  sheetCell,
  sumTrees,
  toFigureTree,
  TOTAL_ROW,
  validateJsonAppendices,
  validateWorkbook,
} from "../../domain";
import { COMPUTED, NESTED, nestedTemplate } from "../support/nested-template";

const template = nestedTemplate();
const pl01 = template.appendices.find((a) => a.id === NESTED)!;
const pl02 = template.appendices.find((a) => a.id === COMPUTED)!;
/** The plan's leaf figures (no totals, no groups), as a unit would send them. */
const given = (): FigureTree => {
  const tree = structuredClone(template.plan!);
  // The plan has no local funds for PL02; a unit's report may.
  tree.PL02["1"].NSDP = { "2023": "40.5", "2024": "40", "2025": "12" };
  return tree;
};
const complete = () => validateJsonAppendices(template, given(), { comparePlan: false });
const money = (tree: FigureTree, a: string, i: string, m: string, p: string) => Number(tree[a][i][m][p]);
const columnOf = (appendix: typeof pl01, m: string, p: string) =>
  leafColumns(appendix).find((l) => l.measure === m && l.period === p)!.index;

function printedGrids(figures = complete().figures): Grid[] {
  return template.appendices.map((a) => printAppendix(template, a, { figures }));
}

describe("nested rows", () => {
  it("the template is valid and its rows print in reading order with their depth", () => {
    expect(checkTemplate(template)).toEqual([]);
    expect(itemRows(pl01).map((r) => [r.item.id, r.item.stt, r.depth, r.group])).toEqual([
      ["I", "I", 0, true],
      ["1", "1.", 1, false],
      ["2", "2.", 1, false],
      ["II", "II", 0, true],
      ["II.1", "1.", 1, true],
      ["3", "a)", 2, false],
    ]);
  });

  it("computes every group from its children and Tổng cộng from the groups, looking through for quantity", () => {
    const { report, figures } = complete();
    expect(report.errors).toEqual([]);
    const tree = toFigureTree(template, figures);
    const plan = template.plan!;
    for (const p of ["2023", "2024", "2025"]) {
      const leaf = (i: string, m: string) => Number(plan.PL01[i]?.[m]?.[p] ?? 0);
      expect(money(tree, "PL01", "I", "NSTW", p)).toBeCloseTo(leaf("1", "NSTW") + leaf("2", "NSTW"), 6);
      expect(money(tree, "PL01", "II.1", "NSTW", p)).toBeCloseTo(leaf("3", "NSTW"), 6);
      expect(money(tree, "PL01", "II", "NSTW", p)).toBeCloseTo(leaf("3", "NSTW"), 6);
      // Groups carry no quantity; the total adds every item's.
      expect(tree.PL01.I.quantity).toEqual({});
      expect(tree.PL01[TOTAL_ROW].quantity[p]).toBe(
        leaf("1", "quantity") + leaf("2", "quantity") + leaf("3", "quantity"),
      );
      expect(money(tree, "PL01", TOTAL_ROW, "NSTW", p)).toBeCloseTo(
        money(tree, "PL01", "I", "NSTW", p) + money(tree, "PL01", "II", "NSTW", p),
        6,
      );
    }
  });

  it("prints groups bold with SUM formulas over their children, and no input cells on group rows", () => {
    const sheet = printAppendix(template, pl01, { formulas: true });
    const rowOf = (id: string) => sheet.bodyStart + itemRows(pl01).findIndex((r) => r.item.id === id);
    const col = columnOf(pl01, "NSTW", "2023");
    const cell = (id: string) => `${String.fromCharCode(65 + col)}${rowOf(id) + 1}`;
    expect(sheet.formulas[rowOf("I")][col]).toBe(`=SUM(${cell("1")}:${cell("2")})`);
    expect(sheet.formulas[rowOf("II")][col]).toBe(`=SUM(${cell("II.1")})`);
    expect(sheet.formulas[sheet.totalRow][col]).toBe(`=SUM(${cell("I")},${cell("II")})`);
    const q = columnOf(pl01, "quantity", "2023");
    const qCell = (id: string) => `${String.fromCharCode(65 + q)}${rowOf(id) + 1}`;
    expect(sheet.formulas[sheet.totalRow][q]).toBe(`=SUM(${qCell("1")}:${qCell("2")},${qCell("3")})`);
    const inputRows = new Set(sheet.inputs.map((i) => i.range.row));
    expect([...inputRows].sort()).toEqual([rowOf("1"), rowOf("2"), rowOf("3")].sort());
    const bold = sheet.styles.filter((s) => s.bold && s.range.rows === 1).map((s) => s.range.row);
    expect(bold).toEqual(expect.arrayContaining([rowOf("I"), rowOf("II"), rowOf("II.1")]));
  });

  it("reads a printed nested sheet back, the repeated STT '1.' going to the row in its group", () => {
    const { figures } = complete();
    const { report, figures: read } = validateWorkbook(template, printedGrids(figures), { comparePlan: false });
    expect(report.errors).toEqual([]);
    expect(toFigureTree(template, read)).toEqual(toFigureTree(template, figures));
  });

  it("a wrong group subtotal is refused at the group's cell, once", () => {
    const tree = given();
    (tree.PL01.I ??= {}).NSTW = { "2024": "999" };
    const { report } = validateJsonAppendices(template, tree, { comparePlan: false });
    expect(report.errors.map((e) => [e.code, e.item, e.period])).toEqual([["GROUP_TOTAL_MISMATCH", "I", "2024"]]);
    const sheet = printAppendix(template, pl01);
    const row = sheet.bodyStart + itemRows(pl01).findIndex((r) => r.item.id === "I");
    expect(report.errors[0].cell).toBe(sheetCell("PL01", row, columnOf(pl01, "NSTW", "2024")));
    expect(report.errors[0].message).toContain("I Sản phẩm in ấn");
  });

  it("a wrong subtotal typed in the sheet is refused at that cell; the total above it is not blamed too", () => {
    const grids = printedGrids();
    const grid = grids[0];
    const row = grid.values.findIndex((r) => r[0] === "II");
    const col = columnOf(pl01, "NSDP", "2025");
    grid.values[row][col] = Number(grid.values[row][col]) + 7;
    const { report } = validateWorkbook(template, grids, { comparePlan: false });
    expect(report.errors.map((e) => [e.code, e.cell])).toEqual([["GROUP_TOTAL_MISMATCH", sheetCell("PL01", row, col)]]);
  });

  it("a refused leaf figure is reported once: its group and the total are not checked against it", () => {
    const tree = given();
    tree.PL01["3"].NSTW["2023"] = "abc";
    const { report } = validateJsonAppendices(template, tree, { comparePlan: false });
    expect(report.errors.map((e) => [e.code, e.item])).toEqual([["NOT_A_NUMBER", "3"]]);
  });

  it("consolidation adds group rows exactly like any row", () => {
    const one = toFigureTree(template, complete().figures);
    const sum = toFigureTree(template, sumTrees(template, [one, one, one]));
    for (const id of ["I", "II", "II.1", TOTAL_ROW])
      expect(money(sum, "PL01", id, "NSTW", "total")).toBeCloseTo(3 * money(one, "PL01", id, "NSTW", "total"), 6);
    expect(figuresFromTree(template, sum).PL01.II.NSTW.total).toBe(3 * complete().figures.PL01.II.NSTW.total);
  });
});

describe("computed measures", () => {
  it("TONG is computed when absent: NSTW + NSĐP for every period and row", () => {
    const { report, figures } = complete();
    expect(report.errors).toEqual([]);
    for (const i of ["1", TOTAL_ROW])
      for (const p of ["2023", "total"]) {
        expect(figures.PL02[i].NSDP[p]).toBeGreaterThan(0);
        expect(figures.PL02[i].TONG[p]).toBe(figures.PL02[i].NSTW[p] + figures.PL02[i].NSDP[p]);
      }
    expect(figures.PL02["1"].TONG["2023"]).toBe(200_500_000);
  });

  it("a given TONG that agrees passes; one that does not is refused at its cell", () => {
    const tree = given();
    const sum = (p: string) => Number(tree.PL02["1"].NSTW[p] ?? 0) + Number(tree.PL02["1"].NSDP[p] ?? 0);
    tree.PL02["1"].TONG = { "2023": String(sum("2023")) };
    expect(validateJsonAppendices(template, tree, { comparePlan: false }).report.errors).toEqual([]);
    tree.PL02["1"].TONG["2024"] = String(sum("2024") + 1);
    const { report } = validateJsonAppendices(template, tree, { comparePlan: false });
    expect(report.errors.map((e) => [e.code, e.item, e.measure, e.period])).toEqual([
      ["MEASURE_SUM_MISMATCH", "1", "TONG", "2024"],
    ]);
    const sheet = printAppendix(template, pl02);
    expect(report.errors[0].cell).toBe(sheetCell("PL02", sheet.bodyStart, columnOf(pl02, "TONG", "2024")));
    expect(report.errors[0].message).toContain("NSTW + NSĐP");
  });

  it("prints TONG as a SUM of NSTW and NSĐP in the same row, not an input", () => {
    const sheet = printAppendix(template, pl02, { formulas: true });
    const col = columnOf(pl02, "TONG", "2023");
    const parts = [columnOf(pl02, "NSTW", "2023"), columnOf(pl02, "NSDP", "2023")];
    const f = sheet.formulas[sheet.bodyStart][col]!;
    for (const c of parts) expect(f).toContain(`${String.fromCharCode(65 + c)}${sheet.bodyStart + 1}`);
    expect(sheet.inputs.some((i) => i.range.col === col)).toBe(false);
  });

  it("funding warnings count NSTW and NSĐP once, not again through TONG", () => {
    const tree = given();
    for (const i of Object.keys(tree.PL02)) delete tree.PL02[i].quantity;
    const { report } = validateJsonAppendices(template, tree, { comparePlan: false });
    const funding = report.warnings.filter((w) => w.code === "FUNDING_WITHOUT_QUANTITY" && w.appendix === "PL02");
    expect(funding.every((w) => w.measure === "NSTW")).toBe(true);
  });
});
