// Formulas in the cells people type figures into. The server keeps the value a file saved
// with each formula and never recalculates, so such a cell is reported at its cell: an error
// for a formula reaching outside the workbook or changing on every recalculation, a warning
// otherwise. The template's own SUM formulas (phase totals, "Tổng cộng") are never reported.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type Evaluation,
  getTemplate,
  type Grid,
  planFigures,
  printAppendix,
  printedPosition,
  type PrintedSheet,
  sheetCell,
  validateWorkbook,
} from "../../domain";
import { formulaRisk } from "../../domain/rules/formulas";
import { readXlsx, writeXlsx } from "../../worker/xlsx";
import { libreOfficeAvailable, workDir, xlsxToXlsx } from "../xlsx/support/soffice";

const template = getTemplate("kh-157-2023")!;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Measure = "quantity" | "NSTW" | "NSDP";
/** The plan's figures in the printed layout, with the template's SUM formulas. */
const printed = (): PrintedSheet[] =>
  template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true }));

function place(appendix: string, item: string, measure: Measure, period: string) {
  const pos = printedPosition(
    template.appendices.find((a) => a.id === appendix)!,
    item,
    measure,
    period,
  )!;
  return { ...pos, cell: sheetCell(appendix, pos.row, pos.col) };
}

/** Puts a formula into a figure cell (keeping the printed value as its cached value unless given). */
function setFormula(
  sheets: PrintedSheet[],
  appendix: string,
  item: string,
  measure: Measure,
  period: string,
  formula: string,
  cached?: number | null,
): string {
  const p = place(appendix, item, measure, period);
  const s = sheets.find((x) => x.sheet === appendix)!;
  s.formulas[p.row][p.col] = formula;
  if (cached !== undefined) s.values[p.row][p.col] = cached;
  return p.cell;
}

const formulaIssues = (ev: Evaluation) =>
  [...ev.report.errors, ...ev.report.warnings]
    .filter((i) => i.code.startsWith("FORMULA_"))
    .map((i) => `${i.code}@${i.cell}`);

describe("formulaRisk: what a formula reaches for", () => {
  it.each([
    ['=WEBSERVICE("https://example.invalid/x")', "external", "WEBSERVICE"],
    ['=_xlfn.WEBSERVICE("https://example.invalid/x")', "external", "_xlfn.WEBSERVICE"],
    ['=_xlfn.FILTERXML(_xlfn.WEBSERVICE("http://x"),"//v")', "external", "_xlfn.FILTERXML"],
    ['=RTD("prog.id",,"topic")', "external", "RTD"],
    ["=cmd|'/C calc'!A0", "external", "cmd|"],
    ["=1+MSEXCEL|'\\..\\..\\cmd.exe /c calc'!''", "external", "1+MSEXCEL|"],
    ["=[1]Sheet1!A1", "external", "[1]"],
    ["=[1]!Total", "external", "[1]"],
    ["=[so-lieu.xlsx]PL01!I8*2", "external", "[so-lieu.xlsx]"],
    ["='C:\\Users\\ke toan\\[so lieu.xlsx]PL01'!I8", "external", "'C:\\Users\\ke toan\\[so lieu.xlsx]PL01'"],
    ["='https://example.invalid/[b.xlsx]S'!A1", "external", "'https://example.invalid/[b.xlsx]S'"],
    ['=CALL("Kernel32","GetTickCount","J")', "external", "CALL"],
    ['=REGISTER.ID("x","y")', "external", "REGISTER.ID"],
    ['=HYPERLINK("https://example.invalid",500)', "external", "HYPERLINK"],
    ["=_xll.MyAddinFunction(1)", "external", "_xll.MyAddinFunction"],
    ['=INDIRECT("I8")', "volatile", "INDIRECT"],
    ["=OFFSET(I8,0,1)", "volatile", "OFFSET"],
    ["=NOW()", "volatile", "NOW"],
    ["=today()*0+5", "volatile", "today"],
    ["=RAND()*100", "volatile", "RAND"],
    ["=RANDBETWEEN(1,500)", "volatile", "RANDBETWEEN"],
    ['=INFO("osversion")', "volatile", "INFO"],
    ['=CELL("address")', "volatile", "CELL"],
    ["=NOW()+WEBSERVICE(A1)", "external", "WEBSERVICE"],
    ["=SUM(NOW())", "volatile", "NOW"],
    ["=ROUND(WEBSERVICE(A1),0)", "external", "WEBSERVICE"],
    ['=IF(TRUE,(INDIRECT("A1")))', "volatile", "INDIRECT"],
  ] as const)("%s → %s", (formula, kind, what) => {
    expect(formulaRisk(formula)).toEqual({ kind, what });
  });

  it.each([
    "=400+100",
    "=SUM(E8:G8)",
    "=SUM(G8,J8,M8)",
    '="WEBSERVICE(" & "NOW()"',
    "='Sheet 1'!A1+'Sheet 1:Sheet 3'!B2",
    "=PL01!I8*2",
    "=Table1[Col]+SUM(Table1[[#This Row],[A]:[B]])",
    "=[@Col]*2",
    "=ROUND(I8/3,3)",
    "=NOWHERE(1)",
  ])("%s → ordinary", (formula) => {
    expect(formulaRisk(formula)).toBeNull();
  });
});

