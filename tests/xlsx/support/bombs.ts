// Hostile workbooks sized from the reader's limits, shared by the tests (which prove each is
// refused or read within bounds) and `npm run bench` (which measures what each costs beside the
// largest legitimate workbook the same limits allow). Each is built in memory; nothing here is
// a fixture file.
import { unzipSync, zipSync, type Zippable } from "fflate";
import {
  type CellValue,
  getTemplate,
  leafColumns,
  planFigures,
  printAppendix,
  type PrintedSheet,
  readWorkbook,
} from "../../../domain";
import { readXlsx, writeXlsx } from "../../../worker/xlsx";
import type { XlsxLimits } from "../../../worker/xlsx/limits";
import { REBASE_COST } from "../../../worker/xlsx/sheet";
import { minimalParts, sheetXml } from "./package";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const enc = new TextEncoder();
const template = getTemplate("kh-157-2023")!;
const APPENDICES = template.appendices.map((a) => a.id);

export interface Bomb {
  name: string;
  bytes: Uint8Array;
  /** The codes an upload of it may answer with (a refusal from the reader, or the domain's report). */
  codes: string[];
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Rows of inline-string and number cells, as any program might write them (1-based row numbers
 * from `first`); strings found in `shared` refer to that shared-string index instead.
 */
export function rowsXml(values: CellValue[][], first = 1, shared = new Map<string, number>()): string {
  return values
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const ref = `${colName(c)}${first + r}`;
          if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === "string" && shared.has(v)) return `<c r="${ref}" t="s"><v>${shared.get(v)}</v></c>`;
          if (typeof v === "string" && v !== "")
            return `<c r="${ref}" t="inlineStr"><is><t>${escapeText(v)}</t></is></c>`;
          return "";
        })
        .join("");
      return cells ? `<row r="${first + r}">${cells}</row>` : "";
    })
    .join("");
}

