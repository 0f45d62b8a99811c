// The files districts upload that are not what they should be, made by the programs that make
// them: LibreOffice Calc (.ods, flat .fods, .xls, PDF, HTML, files saved with a password),
// Gnumeric (.ods, .xls as Excel 97 and Excel 95, HTML, its own gzip .gnumeric) and the Python
// libraries (openpyxl edits, XlsxWriter grids). What no installed program writes (.xlsb, a
// password-protected .xlsx, Word documents: Debian's libreoffice-calc-nogui has no Writer, and
// its XML Spreadsheet 2003 and image exports need parts it lacks) is built by hand in the shape
// the real programs give it, and says so.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import type { Grid } from "../../../../domain";
import { SOFFICE } from "../soffice";
import { compoundFile } from "./compound-file";
import { onPath, pythonWith, required } from "./tools";

export { compoundFile, encryptedWorkbook } from "./compound-file";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const SSCONVERT = onPath("ssconvert");
export const OPENPYXL = pythonWith("openpyxl");
export const XLSXWRITER = pythonWith("xlsxwriter");

export const haveLibreOffice = () => required(SOFFICE, "soffice", "apt-get install -y libreoffice-calc-nogui");
export const haveGnumeric = () => required(SSCONVERT, "ssconvert", "apt-get install -y gnumeric");
export const haveOpenpyxl = () => required(OPENPYXL, "python3 with openpyxl", "apt-get install -y python3-openpyxl");
export const haveXlsxwriter = () =>
  required(XLSXWRITER, "python3 with xlsxwriter", "apt-get install -y python3-xlsxwriter");

function exec(file: string, args: string[]): void {
  execFileSync(file, args, { stdio: "pipe", timeout: 180_000 });
}