describe("formulas in input cells, on grids", () => {
  it("a plain formula in an input cell is a warning at its cell; the template's own formulas are not reported", () => {
    const sheets = printed();
    const cell = setFormula(sheets, "PL01", "1", "NSTW", "2023", "=400+100");
    const ev = validateWorkbook(template, sheets);
    expect(ev.report.valid).toBe(true);
    expect(formulaIssues(ev)).toEqual([`FORMULA_INPUT@${cell}`]);
    expect(cell).toBe("PL01!I8");
    const w = ev.report.warnings.find((i) => i.code === "FORMULA_INPUT")!;
    expect(w).toMatchObject({
      appendix: "PL01",
      item: "1",
      measure: "NSTW",
      period: "2023",
      params: { formula: "=400+100", value: "403.305" },
    });
    expect(w.message).toContain("=400+100");
    expect(w.message).toContain("máy chủ dùng giá trị đã tính");
  });

  it("external and volatile functions, links to other workbooks and DDE are errors at their cells", () => {
    const sheets = printed();
    const cells = [
      [
        "FORMULA_EXTERNAL",
        setFormula(sheets, "PL01", "1", "NSTW", "2023", '=_xlfn.WEBSERVICE("https://example.invalid/so-lieu")'),
      ],
      ["FORMULA_EXTERNAL", setFormula(sheets, "PL01", "2", "NSDP", "2024", "=[1]Sheet1!A1")],
      ["FORMULA_EXTERNAL", setFormula(sheets, "PL02", "1", "NSTW", "2023", "=cmd|'/C calc'!A0")],
      ["FORMULA_EXTERNAL", setFormula(sheets, "PL02", "1", "quantity", "2024", "='C:\\tmp\\[b.xlsx]PL02'!E8")],
      ["FORMULA_VOLATILE", setFormula(sheets, "PL03", "1", "NSTW", "2023", '=INDIRECT("H9")')],
      ["FORMULA_VOLATILE", setFormula(sheets, "PL03", "2", "quantity", "2025", "=RANDBETWEEN(1,3)")],
    ];
    const ev = validateWorkbook(template, sheets);
    expect(ev.report.valid).toBe(false);
    expect(formulaIssues(ev).sort()).toEqual(cells.map(([code, cell]) => `${code}@${cell}`).sort());
    expect(cells[0][1]).toBe("PL01!I8");
    expect(cells[2][1]).toBe("PL02!H8");
  });

  it("a computed cell is reported only when its formula reaches outside the workbook", () => {
    const sheets = printed();
    const total = setFormula(
      sheets,
      "PL01",
      "1",
      "NSTW",
      "total",
      '=SUM(I8:K8)+WEBSERVICE("https://example.invalid")*0',
    );
    setFormula(sheets, "PL01", "total", "NSTW", "2023", "=SUM(I8:I10)+NOW()*0");
    const ev = validateWorkbook(template, sheets);
    expect(formulaIssues(ev)).toEqual([`FORMULA_EXTERNAL@${total}`]);
    expect(total).toBe("PL01!H8");
  });

  it("a formula without a saved value is read as empty, and says so", () => {
    const sheets = printed();
    const cell = setFormula(sheets, "PL02", "1", "NSTW", "2023", "=40", null);
    const ev = validateWorkbook(template, sheets);
    expect(formulaIssues(ev)).toEqual([`FORMULA_INPUT_NO_VALUE@${cell}`]);
  });
});

