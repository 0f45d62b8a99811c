// Reading at the speed of the bytes (issue 18, item 4): MB/s of sheet XML through readXlsx, and
// through ExcelJS 4.4 on the same bytes, for three workbooks: a district's (what is uploaded every
// day), the same padded with formatted empty rows (what Excel saves when a whole range was
// formatted) and the largest the reader's default limits admit; beside it, the sheets' XML
// alone (the tokenizer, ≥ 150 MB/s). The CPU rows hold the budgets: the largest admitted
// ≤ 50 ms, a district ≤ 2 ms. Times are CPU time (process.cpuUsage), medians after a warm-up.
// SheetJS (@e965/xlsx) is compared when it is installed; it is not a dependency, so its rows
// say so.
import ExcelJS from "exceljs";
import { unzipSync, zipSync, type Zippable } from "fflate";
import { readXlsx } from "../../worker/xlsx";
import { DEFAULT_LIMITS, type XlsxLimits } from "../../worker/xlsx/limits";
import { parseSharedStrings } from "../../worker/xlsx/shared-strings";
import { parseSheet } from "../../worker/xlsx/sheet";
import { districtWorkbook } from "./fixtures";
import { count, kib, median, ms, type Repeat } from "./stats";
import { atMost, failed, notAvailable, type Row } from "./table";

const enc = new TextEncoder();
const dec = new TextDecoder();
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

function colName(col: number): string {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Bytes of worksheet XML in a package: what the MB/s figures divide by. */
export function sheetXmlBytes(bytes: Uint8Array): number {
  return Object.entries(unzipSync(bytes))
    .filter(([name]) => SHEET.test(name))
    .reduce((n, [, b]) => n + b.length, 0);
}

/** Every part the reader hands to its XML reader (relationships, workbook, strings, styles, sheets). */
function xmlBytes(parts: Record<string, Uint8Array>): number {
  return Object.entries(parts)
    .filter(([name]) => name.endsWith(".xml") || name.endsWith(".rels"))
    .reduce((n, [, b]) => n + b.length, 0);
}

/** The last row number a worksheet uses. */
function lastRow(xml: string): number {
  const at = xml.lastIndexOf("<row r=");
  return at < 0 ? 0 : Number(/^<row r="(\d+)"/.exec(xml.slice(at))?.[1] ?? 0);
}

/** `rows` rows of `cols` empty cells with a style, as Excel writes a formatted range. */
function emptyRows(first: number, rows: number, cols: number): string {
  let xml = "";
  for (let r = first; r < first + rows; r++) {
    xml += `<row r="${r}" spans="1:${cols}">`;
    for (let c = 0; c < cols; c++) xml += `<c r="${colName(c)}${r}" s="3"/>`;
    xml += "</row>";
  }
  return xml;
}

function appendRows(parts: Record<string, Uint8Array>, name: string, rows: (first: number) => string): void {
  const xml = dec.decode(parts[name]);
  parts[name] = enc.encode(xml.replace("</sheetData>", `${rows(lastRow(xml) + 1)}</sheetData>`));
}

/** The district workbook with `rows` formatted empty rows of `cols` cells below each sheet's table. */
export function paddedWorkbook(base: Uint8Array, rows = 5_000, cols = 15): Uint8Array {
  const parts = unzipSync(base);
  for (const name of Object.keys(parts))
    if (SHEET.test(name)) appendRows(parts, name, (first) => emptyRows(first, rows, cols));
  return zipSync(parts as Zippable, { level: 6 });
}

/**
 * The largest workbook the limits admit, of the kind a budget office could send: the district
 * workbook, every remaining cell of the cell budget as figures on one more sheet (rows of 60
 * columns, numbers with a style and three decimals, as Excel writes them), and that sheet padded
 * with formatted empty rows to 98 % of the XML budget.
 */
export function largestAdmittedWorkbook(l: XlsxLimits = DEFAULT_LIMITS): Uint8Array {
  const parts = unzipSync(districtWorkbook(7));
  const cols = 60;
  // What the reader counts against maxCells: cells with a value or a formula, and merged ranges.
  const used = readXlsx(districtWorkbook(7)).reduce(
    (n, g) =>
      n +
      (g.merges?.length ?? 0) +
      g.values.reduce((m, row, r) => m + row.filter((v, c) => v !== null || g.formulas?.[r]?.[c]).length, 0),
    0,
  );
  const rows = Math.floor((l.maxCells - used) / cols);
  let figures = "";
  for (let r = 1; r <= rows; r++) {
    figures += `<row r="${r}" spans="1:${cols}">`;
    for (let c = 0; c < cols; c++)
      figures += `<c r="${colName(c)}${r}" s="2"><v>${(r * 7919 + c * 104729) % 1e7}.125</v></c>`;
    figures += "</row>";
  }
  // The fourth sheet: the third one's part, copied, with relationships and a workbook entry.
  const sheet = `xl/worksheets/sheet4.xml`;
  const third = dec.decode(parts["xl/worksheets/sheet3.xml"]);
  parts[sheet] = enc.encode(
    third
      .replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${figures}</sheetData>`)
      .replace(/<mergeCells[\s\S]*<\/mergeCells>/, ""),
  );
  const wb = dec.decode(parts["xl/workbook.xml"]);
  parts["xl/workbook.xml"] = enc.encode(
    wb.replace("</sheets>", `<sheet name="Số liệu" sheetId="4" r:id="rIdFig"/></sheets>`),
  );
  const rels = dec.decode(parts["xl/_rels/workbook.xml.rels"]);
  parts["xl/_rels/workbook.xml.rels"] = enc.encode(
    rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdFig" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet4.xml"/></Relationships>`,
    ),
  );
  const rowBytes = emptyRows(100_000, 1, cols).length;
  const room = Math.floor((0.98 * l.maxXmlBytes - xmlBytes(parts)) / rowBytes);
  if (room > 0) appendRows(parts, sheet, (first) => emptyRows(first, room, cols));
  return zipSync(parts as Zippable, { level: 6 });
}

