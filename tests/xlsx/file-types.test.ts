// Every common file that is not an .xlsx or .ods workbook is recognised by its bytes (never its
// name) and refused with what it is and what to do, in Vietnamese and English: .xls from
// LibreOffice and Gnumeric (Excel 97 and Excel 95), a password-protected .xls, .xlsx and .ods,
// .xlsb, CSV and text, PDF, Word and Writer documents, HTML tables named .xls, XML Spreadsheet
// 2003, images, archives. Files come from the programs that make them (support/producers).
import { beforeAll, describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix } from "../../domain";
import {
  FORMAT_ADVICE,
  type FileFormat,
  readSpreadsheet,
  readSpreadsheetFile,
  readXlsx,
  toCsv,
  writeXlsx,
  XlsxError,
} from "../../worker/xlsx";
import { compoundFileNames } from "../../worker/xlsx/cfb";
import { sniffBytes } from "../../worker/xlsx/detect";
import {
  encryptedWorkbook,
  haveGnumeric,
  haveLibreOffice,
  htmlTableXls,
  libreOfficeWithPassword,
  sofficeTo,
  ssconvertTo,
  wordDocuments,
  xlsbPackage,
  zipOf,
} from "./support/producers/file-formats";
import { tempDirs } from "./support/temp-dirs";

const template = getTemplate("kh-157-2023")!;
const plan = writeXlsx(
  template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true })),
);
const enc = new TextEncoder();
const dir = tempDirs();

