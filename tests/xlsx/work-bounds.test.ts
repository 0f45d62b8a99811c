// Work per read is bounded by the limits whatever the file claims (issue 12): every byte handed
// to the XML reader counts against one budget, stored or inflated; a part is read once; sheets,
// grid area, merged ranges and cell text are counted for the whole read; the header reader
// walks merges only where they cross the header and folds each distinct string once. Each test
// checks what is refused or how often work is repeated, never how long it took.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CellValue,
  getTemplate,
  type Grid,
  planFigures,
  printAppendix,
  readWorkbook,
  validateWorkbook,
} from "../../domain";
import { UPLOAD_LIMITS } from "../../worker/services/submission-request";
import { readXlsx, XlsxError, type XlsxErrorCode, type XlsxLimits } from "../../worker/xlsx";
import { MAX_XML_BYTES, withDefaults } from "../../worker/xlsx/limits";
import { REBASE_COST } from "../../worker/xlsx/sheet";
import {
  largestLegitWorkbook,
  longVietnamese,
  mergeBomb,
  repeatedPartBomb,
  rowsXml,
  sharedFormulaBomb,
  sharedStringBomb,
  storedSheetsBomb,
  zipLevels,
} from "./support/bombs";
import { minimalParts, sheetXml, zipParts } from "./support/package";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const template = getTemplate("kh-157-2023")!;
const upload = withDefaults(UPLOAD_LIMITS);

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
  expect({ code: e.code, status: e.status }).toEqual({ code, status: 422 });
  // Vietnamese, and it says what to do about it.
  expect(e.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
  return e;
}

/** A worksheet of about `bytes` bytes of XML: one row of empty styled cells. */
function paddedSheet(bytes: number): string {
  const cell = '<c r="A1" s="1"/>';
  return sheetXml(`<row r="1">${cell.repeat(Math.floor(bytes / cell.length))}</row>`);
}

describe("one XML budget per read, stored or inflated", () => {
  it("a stored worksheet counts like an inflated one", () => {
    const parts = minimalParts({ Sheet1: paddedSheet(300_000) });
    const stored = zipLevels(parts, (n) => (n.startsWith("xl/worksheets/") ? 0 : 6));
    const deflated = zipParts(parts, 6);
    expect(expectRefused(stored, "XLSX_INFLATE_LIMIT", { maxXmlBytes: 200_000 }).limit).toBe(200_000);
    expect(expectRefused(deflated, "XLSX_INFLATE_LIMIT", { maxXmlBytes: 200_000 }).limit).toBe(200_000);
    // Within the budget both read the same.
    expect(readXlsx(stored, { maxXmlBytes: 400_000 })).toEqual(readXlsx(deflated, { maxXmlBytes: 400_000 }));
  });

  it("stored and inflated parts, the workbook and the relationships share one budget", () => {
    const parts = minimalParts({ A: paddedSheet(120_000), B: paddedSheet(120_000) });
    const mixed = zipLevels(parts, (n) => (n.endsWith("sheet1.xml") ? 0 : 6));
    expectRefused(mixed, "XLSX_INFLATE_LIMIT", { maxXmlBytes: 200_000 });
    expect(readXlsx(mixed, { maxXmlBytes: 300_000 })).toHaveLength(2);

    const padded = minimalParts();
    padded["xl/workbook.xml"] = String(padded["xl/workbook.xml"]).replace(
      "<sheets>",
      `<!--${" ".repeat(250_000)}--><sheets>`,
    );
    expectRefused(
      zipLevels(padded, () => 0),
      "XLSX_INFLATE_LIMIT",
      { maxXmlBytes: 200_000 },
    );
  });

  it("an upload's XML budget is the reader's cap: a full 4 MiB of stored empty cells is read, more XML is refused", () => {
    expect(upload.maxXmlBytes).toBe(MAX_XML_BYTES);
    expect(upload.maxTextChars).toBe(upload.maxXmlBytes);
    // 4 MiB of stored XML (empty styled cells, as Excel pads a formatted range) is read, and has no table.
    const full = storedSheetsBomb(upload, upload.maxUploadBytes - 64 * 1024);
    expect(full.bytes.length).toBeLessThanOrEqual(upload.maxUploadBytes);
    expect(readXlsx(full.bytes, UPLOAD_LIMITS)).toHaveLength(3);
    // XML past the budget is refused whatever the file's size (here allowed a larger file to reach it).
    const over = storedSheetsBomb(upload, upload.maxXmlBytes + 64 * 1024);
    const larger = { ...UPLOAD_LIMITS, maxUploadBytes: 8 * 1024 * 1024 };
    expect(expectRefused(over.bytes, "XLSX_INFLATE_LIMIT", larger).message).toMatch(/Hãy xóa/);
  });
});

