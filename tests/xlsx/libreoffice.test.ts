// Files made by another program: LibreOffice converts CSVs in the printed layout to .xlsx,
// and converts our own .xlsx to .xlsx and to CSV. Every file must read back to the fixture's
// figures exactly.
import { describe, expect, it } from "vitest";
import {
  type CellValue,
  getTemplate,
  type Grid,
  planFigures,
  printAppendix,
  toFigureTree,
  validateWorkbook,
} from "../../domain";
import { readXlsx, toCsv, writeXlsx } from "../../worker/xlsx";
import { expectedTree, printedRows } from "./support/fixture";
import { CSV_DETECT, csvToXlsx, libreOfficeAvailable, parseCsv, xlsxToCsv, xlsxToXlsx } from "./support/soffice";
import { tempDirs } from "./support/temp-dirs";

const template = getTemplate("kh-157-2023")!;
const IDS = template.appendices.map((a) => a.id);
const dir = tempDirs();

/** Converts one CSV per appendix (file names from `fileName`) and reads every result back. */
function convertedGrids(
  name: string,
  rows: (id: string) => CellValue[][],
  fileName = (id: string) => `${id}.csv`,
): Grid[] {
  const csvs = Object.fromEntries(IDS.map((id) => [fileName(id), toCsv(rows(id))]));
  const out = csvToXlsx(dir(name), csvs);
  return IDS.map((id) => {
    const file = fileName(id).replace(/\.csv$/, ".xlsx");
    expect(out[file], `${file} converted`).toBeDefined();
    const grids = readXlsx(out[file]);
    expect(grids).toHaveLength(1);
    // LibreOffice names the sheet after the file; the appendix id is ours to give.
    return { ...grids[0], sheet: id };
  });
}

function expectFixtureFigures(grids: Grid[]) {
  const ev = validateWorkbook(template, grids);
  expect(ev.report.errors).toEqual([]);
  expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
}

function cellOf(grid: Grid, text: string): { row: number; col: number } {
  for (let row = 0; row < grid.values.length; row++) {
    const col = grid.values[row].findIndex((v) => typeof v === "string" && v.normalize("NFC") === text);
    if (col >= 0) return { row, col };
  }
  throw new Error(`${grid.sheet}: no cell "${text}"`);
}

