// A number in a figure cell formatted as a date, a time or a percent (a slip of the number
// format, a pasted date) is an error at that cell naming what the spreadsheet shows there, not
// 45.113 triệu đồng. The kind of each cell's number format crosses the grid seam (Grid.kinds)
// from styles.xml (built-in ids and custom codes) or from OpenDocument's value types; files
// come from openpyxl, XlsxWriter, LibreOffice, Gnumeric and our own writer.
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Evaluation,
  getTemplate,
  planFigures,
  printAppendix,
  printedPosition,
  type PrintedSheet,
  validateWorkbook,
} from "../../domain";
import { displayedAs, serialFromDate } from "../../domain/grid/dates";
import type { NumberFormatKind } from "../../domain/grid/model";
import { readSpreadsheet, readXlsx, writeXlsx } from "../../worker/xlsx";
import { formatCodeKind } from "../../worker/xlsx/number-formats";
import {
  haveGnumeric,
  haveLibreOffice,
  haveOpenpyxl,
  haveXlsxwriter,
  openpyxlEdit,
  sofficeTo,
  ssconvertTo,
  xlsxwriterGrids,
} from "./support/producers/file-formats";
import { minimalParts, sheetXml, zipParts } from "./support/package";
import { tempDirs } from "./support/temp-dirs";

const template = getTemplate("kh-157-2023")!;
const printed = (): PrintedSheet[] =>
  template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true }));
const plan = writeXlsx(printed());
const dir = tempDirs();

type Measure = "quantity" | "NSTW" | "NSDP";
/** Where a figure is printed: row and column (0-based) and its A1 address without the sheet. */
function at(appendix: string, item: string, measure: Measure, period: string) {
  const p = printedPosition(
    template.appendices.find((a) => a.id === appendix)!,
    item,
    measure,
    period,
  )!;
  return { row: p.row, col: p.col, a1: `${String.fromCharCode(65 + p.col)}${p.row + 1}` };
}

const cellIssues = (ev: Evaluation) =>
  [...ev.report.errors, ...ev.report.warnings]
    .filter((i) => i.code.startsWith("FIGURE_SHOWN_AS_"))
    .map((i) => `${i.code}@${i.cell}`);
const messageAt = (ev: Evaluation, cell: string) =>
  ev.report.errors.find((i) => i.cell === cell && i.code.startsWith("FIGURE_SHOWN_AS_"))?.message;

// The planted cells: what is typed, its number format (openpyxl: a code or a built-in id), and what the spreadsheet
// shows.
const I8 = at("PL01", "1", "NSTW", "2023");
const QTY = at("PL01", "2", "quantity", "2024");
const PCT = at("PL02", "1", "NSTW", "2024");
const TIME = at("PL03", "1", "NSDP", "2023");
const STAMP = at("PL03", "2", "NSTW", "2025");
const PLANTED = [
  {
    sheet: "PL01",
    cell: I8.a1,
    value: 45113,
    format: "dd/mm/yyyy" as string | { builtin: number },
    code: "FIGURE_SHOWN_AS_DATE",
    shows: "ô hiển thị ngày 06/07/2023",
  },
  {
    sheet: "PL01",
    cell: QTY.a1,
    value: 45113,
    format: { builtin: 14 },
    code: "FIGURE_SHOWN_AS_DATE",
    shows: "ô hiển thị ngày 06/07/2023",
  },
  {
    sheet: "PL02",
    cell: PCT.a1,
    value: 0.15,
    format: { builtin: 9 },
    code: "FIGURE_SHOWN_AS_PERCENT",
    shows: "ô hiển thị 15%",
  },
  {
    sheet: "PL03",
    cell: TIME.a1,
    value: 0.5,
    format: { builtin: 20 },
    code: "FIGURE_SHOWN_AS_TIME",
    shows: "ô hiển thị 12:00",
  },
  {
    sheet: "PL03",
    cell: STAMP.a1,
    value: 45113.5,
    format: "[$-42A]dd/mm/yyyy hh:mm",
    code: "FIGURE_SHOWN_AS_DATE",
    shows: "ô hiển thị ngày 06/07/2023 12:00",
  },
];
const EXPECTED = PLANTED.map((p) => `${p.code}@${p.sheet}!${p.cell}`).sort();

