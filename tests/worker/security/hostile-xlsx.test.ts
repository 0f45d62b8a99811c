// Hostile workbook uploads over HTTP: refused with a clear code, nothing stored. Their cost is
// measured by `npm run bench` (X rows), never by timing a test.
import { beforeAll, describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix } from "../../../domain";
import { writeXlsx } from "../../../worker/xlsx";
import { UPLOAD_LIMITS } from "../../../worker/limits";
import { withDefaults } from "../../../worker/xlsx/limits";
import {
  mergeBomb,
  repeatedPartBomb,
  sharedFormulaBomb,
  sharedStringBomb,
  storedSheetsBomb,
} from "../../xlsx/support/bombs";
import { lieAboutSize, minimalParts, sheetXml, zipParts } from "../../xlsx/support/package";
import { call, count, countR2, freshUnits, tokenFor } from "../api/helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const template = getTemplate("kh-157-2023")!;
const good = writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template) })));
const enc = new TextEncoder();
const ab = (u: Uint8Array) => new Uint8Array(u);
const inline = (text: string) => sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`);
const upload = withDefaults(UPLOAD_LIMITS);
/** `n` small sheets, each its own part. */
const manySheets = (n: number) =>
  zipParts(minimalParts(Object.fromEntries(Array.from({ length: n }, (_, k) => [`S${k + 1}`, inline(`${k}`)]))));
/** PL01–PL03, each one cell at A1 and one at J`rows`: a grid of `rows` × 10. */
const spread = (rows: number) =>
  zipParts(
    minimalParts(
      Object.fromEntries(
        ["PL01", "PL02", "PL03"].map((id) => [
          id,
          sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row><row r="${rows}"><c r="J${rows}"><v>2</v></c></row>`),
        ]),
      ),
    ),
  );

let unit = "";
let token = "";
beforeAll(async () => {
  unit = (await freshUnits(1)).units[0];
  token = await tokenFor("submitter", unit);
});

