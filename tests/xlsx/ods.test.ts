// .ods uploads (LibreOffice's own format; Gnumeric writes it too) read exactly as .xlsx through
// the same grid seam, under the same bounds: the plan workbook saved by LibreOffice and by
// Gnumeric as .ods (and LibreOffice's flat .fods) gives the same grids as the same workbook
// saved as .xlsx, the same figures and the same errors at the same cells; hand-written
// content.xml parts probe the bounds (repeated rows and columns counted before they are
// expanded, DTDs, sizes, sheets, text).
import { beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { getTemplate, type Grid, planFigures, printAppendix, toFigureTree, validateWorkbook } from "../../domain";
import {
  readSpreadsheet,
  readSpreadsheetFile,
  readXlsx,
  writeXlsx,
  XlsxError,
  type XlsxLimits,
} from "../../worker/xlsx";
import { odfFormula } from "../../worker/xlsx/ods";
import { DEFAULT_LIMITS } from "../../worker/xlsx/limits";
import { LIBREOFFICE_PLAN_ODS } from "./fixtures/libreoffice-plan-ods";
import { expectedTree } from "./support/fixture";
import { haveGnumeric, haveLibreOffice, sofficeTo, ssconvertTo } from "./support/producers/file-formats";
import { tempDirs } from "./support/temp-dirs";

const template = getTemplate("kh-157-2023")!;
const sheets = () =>
  template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true }));
const plan = writeXlsx(sheets());
const enc = new TextEncoder();
const dir = tempDirs();

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"';

/** content.xml around the given tables. */
function content(tables: string, before = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3"><office:body><office:spreadsheet>${before}${tables}</office:spreadsheet></office:body></office:document-content>`;
}

/** An .ods package as LibreOffice lays it out: mimetype stored first, then the parts. */
function odsPackage(contentXml: string | Uint8Array, extra: Record<string, string> = {}): Uint8Array {
  return zipSync({
    mimetype: [enc.encode("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
    "content.xml": typeof contentXml === "string" ? enc.encode(contentXml) : contentXml,
    "META-INF/manifest.xml": enc.encode(
      `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
        `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>` +
        `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    ),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, enc.encode(v)])),
  });
}

const cell = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
const num = (v: number, extra = "") =>
  `<table:table-cell office:value-type="float" office:value="${v}"${extra}><text:p>${v}</text:p></table:table-cell>`;

function refusal(bytes: Uint8Array, limits?: Partial<XlsxLimits>): XlsxError {
  try {
    readSpreadsheet(bytes, limits);
  } catch (err) {
    if (err instanceof XlsxError) return err;
    throw err;
  }
  throw new Error("expected the reader to refuse the file");
}

/** What a grid holds, for comparing two readings of one workbook. */
const shape = (g: Grid) => ({
  sheet: g.sheet,
  values: g.values,
  formulas: g.formulas,
  merges: [...(g.merges ?? [])].sort((a, b) => a.row - b.row || a.col - b.col),
});

function expectPlanFigures(grids: Grid[]) {
  const ev = validateWorkbook(template, grids);
  expect(ev.report.errors).toEqual([]);
  expect(ev.report.warnings).toEqual([]);
  expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
}

