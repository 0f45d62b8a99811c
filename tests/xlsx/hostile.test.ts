// Hostile and broken files: each refused with its own error code, before it can cost memory or
// CPU. How much work each costs is proven by counting (tests/xlsx/work-bounds.test.ts) and by
// `npm run bench` (X rows), never by timing a test: CI machines are shared and slow at random.
import { beforeAll, describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix } from "../../domain";
import { DEFAULT_LIMITS, readXlsx, writeXlsx, XlsxError, type XlsxErrorCode, type XlsxLimits } from "../../worker/xlsx";
import { lieAboutSize, minimalParts, sheetXml, zipParts } from "./support/package";

const template = getTemplate("kh-157-2023")!;
const good = writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template) })));

/** Reads and expects a refusal with `code`. */
function refused(bytes: Uint8Array, code: XlsxErrorCode, limits?: Partial<XlsxLimits>): XlsxError {
  let error: unknown;
  try {
    readXlsx(bytes, limits);
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${code}`).toBeInstanceOf(XlsxError);
  const x = error as XlsxError;
  expect({ code: x.code, message: x.message }).toEqual({ code, message: expect.any(String) });
  return x;
}

describe("files that are not workbooks", () => {
  it("bytes that are not a zip", () => {
    refused(new TextEncoder().encode("STT,Nội dung\n1,Bản tin\n"), "XLSX_NOT_ZIP");
    refused(new Uint8Array(0), "XLSX_NOT_ZIP");
    const xls = new Uint8Array(512);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refused(xls, "XLSX_NOT_ZIP").message).toMatch(/\.xls/);
  });

  it("a truncated zip", () => {
    refused(good.subarray(0, good.length >> 1), "XLSX_CORRUPT");
    refused(good.subarray(0, good.length - 10), "XLSX_CORRUPT");
  });

  it("a zip whose compressed data is damaged", () => {
    const bytes = zipParts(
      minimalParts({ Sheet1: sheetXml(`<row r="1">${'<c r="A1"><v>1</v></c>'.repeat(50)}</row>`) }),
    );
    const damaged = bytes.slice();
    const at = damaged.findIndex((_, k) => k > 200 && damaged[k - 1] !== 0);
    for (let k = at; k < at + 40; k++) damaged[k] ^= 0xff;
    refused(damaged, "XLSX_CORRUPT");
  });

  it("a zip with no workbook, or a workbook without worksheets", () => {
    refused(zipParts({ "hello.txt": "xin chào" }), "XLSX_CORRUPT");
    const parts = minimalParts();
    parts["xl/workbook.xml"] = `<workbook><sheets/></workbook>`;
    refused(zipParts(parts), "XLSX_NO_SHEETS");
  });

  it("an upload over the size limit answers 413", () => {
    const error = refused(good, "XLSX_TOO_LARGE", { maxUploadBytes: good.length - 1 });
    expect(error.status).toBe(413);
    expect(error.limit).toBe(good.length - 1);
  });
});

describe("zip bombs", () => {
  let bomb: Uint8Array;
  beforeAll(() => {
    // 40 MiB of zeros deflates to about 40 KB.
    const parts = minimalParts();
    parts["xl/worksheets/sheet1.xml"] = new Uint8Array(40 * 1024 * 1024);
    bomb = zipParts(parts, 9);
    expect(bomb.length).toBeLessThan(100_000);
  });

  it("an entry declaring more than the part limit is refused before inflating", () => {
    const error = refused(bomb, "XLSX_INFLATE_LIMIT");
    expect(error.limit).toBe(DEFAULT_LIMITS.maxPartBytes);
  });

  it("an entry whose header lies about its size stops inflating at the declared size", () => {
    const lying = lieAboutSize(bomb, "xl/worksheets/sheet1.xml", 1000);
    expect(refused(lying, "XLSX_INFLATE_LIMIT").limit).toBe(1000);
    // Declared just under the limit: inflating still stops there, not at 40 MiB.
    const under = lieAboutSize(bomb, "xl/worksheets/sheet1.xml", 1024 * 1024);
    expect(refused(under, "XLSX_INFLATE_LIMIT", { maxPartBytes: 2 * 1024 * 1024 }).limit).toBe(1024 * 1024);
  });

  it("many entries each under the part limit but over the total", () => {
    const parts = minimalParts();
    for (let k = 0; k < 4; k++) parts[`xl/media/blob${k}.bin`] = new Uint8Array(15 * 1024 * 1024);
    refused(zipParts(parts, 9), "XLSX_INFLATE_LIMIT");
  });

  it("too many entries", () => {
    const parts = minimalParts();
    for (let k = 0; k < DEFAULT_LIMITS.maxEntries; k++) parts[`xl/junk/${k}.xml`] = "<x/>";
    const error = refused(zipParts(parts, 0), "XLSX_TOO_MANY_ENTRIES");
    expect(error.limit).toBe(DEFAULT_LIMITS.maxEntries);
  });
});

describe("XML with DTDs and entities", () => {
  const laughs =
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
    `<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
    `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`;

  it("a sheet with a DOCTYPE (billion laughs)", () => {
    refused(zipParts(minimalParts({ Sheet1: laughs })), "XLSX_DTD_FORBIDDEN");
  });

  it("an external entity (XXE) in the shared strings", () => {
    const sst = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst><si><t>&xxe;</t></si></sst>`;
    const sheet = sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`);
    refused(zipParts(minimalParts({ Sheet1: sheet }, sst)), "XLSX_DTD_FORBIDDEN");
  });

  it("an undeclared entity reference and a DOCTYPE in the workbook part", () => {
    const sheet = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`);
    refused(zipParts(minimalParts({ Sheet1: sheet })), "XLSX_DTD_FORBIDDEN");
    const parts = minimalParts();
    parts["xl/workbook.xml"] = `<!DOCTYPE workbook SYSTEM "http://example.invalid/x.dtd">${parts["xl/workbook.xml"]}`;
    refused(zipParts(parts), "XLSX_DTD_FORBIDDEN");
  });
});

describe("size caps inside the sheets", () => {
  it("120,000 cells over a cell cap of 100,000", () => {
    const row = (r: number) =>
      `<row r="${r}">${Array.from({ length: 12 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${c}</v></c>`).join("")}</row>`;
    const sheet = sheetXml(Array.from({ length: 10_000 }, (_, k) => row(k + 1)).join(""));
    const error = refused(zipParts(minimalParts({ Sheet1: sheet })), "XLSX_TOO_MANY_CELLS", { maxCells: 100_000 });
    expect(error.limit).toBe(100_000);
    // The same file is fine under a cap of 120,000 (the default, 60,000, refuses it too).
    expect(readXlsx(zipParts(minimalParts({ Sheet1: sheet })), { maxCells: 120_000 })[0].values).toHaveLength(10_000);
  });

  it("one cell far away would make a huge grid", () => {
    const sheet = sheetXml(
      `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
    );
    refused(zipParts(minimalParts({ Sheet1: sheet })), "XLSX_TOO_MANY_CELLS");
  });

  it("a string longer than the cap", () => {
    const long = "ă".repeat(DEFAULT_LIMITS.maxStringLength + 1);
    const inline = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row>`);
    refused(zipParts(minimalParts({ Sheet1: inline })), "XLSX_STRING_TOO_LONG");
    const sst = `<sst><si><r><t>${long.slice(0, 20_000)}</t></r><r><t>${long.slice(20_000)}</t></r></si></sst>`;
    const shared = sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`);
    refused(zipParts(minimalParts({ Sheet1: shared }, sst)), "XLSX_STRING_TOO_LONG");
  });
});

describe("entry names are never paths", () => {
  it("a `../` entry is not a part we look up", () => {
    const parts = minimalParts();
    parts["../../etc/cron.d/evil"] = "* * * * * root sh";
    parts["..\\..\\evil.bat"] = "echo";
    const grids = readXlsx(zipParts(parts));
    expect(grids).toEqual([{ sheet: "Sheet1", values: [[1]], merges: [] }]);
  });

  it("a relationship climbing out of the package finds nothing", () => {
    const parts = minimalParts();
    parts["xl/_rels/workbook.xml.rels"] = String(parts["xl/_rels/workbook.xml.rels"]).replace(
      "worksheets/sheet1.xml",
      "../../../evil.xml",
    );
    parts["../evil.xml"] = sheetXml(`<row r="1"><c r="A1"><v>666</v></c></row>`);
    parts["evil.xml"] = sheetXml(`<row r="1"><c r="A1"><v>666</v></c></row>`);
    refused(zipParts(parts), "XLSX_CORRUPT");
  });

  it("a workbook stored only under `../` names is not found", () => {
    const parts = Object.fromEntries(
      Object.entries(minimalParts()).map(([k, v]) => [k === "_rels/.rels" ? k : `../${k}`, v]),
    );
    refused(zipParts(parts), "XLSX_CORRUPT");
  });
});
