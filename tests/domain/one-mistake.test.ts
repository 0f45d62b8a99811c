// Issue 15: one mistake, one message. A refused input cell is reported where it was typed, and
// the totals that depend on it (the item's phase total, "Tổng cộng") are not reported again:
// the officer never typed them, and their sum without the refused cell would only mislead.
import { describe, expect, it } from "vitest";
import { placeText, validateWorkbook } from "../../domain";
import { expectedTree } from "./support/fixture";
import { columnOf, plant, printedGrids, rowOf, sheet, template } from "./support/grids";

const clean = () => printedGrids(expectedTree());
const errorsOf = (grids: ReturnType<typeof clean>) =>
  validateWorkbook(template, grids, { comparePlan: false }).report.errors;

describe("one mistake, one message", () => {
  it("three refused year cells give three errors, none on the totals that depend on them", () => {
    const grids = clean();
    const planted = [
      plant(grids, "PL01", "1", "NSTW", "2023", "bốn mươi"),
      plant(grids, "PL02", "1", "NSTW", "2024", 40.0001),
      plant(grids, "PL03", "1", "NSDP", "2025", -5),
    ];
    const errors = errorsOf(grids);
    expect(errors.map((e) => e.cell).sort()).toEqual([...planted].sort());
    expect(errors.map((e) => e.code).sort()).toEqual(["NEGATIVE", "NOT_A_NUMBER", "TOO_MANY_DECIMALS"]);
  });

  it("a phase total typed over its formula is one error, not also one on Tổng cộng", () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    const col = columnOf("PL01", "NSTW", "total");
    const itemRow = rowOf(g, "1");
    const totalRow = rowOf(g, "total");
    const before = g.values[itemRow][col] as number;
    // What Excel shows once the person types 999 over the item's SUM: Tổng cộng adds it up.
    g.values[totalRow][col] = (g.values[totalRow][col] as number) - before + 999;
    const cell = plant(grids, "PL01", "1", "NSTW", "total", 999);
    const errors = errorsOf(grids);
    expect(errors.map((e) => [e.code, e.cell])).toEqual([["PERIOD_TOTAL_MISMATCH", cell]]);
  });

  it("a wrong Tổng cộng on its own is still reported", () => {
    const grids = clean();
    const g = sheet(grids, "PL02");
    const col = columnOf("PL02", "NSDP", "2023");
    g.values[rowOf(g, "total")][col] = 999;
    const errors = errorsOf(grids);
    expect(errors.map((e) => e.code)).toEqual(["GRAND_TOTAL_MISMATCH"]);
  });

  it("a refused cell in one measure does not hide a wrong total of another", () => {
    const grids = clean();
    plant(grids, "PL01", "1", "NSTW", "2023", "x");
    const g = sheet(grids, "PL01");
    g.values[rowOf(g, "total")][columnOf("PL01", "NSDP", "2023")] = 12345;
    const errors = errorsOf(grids);
    expect(errors.map((e) => e.code).sort()).toEqual(["GRAND_TOTAL_MISMATCH", "NOT_A_NUMBER"]);
  });
});

describe("issues in words and in reading order", () => {
  it("names the item, the source of funds and the year as the form prints them", () => {
    expect(placeText(template, { appendix: "PL01", item: "1", measure: "NSTW", period: "2023" })).toBe(
      "Mục 1. Bản tin — NSTW năm 2023",
    );
    expect(placeText(template, { appendix: "PL01", item: "1", measure: "NSTW", period: "2023" }, "en")).toBe(
      "Item 1. Bản tin — NSTW 2023",
    );
    expect(placeText(template, { appendix: "PL02", item: "total", measure: "NSDP", period: "total" })).toBe(
      "Tổng cộng — NSĐP giai đoạn 2021-2025",
    );
    expect(placeText(template, { appendix: "PL01" })).toBe("");
  });

  it("lists a report's errors sheet by sheet, top to bottom, left to right", () => {
    const grids = clean();
    // Value errors are found while reading, total errors after: the report still reads top down.
    const pl01 = sheet(grids, "PL01");
    const totalCol = columnOf("PL01", "quantity", "2025");
    pl01.values[rowOf(pl01, "total")][totalCol] = 1;
    const cells = [
      plant(grids, "PL03", "1", "NSDP", "2025", -1),
      plant(grids, "PL01", "2", "NSTW", "2024", "x"),
      plant(grids, "PL01", "1", "NSDP", "2023", "y"),
      plant(grids, "PL01", "1", "NSTW", "2023", "z"),
    ];
    const listed = errorsOf(grids).map((e) => e.cell);
    const total = `PL01!${String.fromCharCode(65 + totalCol)}${rowOf(pl01, "total") + 1}`;
    expect(listed).toEqual([cells[3], cells[2], cells[1], total, cells[0]]);
  });
});

describe("totals Excel computed from a refused cell", () => {
  it("a negative Tổng cộng that only follows a typed negative is not a second error", () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    const col = columnOf("PL01", "quantity", "2023");
    const before = g.values[rowOf(g, "1")][col] as number;
    const cell = plant(grids, "PL01", "1", "quantity", "2023", -100_000);
    // What Excel shows after the person typed it: both the item's phase and Tổng cộng are negative.
    const total = rowOf(g, "total");
    g.values[total][col] = (g.values[total][col] as number) - before - 100_000;
    const phase = columnOf("PL01", "quantity", "total");
    g.values[rowOf(g, "1")][phase] = (g.values[rowOf(g, "1")][phase] as number) - before - 100_000;
    g.values[total][phase] = (g.values[total][phase] as number) - before - 100_000;
    expect(errorsOf(grids).map((e) => [e.code, e.cell])).toEqual([["NEGATIVE", cell]]);
  });

  it("a negative Tổng cộng typed by hand is still reported", () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    g.values[rowOf(g, "total")][columnOf("PL01", "quantity", "2023")] = -5;
    expect(errorsOf(grids).map((e) => e.code)).toEqual(["NEGATIVE"]);
  });
});