describe("content.xml read as a grid", () => {
  it("values, text paragraphs and spaces, merged cells, repeated cells, formulas, dates, times, percents, booleans", () => {
    const xml = content(
      `<table:table table:name="PL01"><table:table-column table:number-columns-repeated="16384"/>` +
        `<table:table-row><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="2" office:value-type="string"><text:p>Kinh phí</text:p><text:p>(triệu<text:s text:c="2"/>đồng)</text:p></table:table-cell>` +
        `<table:covered-table-cell table:number-columns-repeated="2"/>${num(1.5)}</table:table-row>` +
        `<table:table-row table:number-rows-repeated="2"><table:covered-table-cell table:number-columns-repeated="3"/>${num(160, ' table:number-columns-repeated="2"')}</table:table-row>` +
        `<table:table-row><table:table-cell table:formula="of:=SUM([.D2:.E3];[$PL01.D1])" office:value-type="float" office:value="641.5"><text:p>641,5</text:p></table:table-cell>` +
        `<table:table-cell office:value-type="date" office:date-value="2023-07-06"><text:p>06/07/2023</text:p></table:table-cell>` +
        `<table:table-cell office:value-type="time" office:time-value="PT12H00M00S"><text:p>12:00</text:p></table:table-cell>` +
        `<table:table-cell office:value-type="percentage" office:value="0.15"><text:p>15%</text:p></table:table-cell>` +
        `<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>` +
        `<table:table-cell office:value-type="string"><text:p>ghi chú</text:p><office:annotation><text:p>bình luận</text:p></office:annotation></table:table-cell>` +
        `<table:table-cell table:number-columns-repeated="16378"/></table:table-row>` +
        `<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>`,
    );
    const read = readSpreadsheetFile(odsPackage(xml));
    expect(read.format).toBe("ods");
    const [g] = read.grids;
    expect(g.values).toEqual([
      ["Kinh phí\n(triệu  đồng)", null, null, 1.5, null, null],
      [null, null, null, 160, 160, null],
      [null, null, null, 160, 160, null],
      [641.5, 45113, 0.5, 0.15, true, "ghi chú"],
    ]);
    expect(g.formulas?.[3][0]).toBe("=SUM(D2:E3,PL01!D1)");
    expect(g.merges).toEqual([{ row: 0, col: 0, rows: 2, cols: 3 }]);
    expect(g.kinds?.[3]).toEqual([null, "date", "time", "percent", null, null]);
  });

  it("OpenFormula becomes the A1 formulas the rules read, links to other files included", () => {
    expect(odfFormula("of:=SUM([.I8:.K8])")).toBe("=SUM(I8:K8)");
    expect(odfFormula("of:=SUM([.O8];[.O9];[.O10])")).toBe("=SUM(O8,O9,O10)");
    expect(odfFormula("of:=[$'Kế hoạch'.$A$1]+[$PL02.B2:.C3]")).toBe("='Kế hoạch'!$A$1+PL02!B2:C3");
    expect(odfFormula('of:=IF([.A1]="x;y";1;2)')).toBe('=IF(A1="x;y",1,2)');
    expect(odfFormula("of:=['file:///C:/so-lieu/nam-2023.ods'#$Sheet1.A1]")).toBe(
      "=[file:///C:/so-lieu/nam-2023.ods]Sheet1!A1",
    );
    expect(odfFormula('of:=WEBSERVICE("https://example.invalid/x")')).toBe('=WEBSERVICE("https://example.invalid/x")');
    expect(odfFormula("oooc:=SUM([.A1:.A3])")).toBe("=SUM(A1:A3)");
  });

  it("a formula in an .ods input cell is reported at its cell like one in an .xlsx (links to other files are errors)", () => {
    const grids = readSpreadsheet(
      odsPackage(
        content(
          `<table:table table:name="PL01"><table:table-row>` +
            `<table:table-cell table:formula="of:=['file:///C:/a.ods'#$Sheet1.A1]" office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>` +
            `</table:table-row></table:table>`,
        ),
      ),
    );
    expect(grids[0].formulas?.[0][0]).toBe("=[file:///C:/a.ods]Sheet1!A1");
  });

  it("a 1904 null date gives 1904 serials", () => {
    const xml = content(
      `<table:table table:name="S"><table:table-row><table:table-cell office:value-type="date" office:date-value="2023-07-06T06:00:00"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`,
      `<table:calculation-settings><table:null-date table:date-value="1904-01-01"/></table:calculation-settings>`,
    );
    const [g] = readSpreadsheet(odsPackage(xml));
    expect(g.values[0][0]).toBe(43651.25);
    expect(g.date1904).toBe(true);
    expect(g.kinds?.[0][0]).toBe("datetime");
  });
});

