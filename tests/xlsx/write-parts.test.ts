// What writeXlsx puts in the package besides values: the parts Excel needs, styles, frozen
// panes, widths, merges, row heights for wrapped headers and data validation of input cells.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix } from "../../domain";
import { writeXlsx } from "../../worker/xlsx";

const template = getTemplate("kh-157-2023")!;
const printed = template.appendices.map((a) =>
  printAppendix(template, a, { figures: planFigures(template), formulas: true }),
);
const parts = Object.fromEntries(Object.entries(unzipSync(writeXlsx(printed))).map(([k, v]) => [k, strFromU8(v)]));

describe("writeXlsx parts", () => {
  it("has the package parts in the usual order", () => {
    expect(Object.keys(parts)).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet3.xml",
      "xl/styles.xml",
      "xl/sharedStrings.xml",
    ]);
    expect(parts["[Content_Types].xml"]).toContain(
      `<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    expect(parts["xl/workbook.xml"]).toMatch(
      /<sheet name="PL01" sheetId="1" r:id="rId1"\/><sheet name="PL02" sheetId="2" r:id="rId2"\/>/,
    );
  });

  it("styles: bold and italic fonts, thin borders, the template's number formats, centred wrapped headers", () => {
    const styles = parts["xl/styles.xml"];
    expect(styles).toContain(`<numFmt numFmtId="164" formatCode="#,##0.###"/>`);
    expect(styles).toContain(`<font><b/><sz val="12"/>`);
    expect(styles).toContain(`<font><i/><sz val="12"/>`);
    expect(styles).toContain(`<left style="thin"><color auto="1"/></left>`);
    expect(styles).toMatch(
      /<xf numFmtId="0" fontId="1" fillId="0" borderId="1"[^>]*><alignment horizontal="center" vertical="center" wrapText="1"\/><\/xf>/,
    );
    expect(styles).toMatch(
      /<xf numFmtId="3" fontId="0" fillId="0" borderId="1"[^>]*><alignment horizontal="right" vertical="center"\/><\/xf>/,
    );
  });

  it("sheet: frozen header and label, widths, merges, formulas with cached values, input validation", () => {
    const [sheet] = printed;
    const xml = parts["xl/worksheets/sheet1.xml"];
    expect(xml).toContain(
      `<pane xSplit="${sheet.freeze.cols}" ySplit="${sheet.freeze.rows}" topLeftCell="C8" activePane="bottomRight" state="frozen"/>`,
    );
    expect(xml).toContain(`<col min="2" max="2" width="${sheet.columnWidths[1]}" customWidth="1"/>`);
    expect(xml).toContain(`<mergeCells count="${sheet.merges.length}"><mergeCell ref="A1:O1"/>`);
    expect(xml).toContain(`<mergeCell ref="A5:A7"/>`);
    expect(xml).toMatch(/<c r="D8" s="\d+"><f>SUM\(E8:G8\)<\/f><v>480<\/v><\/c>/);
    expect(xml).toMatch(/<c r="L8" s="\d+"><f>SUM\(M8:O8\)<\/f><\/c>/);
    expect(xml).toMatch(/<dataValidation type="whole" operator="greaterThanOrEqual"[^>]* sqref="E8 F8 G8 /);
    expect(xml).toMatch(/<dataValidation type="decimal"[^>]*><formula1>0<\/formula1><\/dataValidation>/);
    // Header rows holding wrapped text in narrow columns are given room.
    expect(xml).toMatch(/<row r="6" ht="[\d.]+" customHeight="1">/);
    expect(xml).toContain(`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`);
  });

  it("shared strings are escaped and deduplicated", () => {
    const sst = parts["xl/sharedStrings.xml"];
    expect(sst.match(/<si><t>Năm 2023<\/t><\/si>/g)).toHaveLength(1);
    expect(sst).toContain("<t>Kinh phí (triệu đồng)</t>");
  });
});