const cases: [string, () => Uint8Array, number, string[]][] = [
  ["CSV bytes named .xlsx", () => enc.encode("STT,Nội dung\r\n1.,Bản tin\r\n"), 422, ["XLSX_NOT_ZIP"]],
  [
    "an old binary .xls header",
    () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(500).fill(0)]),
    422,
    ["XLSX_NOT_ZIP"],
  ],
  [
    "invalid UTF-8 bytes",
    () => Uint8Array.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
    422,
    ["XLSX_NOT_ZIP"],
  ],
  ["truncated zip", () => good.slice(0, 1000), 422, ["XLSX_CORRUPT"]],
  ["empty file", () => new Uint8Array(0), 422, ["XLSX_NOT_ZIP"]],
  [
    "zip bomb",
    () => zipParts({ ...minimalParts(), "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) }, 9),
    422,
    ["XLSX_INFLATE_LIMIT"],
  ],
  [
    "zip bomb lying about its size",
    () =>
      lieAboutSize(
        zipParts({ ...minimalParts(), "xl/worksheets/sheet1.xml": new Uint8Array(40 * 1024 * 1024) }, 9),
        "xl/worksheets/sheet1.xml",
        64,
      ),
    422,
    ["XLSX_INFLATE_LIMIT"],
  ],
  [
    "nested zip inside the package",
    () => zipParts({ ...minimalParts(), "xl/embeddings/inner.xlsx": good }),
    422,
    ["SHEET_MISSING"],
  ],
  [
    "DOCTYPE with entities",
    () =>
      zipParts(
        minimalParts({
          PL01: `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`,
        }),
      ),
    422,
    ["XLSX_DTD_FORBIDDEN"],
  ],
  [
    "external entity in shared strings",
    () =>
      zipParts(
        minimalParts(
          { PL01: sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`) },
          `<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst xmlns="${MAIN}"><si><t>&x;</t></si></sst>`,
        ),
      ),
    422,
    ["XLSX_DTD_FORBIDDEN"],
  ],
  [
    "huge shared string",
    () =>
      zipParts(
        minimalParts(
          { PL01: sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`) },
          `<sst xmlns="${MAIN}"><si><t>${"x".repeat(100_000)}</t></si></sst>`,
        ),
      ),
    422,
    ["XLSX_STRING_TOO_LONG"],
  ],
  [
    "a million cells",
    () =>
      zipParts(
        minimalParts({
          PL01: sheetXml(
            Array.from({ length: 50_000 }, (_, r) => `<row r="${r + 1}">${"<c><v>1</v></c>".repeat(20)}</row>`).join(
              "",
            ),
          ),
        }),
        6,
      ),
    422,
    ["XLSX_TOO_MANY_CELLS", "XLSX_INFLATE_LIMIT"],
  ],
  [
    "one cell at row 1,048,576",
    () => zipParts(minimalParts({ PL01: sheetXml(`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`) })),
    422,
    ["XLSX_TOO_MANY_CELLS"],
  ],
  [
    "`../` entry names only",
    () => zipParts({ "../[Content_Types].xml": "<Types/>", "../xl/workbook.xml": "<workbook/>" }),
    422,
    ["XLSX_CORRUPT", "XLSX_NO_SHEETS"],
  ],
  [
    "a sheet with a formula-injection label",
    () => zipParts(minimalParts({ PL01: inline("=HYPERLINK(&quot;http://x&quot;)") })),
    422,
    ["HEADER_NOT_FOUND"],
  ],
  // Work bounds (issue 12): each of these cost seconds to hours of CPU before.
  [
    // Within 4 MiB no stored XML reaches the 5.5 MiB budget (issue 18): 4 MiB of empty styled
    // cells, as Excel pads a formatted range, is read at next to no cost and holds no table.
    "4 MiB of stored, empty styled cells",
    () => storedSheetsBomb(upload, upload.maxUploadBytes - 64 * 1024).bytes,
    422,
    ["HEADER_NOT_FOUND", "SHEET_MISSING"],
  ],
  ["one sheet part listed by 50 sheets", () => repeatedPartBomb(upload, 50, 200_000).bytes, 422, ["XLSX_CORRUPT"]],
  ["more sheets than an upload may have", () => manySheets(upload.maxSheets + 1), 422, ["XLSX_TOO_MANY_SHEETS"]],
  [
    "sheets spreading over more grid area together than one upload allows",
    () => spread(7_000),
    422,
    ["XLSX_TOO_MANY_CELLS"],
  ],
  ["300 merged ranges each claiming the whole sheet", () => mergeBomb(upload, 300).bytes, 422, ["XLSX_TOO_MANY_CELLS"]],
  [
    "one 32,767-character shared string in 200 cells",
    () => sharedStringBomb(upload, 200).bytes,
    422,
    ["XLSX_TEXT_LIMIT"],
  ],
  [
    "one 32,765-character shared formula re-based to 200 cells",
    () => sharedFormulaBomb(upload, 200).bytes,
    422,
    ["XLSX_TEXT_LIMIT"],
  ],
];
/** The codes added for issue 12 say what to do about it ("Hãy …"), in Vietnamese. */
const ACTIONABLE = new Set(["XLSX_TOO_MANY_SHEETS", "XLSX_TEXT_LIMIT"]);

describe("hostile workbook uploads", () => {
  // A floor, so a case deleted by mistake is noticed (22 cases when this was written).
  it("keeps its 22 hostile workbooks", () => expect(cases.length).toBeGreaterThanOrEqual(22));

  it.each(cases)("%s → %s", async (_name, make, status, codes) => {
    const before = [await count("snapshots"), await count("audit"), await countR2()];
    const res = await call(`/api/submissions?template=kh-157-2023&unit=${unit}&kind=plan`, {
      token,
      body: ab(make()),
      headers: { "Content-Type": XLSX },
    });
    const body = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
    expect(codes, JSON.stringify(body).slice(0, 300)).toContain(body.errors[0].code);
    expect(body.errors[0].message.length).toBeGreaterThan(10);
    if (ACTIONABLE.has(body.errors[0].code)) expect(body.errors[0].message).toMatch(/Hãy /);
    expect([await count("snapshots"), await count("audit"), await countR2()]).toEqual(before);
  });
});