/** ExcelJS's nearest equivalent of readXlsx: load the package, then every sheet's cell values. */
async function readWithExcelJs(bytes: Uint8Array): Promise<unknown[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => ws.getSheetValues() as unknown[][]);
}

interface SheetJs {
  read(data: Uint8Array, opts: { type: "array" }): { SheetNames: string[]; Sheets: Record<string, unknown> };
  utils: { sheet_to_json(sheet: unknown, opts: { header: 1 }): unknown[][] };
}

/** SheetJS when it is installed (`@e965/xlsx`, the npm mirror of SheetJS 0.20): not a dependency of this project. */
async function sheetJs(): Promise<SheetJs | null> {
  const name = "@e965/xlsx";
  try {
    return (await import(name)) as SheetJs;
  } catch {
    return null;
  }
}

/**
 * Median CPU time of one call (process.cpuUsage: user + system of the process, GC threads
 * included), after a warm-up. CPU rather than wall time: on a shared machine a 50 ms read is
 * often descheduled, while what a Worker is billed for is CPU.
 */
async function cpuMedian(fn: () => unknown, { warmup, runs, warmupMs = 0 }: Repeat): Promise<number> {
  const start = performance.now();
  for (let k = 0; k < warmup || performance.now() - start < warmupMs; k++) await fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const before = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

/**
 * The sheets' XML alone, already inflated and decoded: parseSheet on every worksheet's text with
 * the package's shared strings, as readXlsx calls it (the tokenizer's own speed).
 */
function parseSheetsOnly(bytes: Uint8Array): () => unknown {
  const parts = unzipSync(bytes);
  const sst = parts["xl/sharedStrings.xml"];
  const strings = sst ? parseSharedStrings(dec.decode(sst), DEFAULT_LIMITS) : [];
  const sheets = Object.keys(parts)
    .filter((name) => SHEET.test(name))
    .map((name) => dec.decode(parts[name]));
  return () => {
    const budget = {
      cells: DEFAULT_LIMITS.maxCells,
      area: DEFAULT_LIMITS.maxGridArea,
      text: DEFAULT_LIMITS.maxTextChars,
    };
    return sheets.map((xml, k) =>
      parseSheet(xml, `S${k}`, { strings, styleKinds: null, date1904: false }, DEFAULT_LIMITS, budget),
    );
  };
}

const mbps = (bytes: number, ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;

export async function readSpeedRows(opts: { repeat: Repeat; smoke: boolean }): Promise<Row[]> {
  const typical = districtWorkbook(7);
  const padded = paddedWorkbook(typical);
  const largest = largestAdmittedWorkbook(DEFAULT_LIMITS);
  const big: Repeat = opts.smoke ? { warmup: 1, runs: 3 } : { warmup: 5, runs: 30, warmupMs: 300 };
  const theirs: Repeat = opts.smoke ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
  const xlsxJs = await sheetJs();
  const cases = [
    { id: 1, name: `district workbook`, bytes: typical, repeat: opts.repeat },
    { id: 4, name: `district workbook + 5,000 formatted empty rows per sheet`, bytes: padded, repeat: big },
    {
      id: 7,
      name: `largest admitted (the district workbook and figures in rows of 60 columns: ${count(DEFAULT_LIMITS.maxCells)} cells; padded to 98% of ${kib(DEFAULT_LIMITS.maxXmlBytes)} KiB of XML)`,
      bytes: largest,
      repeat: big,
    },
  ];
  const rows: Row[] = [];
  const ours: number[] = [];
  for (const c of cases) {
    const xml = sheetXmlBytes(c.bytes);
    const what = `${c.name}, ${kib(xml)} KiB of sheet XML, ${kib(c.bytes.length)} KiB zipped`;
    readXlsx(c.bytes); // admitted by the default limits, or the row is an error
    const t = await cpuMedian(() => readXlsx(c.bytes), c.repeat);
    ours.push(t);
    const alone = await cpuMedian(parseSheetsOnly(c.bytes), c.repeat);
    const rate = xml / 1e6 / (alone / 1000);
    rows.push({
      id: `R${c.id}`,
      measure: `Read ${what}: worker/xlsx readXlsx (inflate + decode + parse), MB/s of sheet XML; the sheets' XML alone (parseSheet)`,
      figure: `${mbps(xml, t)} (${ms(t)} ms); XML alone ${mbps(xml, alone)} (${ms(alone)} ms)`,
      budget: c.id === 1 ? "info (fixed costs dominate; CPU in R11)" : "XML alone ≥ 150 MB/s",
      ...(c.id === 1
        ? { ratio: "—", verdict: "info" as const }
        : {
            ratio: `${(rate / 150).toFixed(2)}× the floor`,
            verdict: rate >= 150 ? ("ok" as const) : ("MISSED" as const),
          }),
    });
    const e = await cpuMedian(() => readWithExcelJs(c.bytes), theirs);
    rows.push({
      id: `R${c.id + 1}`,
      measure: `The same bytes with ExcelJS 4.4.0 (load + cell values), MB/s of sheet XML`,
      figure: `${mbps(xml, e)} (${ms(e)} ms)`,
      budget: "comparison",
      ratio: `${(e / t).toFixed(1)}× ours (time)`,
      verdict: "info",
    });
    if (!xlsxJs) {
      rows.push(
        notAvailable(
          `R${c.id + 2}`,
          "The same bytes with SheetJS (@e965/xlsx: read + sheet_to_json)",
          "comparison",
          "@e965/xlsx is not installed",
        ),
      );
      continue;
    }
    const s = await cpuMedian(() => {
      const wb = xlsxJs.read(c.bytes, { type: "array" });
      return wb.SheetNames.map((n) => xlsxJs.utils.sheet_to_json(wb.Sheets[n], { header: 1 }));
    }, theirs);
    rows.push({
      id: `R${c.id + 2}`,
      measure: "The same bytes with SheetJS (@e965/xlsx: read + sheet_to_json), MB/s of sheet XML",
      figure: `${mbps(xml, s)} (${ms(s)} ms)`,
      budget: "comparison",
      ratio: `${(s / t).toFixed(1)}× ours (time)`,
      verdict: "info",
    });
  }
  rows.push(
    {
      id: "R10",
      measure: "CPU of readXlsx on the largest workbook the default limits admit (R7), median",
      figure: `${ms(ours[2])} ms`,
      budget: "≤ 50 ms",
      ...atMost(ours[2], 50),
    },
    {
      id: "R11",
      measure: "CPU of readXlsx on a district workbook (R1), median",
      figure: `${ms(ours[0])} ms`,
      budget: "≤ 2 ms",
      ...atMost(ours[0], 2),
    },
  );
  return rows;
}

/** Every row, failed, when the section could not start. */
export function readSpeedFailedRows(err: unknown): Row[] {
  return ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11"].map((id) =>
    failed(id, "Reading at the speed of the bytes", "see BENCH.md", err),
  );
}
