// Our own writer → our own reader → the domain's validator: the plan's figures survive.
import { describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix, toFigureTree, validateWorkbook } from "../../domain";
import { readXlsx, writeXlsx } from "../../worker/xlsx";

const template = getTemplate("kh-157-2023")!;
const figures = planFigures(template)!;

describe("writeXlsx → readXlsx round trip", () => {
  for (const formulas of [false, true]) {
    it(`keeps the plan's figures for every appendix (formulas: ${formulas})`, () => {
      const printed = template.appendices.map((a) => printAppendix(template, a, { figures, formulas }));
      for (const sheet of printed) {
        const grids = readXlsx(writeXlsx([sheet]));
        expect(grids.map((g) => g.sheet)).toEqual([sheet.sheet]);
        const alone = validateWorkbook(template, grids);
        // Each file holds one appendix: the only errors are the other two sheets missing.
        expect(alone.report.errors.map((e) => e.code)).toEqual(["SHEET_MISSING", "SHEET_MISSING"]);
      }
      const grids = readXlsx(writeXlsx(printed));
      const ev = validateWorkbook(template, grids);
      expect(ev.report.errors).toEqual([]);
      expect(toFigureTree(template, ev.figures)).toEqual(toFigureTree(template, figures));
    });
  }

  it("reads back values, formulas and merges exactly as printed", () => {
    const printed = template.appendices.map((a) =>
      printAppendix(template, a, { figures, formulas: true, footnotes: ["- Ghi chú: =1+2"] }),
    );
    const grids = readXlsx(writeXlsx(printed));
    printed.forEach((sheet, k) => {
      const grid = grids[k];
      expect(grid.sheet).toBe(sheet.sheet);
      const width = Math.max(...sheet.values.map((r) => r.length));
      sheet.values.forEach((row, r) =>
        row.forEach((v, c) => {
          // Text that looks like a formula is written with a protective apostrophe.
          const want = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v === "" ? null : v;
          expect(grid.values[r]?.[c] ?? null, `${sheet.sheet} row ${r} col ${c}`).toEqual(want);
          expect(grid.formulas?.[r]?.[c] ?? null).toBe(sheet.formulas[r][c]);
        }),
      );
      expect(grid.values.length).toBeLessThanOrEqual(sheet.values.length);
      expect(Math.max(...grid.values.map((r) => r.length))).toBeLessThanOrEqual(width);
      expect(grid.merges).toEqual(sheet.merges);
    });
    expect(grids[0].values.flat()).toContain("'- Ghi chú: =1+2");
  });

  it("writes the same bytes for the same sheets", () => {
    const printed = template.appendices.map((a) => printAppendix(template, a, { figures }));
    expect(writeXlsx(printed)).toEqual(writeXlsx(printed));
  });
});
