// Formula results that are not the values: XlsxWriter (and pandas through it) saves 0 as every
// formula's result and asks for a full recalculation on opening; openpyxl saves no results at
// all. Such cached results are unknown; simple formulas (SUM, "+", "-", references to the
// sheet's own cells) are evaluated so a total decides correctly, anything else stays unknown
// and is neither compared nor reported as a mismatch. Input cells keep what the file saved
// (the formula rules report them), and the evaluator is bounded and recursion-safe.
import { describe, expect, it } from "vitest";
import {
  type CellValue,
  type Evaluation,
  getTemplate,
  type Grid,
  planFigures,
  printAppendix,
  printedPosition,
  type PrintedSheet,
  toFigureTree,
  validateWorkbook,
} from "../../domain";
import { cellKey, evaluateUntrusted } from "../../domain/grid/evaluate";
import { readSpreadsheet, writeXlsx } from "../../worker/xlsx";
import { expectedTree } from "./support/fixture";
import { haveOpenpyxl, haveXlsxwriter, openpyxlEdit, xlsxwriterGrids } from "./support/producers/file-formats";
import { tempDirs } from "./support/temp-dirs";

const template = getTemplate("kh-157-2023")!;
const printed = (): PrintedSheet[] =>
  template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true }));
const dir = tempDirs();

type Measure = "quantity" | "NSTW" | "NSDP";
function at(appendix: string, item: string, measure: Measure, period: string) {
  const p = printedPosition(
    template.appendices.find((a) => a.id === appendix)!,
    item,
    measure,
    period,
  )!;
  return {
    row: p.row,
    col: p.col,
    a1: `${String.fromCharCode(65 + p.col)}${p.row + 1}`,
    cell: `${appendix}!${String.fromCharCode(65 + p.col)}${p.row + 1}`,
  };
}
const codes = (ev: Evaluation) => [...ev.report.errors, ...ev.report.warnings].map((i) => `${i.code}@${i.cell}`);

/** A grid from rows of values; formulas where a string starts with "=" (no saved result). */
function sheet(rows: (number | string | null)[][], opts: { recalc?: boolean; name?: string } = {}): Grid {
  const values: CellValue[][] = rows.map((r) => r.map((v) => (typeof v === "string" && v.startsWith("=") ? null : v)));
  const formulas = rows.map((r) => r.map((v) => (typeof v === "string" && v.startsWith("=") ? v : null)));
  return { sheet: opts.name ?? "S", values, formulas, recalc: opts.recalc };
}
const valueAt = (g: Grid, row: number, col: number, opts?: Parameters<typeof evaluateUntrusted>[1]) =>
  evaluateUntrusted(g, opts).get(cellKey(row, col));