describe("each part once, and a bounded number of sheets", () => {
  it("a worksheet part listed by several sheets is refused before it is parsed", () => {
    const e = expectRefused(repeatedPartBomb(upload, 50, 100_000).bytes, "XLSX_CORRUPT", UPLOAD_LIMITS);
    expect(e.message).toContain('sheet "PL02" và sheet "PL01"');
  });

  it("one part cannot be both the shared strings and a worksheet", () => {
    const parts = minimalParts({ Sheet1: sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>`) });
    parts["xl/_rels/workbook.xml.rels"] = String(parts["xl/_rels/workbook.xml.rels"]).replace(
      "</Relationships>",
      `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="worksheets/sheet1.xml"/></Relationships>`,
    );
    expectRefused(zipParts(parts), "XLSX_CORRUPT");
  });

  it(`more sheets than maxSheets (${upload.maxSheets}) are refused`, () => {
    const sheets = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, k) => [`S${k + 1}`, sheetXml(`<row r="1"><c r="A1"><v>${k}</v></c></row>`)]),
      );
    expect(readXlsx(zipParts(minimalParts(sheets(upload.maxSheets))), UPLOAD_LIMITS)).toHaveLength(upload.maxSheets);
    const e = expectRefused(
      zipParts(minimalParts(sheets(upload.maxSheets + 1))),
      "XLSX_TOO_MANY_SHEETS",
      UPLOAD_LIMITS,
    );
    expect(e.limit).toBe(upload.maxSheets);
  });
});

describe("grid area and merged ranges", () => {
  const cells3x3 = `<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="C3"><v>9</v></c></row>`;

  it("a merged range reaching row 1,048,576 is clipped to the grid; one past it is dropped", () => {
    const merges = `<mergeCells count="2"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="Z100:Z200"/></mergeCells>`;
    const [grid] = readXlsx(zipParts(minimalParts({ S: sheetXml(cells3x3, merges) })));
    expect(grid.merges).toEqual([{ row: 0, col: 0, rows: 3, cols: 3 }]);
  });

  it("overlapping merged ranges covering more than the grid are refused", () => {
    const twice = `<mergeCells count="2"><mergeCell ref="A1:C3"/><mergeCell ref="A1:C3"/></mergeCells>`;
    expectRefused(zipParts(minimalParts({ S: sheetXml(cells3x3, twice) })), "XLSX_TOO_MANY_CELLS");
    const side = `<mergeCells count="2"><mergeCell ref="A1:B3"/><mergeCell ref="C1:C3"/></mergeCells>`;
    expect(readXlsx(zipParts(minimalParts({ S: sheetXml(cells3x3, side) })))[0].merges).toHaveLength(2);
    // The printed PL01 with a few hundred ranges each claiming the whole sheet.
    expectRefused(mergeBomb(upload, 300).bytes, "XLSX_TOO_MANY_CELLS", UPLOAD_LIMITS);
  });

  it("the grid area is one budget for all sheets together", () => {
    const far = sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1000"><c r="J1000"><v>2</v></c></row>`);
    const sheets = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, k) => [`S${k + 1}`, far]));
    expect(readXlsx(zipParts(minimalParts(sheets(2))), { maxGridArea: 25_000 })).toHaveLength(2);
    expect(expectRefused(zipParts(minimalParts(sheets(3))), "XLSX_TOO_MANY_CELLS", { maxGridArea: 25_000 }).limit).toBe(
      25_000,
    );
  });
});

describe("characters of cell text, shared strings and formulas counted per cell", () => {
  const sst = `<sst xmlns="${MAIN}"><si><t>${"ă".repeat(1000)}</t></si></sst>`;
  const refs = (n: number) =>
    Array.from({ length: n }, (_, k) => `<row r="${k + 1}"><c r="A${k + 1}" t="s"><v>0</v></c></row>`).join("");

  it("one shared string counts once for every cell that shows it", () => {
    expect(
      readXlsx(zipParts(minimalParts({ S: sheetXml(refs(40)) }, sst)), { maxTextChars: 40_000 })[0].values,
    ).toHaveLength(40);
    const e = expectRefused(zipParts(minimalParts({ S: sheetXml(refs(41)) }, sst)), "XLSX_TEXT_LIMIT", {
      maxTextChars: 40_000,
    });
    expect(e.limit).toBe(40_000);
    expect(e.message).toMatch(/Hãy xóa bớt văn bản/);
    // An upload: the longest string Excel allows, in 200 cells.
    expectRefused(sharedStringBomb(upload, 200).bytes, "XLSX_TEXT_LIMIT", UPLOAD_LIMITS);
  });

  it(`a shared formula counts ${REBASE_COST} times its length for every cell it is re-based to`, () => {
    const formula = `${"A1+".repeat(333)}A1`; // 1,001 characters
    const sheet = (n: number) =>
      sheetXml(
        `<row r="1"><c r="B1"><f t="shared" ref="B1:B${n + 1}" si="0">${formula}</f><v>0</v></c></row>` +
          Array.from(
            { length: n },
            (_, k) => `<row r="${k + 2}"><c r="B${k + 2}"><f t="shared" si="0"/><v>0</v></c></row>`,
          ).join(""),
      );
    const room = 1001 + 6 * 1001 * REBASE_COST;
    const [grid] = readXlsx(zipParts(minimalParts({ S: sheet(6) })), { maxTextChars: room });
    expect(grid.formulas?.[6]?.[1]).toBe(`=${"A7+".repeat(333)}A7`);
    expectRefused(zipParts(minimalParts({ S: sheet(7) })), "XLSX_TEXT_LIMIT", { maxTextChars: room });
    expectRefused(sharedFormulaBomb(upload, 200).bytes, "XLSX_TEXT_LIMIT", UPLOAD_LIMITS);
  });
});