function colName(col: number): string {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Parts zipped each with its own level (0 = stored). */
export function zipLevels(parts: Record<string, string | Uint8Array>, level: (name: string) => 0 | 6 | 9): Uint8Array {
  const files: Zippable = {};
  for (const [name, body] of Object.entries(parts))
    files[name] = [typeof body === "string" ? enc.encode(body) : body, { level: level(name) }];
  return zipSync(files);
}

/** Bytes the reader hands to its XML reader for this package: relationships, workbook, shared strings, worksheets. */
export function xmlBytesRead(bytes: Uint8Array): number {
  const parts = unzipSync(bytes);
  return Object.entries(parts)
    .filter(([name]) =>
      /^(_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/[^/]+\.xml)$/.test(
        name,
      ),
    )
    .reduce((n, [, b]) => n + b.length, 0);
}

/** The printed appendix (plan 157's own figures) as grid rows: a sheet whose header and rows the reader finds. */
function printedRows(appendix: string): CellValue[][] {
  const a = template.appendices.find((x) => x.id === appendix)!;
  return printAppendix(template, a, { figures: planFigures(template) }).values;
}

/** One filler element a worksheet may carry without a value: a styled empty cell (no cell, no area, no text). */
const EMPTY_STYLED = '<c r="XFD1048576" s="1"/>';

/**
 * Stored (uncompressed) worksheets PL01–PL03 of empty styled cells, together as close to
 * `maxXmlBytes` as the parts allow: stored bytes are not inflated, so before the one budget
 * they were never counted at all.
 */
export function storedSheetsBomb(l: XlsxLimits, total = l.maxXmlBytes - 256): Bomb {
  const parts = minimalParts(Object.fromEntries(APPENDICES.map((id) => [id, sheetXml("")])));
  const fixed = Object.values(parts).reduce((n, p) => n + (typeof p === "string" ? enc.encode(p).length : p.length), 0);
  const per = Math.floor((total - fixed) / APPENDICES.length / EMPTY_STYLED.length);
  APPENDICES.forEach(
    (_, k) => (parts[`xl/worksheets/sheet${k + 1}.xml`] = sheetXml(`<row r="1">${EMPTY_STYLED.repeat(per)}</row>`)),
  );
  return {
    name: "stored-entry bomb",
    bytes: zipLevels(parts, (n) => (n.startsWith("xl/worksheets/") ? 0 : 6)),
    codes: ["HEADER_NOT_FOUND", "XLSX_INFLATE_LIMIT"],
  };
}

/**
 * One stored worksheet listed `times` times by the workbook (each listing its own relationship
 * to the same part): before parts were read once, a 1 MB upload parsed `times` MB of XML.
 */
export function repeatedPartBomb(
  l: XlsxLimits,
  times = l.maxSheets,
  partBytes = Math.min(1024 * 1024, l.maxXmlBytes - 64 * 1024),
): Bomb {
  const names = Array.from({ length: times }, (_, k) => (k < APPENDICES.length ? APPENDICES[k] : `S${k + 1}`));
  const rows = `<row r="1">${EMPTY_STYLED.repeat(Math.floor((partBytes - 200) / EMPTY_STYLED.length))}</row>`;
  const parts: Record<string, string | Uint8Array> = {
    ...minimalParts({ Sheet1: sheetXml(rows) }),
    "xl/workbook.xml": `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${names.map((n, k) => `<sheet name="${n}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      names
        .map((_, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`)
        .join("") +
      `</Relationships>`,
  };
  return { name: "repeated sheet part", bytes: zipLevels(parts, () => 0), codes: ["XLSX_CORRUPT"] };
}

/**
 * PL01 as printed (its header found) with as many merged ranges as the cell budget leaves, each
 * claiming the whole sheet (A1:XFD1048576): before merges were clipped, the header reader walked
 * a million rows for each of them.
 */
export function mergeBomb(l: XlsxLimits, count?: number): Bomb {
  const sheets = (merges: string) =>
    minimalParts({
      PL01: sheetXml(rowsXml(printedRows("PL01")), merges),
      PL02: sheetXml(rowsXml(printedRows("PL02"))),
      PL03: sheetXml(rowsXml(printedRows("PL03"))),
    });
  const n = count ?? l.maxCells - cellsIn(zipLevels(sheets(""), () => 6));
  const parts = sheets(`<mergeCells count="${n}">${'<mergeCell ref="A1:XFD1048576"/>'.repeat(n)}</mergeCells>`);
  return { name: "merge-range bomb", bytes: zipLevels(parts, () => 6), codes: ["XLSX_TOO_MANY_CELLS"] };
}

/** `length` characters of Vietnamese text (precomposed, so folding decomposes every vowel). */
export function longVietnamese(length: number): string {
  const words = "Tổng cộng kinh phí ngân sách địa phương được giao thực hiện những nhiệm vụ ";
  return words.repeat(Math.ceil(length / words.length)).slice(0, length);
}

/**
 * PL01–PL03 as printed, plus one shared string of `maxStringLength` characters used by `refs`
 * cells: in rows above each table (where the header is looked for), as the label and a figure
 * of rows inside the table (where items are looked for), and in the items' figure cells. By
 * default as many cells as the text budget allows. Before the per-read memo, the string was
 * folded (NFD, diacritics, case) again for every cell that showed it.
 */
export function sharedStringBomb(l: XlsxLimits, refs?: number, text = longVietnamese(l.maxStringLength)): Bomb {
  const printedText = APPENDICES.flatMap(printedRows)
    .flat()
    .reduce<number>((n, v) => n + (typeof v === "string" ? v.length : 0), 0);
  const total = refs ?? Math.max(1, Math.floor((l.maxTextChars - printedText) / text.length) - 1);
  const shared = new Map([[text, 0]]);
  const sheets: Record<string, string> = {};
  APPENDICES.forEach((id, k) => {
    const appendix = template.appendices.find((a) => a.id === id)!;
    const sheet = printAppendix(template, appendix, { figures: planFigures(template) });
    const rows = sheet.values.map((r) => [...r]);
    const figureCols = leafColumns(appendix)
      .filter((c) => c.measure)
      .map((c) => c.index);
    const labelCol = leafColumns(appendix).find((c) => c.field === "label")!.index;
    let mine = Math.floor(total / APPENDICES.length) + (k < total % APPENDICES.length ? 1 : 0);
    // Figure cells of the items first (each becomes an entry whose value is the string)…
    for (let r = sheet.bodyStart; r < sheet.totalRow && mine > 0; r++) {
      for (const c of figureCols) if (mine > 0 && rows[r][c] !== null) ((rows[r][c] = text), mine--);
    }
    // …then rows inside the table with the string as label and figure, and rows above it.
    const inside = Math.ceil(mine / 3);
    const body = Array.from({ length: Math.ceil(inside / 2) }, (_, j) => {
      const row: CellValue[] = new Array(rows[0].length).fill(null);
      row[labelCol] = text;
      if (2 * j + 1 < inside) row[figureCols[0]] = text;
      return row;
    });
    mine -= inside;
    const above = Array.from({ length: Math.ceil(mine / 8) }, (_, j) =>
      Array.from({ length: Math.min(8, mine - 8 * j) }, () => text as CellValue),
    );
    // Inside the table: after its first item (a row before it would read as more header).
    const all = [...above, ...rows.slice(0, sheet.bodyStart + 1), ...body, ...rows.slice(sheet.bodyStart + 1)];
    sheets[id] = sheetXml(rowsXml(all, 1, shared));
  });
  const sst = `<sst xmlns="${MAIN}" count="${total}" uniqueCount="1"><si><t>${escapeText(text)}</t></si></sst>`;
  return {
    name: "shared-string bomb",
    bytes: zipLevels(minimalParts(sheets, sst), () => 6),
    codes: ["XLSX_TEXT_LIMIT", "ITEM_UNKNOWN", "NOT_A_NUMBER"],
  };
}

/**
 * One shared formula of `maxStringLength` characters (a long sum of references, every one of
 * which is re-based per cell) used by `refs` cells below PL01; by default as many as the text
 * budget allows (re-based text counts REBASE_COST times). Before the text budget, 15,000 cells
 * re-based half a billion characters.
 */
export function sharedFormulaBomb(l: XlsxLimits, refs?: number): Bomb {
  const term = "A1+";
  const formula = term.repeat(Math.floor((l.maxStringLength - 2) / term.length)) + "A1";
  const rows = printedRows("PL01");
  const total = refs ?? Math.max(1, Math.floor((l.maxTextChars - 4000) / (formula.length * REBASE_COST)));
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const col = colName(width + 1);
  const first = rows.length + 2;
  let xml = rowsXml(rows);
  for (let k = 0; k < total; k++) {
    const r = first + k;
    xml +=
      k === 0
        ? `<row r="${r}"><c r="${col}${r}"><f t="shared" ref="${col}${r}:${col}${first + total - 1}" si="0">${formula}</f><v>0</v></c></row>`
        : `<row r="${r}"><c r="${col}${r}"><f t="shared" si="0"/><v>0</v></c></row>`;
  }
  const parts = minimalParts({
    PL01: sheetXml(xml),
    PL02: sheetXml(rowsXml(printedRows("PL02"))),
    PL03: sheetXml(rowsXml(printedRows("PL03"))),
  });
  return {
    name: "shared-formula bomb",
    bytes: zipLevels(parts, () => 6),
    codes: ["XLSX_TEXT_LIMIT", "ITEM_MISSING", "GRAND_TOTAL_MISMATCH"],
  };
}

/**
 * PL01 as printed with as many extra numbered rows inside the table as the cell budget allows
 * ("9.1 Dòng 1", "9.2 Dòng 2"…): each is an item the template does not have, so each is an issue.
 */
export function unknownRowsBomb(l: XlsxLimits, count?: number): Bomb {
  const appendix = template.appendices[0];
  const sheet = printAppendix(template, appendix, { figures: planFigures(template) });
  const label = leafColumns(appendix).find((c) => c.field === "label")!.index;
  const stt = leafColumns(appendix).find((c) => c.field === "stt")!.index;
  const others = () => ({ PL02: sheetXml(rowsXml(printedRows("PL02"))), PL03: sheetXml(rowsXml(printedRows("PL03"))) });
  const n =
    count ??
    Math.floor(
      (l.maxCells - cellsIn(zipLevels(minimalParts({ PL01: sheetXml(rowsXml(sheet.values)), ...others() }), () => 6))) /
        2,
    );
  const extra = Array.from({ length: n }, (_, k) => {
    const row: CellValue[] = new Array(sheet.values[0].length).fill(null);
    row[stt] = `9.${k + 1}`;
    row[label] = `Dòng ${k + 1}`;
    return row;
  });
  const rows = [...sheet.values.slice(0, sheet.bodyStart + 1), ...extra, ...sheet.values.slice(sheet.bodyStart + 1)];
  return {
    name: "rows that are no item",
    bytes: zipLevels(minimalParts({ PL01: sheetXml(rowsXml(rows)), ...others() }), () => 6),
    codes: ["ITEM_UNKNOWN"],
  };
}

/** 64 MiB of zeros as a worksheet (declared honestly): refused from the central directory. */
export function zipBomb(): Bomb {
  const parts = { ...minimalParts(), "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) };
  return { name: "zip bomb (64 MiB declared)", bytes: zipLevels(parts, () => 9), codes: ["XLSX_INFLATE_LIMIT"] };
}

/** 40 MiB of zeros whose headers claim `claimed` bytes: inflating stops at the claim. */
export function lyingZipBomb(claimed: number): Bomb {
  const zip = zipLevels({ ...minimalParts(), "xl/worksheets/sheet1.xml": new Uint8Array(40 * 1024 * 1024) }, () => 9);
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const want = enc.encode("xl/worksheets/sheet1.xml");
  const matches = (at: number) => want.every((b, k) => out[at + k] === b);
  for (let at = 0; at + 46 < out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === want.length && matches(at + 30))
      view.setUint32(at + 22, claimed, true);
    if (sig === 0x02014b50 && view.getUint16(at + 28, true) === want.length && matches(at + 46))
      view.setUint32(at + 24, claimed, true);
  }
  return { name: `zip bomb claiming ${claimed.toLocaleString("en-US")} B`, bytes: out, codes: ["XLSX_INFLATE_LIMIT"] };
}

/** Billion laughs: entities defined in a DOCTYPE. */
export function entityBomb(): Bomb {
  const laughs =
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
    `<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
    `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`;
  return {
    name: "XML entity bomb (billion laughs)",
    bytes: zipLevels(minimalParts({ PL01: laughs }), () => 6),
    codes: ["XLSX_DTD_FORBIDDEN"],
  };
}

/** `count` cells of one number each, in rows of 20 (past the cell budget when count is larger). */
export function manyCellsBomb(count: number): Bomb {
  const rows = Array.from(
    { length: Math.ceil(count / 20) },
    (_, r) => `<row r="${r + 1}">${"<c><v>1</v></c>".repeat(20)}</row>`,
  ).join("");
  return {
    name: `${count.toLocaleString("en-US")} cells`,
    bytes: zipLevels(minimalParts({ PL01: sheetXml(rows) }), () => 6),
    codes: ["XLSX_TOO_MANY_CELLS", "XLSX_INFLATE_LIMIT"],
  };
}

/** Cells (value or formula) and merged ranges of a workbook: what the reader counts against `maxCells`. */
export function cellsIn(bytes: Uint8Array): number {
  return readXlsx(bytes, { maxCells: 1e9, maxGridArea: 1e12, maxXmlBytes: 1e9, maxTotalBytes: 1e9 }).reduce(
    (n, g) =>
      n +
      (g.merges?.length ?? 0) +
      g.values.reduce((m, row, r) => m + row.filter((v, c) => v !== null || g.formulas?.[r]?.[c]).length, 0),
    0,
  );
}

/** Bytes that do not compress (xorshift), the same on every run. */
function noise(length: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, length));
  let x = 0x9e3779b9;
  for (let k = 0; k < out.length; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[k] = x & 0xff;
  }
  return out;
}

function notesSheet(rows: number, textLength: number): PrintedSheet {
  const values: CellValue[][] = Array.from({ length: rows }, (_, r) => [
    r + 1,
    `${r + 1}. ${longVietnamese(textLength + 40).slice(r % 40, (r % 40) + textLength)}`,
  ]);
  return {
    sheet: "Thuyết minh",
    values,
    formulas: values.map((row) => row.map(() => null)),
    merges: [],
    styles: [],
    columnWidths: [8, 80],
    freeze: { rows: 0, cols: 0 },
    inputs: [],
    bodyStart: 0,
    totalRow: 0,
  };
}

/**
 * The largest legitimate workbook the limits allow: plan 157's three appendices filled with the
 * plan's figures (SUM formulas for totals, as the add-in writes them), plus an explanatory sheet
 * of numbered notes that brings the workbook to the cell budget and to about 90 % of the XML
 * and text budgets, plus a scanned image that brings the file to the upload limit. It is
 * accepted (the extra sheet is a warning).
 */
export function largestLegitWorkbook(l: XlsxLimits): Uint8Array {
  const printed = template.appendices.map((a) =>
    printAppendix(template, a, { figures: planFigures(template), formulas: true }),
  );
  const planCells = cellsIn(writeXlsx(printed));
  const rows = Math.floor((l.maxCells - planCells) / 2);
  const build = (len: number) => writeXlsx([...printed, notesSheet(rows, len)]);
  // Grow the notes until the XML read is 90 % of the budget (it grows linearly with their length).
  const base = xmlBytesRead(build(10));
  const perChar = (xmlBytesRead(build(110)) - base) / 100;
  const fit = Math.floor(10 + (0.9 * l.maxXmlBytes - base) / perChar);
  const textRoom = Math.floor((0.9 * l.maxTextChars) / rows) - 8;
  const xlsx = build(Math.max(10, Math.min(fit, textRoom, l.maxStringLength - 10)));
  // A scanned stamp (incompressible bytes) brings the upload itself to its limit: the Worker
  // hashes and keeps every byte it is sent, though it never reads an image.
  const parts: Record<string, Uint8Array> = unzipSync(xlsx);
  parts["xl/media/image1.png"] = noise(l.maxUploadBytes - xlsx.length - 16 * 1024);
  const bytes = zipLevels(parts, (name) => (name.startsWith("xl/media/") ? 0 : 6));
  if (bytes.length > l.maxUploadBytes) throw new Error("largest legitimate workbook: over the upload limit");
  const check = readWorkbook(template, readXlsx(bytes, l));
  if (check.issues.some((i) => i.severity === "error"))
    throw new Error(`largest legitimate workbook: ${check.issues[0].code}`);
  return bytes;
}