describe("the evaluator: simple formulas over the sheet's own cells, anything else unknown", () => {
  it.each([
    ["=SUM(A1:A3)", 6],
    ["=A1+A2-A3", 0],
    ["= -A1 + (A2 + 10)", 11],
    ["=SUM(A1,A2:A3,4)", 10],
    ["=SUM(A1:A3)+SUM(B1:B3)", 6],
    ["=S!A1+'S'!$A$2", 3],
    ["=1.5e2+A1", 151],
    ["=SUM(A3:A1)", 6],
    ["=B1", 0],
    ["=SUM(B1:B3)", 0],
    ["=sum(a1:a2)", 3],
    ["=SUM(A1;A2)", 3],
  ])("%s → %s", (formula, want) => {
    const g = sheet([[1, null, formula], [2, "chữ"], [3]]);
    expect(valueAt(g, 0, 2)).toBe(want);
  });

  it.each([
    "=ROUND(A1,2)",
    "=A1*2",
    "=Khac!A1",
    "=SUM(Khac!A1:A2)",
    "=B2+1",
    "=SUM(A:A)",
    '="1"+A1',
    "=A1+",
    "=SUM()",
    "=SUM(A1:A2",
    "=A1:A2",
    "=[1]S!A1",
    "=TRUE",
    "=A0",
    "=1e308+1e308",
    "=SUM(C1:C2)",
  ])("%s → unknown", (formula) => {
    const g = sheet([
      [1, null, null, formula],
      [2, "chữ", "#DIV/0!"],
    ]);
    expect(valueAt(g, 0, 3)).toBeNull();
  });

  it("formulas over formulas, each evaluated once; cycles and chains deeper than 100 are unknown, never a stack overflow", () => {
    const chain = sheet([[1], ["=A1+1"], ["=A2+1"], ["=SUM(A1:A3)"]]);
    expect(valueAt(chain, 3, 0)).toBe(6);
    const cycle = sheet([["=B1", "=A1", "=A1+1"]]);
    const results = evaluateUntrusted(cycle);
    expect([results.get(cellKey(0, 0)), results.get(cellKey(0, 1)), results.get(cellKey(0, 2))]).toEqual([
      null,
      null,
      null,
    ]);
    // Each link refers to the one below: evaluated from the top, the chain is 20,000 deep.
    const deep = sheet([...Array.from({ length: 20_000 }, (_, k) => [`=A${k + 2}+1`]), [1]]);
    const r = evaluateUntrusted(deep);
    expect(r.get(cellKey(0, 0))).toBeNull();
    expect(r.get(cellKey(19_999, 0))).toBe(2);
    // Each link refers to the one above: evaluated from the top, each is one level deep.
    const down = sheet([[1], ...Array.from({ length: 20_000 }, (_, k) => [`=A${k + 1}+1`])]);
    expect(evaluateUntrusted(down).get(cellKey(20_000, 0))).toBe(20_001);
  });

  it("one budget of work: a SUM referenced by fifty formulas is evaluated once; past the budget everything is unknown", () => {
    const rows: (number | string | null)[][] = Array.from({ length: 1000 }, () => [1]);
    rows[0].push("=SUM(A1:A1000)");
    for (let k = 0; k < 50; k++) rows[k + 1].push("=B1");
    const g = sheet(rows);
    const enough = { steps: 2_000 };
    const results = evaluateUntrusted(g, { budget: enough });
    expect(results.get(cellKey(50, 1))).toBe(1000);
    expect(enough.steps).toBeGreaterThan(0);
    const short = evaluateUntrusted(g, { budget: { steps: 500 } });
    expect([...short.values()].every((v) => v === null)).toBe(true);
  });

  it("only untrusted formula cells are evaluated: a saved result stands unless the file asks for a recalculation", () => {
    const g = sheet([[1, "=A1+1"]]);
    g.values[0][1] = 0;
    expect(evaluateUntrusted(g).size).toBe(0);
    expect(valueAt({ ...g, recalc: true }, 0, 1)).toBe(2);
    // Cells to keep: their saved value stands (an input cell's formula is never evaluated).
    const kept = { ...sheet([["=5", "=A1+1"]]), recalc: true };
    kept.values[0][0] = 3;
    expect(valueAt(kept, 0, 1, { keep: (r, c) => r === 0 && c === 0 })).toBe(4);
  });
});

describe("workbooks whose formula results are not the values", () => {
  const total = at("PL01", "total", "NSTW", "2023");
  const item = at("PL01", "1", "NSTW", "2023");

  it("our own writer asks for a recalculation too; its totals evaluate to what it saved", () => {
    const grids = readSpreadsheet(writeXlsx(printed()));
    expect(grids.every((g) => g.recalc)).toBe(true);
    const ev = validateWorkbook(template, grids);
    expect(codes(ev)).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
  });

  it("cached zeros with a recalculation asked for: the totals are computed, not compared as 0", () => {
    const sheets = printed();
    for (const s of sheets) s.formulas.forEach((row, r) => row.forEach((f, c) => f && (s.values[r][c] = 0)));
    const grids = readSpreadsheet(writeXlsx(sheets));
    expect(grids[0].values[total.row][total.col]).toBe(0);
    const ev = validateWorkbook(template, grids);
    expect(codes(ev)).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
    // Without the recalculation flag the zeros are the values, and wrong.
    expect(
      validateWorkbook(
        template,
        grids.map((g) => ({ ...g, recalc: false })),
      ).report.errors.map((e) => e.code),
    ).toContain("GRAND_TOTAL_MISMATCH");
  });

  it("a total whose formula is not simple is unknown: neither compared nor reported; a typed total is still compared", () => {
    const sheets = printed();
    const pl01 = sheets[0];
    pl01.formulas[total.row][total.col] = `=ROUND(SUM(${item.a1}:${at("PL01", "3", "NSTW", "2023").a1}),3)`;
    pl01.values[total.row][total.col] = 0;
    const unknown = validateWorkbook(template, readSpreadsheet(writeXlsx(sheets)));
    expect(codes(unknown)).toEqual([]);
    pl01.formulas[total.row][total.col] = null;
    pl01.values[total.row][total.col] = 1307.02;
    expect(
      validateWorkbook(template, readSpreadsheet(writeXlsx(sheets))).report.errors.map((e) => `${e.code}@${e.cell}`),
    ).toEqual([`GRAND_TOTAL_MISMATCH@${total.cell}`]);
  });

  it("a total formula that leaves out an item is a mismatch at the total, computed from the sheet", () => {
    const sheets = printed();
    sheets[0].formulas[total.row][total.col] = `=SUM(${item.a1}:${at("PL01", "2", "NSTW", "2023").a1})`;
    sheets[0].values[total.row][total.col] = null;
    const ev = validateWorkbook(template, readSpreadsheet(writeXlsx(sheets)));
    expect(ev.report.errors.map((e) => `${e.code}@${e.cell}`)).toEqual([`GRAND_TOTAL_MISMATCH@${total.cell}`]);
    expect(ev.report.errors[0].params).toMatchObject({ actual: "440,21", expected: "1.307,01" });
  });

  it("an input formula keeps the value the file saved (FORMULA_INPUT) and the totals over it agree with it", () => {
    const sheets = printed();
    sheets[0].formulas[item.row][item.col] = "=400+3.305";
    for (const s of sheets) s.formulas.forEach((row, r) => row.forEach((f, c) => f && (s.values[r][c] = 0)));
    const ev = validateWorkbook(template, readSpreadsheet(writeXlsx(sheets)));
    expect(ev.report.errors).toEqual([]);
    expect(codes(ev).filter((c) => c.startsWith("FORMULA_"))).toEqual([`FORMULA_INPUT@${item.cell}`]);
    expect(ev.report.warnings.find((i) => i.code === "FORMULA_INPUT")!.params).toEqual({
      formula: "=400+3.305",
      value: "0",
    });
  });
});