function withProfile<T>(work: (profile: string) => T): T {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    return work(profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * LibreOffice converts `bytes` (written as `name`) with `--convert-to <target>`: "ods",
 * "fods", "xls", "pdf", "html", "png", "xml:MS Excel 2003 XML", "docx:MS Word 2007 XML"… (no shell: no quotes)
 * Returns the output file (the one ending in `ext`).
 */
export function sofficeTo(
  dir: string,
  name: string,
  bytes: Uint8Array | string,
  target: string,
  ext: string,
): Uint8Array {
  if (!SOFFICE) throw new Error("soffice not found");
  const inDir = join(dir, `in-${ext}`);
  const outDir = join(dir, `out-${ext}`);
  mkdirSync(inDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const input = join(inDir, name);
  writeFileSync(input, bytes);
  withProfile((profile) =>
    exec(SOFFICE!, [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      target,
      "--outdir",
      outDir,
      input,
    ]),
  );
  const stem = basename(name).replace(/\.[^.]+$/, "");
  const out = readdirSync(outDir).find((f) => f === `${stem}.${ext}`);
  if (!out) throw new Error(`soffice --convert-to ${target} wrote no .${ext} (${readdirSync(outDir).join(", ")})`);
  return new Uint8Array(readFileSync(join(outDir, out)));
}

/** Gnumeric's ssconvert writes `bytes` (a workbook named `name`) with one of its exporters. */
export function ssconvertTo(dir: string, name: string, bytes: Uint8Array, exporter: string, ext: string): Uint8Array {
  if (!SSCONVERT) throw new Error("ssconvert not found");
  const input = join(dir, name);
  const output = join(dir, `${name.replace(/\.[^.]+$/, "")}-${exporter.replace(/[^a-z0-9]+/gi, "-")}.${ext}`);
  writeFileSync(input, bytes);
  exec(SSCONVERT, ["-T", exporter, input, output]);
  return new Uint8Array(readFileSync(output));
}

const xml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * LibreOffice saves a workbook with a password (File → Save As → "Save with password"):
 * a StarBasic macro in a fresh profile loads the file hidden and stores it with the filter
 * given ("calc8" for .ods, "MS Excel 97" for .xls) and the password.
 */
export function libreOfficeWithPassword(
  dir: string,
  name: string,
  bytes: Uint8Array,
  filter: string,
  ext: string,
  password = "matkhau",
): Uint8Array {
  if (!SOFFICE) throw new Error("soffice not found");
  const input = join(dir, name);
  const output = join(dir, `${name.replace(/\.[^.]+$/, "")}-password.${ext}`);
  writeFileSync(input, bytes);
  return withProfile((profile) => {
    // The first run creates the profile (and its Standard library), where the macro then goes.
    const start = [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore"];
    exec(SOFFICE!, [...start, "--convert-to", "csv", "--outdir", join(dir, "profile-init"), input]);
    const module =
      `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n` +
      `<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">` +
      xml(
        [
          "Sub SaveWithPassword(inUrl As String, outUrl As String, filterName As String, password As String)",
          "  Dim args(0) As New com.sun.star.beans.PropertyValue",
          '  args(0).Name = "Hidden"',
          "  args(0).Value = True",
          '  doc = StarDesktop.loadComponentFromURL(inUrl, "_blank", 0, args())',
          "  Dim out(1) As New com.sun.star.beans.PropertyValue",
          '  out(0).Name = "FilterName"',
          "  out(0).Value = filterName",
          '  out(1).Name = "Password"',
          "  out(1).Value = password",
          "  doc.storeToURL(outUrl, out())",
          "  doc.close(True)",
          "End Sub",
        ].join("\n"),
      ) +
      `</script:module>`;
    writeFileSync(join(profile, "user", "basic", "Standard", "Module1.xba"), module);
    const url = (path: string) => `file://${path}`;
    exec(SOFFICE!, [
      ...start,
      `macro:///Standard.Module1.SaveWithPassword("${url(input)}","${url(output)}","${filter}","${password}")`,
    ]);
    return new Uint8Array(readFileSync(output));
  });
}

/** openpyxl opens `bytes`, applies the edits (see edit-openpyxl.py) and saves. */
export function openpyxlEdit(
  dir: string,
  bytes: Uint8Array,
  edits: {
    date1904?: boolean;
    cells: { sheet: string; cell: string; value?: number | string; format?: string | { builtin: number } }[];
  },
): Uint8Array {
  if (!OPENPYXL) throw new Error("python3 with openpyxl not found");
  const src = join(dir, "openpyxl-in.xlsx");
  const out = join(dir, "openpyxl-out.xlsx");
  const json = join(dir, "openpyxl-edits.json");
  writeFileSync(src, bytes);
  writeFileSync(json, JSON.stringify(edits));
  exec(OPENPYXL, [join(HERE, "edit-openpyxl.py"), src, out, json]);
  return new Uint8Array(readFileSync(out));
}

/**
 * XlsxWriter writes the grids (formulas cached as 0, full recalculation on load); `formats`: "row,col" → number format,
 * per sheet.
 */
export function xlsxwriterGrids(
  dir: string,
  grids: Grid[],
  formats: Record<string, Record<string, string>> = {},
): Uint8Array {
  if (!XLSXWRITER) throw new Error("python3 with xlsxwriter not found");
  const json = join(dir, "xlsxwriter-grids.json");
  const out = join(dir, "xlsxwriter.xlsx");
  writeFileSync(
    json,
    JSON.stringify(
      grids.map((g) => ({
        sheet: g.sheet,
        values: g.values,
        formulas: g.formulas ?? null,
        merges: g.merges ?? [],
        formats: formats[g.sheet] ?? {},
      })),
    ),
  );
  exec(XLSXWRITER, [join(HERE, "grids-xlsxwriter.py"), json, out]);
  return new Uint8Array(readFileSync(out));
}

const enc = new TextEncoder();

/**
 * An Excel Binary Workbook (.xlsb) as Excel packages it: the same zip and relationships as
 * .xlsx, but the workbook and sheets are binary records (xl/workbook.bin). No Debian program
 * writes one; the records here are the BrtBeginBook/BrtEndBook pair only.
 */
export function xlsbPackage(): Uint8Array<ArrayBuffer> {
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return new Uint8Array(
    zipSync({
      "[Content_Types].xml": enc.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          `<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>` +
          `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
      ),
      "_rels/.rels": enc.encode(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      ),
      "xl/workbook.bin": Uint8Array.from([0x83, 0x01, 0x00, 0x84, 0x01, 0x00]),
    }),
  );
}

/** A zip archive holding a workbook (what a district gets by "Send to → Compressed folder"). */
export function zipOf(files: Record<string, Uint8Array>): Uint8Array<ArrayBuffer> {
  return new Uint8Array(zipSync(files));
}

/** The table as Excel's "Web Page" export or an accounting program writes it, named .xls. */
export function htmlTableXls(): Uint8Array<ArrayBuffer> {
  return enc.encode(
    `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\r\n` +
      `<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Excel.Sheet>` +
      `<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>PL01</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>\r\n` +
      `<body><table border=1><tr><td>STT</td><td>Nội dung thực hiện</td><td>Đơn vị tính</td></tr>` +
      `<tr><td>1.</td><td>Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh)</td><td>Bản tin</td></tr></table></body></html>\r\n`,
  );
}

/**
 * Word documents in the shape Word and Writer save them (Debian's libreoffice-calc-nogui has no
 * Writer): a .docx package (word/document.xml), a Word 97–2003 compound file ("WordDocument")
 * and an OpenDocument text (.odt: mimetype first, then content.xml).
 */
export function wordDocuments(): {
  docx: Uint8Array<ArrayBuffer>;
  doc: Uint8Array<ArrayBuffer>;
  odt: Uint8Array<ArrayBuffer>;
} {
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const docx = zipOf({
    "[Content_Types].xml": enc.encode(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    "_rels/.rels": enc.encode(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    "word/document.xml": enc.encode(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
        `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nội dung thực hiện</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`,
    ),
  });
  const doc = compoundFile({
    WordDocument: Uint8Array.from([0xec, 0xa5, 0xc1, 0x00, ...new Array(508).fill(0)]),
    "1Table": new Uint8Array(512),
  });
  const odt = new Uint8Array(
    zipSync({
      mimetype: [enc.encode("application/vnd.oasis.opendocument.text"), { level: 0 }],
      "content.xml": enc.encode(
        `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">` +
          `<office:body><office:text><text:p>Phụ lục 01</text:p></office:text></office:body></office:document-content>`,
      ),
      "META-INF/manifest.xml": enc.encode(
        `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
          `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>`,
      ),
    }),
  );
  return { docx, doc, odt };
}
