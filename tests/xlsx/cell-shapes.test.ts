// The reader has two ways through a cell (issue 18): the cells Excel writes by the hundred
// thousand (`<c r="B7" s="3"/>`, `<c r="B7" s="3" t="s"><v>12</v></c>`) are matched by shape
// and read in place; any other form of cell goes through the general tokenizer. These tests
// prove that both give the same grid and the same refusals, that styled empty cells are empty
// and cost no cell, and that the limits refuse what is over them with the right code. Speed is
// proven only by `npm run bench` (the R rows), never here.
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxError, type XlsxErrorCode, type XlsxLimits } from "../../worker/xlsx";
import { DEFAULT_LIMITS } from "../../worker/xlsx/limits";
import { minimalParts, sheetXml, zipParts } from "./support/package";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A one-sheet package with shared strings and a styles part: style 1 a date, 2 a percent, 3 plain. */
function book(rows: string): Uint8Array {
  return bookOf(sheetXml(rows));
}

function bookOf(sheet: string): Uint8Array {
  const sst =
    `<sst xmlns="${MAIN}"><si><t>Kinh phí</t></si><si><r><t xml:space="preserve">Tổng </t></r><r><t>cộng</t></r></si>` +
    `<si><t>a &amp; b</t></si></sst>`;
  const parts = minimalParts({ S: sheet }, sst);
  parts["xl/_rels/workbook.xml.rels"] = String(parts["xl/_rels/workbook.xml.rels"]).replace(
    "</Relationships>",
    `<Relationship Id="rIdSt" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  parts["xl/styles.xml"] =
    `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
    `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="0"/></cellXfs></styleSheet>`;
  return zipParts(parts);
}

/**
 * The same cells in a form the shape matcher does not take (attributes after an extra one,
 * `<c x="" r=…>`): every cell then goes through the general tokenizer.
 */
const general = (rows: string) => rows.replace(/<c r=/g, '<c x="" r=');

function refusal(bytes: Uint8Array, limits?: Partial<XlsxLimits>): XlsxError {
  try {
    readXlsx(bytes, limits);
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw e;
  }
  throw new Error("expected the reader to refuse the file");
}

function expectRefused(bytes: Uint8Array, code: XlsxErrorCode, limits?: Partial<XlsxLimits>): XlsxError {
  const e = refusal(bytes, limits);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
  return e;
}

/** `count` rows of `cols` styled empty cells from row `first`, as Excel writes a formatted range. */
function emptyRows(first: number, count: number, cols: number): string {
  let xml = "";
  for (let r = first; r < first + count; r++) {
    xml += `<row r="${r}" spans="1:${cols}">`;
    for (let c = 0; c < cols; c++) xml += `<c r="${String.fromCharCode(65 + c)}${r}" s="3"/>`;
    xml += "</row>";
  }
  return xml;
}

describe("styled empty cells", () => {
  it("are empty, take no cell of the budget, and the figures around them are read", () => {
    const rows =
      `<row r="1"><c r="A1" s="3"/><c r="B1" s="3"><v>12.5</v></c><c r="C1" s="3"/></row>` +
      emptyRows(2, 3_000, 12) +
      `<row r="3002"><c r="A3002" s="3"/><c r="B3002" t="s"><v>0</v></c><c r="C3002" s="3"/><c r="D3002"><v>-7</v></c></row>` +
      emptyRows(3003, 2_000, 12);
    const [grid] = readXlsx(book(rows), { maxCells: 3, maxXmlBytes: 4_000_000 });
    // The grid ends at the last cell with a value: 3,002 rows × 4 columns, not 5,002 × 12.
    expect(grid.values).toHaveLength(3002);
    expect(grid.values.every((r) => r.length === 4)).toBe(true);
    expect(grid.values[0]).toEqual([null, 12.5, null, null]);
    expect(grid.values[3001]).toEqual([null, "Kinh phí", null, -7]);
    expect(
      grid.values
        .slice(1, 3001)
        .flat()
        .every((v) => v === null),
    ).toBe(true);
    // Three cells hold something; a fourth would be over maxCells: 3.
    expectRefused(book(rows.replace(`<c r="C1" s="3"/>`, `<c r="C1" s="3"><v>1</v></c>`)), "XLSX_TOO_MANY_CELLS", {
      maxCells: 3,
      maxXmlBytes: 4_000_000,
    });
  });

  it("count for the positions of the cells after them that have no address", () => {
    const rows = `<row r="1"><c r="C1" s="3"/><c><v>4</v></c><c r="F1" s="1"/><c t="s"><v>2</v></c></row>`;
    const [grid] = readXlsx(book(rows));
    expect(grid.values).toEqual([[null, null, null, 4, null, null, "a & b"]]);
  });
});

describe("the shape matcher and the general tokenizer read the same", () => {
  const rows =
    `<row r="1"><c r="A1" s="3"><v>0</v></c><c r="B1"><v>-0</v></c><c r="C1"><v>0.1</v></c><c r="D1" t="n"><v>123456789012345</v></c>` +
    `<c r="E1"><v>1234567890123456789</v></c><c r="F1"><v>1.5E-3</v></c><c r="G1"><v> 42 </v></c><c r="H1"><v></v></c>` +
    `<c r="I1"><v>.5</v></c><c r="J1"><v>7.</v></c><c r="K1"><v>0.30000000000000004</v></c><c r="L1"><v>-12.125</v></c></row>` +
    `<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="b"><v>0</v></c><c r="D2" t="e"><v>#N/A</v></c>` +
    `<c r="E2" t="str"><v>x_x0041_</v></c><c r="F2" t="d"><v>2024-02-29</v></c><c r="G2" t="n"><v>abc</v></c>` +
    `<c r="H2" t="inlineStr"><is><t>trực tiếp</t></is></c><c r="I2" s="1"><v>45351</v></c><c r="J2" s="2"><v>0.25</v></c>` +
    `<c r="K2" s="1234567890123456789"><v>3</v></c><c r="L2" s=""><v>5</v></c></row>` +
    `<row r="3"><c r="A3" s="3"><f>SUM(A1:L1)</f><v>9</v></c><c r="B3" s="3" t="s"><v>2</v></c><c r="C3"><v>1&amp;2</v></c>` +
    `<c r="D3" s="3"></c><c r="E3" s="3"><v>3</v><extLst/></c><c r="F3" t="s"><v> 0 </v></c></row>`;

  it("for numbers, strings, booleans, errors, dates, formulas and styles", () => {
    const [fast] = readXlsx(book(rows));
    const [slow] = readXlsx(book(general(rows)));
    expect(fast).toEqual(slow);
    expect(fast.values[0]).toEqual([
      0,
      -0,
      0.1,
      123456789012345,
      1234567890123456789,
      0.0015,
      42,
      null,
      0.5,
      7,
      0.30000000000000004,
      -12.125,
    ]);
    expect(Object.is(fast.values[0][1], -0)).toBe(true);
    expect(fast.values[1]).toEqual([
      "Tổng cộng",
      true,
      false,
      "#N/A",
      "xA",
      45351,
      "abc",
      "trực tiếp",
      45351,
      0.25,
      3,
      5,
    ]);
    expect(fast.values[2].slice(0, 7)).toEqual([9, "a & b", "1&2", null, 3, "Kinh phí", null]);
    expect(fast.kinds?.[1].slice(5, 12)).toEqual(["date", null, null, "date", "percent", null, null]);
    expect(fast.formulas?.[2][0]).toBe("=SUM(A1:L1)");
  });

  it("for prefixed elements and single quotes, which take the general path", () => {
    const prefixed = rows.replace(/<(\/?)(row|c|v|f|is|t|extLst)\b/g, "<$1x:$2").replace(/r="([A-Z]+\d+)"/g, "r='$1'");
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>${prefixed}</x:sheetData></x:worksheet>`;
    expect(readXlsx(bookOf(xml))).toEqual(readXlsx(book(rows)));
  });

  it("refuse the same broken cells with the same code", () => {
    const broken = [
      `<row r="1"><c r="A0" s="3"/></row>`,
      `<row r="1"><c r="AAAA1" s="3"/></row>`,
      `<row r="1"><c r="XFE1"><v>1</v></c></row>`,
      `<row r="1"><c r="A1048577" s="1"/></row>`,
      `<row r="1"><c r="A01"/></row>`,
      `<row r="1"><c r="A1" t="s"><v>99</v></c></row>`,
      `<row r="1"><c r="A1"><v>&bogus;</v></c></row>`,
      `<row r="1"><c r="A1"><v>1</v></c>`,
      `<row r="1"><c r="A1"><v>1</v></x></c></row>`,
      `<row r="1"><c r="A1" s="3"/ ></row>`,
    ];
    for (const rows of broken) {
      const fast = refusal(book(rows));
      const slow = refusal(book(general(rows)));
      expect({ rows, code: fast.code, message: fast.message }).toEqual({
        rows,
        code: slow.code,
        message: slow.message,
      });
    }
    expect(refusal(book(broken[0])).code).toBe("XLSX_CORRUPT");
    expect(refusal(book(broken[6])).code).toBe("XLSX_DTD_FORBIDDEN");
  });

  it("a value over the string limit is refused on either path", () => {
    const long = `<row r="1"><c r="A1" t="str"><v>${"x".repeat(DEFAULT_LIMITS.maxStringLength + 1)}</v></c></row>`;
    expect(refusal(book(long)).code).toBe("XLSX_STRING_TOO_LONG");
    expect(refusal(book(general(long))).code).toBe("XLSX_STRING_TOO_LONG");
  });
});

describe("the default limits", () => {
  it("admit 2,000 rows × 30 columns of figures beside formatted empty rows, and no cell more", () => {
    let figures = "";
    const col = (c: number) => String.fromCharCode(65 + Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26));
    for (let r = 1; r <= 2_000; r++) {
      figures += `<row r="${r}">`;
      for (let c = 0; c < 30; c++)
        figures += `<c r="${c < 26 ? String.fromCharCode(65 + c) : col(c)}${r}" s="3"><v>${r * 100 + c}.5</v></c>`;
      figures += "</row>";
    }
    expect(DEFAULT_LIMITS.maxCells).toBe(2_000 * 30);
    const [grid] = readXlsx(book(figures + emptyRows(2_001, 2_000, 15)));
    expect(grid.values).toHaveLength(2_000);
    expect(grid.values[1999][29]).toBe(200_029.5);
    const more = figures.replace("</row>", `<c r="AE1"><v>1</v></c></row>`);
    expect(expectRefused(book(more), "XLSX_TOO_MANY_CELLS").limit).toBe(DEFAULT_LIMITS.maxCells);
  });

  it("refuse more cells than maxCells, and more XML than maxXmlBytes, with their codes", () => {
    const cells = DEFAULT_LIMITS.maxCells + 1;
    const rows = Array.from(
      { length: Math.ceil(cells / 50) },
      (_, r) => `<row r="${r + 1}">${"<c><v>1</v></c>".repeat(50)}</row>`,
    );
    const e = expectRefused(book(rows.join("")), "XLSX_TOO_MANY_CELLS");
    expect(e.limit).toBe(DEFAULT_LIMITS.maxCells);

    const padding = Math.ceil(DEFAULT_LIMITS.maxXmlBytes / (15 * 20));
    const x = expectRefused(book(emptyRows(1, padding, 15)), "XLSX_INFLATE_LIMIT");
    expect(x.limit).toBe(DEFAULT_LIMITS.maxXmlBytes);
    expect(x.message).toMatch(/Hãy xóa/);
  });
});