describe.skipIf(!haveXlsxwriter())(
  "written by XlsxWriter (every formula saved as 0, fullCalcOnLoad)",
  { timeout: 120_000 },
  () => {
    it("the plan workbook reads to the plan's figures without an issue (it gave 33 mismatches before)", () => {
      const grids = readSpreadsheet(xlsxwriterGrids(dir("xlsxwriter-zero"), printed()));
      expect(grids[0].recalc).toBe(true);
      const total = at("PL01", "total", "NSTW", "2023");
      expect(grids[0].values[total.row][total.col]).toBe(0);
      expect(grids[0].formulas?.[total.row][total.col]).toBe(
        `=SUM(${at("PL01", "1", "NSTW", "2023").a1}:${at("PL01", "3", "NSTW", "2023").a1})`,
      );
      const ev = validateWorkbook(template, grids);
      expect(codes(ev)).toEqual([]);
      expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
    });

    it("a wrong phase total typed over its formula is still caught, as Excel would show it", () => {
      const sheets = printed();
      const period = at("PL02", "1", "NSDP", "total");
      sheets[1].formulas[period.row][period.col] = null;
      sheets[1].values[period.row][period.col] = 999;
      const ev = validateWorkbook(template, readSpreadsheet(xlsxwriterGrids(dir("xlsxwriter-planted"), sheets)));
      // The phase total and, through it, the "Tổng cộng" phase total show 999 in Excel; the one
      // mistake is reported once, where it was typed (Tổng cộng only follows it).
      expect(ev.report.errors.map((e) => `${e.code}@${e.cell}`)).toEqual([`PERIOD_TOTAL_MISMATCH@PL02!${period.a1}`]);
    });
  },
);

describe.skipIf(!haveOpenpyxl())(
  "saved by openpyxl (formulas without results, fullCalcOnLoad)",
  { timeout: 120_000 },
  () => {
    it("the totals are computed, so one that leaves out a row is caught at its cell", () => {
      const total = at("PL01", "total", "NSTW", "2023");
      const plan = writeXlsx(printed());
      const fine = validateWorkbook(template, readSpreadsheet(openpyxlEdit(dir("openpyxl-fine"), plan, { cells: [] })));
      expect(codes(fine)).toEqual([]);
      expect(toFigureTree(template, fine.figures)).toEqual(expectedTree());
      const bytes = openpyxlEdit(dir("openpyxl-short-sum"), plan, {
        cells: [
          {
            sheet: "PL01",
            cell: total.a1,
            value: `=SUM(${at("PL01", "1", "NSTW", "2023").a1}:${at("PL01", "2", "NSTW", "2023").a1})`,
          },
        ],
      });
      const grids = readSpreadsheet(bytes);
      expect(grids[0].values[total.row][total.col]).toBeNull();
      expect(validateWorkbook(template, grids).report.errors.map((e) => `${e.code}@${e.cell}`)).toEqual([
        `GRAND_TOTAL_MISMATCH@${total.cell}`,
      ]);
    });
  },
);