describe("the header reader and the row reader: work follows the grid, not the text or the ranges", () => {
  afterEach(() => vi.restoreAllMocks());
  const appendix = template.appendices[0];
  const printed = printAppendix(template, appendix, { figures: planFigures(template) });

  /** PL01 as printed, `above` rows of `text` over the table and `inside` rows labelled `text` after its first item. */
  function grid(text: string, above: number, inside: number): Grid {
    const width = printed.values[0].length;
    const rows: CellValue[][] = [
      ...Array.from({ length: above }, () => new Array<CellValue>(width).fill(text)),
      ...printed.values.slice(0, printed.bodyStart + 1),
      ...Array.from({ length: inside }, (_, k) => {
        const row = new Array<CellValue>(width).fill(null);
        row[0] = `9.${k + 1}`;
        row[1] = text;
        return row;
      }),
      ...printed.values.slice(printed.bodyStart + 1),
    ];
    const shift = above;
    return {
      sheet: "PL01",
      values: rows,
      merges: printed.merges.map((m) =>
        m.row >= printed.bodyStart + 1 ? { ...m, row: m.row + shift + inside } : { ...m, row: m.row + shift },
      ),
    };
  }

  /** Calls of String.prototype[method] on strings at least `min` long, while `run` runs. */
  function callsOn(method: "normalize" | "trim", min: number, run: () => void): number {
    const spy = vi.spyOn(String.prototype, method);
    run();
    return spy.mock.contexts.filter((s) => String(s).length >= min).length;
  }

  it("one long string shown by thousands of cells is folded (NFD) and checked (NFC) once", () => {
    const long = longVietnamese(30_000);
    const g = grid(long, 150, 1000); // 150 × 16 cells above the header, 1,000 rows in the table
    const calls = callsOn("normalize", 30_000, () => readWorkbook(template, [g]));
    expect(calls).toBeLessThanOrEqual(2);
    // …and the issues quote it, they do not repeat it.
    const { issues } = readWorkbook(template, [g]);
    const unknown = issues.filter((i) => i.code === "ITEM_UNKNOWN");
    expect(unknown).toHaveLength(1000);
    for (const i of unknown) expect(i.message.length).toBeLessThan(400);
  });

  it("a long run of spaces in thousands of cells is trimmed once", () => {
    const spaces = " ".repeat(30_000);
    const calls = callsOn("trim", 30_000, () => readWorkbook(template, [grid(spaces, 150, 1000)]));
    expect(calls).toBeLessThanOrEqual(1);
  });

  it("a merged range is walked over the header rows it crosses, not over the height it claims", () => {
    // A range right of the table, from the top of the sheet down a million rows (a grid from a
    // carrier that does not clip, such as a hand-made one): its height is read, never walked.
    let reads = 0;
    const tall = {
      row: 0,
      col: printed.values[0].length + 2,
      cols: 2,
      get rows() {
        reads++;
        return 1_000_000;
      },
    };
    const g = grid("x", 0, 0);
    g.merges = [...(g.merges ?? []), tall];
    const others = template.appendices
      .slice(1)
      .map((a) => printAppendix(template, a, { figures: planFigures(template) }));
    expect(validateWorkbook(template, [g, ...others]).report.errors).toEqual([]);
    expect(reads).toBeLessThanOrEqual(10);
  });
});

describe("the largest legitimate workbook the upload limits allow", () => {
  it("is read and accepted (the bench's baseline for the hostile rows)", () => {
    const bytes = largestLegitWorkbook(upload);
    expect(bytes.length).toBeLessThanOrEqual(upload.maxUploadBytes);
    const grids = readXlsx(bytes, UPLOAD_LIMITS);
    expect(grids.map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03", "Thuyết minh"]);
    expect(validateWorkbook(template, grids).report.valid).toBe(true);
  });

  it("every row builder makes a well-formed sheet", () => {
    expect(
      readXlsx(
        zipParts(
          minimalParts({
            S: sheetXml(
              rowsXml([
                [1, "a & <b>"],
                [null, 2],
              ]),
            ),
          }),
        ),
      )[0].values,
    ).toEqual([
      [1, "a & <b>"],
      [null, 2],
    ]);
  });
});