function expectPlanted(ev: Evaluation) {
  expect(cellIssues(ev).sort()).toEqual(EXPECTED);
  for (const p of PLANTED) expect(messageAt(ev, `${p.sheet}!${p.cell}`)).toContain(p.shows);
}

describe("what a number format shows", () => {
  it.each([
    ["General", null],
    ["#,##0.###", null],
    ['#,##0.000 "triệu đồng"', null],
    ['_-* #,##0 _₫_-;-* #,##0 _₫_-;_-* "-"?? _₫_-;_-@_-', null],
    ["0.00E+00", null],
    ["@", null],
    ["dd/mm/yyyy", "date"],
    ["DD/MM/YYYY", "date"],
    ["[$-42A]d/m/yyyy;@", "date"],
    ["mmm-yy", "date"],
    ["d-mmm", "date"],
    ["h:mm AM/PM", "time"],
    ["[h]:mm:ss", "time"],
    ["mm:ss", "time"],
    ["m/d/yyyy h:mm", "datetime"],
    ["0%", "percent"],
    ["0.00%", "percent"],
    ['"Ngày" dd', "date"],
    ['"day" 0', null],
    ["[Red]#,##0;[Blue]-#,##0", null],
  ])("%s → %s", (code, kind) => expect(formatCodeKind(code)).toBe(kind));

  it("dates in the 1900 system (with its 29 February 1900) and the 1904 system, times, percents", () => {
    expect(displayedAs(45113, "date")).toBe("06/07/2023");
    expect(displayedAs(45113.5, "datetime")).toBe("06/07/2023 12:00");
    expect(displayedAs(0.5000115740740741, "time")).toBe("12:00:01");
    expect(displayedAs(60, "date")).toBe("29/02/1900");
    expect(displayedAs(59, "date")).toBe("28/02/1900");
    expect(displayedAs(61, "date")).toBe("01/03/1900");
    expect(displayedAs(1, "date")).toBe("01/01/1900");
    expect(displayedAs(0, "date")).toBe("00/01/1900");
    expect(displayedAs(43651, "date", true)).toBe("06/07/2023");
    expect(displayedAs(0, "date", true)).toBe("01/01/1904");
    expect(displayedAs(-1, "date")).toBe("#####");
    expect(displayedAs(0.15, "percent")).toBe("15%");
    expect(displayedAs(45113, "percent")).toBe("4.511.300%");
    expect(displayedAs(0.1234, "percent")).toBe("12,34%");
    expect(serialFromDate(2023, 7, 6, 0)).toBe(45113);
    expect(serialFromDate(1900, 2, 28, 0)).toBe(59);
    expect(serialFromDate(2023, 7, 6, 0, true)).toBe(43651);
  });
});