describe("the same bounds as .xlsx", () => {
  it("LibreOffice's padding (1,048,576 rows × 16,384 columns of empty repeats) costs nothing: nothing is expanded", () => {
    const xml = content(
      `<table:table table:name="S"><table:table-row>${num(1)}<table:table-cell table:number-columns-repeated="16383"/></table:table-row>` +
        `<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>`,
    );
    // One cell of budget and one cell of area are enough.
    const [g] = readSpreadsheet(odsPackage(xml), { maxCells: 1, maxGridArea: 1 });
    expect(g.values).toEqual([[1]]);
  });

  it("a repeated row of repeated cells is counted before it is expanded", () => {
    const rows = (n: number, cols: number) =>
      content(
        `<table:table table:name="S"><table:table-row table:number-rows-repeated="${n}">${num(7, ` table:number-columns-repeated="${cols}"`)}</table:table-row></table:table>`,
      );
    const e = refusal(odsPackage(rows(1_048_576, 16_384)));
    expect({ code: e.code, limit: e.limit }).toEqual({ code: "XLSX_TOO_MANY_CELLS", limit: DEFAULT_LIMITS.maxCells });
    expect(refusal(odsPackage(rows(1000, 21)), { maxCells: 20_000 }).code).toBe("XLSX_TOO_MANY_CELLS");
    expect(readSpreadsheet(odsPackage(rows(1000, 20)), { maxCells: 20_000 })[0].values).toHaveLength(1000);
    // Spread over more area than allowed, with few cells.
    const far = content(
      `<table:table table:name="S"><table:table-row>${num(1)}</table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="50"/>${num(2)}</table:table-row></table:table>`,
    );
    expect(refusal(odsPackage(far), { maxGridArea: 200_000 }).code).toBe("XLSX_TOO_MANY_CELLS");
  });

  it("merged cells in repeated rows are counted too, and clipped to the grid", () => {
    const merged = (n: number) =>
      content(
        `<table:table table:name="S"><table:table-row>${num(1)}</table:table-row><table:table-row table:number-rows-repeated="${n}"><table:table-cell table:number-columns-spanned="4" table:number-rows-spanned="9999"/></table:table-row></table:table>`,
      );
    expect(refusal(odsPackage(merged(1_000_000))).code).toBe("XLSX_TOO_MANY_CELLS");
    expect(readSpreadsheet(odsPackage(merged(3)))[0].merges).toEqual([]);
  });

  it("a cell past column 16,384 or row 1,048,576 is refused as damaged", () => {
    const wide = content(
      `<table:table table:name="S"><table:table-row><table:table-cell table:number-columns-repeated="16384"/>${num(1)}</table:table-row></table:table>`,
    );
    expect(refusal(odsPackage(wide)).message).toMatch(/^Tệp \.ods bị hỏng/);
    const tall = content(
      `<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell/></table:table-row><table:table-row>${num(1)}</table:table-row></table:table>`,
    );
    expect(refusal(odsPackage(tall)).code).toBe("XLSX_CORRUPT");
  });

  it("DTDs and entities, oversized parts, too many sheets, too much text and over-long strings are refused", () => {
    const dtd =
      `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>` +
      content(`<table:table table:name="S"><table:table-row>${cell("&a;")}</table:table-row></table:table>`).replace(
        /^<\?xml[^>]*>/,
        "",
      );
    expect(refusal(odsPackage(dtd)).code).toBe("XLSX_DTD_FORBIDDEN");
    const bomb = new Uint8Array(17 * 1024 * 1024);
    expect(refusal(odsPackage(bomb)).code).toBe("XLSX_INFLATE_LIMIT");
    const many = content(
      Array.from(
        { length: 101 },
        (_, k) => `<table:table table:name="S${k}"><table:table-row>${num(k)}</table:table-row></table:table>`,
      ).join(""),
    );
    expect(refusal(odsPackage(many)).code).toBe("XLSX_TOO_MANY_SHEETS");
    const long = "đ".repeat(30_000);
    const text = content(
      `<table:table table:name="S"><table:table-row table:number-rows-repeated="100"><table:table-cell office:value-type="string" table:number-columns-repeated="10"><text:p>${long}</text:p></table:table-cell></table:table-row></table:table>`,
    );
    expect(refusal(odsPackage(text)).code).toBe("XLSX_TEXT_LIMIT");
    const spaces = content(
      `<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row></table:table>`,
    );
    expect(refusal(odsPackage(spaces)).code).toBe("XLSX_STRING_TOO_LONG");
  });

  it("a package without content.xml, or without tables, says .ods", () => {
    const noContent = zipSync({
      mimetype: [enc.encode("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "META-INF/manifest.xml": enc.encode("<manifest/>"),
    });
    const e = refusal(noContent);
    expect(e.code).toBe("XLSX_CORRUPT");
    expect(e.message).toMatch(/\.ods.*content\.xml/);
    expect(refusal(odsPackage(content(""))).code).toBe("XLSX_NO_SHEETS");
  });

  it("a password-protected .ods (encryption data in the manifest) says to save it without the password", () => {
    const manifest =
      `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
      `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/></manifest:file-entry></manifest:manifest>`;
    const bytes = zipSync({
      mimetype: [enc.encode("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "content.xml": Uint8Array.from({ length: 300 }, (_, k) => (k * 97) & 0xff),
      "META-INF/manifest.xml": enc.encode(manifest),
    });
    const e = refusal(bytes);
    expect({ code: e.code, format: e.format }).toEqual({ code: "XLSX_UNSUPPORTED", format: "ods-encrypted" });
  });
});

describe("the committed LibreOffice .ods (the HTTP tests upload it)", () => {
  const committed = Uint8Array.from(atob(LIBREOFFICE_PLAN_ODS), (c) => c.charCodeAt(0));

  it("is an .ods of the plan workbook that reads to the plan's figures", () => {
    expect(readSpreadsheetFile(committed).format).toBe("ods");
    expectPlanFigures(readSpreadsheet(committed));
  });

  // UPDATE_FIXTURES=1 npx vitest run --project domain tests/xlsx/ods.test.ts writes it again from a fresh conversion.
  it.skipIf(!haveLibreOffice())(
    "reads exactly like a fresh LibreOffice conversion of the plan workbook",
    { timeout: 120_000 },
    () => {
      const fresh = sofficeTo(dir("ods-fixture"), "ke-hoach.xlsx", plan, "ods", "ods");
      if (process.env.UPDATE_FIXTURES !== "1") {
        expect(readSpreadsheet(committed).map(shape)).toEqual(readSpreadsheet(fresh).map(shape));
      } else {
        const b64 = Buffer.from(fresh).toString("base64");
        const file = fileURLToPath(new URL("./fixtures/libreoffice-plan-ods.ts", import.meta.url));
        writeFileSync(
          file,
          "// The plan workbook (writeXlsx of printAppendix with the plan's figures and SUM formulas) saved by\n" +
            "// LibreOffice Calc as .ods (soffice --convert-to ods), base64. Written by tests/xlsx/ods.test.ts\n" +
            "// with UPDATE_FIXTURES=1; the workerd tests upload it (they cannot run LibreOffice).\n" +
            `export const LIBREOFFICE_PLAN_ODS =\n  "${b64}";\n`,
        );
      }
    },
  );
});

describe.skipIf(!haveLibreOffice())("files saved by LibreOffice as .ods and .fods", { timeout: 300_000 }, () => {
  let xlsx: Grid[] = [];
  let ods: Grid[] = [];
  let fods: Grid[] = [];
  beforeAll(() => {
    const d = dir("lo-ods");
    xlsx = readXlsx(sofficeTo(d, "ke-hoach.xlsx", plan, "xlsx", "xlsx"));
    ods = readSpreadsheet(sofficeTo(d, "ke-hoach.xlsx", plan, "ods", "ods"));
    fods = readSpreadsheet(sofficeTo(d, "ke-hoach.xlsx", plan, "fods", "fods"));
  }, 300_000);

  it("the .ods gives the same grids as LibreOffice's .xlsx of the same workbook: values, formulas, merged ranges", () => {
    expect(ods.map(shape)).toEqual(xlsx.map(shape));
    expect(ods[0].formulas?.[7][3]).toBe("=SUM(E8:G8)");
  });

  it("and the plan's figures exactly, without an issue; the flat .fods too", () => {
    expectPlanFigures(ods);
    expect(fods.map(shape)).toEqual(ods.map(shape));
  });

  it('a wrong "Tổng cộng" typed in the workbook is reported at the same cell from .ods as from .xlsx', () => {
    const d = dir("lo-ods-planted");
    const printed = sheets();
    const pl01 = printed[0];
    pl01.formulas[pl01.totalRow][8] = null;
    pl01.values[pl01.totalRow][8] = 1307.02; // I: NSTW 2023 of "Tổng cộng" (the items add up to 1.307,01)
    const planted = writeXlsx(printed);
    const codes = (grids: Grid[]) => validateWorkbook(template, grids).report.errors.map((e) => `${e.code}@${e.cell}`);
    const fromOds = codes(readSpreadsheet(sofficeTo(d, "sai.xlsx", planted, "ods", "ods")));
    expect(fromOds).toEqual(codes(readXlsx(planted)));
    expect(fromOds).toEqual([`GRAND_TOTAL_MISMATCH@PL01!I${pl01.totalRow + 1}`]);
  });
});

describe.skipIf(!haveGnumeric())("files saved by Gnumeric as .ods", { timeout: 120_000 }, () => {
  it("give the same grids as Gnumeric's .xlsx of the same workbook, and the plan's figures", () => {
    const d = dir("gnumeric-ods");
    const ods = readSpreadsheet(ssconvertTo(d, "ke-hoach.xlsx", plan, "Gnumeric_OpenCalc:odf", "ods"));
    const xlsx = readXlsx(ssconvertTo(d, "ke-hoach.xlsx", plan, "Gnumeric_Excel:xlsx2", "xlsx"));
    expect(ods.map(shape)).toEqual(xlsx.map(shape));
    expect(ods[0].formulas?.[7][3]).toBe("=SUM(E8:G8)");
    expectPlanFigures(ods);
  });
});
