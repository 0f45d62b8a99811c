// What the reader understands in files other programs write: workbook order and names,
// shared and inline strings with rich text, booleans, errors, shared formulas, prefixes,
// escapes, rows and cells without addresses.
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../worker/xlsx";
import { minimalParts, sheetXml, zipParts } from "./support/package";

describe("readXlsx", () => {
  it("returns sheets in workbook order with their names, whatever the part names", () => {
    const parts = minimalParts({
      "Phụ lục 02": sheetXml(`<row r="1"><c r="A1"><v>2</v></c></row>`),
      "PL01 & <x>": sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>`),
    });
    parts["xl/workbook.xml"] = String(parts["xl/workbook.xml"]).replace("PL01 & <x>", "PL01 &amp; &lt;x&gt;");
    expect(readXlsx(zipParts(parts)).map((g) => [g.sheet, g.values[0][0]])).toEqual([
      ["Phụ lục 02", 2],
      ["PL01 & <x>", 1],
    ]);
  });

  it("reads shared strings (rich text joined, phonetic runs left out) and inline strings", () => {
    const sst =
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Bản tin</t></si>` +
      `<si><r><rPr><b/></rPr><t xml:space="preserve">Tổng </t></r><r><t>cộng</t></r><rPh sb="0" eb="1"><t>XX</t></rPh></si>` +
      `<si><t>a_x000D_b &amp; _x005F_x0041_</t></si></sst>`;
    const sheet = sheetXml(
      `<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c></row>` +
        `<row r="3"><c r="A3" t="inlineStr"><is><r><t>Áp </t></r><r><t>phích</t></r></is></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#DIV/0!</v></c><c r="D3"><v>403.305</v></c></row>`,
    );
    const [grid] = readXlsx(zipParts(minimalParts({ S: sheet }, sst)));
    expect(grid.values).toEqual([
      [null, null, null, null],
      [null, "Bản tin", "Tổng cộng", "a\rb & _x0041_"],
      ["Áp phích", true, "#DIV/0!", 403.305],
    ]);
    expect(grid.formulas).toBeUndefined();
  });

  it("gives every cell of a shared formula its own text, with cached results", () => {
    const sheet = sheetXml(
      `<row r="8"><c r="D8"><f t="shared" ref="D8:D10" si="0">SUM(E8:G8)+$A$1+'PL 02'!B8&amp;"C8"</f><v>480</v></c></row>` +
        `<row r="9"><c r="D9"><f t="shared" si="0"/><v>264</v></c></row>` +
        `<row r="10"><c r="D10"><f t="shared" si="0"/><v>81</v></c><c r="E10" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>`,
    );
    const [grid] = readXlsx(zipParts(minimalParts({ S: sheet })));
    expect(grid.values.slice(7).map((r) => r.slice(3))).toEqual([
      [480, null],
      [264, null],
      [81, "xy"],
    ]);
    expect(grid.formulas?.slice(7).map((r) => r.slice(3))).toEqual([
      [`=SUM(E8:G8)+$A$1+'PL 02'!B8&"C8"`, null],
      [`=SUM(E9:G9)+$A$1+'PL 02'!B9&"C8"`, null],
      [`=SUM(E10:G10)+$A$1+'PL 02'!B10&"C8"`, `="x"&"y"`],
    ]);
  });

  it("reads prefixed elements, rows and cells without addresses, merges and numeric references", () => {
    const xml =
      `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- written by a generator -->` +
      `<x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>&#272;&#x1ea1;i</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>` +
      `<x:row><x:c r="C2"><x:v>1E3</x:v></x:c></x:row></x:sheetData>` +
      `<x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;
    const [grid] = readXlsx(zipParts(minimalParts({ S: xml })));
    expect(grid.values).toEqual([
      ["Đại", 2, null],
      [null, null, 1000],
    ]);
    expect(grid.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 2 }]);
  });

  it("skips styled empty cells and reads an absolute workbook target", () => {
    const parts = minimalParts({
      S: sheetXml(
        `<row r="1"><c r="A1" s="3"/><c r="B1" s="2"><v></v></c><c r="C1"><v>7</v></c></row><row r="5"><c r="A5" s="1"/></row>`,
      ),
    });
    parts["_rels/.rels"] = String(parts["_rels/.rels"]).replace(
      'Target="xl/workbook.xml"',
      'Target="/xl/workbook.xml"',
    );
    expect(readXlsx(zipParts(parts))[0].values).toEqual([[null, null, 7]]);
  });

  it("refuses malformed XML as corrupt", () => {
    for (const bad of [
      `<worksheet><sheetData>`,
      `<worksheet><sheetData></worksheet>`,
      `<worksheet a=1/>`,
      `<worksheet>&amp</worksheet>`,
      `<worksheet>&#0;</worksheet>`,
    ]) {
      expect(() => readXlsx(zipParts(minimalParts({ S: bad }))), bad).toThrow(
        expect.objectContaining({ code: "XLSX_CORRUPT" }),
      );
    }
  });
});