describe("number formats read from the package", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  /**
   * A one-sheet package with a styles part; cell styles by index: 0 plain, 1 custom date, 2 built-in percent, 3 a text
   * format.
   */
  function withStyles(rows: string, workbookPr = ""): Uint8Array {
    const parts = minimalParts({ S: sheetXml(rows) });
    parts["xl/workbook.xml"] = (parts["xl/workbook.xml"] as string).replace("<sheets>", `${workbookPr}<sheets>`);
    parts["xl/_rels/workbook.xml.rels"] = (parts["xl/_rels/workbook.xml.rels"] as string).replace(
      "</Relationships>",
      `<Relationship Id="rIdSt" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    );
    parts["xl/styles.xml"] =
      `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="@"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9" applyNumberFormat="1"><alignment/></xf><xf numFmtId="165"/></cellXfs>` +
      `<dxfs count="1"><dxf><numFmt numFmtId="166" formatCode="0%"/></dxf></dxfs></styleSheet>`;
    return zipParts(parts);
  }

  it("cellXfs (not cellStyleXfs or dxfs) give each style's kind, for number cells only", () => {
    const [g] = readXlsx(
      withStyles(
        `<row r="1"><c r="A1" s="1"><v>45113</v></c><c r="B1" s="2"><v>0.15</v></c><c r="C1" s="0"><v>7</v></c><c r="D1" s="1" t="inlineStr"><is><t>06/07/2023</t></is></c><c r="E1" s="3"><v>5</v></c><c r="F1" s="9"><v>5</v></c></row>`,
      ),
    );
    expect(g.values[0]).toEqual([45113, 0.15, 7, "06/07/2023", 5, 5]);
    expect(g.kinds?.[0]).toEqual(["date", "percent", null, null, null, null]);
  });

  it('ISO dates in t="d" cells become serials shown as dates; the 1904 date system is the workbook\'s', () => {
    const rows = `<row r="1"><c r="A1" t="d"><v>2023-07-06T00:00:00</v></c><c r="B1" t="d"><v>2023-07-06T12:00:00</v></c><c r="C1" t="d"><v>12:00:00</v></c><c r="D1" t="d"><v>hôm nay</v></c></row>`;
    const [g] = readXlsx(withStyles(rows));
    expect(g.values[0]).toEqual([45113, 45113.5, 0.5, "hôm nay"]);
    expect(g.kinds?.[0]).toEqual(["date", "datetime", "time", null]);
    expect(g.date1904).toBeUndefined();
    const [g1904] = readXlsx(withStyles(rows, `<workbookPr date1904="1"/>`));
    expect(g1904.values[0][0]).toBe(43651);
    expect(g1904.date1904).toBe(true);
  });

  it("a package whose workbook asks for a full recalculation says so on every grid", () => {
    const parts = minimalParts({
      A: sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>`),
      B: sheetXml(`<row r="1"><c r="A1"><v>2</v></c></row>`),
    });
    expect(readXlsx(zipParts(parts)).map((g) => g.recalc)).toEqual([undefined, undefined]);
    parts["xl/workbook.xml"] = (parts["xl/workbook.xml"] as string).replace(
      "</workbook>",
      `<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`,
    );
    expect(readXlsx(zipParts(parts)).map((g) => g.recalc)).toEqual([true, true]);
  });
});

describe("figure cells formatted as dates, times or percents", () => {
  it("in a grid that knows its formats: an error at the cell naming what it shows; empty cells, text and cells outside the table are not", () => {
    const sheets = printed();
    const pl01 = sheets[0];
    pl01.values[I8.row][I8.col] = 45113;
    const kinds: (NumberFormatKind | null)[][] = pl01.values.map((row) => row.map(() => null));
    kinds[I8.row][I8.col] = "date";
    kinds[0][0] = "date"; // the heading, text
    const empty = at("PL01", "3", "NSDP", "2025");
    pl01.values[empty.row][empty.col] = null;
    kinds[empty.row][empty.col] = "date";
    const ev = validateWorkbook(template, [{ ...pl01, kinds }, ...sheets.slice(1)]);
    expect(cellIssues(ev)).toEqual([`FIGURE_SHOWN_AS_DATE@PL01!${I8.a1}`]);
    const issue = ev.report.errors.find((i) => i.code === "FIGURE_SHOWN_AS_DATE")!;
    expect(issue.message).toBe(
      "Ô số liệu được định dạng ngày tháng nên ô hiển thị ngày 06/07/2023, còn giá trị lưu trong tệp là 45.113. Hãy chọn ô, định dạng lại là Số (Format Cells → Number) rồi nhập đúng số liệu.",
    );
    expect({ item: issue.item, measure: issue.measure, period: issue.period, params: issue.params }).toEqual({
      item: "1",
      measure: "NSTW",
      period: "2023",
      params: { shown: "06/07/2023", value: "45.113" },
    });
  });

  it("written by our own writer (a printed sheet with a date format on one cell), read back from the .xlsx", () => {
    const sheets = printed();
    sheets[0].values[I8.row][I8.col] = 45113;
    sheets[0].styles.push({ range: { row: I8.row, col: I8.col, rows: 1, cols: 1 }, numberFormat: "dd/mm/yyyy" });
    const grids = readXlsx(writeXlsx(sheets));
    expect(grids[0].kinds?.[I8.row][I8.col]).toBe("date");
    expect(grids[1].kinds).toBeUndefined();
    const ev = validateWorkbook(template, grids);
    expect(ev.report.valid).toBe(false);
    expect(cellIssues(ev)).toEqual([`FIGURE_SHOWN_AS_DATE@PL01!${I8.a1}`]);
    expect(messageAt(ev, `PL01!${I8.a1}`)).toContain("ô hiển thị ngày 06/07/2023");
  });
});

describe.skipIf(!haveOpenpyxl())(
  "workbooks edited by openpyxl, and what LibreOffice and Gnumeric make of them",
  { timeout: 300_000 },
  () => {
    let edited: Uint8Array = new Uint8Array();
    beforeAll(() => {
      edited = openpyxlEdit(dir("openpyxl-formats"), plan, {
        cells: PLANTED.map(({ sheet, cell, value, format }) => ({ sheet, cell, value, format })),
      });
    }, 120_000);

    it("openpyxl (built-in ids 9, 14, 20 and custom codes): each planted cell is an error naming what it shows", () => {
      const ev = validateWorkbook(template, readSpreadsheet(edited));
      expectPlanted(ev);
      expect(ev.report.errors.map((i) => i.code).every((c) => c.startsWith("FIGURE_SHOWN_AS_"))).toBe(true);
    });

    it("openpyxl in the 1904 date system: 43651 shows 06/07/2023", () => {
      const bytes = openpyxlEdit(dir("openpyxl-1904"), plan, {
        date1904: true,
        cells: [{ sheet: "PL01", cell: I8.a1, value: 43651, format: "dd/mm/yyyy" }],
      });
      const grids = readSpreadsheet(bytes);
      expect(grids[0].date1904).toBe(true);
      const ev = validateWorkbook(template, grids);
      expect(cellIssues(ev)).toEqual([`FIGURE_SHOWN_AS_DATE@PL01!${I8.a1}`]);
      expect(messageAt(ev, `PL01!${I8.a1}`)).toContain("ô hiển thị ngày 06/07/2023");
    });

    it.skipIf(!haveLibreOffice())(
      "saved again by LibreOffice as .xlsx and as .ods (date, time and percent value types): the same errors at the same cells",
      () => {
        const d = dir("lo-formats");
        expectPlanted(
          validateWorkbook(template, readSpreadsheet(sofficeTo(d, "dinh-dang.xlsx", edited, "xlsx", "xlsx"))),
        );
        const ods = readSpreadsheet(sofficeTo(d, "dinh-dang.xlsx", edited, "ods", "ods"));
        expect(ods[0].kinds?.[I8.row][I8.col]).toBe("date");
        expectPlanted(validateWorkbook(template, ods));
      },
    );

    it.skipIf(!haveGnumeric())(
      "saved again by Gnumeric as .xlsx and as .ods: the same errors at the same cells",
      () => {
        const d = dir("gnumeric-formats");
        expectPlanted(
          validateWorkbook(
            template,
            readSpreadsheet(ssconvertTo(d, "dinh-dang.xlsx", edited, "Gnumeric_Excel:xlsx2", "xlsx")),
          ),
        );
        expectPlanted(
          validateWorkbook(
            template,
            readSpreadsheet(ssconvertTo(d, "dinh-dang.xlsx", edited, "Gnumeric_OpenCalc:odf", "ods")),
          ),
        );
      },
    );
  },
);

describe.skipIf(!haveXlsxwriter())("workbooks written by XlsxWriter", { timeout: 120_000 }, () => {
  it("custom date and percent formats are errors at their cells", () => {
    const sheets = printed();
    sheets[0].values[I8.row][I8.col] = 45113;
    sheets[1].values[PCT.row][PCT.col] = 0.15;
    const bytes = xlsxwriterGrids(dir("xlsxwriter-formats"), sheets, {
      PL01: { [`${I8.row},${I8.col}`]: "dd/mm/yyyy" },
      PL02: { [`${PCT.row},${PCT.col}`]: "0%" },
    });
    const ev = validateWorkbook(template, readSpreadsheet(bytes));
    expect(cellIssues(ev).sort()).toEqual([
      `FIGURE_SHOWN_AS_DATE@PL01!${I8.a1}`,
      `FIGURE_SHOWN_AS_PERCENT@PL02!${PCT.a1}`,
    ]);
    expect(messageAt(ev, `PL02!${PCT.a1}`)).toContain("ô hiển thị 15%, còn giá trị lưu trong tệp là 0,15");
  });
});