/** The refusal readSpreadsheet gives `bytes`. */
function refusal(bytes: Uint8Array): XlsxError {
  try {
    readSpreadsheet(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(XlsxError);
    return err as XlsxError;
  }
  throw new Error("the file was read as a workbook");
}

/** Refused as `format` with `code`, the advice in both languages saying what to do. */
function expectRefused(
  bytes: Uint8Array,
  format: Exclude<FileFormat, "xlsx" | "ods" | "fods">,
  code: string,
  says: RegExp,
) {
  const err = refusal(bytes);
  expect({ code: err.code, format: err.format }).toEqual({ code, format });
  expect(err.status).toBe(422);
  expect(err.message).toBe(FORMAT_ADVICE[format].vi);
  expect(err.messageEn).toBe(FORMAT_ADVICE[format].en);
  expect(err.message).toMatch(says);
  expect(err.message).toMatch(/Hãy /);
  return err;
}

describe("files made by hand in the shape their programs give them", () => {
  it("a password-protected .xlsx (an OLE2 container with EncryptionInfo) says to remove the password", () => {
    const bytes = encryptedWorkbook();
    expect(compoundFileNames(bytes)).toEqual(["Root Entry", "EncryptionInfo", "EncryptedPackage"]);
    const err = expectRefused(bytes, "encrypted", "XLSX_NOT_ZIP", /mật khẩu/);
    expect(err.messageEn).toMatch(/password/);
    // readXlsx (the .xlsx reader alone) says the same.
    expect(() => readXlsx(bytes)).toThrow(expect.objectContaining({ code: "XLSX_NOT_ZIP", format: "encrypted" }));
  });

  it("an .xlsb (zip with xl/workbook.bin) says to save it as .xlsx in Excel", () => {
    expectRefused(xlsbPackage(), "xlsb", "XLSX_OTHER_FORMAT", /\.xlsb.*Excel Workbook \(\*\.xlsx\)/);
  });

  it("an HTML table named .xls (Excel's web page, accounting exports) says to save it as a real workbook", () => {
    expectRefused(htmlTableXls(), "xls-html", "XLSX_NOT_ZIP", /HTML.*\.xls/);
    expect(
      sniffBytes(enc.encode("\ufeff<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>")),
    ).toBe("xls-html");
    expect(sniffBytes(enc.encode("<table border=1><tr><td>STT</td></tr></table>"))).toBe("xls-html");
  });

  it("XML Spreadsheet 2003 (Excel's \"XML Spreadsheet\"; LibreOffice's export filter needs XSLT, absent here) says to save it as .xlsx", () => {
    const xml2003 =
      `<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n` +
      `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">` +
      `<Worksheet ss:Name="PL01"><Table><Row><Cell><Data ss:Type="String">STT</Data></Cell></Row></Table></Worksheet></Workbook>\r\n`;
    expectRefused(enc.encode(xml2003), "xml-2003", "XLSX_NOT_ZIP", /XML 2003/);
  });

  it('CSV (UTF-8, Windows-1258 and Excel\'s UTF-16 "Unicode text") says CSV cannot carry the template', () => {
    const rows = [
      ["STT", "Nội dung thực hiện", "Năm 2023"],
      ["1.", "Bản tin", "403,305"],
    ];
    expectRefused(enc.encode(toCsv(rows)), "csv", "XLSX_NOT_ZIP", /CSV.*PL01/);
    // Excel's "CSV (Comma delimited)" on a Vietnamese Windows: Windows-1258 bytes, invalid as UTF-8.
    expectRefused(
      Uint8Array.from([
        0x53, 0x54, 0x54, 0x3b, 0x4e, 0xf4, 0x3b, 0x4e, 0xe3, 0x6d, 0x0d, 0x0a, 0x31, 0x3b, 0x42, 0xe3, 0x6e, 0x3b,
        0x31, 0x0d, 0x0a,
      ]),
      "csv",
      "XLSX_NOT_ZIP",
      /CSV/,
    );
    const utf16 = new Uint8Array(2 + 2 * 40);
    utf16.set([0xff, 0xfe]);
    "STT\tNội dung\r\n1.\tBản tin\t403,305\r\n"
      .split("")
      .forEach((ch, k) => new DataView(utf16.buffer).setUint16(2 + 2 * k, ch.charCodeAt(0), true));
    expectRefused(
      utf16.subarray(0, 2 + 2 * "STT\tNội dung\r\n1.\tBản tin\t403,305\r\n".length),
      "csv",
      "XLSX_NOT_ZIP",
      /CSV/,
    );
    expectRefused(enc.encode("Báo cáo kế hoạch năm 2023\ngửi kèm công văn\n"), "text", "XLSX_NOT_ZIP", /văn bản/);
  });

  it("a photo or scan of the signed sheet (PNG, JPEG, TIFF) says to upload the workbook (LibreOffice here exports no images)", () => {
    // A 1×1 PNG: signature, IHDR, IDAT, IEND.
    const png = Uint8Array.from(
      atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
      (c) => c.charCodeAt(0),
    );
    expectRefused(png, "image", "XLSX_NOT_ZIP", /ảnh/);
    expectRefused(
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
      "image",
      "XLSX_NOT_ZIP",
      /ảnh/,
    );
    expectRefused(Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]), "image", "XLSX_NOT_ZIP", /ảnh/);
  });

  it("Word and Writer documents (.docx, .doc, .odt) say to copy the figures into the template", () => {
    const { docx, doc, odt } = wordDocuments();
    expectRefused(docx, "docx", "XLSX_OTHER_FORMAT", /Word \(\.docx\).*mẫu biểu \.xlsx/);
    expectRefused(doc, "doc", "XLSX_NOT_ZIP", /Word 97–2003/);
    expectRefused(odt, "odt", "XLSX_OTHER_FORMAT", /Writer/);
  });

  it("an archive holding the workbook says to extract it", () => {
    expectRefused(zipOf({ "bao-cao/ke-hoach.xlsx": plan }), "archive", "XLSX_OTHER_FORMAT", /giải nén/);
    expectRefused(
      Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 0]),
      "archive",
      "XLSX_NOT_ZIP",
      /giải nén/,
    );
  });

  it("a file of unknown bytes keeps today's answer, and an unreadable OLE2 header still names .xls", () => {
    expectRefused(
      Uint8Array.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]),
      "unknown",
      "XLSX_NOT_ZIP",
      /\.xlsx.*\.ods/,
    );
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expectRefused(ole, "ole", "XLSX_NOT_ZIP", /\.xls/);
    // Sizes are checked before anything is looked at.
    expect(() => readSpreadsheet(plan, { maxUploadBytes: plan.length - 1 })).toThrow(
      expect.objectContaining({ code: "XLSX_TOO_LARGE", status: 413 }),
    );
  });

  it("a real .xlsx is still read (and says so)", () => {
    const read = readSpreadsheetFile(plan);
    expect(read.format).toBe("xlsx");
    expect(read.grids.map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03"]);
  });
});