describe("formulas in input cells, in .xlsx files", () => {
  const read = (bytes: Uint8Array) => validateWorkbook(template, readXlsx(bytes));

  it("generated here: the cached value differs from the formula → warning with the value stored", () => {
    const sheets = printed();
    const cell = setFormula(sheets, "PL01", "1", "NSTW", "2023", "=500");
    const ev = read(writeXlsx(sheets));
    expect(formulaIssues(ev)).toEqual([`FORMULA_INPUT@${cell}`]);
    expect(ev.report.warnings.find((i) => i.code === "FORMULA_INPUT")!.params).toEqual({
      formula: "=500",
      value: "403.305",
    });
  });

  it("generated here: WEBSERVICE in an input cell → error at PL02!H8", () => {
    const sheets = printed();
    setFormula(sheets, "PL02", "1", "NSTW", "2023", '=_xlfn.WEBSERVICE("https://example.invalid/so-lieu")');
    const ev = read(writeXlsx(sheets));
    expect(ev.report.valid).toBe(false);
    expect(formulaIssues(ev)).toEqual(["FORMULA_EXTERNAL@PL02!H8"]);
  });

  describe.skipIf(!libreOfficeAvailable())("saved by LibreOffice", { timeout: 120_000 }, () => {
    it("a formula in an input cell keeps its stale cached value through LibreOffice and is reported at its cell", () => {
      const sheets = printed();
      setFormula(sheets, "PL01", "1", "NSTW", "2023", "=400+100");
      setFormula(sheets, "PL01", "2", "NSTW", "2024", '=_xlfn.WEBSERVICE("https://example.invalid/x")');
      const dir = workDir("formula-inputs");
      dirs.push(dir);
      const grids: Grid[] = readXlsx(xlsxToXlsx(dir, "don-vi.xlsx", writeXlsx(sheets)));
      // LibreOffice rewrote every formula (the template's SUMs included) with the value it saved.
      expect(grids[0].formulas?.[7]?.[8]).toBe("=400+100");
      const ev = validateWorkbook(template, grids);
      expect(formulaIssues(ev)).toEqual(["FORMULA_EXTERNAL@PL01!J9", "FORMULA_INPUT@PL01!I8"]);
      expect(ev.report.warnings.find((i) => i.code === "FORMULA_INPUT")!.params).toEqual({
        formula: "=400+100",
        value: "403.305",
      });
    });
  });

  describe.skipIf(!openpyxlPython())("written by openpyxl (formulas without saved values)", () => {
    it("each input formula is reported at its cell; the SUM totals openpyxl kept are not", () => {
      const dir = workDir("openpyxl");
      dirs.push(dir);
      const src = join(dir, "mau.xlsx");
      const out = join(dir, "don-vi.xlsx");
      writeFileSync(src, writeXlsx(printed()));
      const script = [
        "import sys, openpyxl",
        "wb = openpyxl.load_workbook(sys.argv[1])",
        'wb["PL01"]["I8"] = "=400+3.305"',
        'wb["PL02"]["H8"] = \'=WEBSERVICE("https://example.invalid/so-lieu")\'',
        'wb["PL03"]["H8"] = "=TODAY()"',
        "wb.save(sys.argv[2])",
      ].join("\n");
      execFileSync(openpyxlPython()!, ["-c", script, src, out], { stdio: "pipe", timeout: 60_000 });
      const ev = read(new Uint8Array(readFileSync(out)));
      expect(formulaIssues(ev).sort()).toEqual([
        "FORMULA_EXTERNAL@PL02!H8",
        "FORMULA_INPUT_NO_VALUE@PL01!I8",
        "FORMULA_VOLATILE@PL03!H8",
      ]);
    });
  });
});

/** A python3 that can import openpyxl (Debian's python3-openpyxl), or null; on CI its absence fails. */
function openpyxlPython(): string | null {
  for (const python of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(python, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0) return python;
  }
  if (process.env.CI === "true" || process.env.CI === "1")
    throw new Error("CI is set but no python3 with openpyxl: apt-get install -y python3-openpyxl");
  console.warn(
    "tests/domain: no python3 with openpyxl, skipping the openpyxl test (apt-get install -y python3-openpyxl)",
  );
  return null;
}