// Each test starts soffice (about a second warm, longer cold): well past the default 5 s timeout on a slow CI.
describe.skipIf(!libreOfficeAvailable())("files converted by LibreOffice", { timeout: 120_000 }, () => {
  it("CSV in the straight printed layout, numbers as vi-VN text", () => {
    const grids = convertedGrids("straight", (id) => printedRows(template, id));
    expectFixtureFigures(grids);
    // Text columns keep "403,305" as text: read exactly, not parsed as 403305 by an en-US import.
    const pl01 = grids[0];
    const item1 = cellOf(pl01, "Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh)");
    expect(pl01.values[item1.row].slice(item1.col + 2, item1.col + 10)).toEqual([
      "480",
      "160",
      "160",
      "160",
      "1.209,915",
      "403,305",
      "403,305",
      "403,305",
    ]);
    const total = cellOf(pl01, "Tổng cộng");
    expect(pl01.values[total.row].slice(total.col + 6, total.col + 8)).toEqual(["3.921,03", "1.307,01"]);
    expect(grids[2].values.flat()).toContain("06");
  });

  it('error.grand-total: a wrong "Tổng cộng" typed in a LibreOffice file is reported at its cell', () => {
    const grids = convertedGrids("planted-total", (id) => {
      const rows = printedRows(template, id);
      if (id !== "PL01") return rows;
      const total = rows.findIndex((r) => r.some((v) => v === "Tổng cộng"));
      const col = rows[total].findIndex((v) => v === "3.921,03");
      rows[total][col] = "3.921,04";
      return rows;
    });
    const ev = validateWorkbook(template, grids);
    const total = cellOf(grids[0], "3.921,04");
    const cell = `PL01!${String.fromCharCode(65 + total.col)}${total.row + 1}`;
    expect(ev.report.errors.map((e) => `${e.code}@${e.cell}`)).toEqual([`GRAND_TOTAL_MISMATCH@${cell}`]);
  });

  it("CSV with a letterhead above and the table shifted right, sheets renamed", () => {
    const grids = convertedGrids(
      "shifted",
      (id) =>
        printedRows(template, id, {
          titleRows: ["ỦY BAN NHÂN DÂN HUYỆN TRẦN ĐỀ", "Đơn vị: Phòng Tài chính - Kế hoạch", ""],
          shiftCols: 2,
        }),
      (id) => `huyen-tran-de-${id.toLowerCase()}.csv`,
    );
    expect(cellOf(grids[1], "STT")).toEqual({ row: 7, col: 2 });
    expectFixtureFigures(grids);
  });

  it("CSV with labels and headers in decomposed Unicode (NFD)", () => {
    const grids = convertedGrids("nfd", (id) => printedRows(template, id, { text: (s) => s.normalize("NFD") }));
    const label = grids[1].values
      .flat()
      .find(
        (v) =>
          typeof v === "string" &&
          v.normalize("NFC") === "Bồi dưỡng, tập huấn kiến thức, nghiệp vụ thông tin đối ngoại",
      );
    expect(label).toBe("Bồi dưỡng, tập huấn kiến thức, nghiệp vụ thông tin đối ngoại".normalize("NFD"));
    expectFixtureFigures(grids);
  });

  it("a three-sheet workbook we wrote, saved again by LibreOffice", () => {
    const figures = planFigures(template)!;
    const printed = template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true }));
    const again = xlsxToXlsx(dir("multi"), "plan.xlsx", writeXlsx(printed));
    const grids = readXlsx(again);
    expect(grids.map((g) => g.sheet)).toEqual(IDS);
    grids.forEach((g, k) => expect(g.merges).toEqual(expect.arrayContaining(printed[k].merges)));
    expect(grids[0].formulas?.[printed[0].bodyStart][3]).toBe(printed[0].formulas[printed[0].bodyStart][3]);
    expectFixtureFigures(grids);
  });

  it("our workbook exported to CSV by LibreOffice has the same values", () => {
    const figures = planFigures(template)!;
    const printed = template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true }));
    const csvs = xlsxToCsv(dir("to-csv"), "plan.xlsx", writeXlsx(printed));
    for (const sheet of printed) {
      const rows = parseCsv(csvs[`plan-${sheet.sheet}.csv`]);
      sheet.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const field = rows[r]?.[c] ?? "";
          // A SUM over blank cells has no cached value; LibreOffice recalculates it to 0.
          const want = v === null ? (sheet.formulas[r][c] ? "0" : "") : typeof v === "number" ? v : v;
          expect(typeof want === "number" ? Number(field) : field, `${sheet.sheet} row ${r} col ${c}`).toEqual(want);
        }),
      );
    }
  });

  it("formula-looking text we write stays literal text in LibreOffice", () => {
    const texts = ['=HYPERLINK("x")', "+cmd", "@SUM(1)", "-2+3", "\tX", "\rY"];
    const sheet = printAppendix(template, template.appendices[0], {});
    const probe = {
      ...sheet,
      sheet: "Probe",
      values: [[...texts, -2]],
      formulas: [texts.map(() => null).concat(null)],
      merges: [],
      styles: [],
      inputs: [],
      freeze: { rows: 0, cols: 0 },
    };
    const bytes = writeXlsx([probe]);
    const [row] = parseCsv(Object.values(xlsxToCsv(dir("inject-csv"), "probe.xlsx", bytes))[0]);
    expect(row).toEqual([...texts.map((t) => `'${t}`), "-2"]);
    const [grid] = readXlsx(xlsxToXlsx(dir("inject-xlsx"), "probe.xlsx", bytes));
    expect(grid.values[0]).toEqual([...texts.map((t) => `'${t}`), -2]);
    expect(grid.formulas?.[0]?.some((f) => f !== null) ?? false).toBe(false);
  });

  it("formula-looking text in our CSV is not evaluated by LibreOffice's CSV import", () => {
    const texts = ['=HYPERLINK("x")', "+1+1", "@SUM(1)", "-2+3", "=1+2"];
    const csv = toCsv([texts, ["=1+2"].map(() => 7)]);
    const out = csvToXlsx(dir("inject-import"), { "probe.csv": csv }, CSV_DETECT);
    const [grid] = readXlsx(out["probe.xlsx"]);
    expect(grid.values[0]).toEqual(texts.map((t) => `'${t}`));
    expect(grid.values[1][0]).toBe(7);
    expect(grid.formulas?.[0]?.some((f) => f !== null) ?? false).toBe(false);
  });

  it("the same import does evaluate unprotected text (the test can fail)", () => {
    const out = csvToXlsx(dir("inject-control"), { "control.csv": "=1+2\r\n" }, CSV_DETECT);
    const [grid] = readXlsx(out["control.xlsx"]);
    expect(grid.values[0][0]).toBe(3);
    expect(grid.formulas?.[0][0]).toBe("=1+2");
  });
});