describe.skipIf(!haveLibreOffice())("files written by LibreOffice", { timeout: 300_000 }, () => {
  const files: Record<string, Uint8Array> = {};
  beforeAll(() => {
    const d = dir("lo-types");
    files.xls = sofficeTo(d, "ke-hoach.xlsx", plan, "xls", "xls");
    files.pdf = sofficeTo(d, "ke-hoach.xlsx", plan, "pdf", "pdf");
    files.html = sofficeTo(d, "ke-hoach.xlsx", plan, "html", "html");
    files.xlsPassword = libreOfficeWithPassword(d, "ke-hoach.xlsx", plan, "MS Excel 97", "xls");
    files.odsPassword = libreOfficeWithPassword(d, "ke-hoach.xlsx", plan, "calc8", "ods");
  }, 300_000);

  it(".xls (Excel 97–2003) says to save it as .xlsx or .ods", () => {
    expect(compoundFileNames(files.xls)).toContain("Workbook");
    const err = expectRefused(files.xls, "xls", "XLSX_NOT_ZIP", /\.xls.*Lưu thành \(Save As\)/);
    expect(err.messageEn).toMatch(/Excel 97–2003.*Save As/);
  });

  it("an .xls saved with a password is still an .xls", () => {
    expectRefused(files.xlsPassword, "xls", "XLSX_NOT_ZIP", /\.xls/);
  });

  it("an .ods saved with a password says to save it without one", () => {
    const err = expectRefused(files.odsPassword, "ods-encrypted", "XLSX_UNSUPPORTED", /mật khẩu/);
    expect(err.messageEn).toMatch(/Save with password/);
  });

  it("PDF says to upload the workbook that was printed", () => {
    expectRefused(files.pdf, "pdf", "XLSX_NOT_ZIP", /PDF/);
  });

  it("Calc's HTML export (a table saved as a web page) says to save a real workbook", () => {
    expectRefused(files.html, "xls-html", "XLSX_NOT_ZIP", /HTML/);
  });
});

describe.skipIf(!haveGnumeric())("files written by Gnumeric", { timeout: 300_000 }, () => {
  it('.xls as Excel 97 (BIFF8) and as Excel 95 (BIFF7, a "Book" stream) say to save as .xlsx or .ods', () => {
    const d = dir("gnumeric-types");
    const biff8 = ssconvertTo(d, "ke-hoach.xlsx", plan, "Gnumeric_Excel:excel_biff8", "xls");
    const biff7 = ssconvertTo(d, "ke-hoach.xlsx", plan, "Gnumeric_Excel:excel_biff7", "xls");
    expect(compoundFileNames(biff7)).toContain("Book");
    expectRefused(biff8, "xls", "XLSX_NOT_ZIP", /\.xls/);
    expectRefused(biff7, "xls", "XLSX_NOT_ZIP", /\.xls/);
  });

  it("HTML and Gnumeric's own gzip file are recognised", () => {
    const d = dir("gnumeric-other");
    expectRefused(
      ssconvertTo(d, "ke-hoach.xlsx", plan, "Gnumeric_html:html40", "html"),
      "xls-html",
      "XLSX_NOT_ZIP",
      /HTML/,
    );
    expectRefused(
      ssconvertTo(d, "ke-hoach.xlsx", plan, "Gnumeric_XmlIO:sax", "gnumeric"),
      "archive",
      "XLSX_NOT_ZIP",
      /\.gnumeric/,
    );
  });
});
