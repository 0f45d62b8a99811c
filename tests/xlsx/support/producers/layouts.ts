// The shared layout description every producer writes: one workbook (PL01, PL02, PL03) per
// layout, as rows of cells plus merged ranges, built from the plan's own tables
// (tests/fixtures/kh-157-appendices.json) and from the header the plan prints, transcribed
// below. Nothing here comes from domain/: the reader is compared with the plan, not with itself.
// The same JSON goes to the Python generators, ExcelJS, the CSV writer and, through their
// files, to LibreOffice and Gnumeric, so every producer writes the very same layouts.
import { fixture, viText } from "../fixture";

/** A cell: empty, a number, text (written as text whatever it looks like), or a formula with its true result. */
export type LayoutCell = null | number | string | { f: string; v: number };

export interface LayoutSheet {
  name: string;
  rows: LayoutCell[][];
  /** Merged ranges, "A1:O1". */
  merges: string[];
  /** Rows (0-based) printed bold: titles, header, "Tổng cộng". */
  bold: number[];
  /** Column widths in characters. */
  widths: number[];
  /** Rows (0-based) of items and "Tổng cộng", whose figure cells carry the number format of their column. */
  body: number[];
  /** Number format of each figure column (0-based column → Excel format code). */
  numFmts: Record<string, string>;
}

export interface LayoutWorkbook {
  sheets: LayoutSheet[];
  /**
   * "value": formulas carry their result where the producer can write one (openpyxl never can);
   * "zero": formulas are saved with 0 (or no) result and the workbook asks for a full
   * recalculation on load, as xlsxwriter and pandas do.
   */
  cache: "value" | "zero";
  /** The one planted error the file carries, where there is one, in the validation report's terms. */
  planted?: { code: string; cell: string; appendix: string; item: string; measure: string; period: string };
}

export type LayoutId =
  | "printed"
  | "shifted"
  | "unmerged"
  | "vi-text"
  | "cached-zero"
  | "total-first"
  | "year-numbers"
  | "unit-line"
  | "dash-zero"
  | "repeated-header"
  | "numbered-columns"
  | "error.grand-total";

export const LAYOUTS: Record<LayoutId, string> = {
  printed: "the printed layout: title rows, merged three-row header, formulas (SUM, +) for phase totals and Tổng cộng",
  shifted: "letterhead rows above, the table starting in column C",
  unmerged: "header without merged cells, the text repeated in every cell it spans",
  "vi-text": 'every figure typed as vi-VN text ("1.209,915", "06"), totals typed too',
  "cached-zero": "the formulas saved with 0 as their result and a full recalculation on load",
  "total-first": '"Tổng cộng" above the items',
  "year-numbers": 'year headers typed as numbers (2023 instead of "Năm 2023")',
  "unit-line": '"ĐVT: Triệu đồng" on a line above the table instead of in the header',
  "dash-zero": '"-" typed in every empty figure cell',
  "repeated-header": "the header rows repeated in the middle of the table (page-break habit)",
  "numbered-columns": 'a row numbering the columns "(1)" … "(15)" under the header',
  "error.grand-total": 'the printed layout with one wrong "Tổng cộng" typed over its formula',
};

// ---- The header as the plan prints it (seed, PHỤ LỤC 01–03): a tree of column groups. ----

type HeaderNode = string | [string, HeaderNode[]];
const YEARS = ["Năm 2023", "Năm 2024", "Năm 2025"];
const PL03_GROUP = (top: string): HeaderNode => [
  top,
  ["Số lượng", ["Nguồn kinh phí (triệu đồng)", ["Nguồn NSTW", "Nguồn NSDP"]]],
];
const HEADERS: Record<string, HeaderNode[]> = {
  PL01: [
    "STT",
    "Nội dung thực hiện",
    "Đơn vị tính",
    ["Số lượng", ["Giai đoạn 2021-2025", ["Trong đó", YEARS]]],
    [
      "Kinh phí (triệu đồng)",
      [
        "Giai đoạn 2021-2025",
        ["Trong đó: Ngân sách TW", YEARS],
        "Tổng số giai đoạn 2021-2025",
        ["Trong đó: Ngân sách ĐP", YEARS],
      ],
    ],
  ],
  PL02: [
    "STT",
    "Đối tượng",
    ["Số lượng đối tượng được tập huấn", ["Tổng số giai đoạn 2021-2025", ["Trong đó", YEARS]]],
    [
      "Kinh phí (triệu đồng)",
      [
        "Tổng số giai đoạn 2021-2025",
        ["Trong đó: Ngân sách TW", YEARS],
        "Tổng số giai đoạn 2021-2025",
        ["Trong đó: Ngân sách ĐP", YEARS],
      ],
    ],
  ],
  PL03: [
    "STT",
    "Nội dung",
    "Đơn vị tính",
    PL03_GROUP("Giai đoạn 2021 - 2025"),
    ...["Năm 2023", "Năm 2024", "Năm 2025"].map(PL03_GROUP),
  ],
};

interface HeaderCell {
  row: number;
  col: number;
  rows: number;
  cols: number;
  text: string;
}

function depth(nodes: HeaderNode[]): number {
  return Math.max(...nodes.map((n) => (typeof n === "string" ? 1 : 1 + depth(n[1]))));
}

/** Places the tree: a group spans its leaves, a leaf spans down to the last header row. */
function placeHeader(nodes: HeaderNode[]): { cells: HeaderCell[]; rows: number; cols: number } {
  const rows = depth(nodes);
  const cells: HeaderCell[] = [];
  const place = (list: HeaderNode[], row: number, col: number): number => {
    for (const n of list) {
      if (typeof n === "string") {
        cells.push({ row, col, rows: rows - row, cols: 1, text: n });
        col++;
      } else {
        const start = col;
        col = place(n[1], row + 1, col);
        cells.push({ row, col: start, rows: 1, cols: col - start, text: n[0] });
      }
    }
    return col;
  };
  const cols = place(nodes, 0, 0);
  return { cells, rows, cols };
}

// ---- Where the plan's figures go: from the fixture's own column list. ----

type FixtureAppendix = (typeof fixture.appendices)[number];
type FixtureRow = FixtureAppendix["rows"][number];
type Key = "quantity" | "NSTW" | "NSĐP";

/** "Kinh phí NSTW: Năm 2023" → NSTW / 2023; "Năm 2024: Nguồn NSDP" → NSĐP / 2024. */
function figureColumn(column: string): { key: Key; period: string } | null {
  if (!column.includes(":")) return null;
  const key: Key = /NSTW/.test(column) ? "NSTW" : /NS(Đ|D)P/.test(column) ? "NSĐP" : "quantity";
  const year = /Năm (\d{4})/.exec(column);
  return { key, period: year ? year[1] : "total" };
}

export function colName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** "B5:D7" → { row: 4, col: 1, rows: 3, cols: 3 }, as a grid carries its merged ranges. */
export function mergeRect(range: string): { row: number; col: number; rows: number; cols: number } {
  const [from, to] = range.split(":").map((ref) => {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(digits) - 1, col };
  });
  return { row: from.row, col: from.col, rows: to.row - from.row + 1, cols: to.col - from.col + 1 };
}

const a1 = (row: number, col: number) => `${colName(col)}${row + 1}`;
const range = (row: number, col: number, rows: number, cols: number) =>
  `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;

// ---- One appendix sheet, in one of the layouts. ----

interface Variant {
  letterhead?: boolean;
  shiftCols?: number;
  merged: boolean;
  text: boolean;
  formulas: boolean;
  totalFirst?: boolean;
  yearNumbers?: boolean;
  unitLine?: boolean;
  dash?: boolean;
  repeatHeader?: boolean;
  numbered?: boolean;
}

const PRINTED: Variant = { merged: true, text: false, formulas: true };

/** A figure as typed: a number, or the text the seed prints ("1.209,915", PL03's "06"). */
function figureValue(key: Key, value: number | string, id: string, text: boolean): number | string {
  if (!text) return Number(value);
  return key === "quantity" ? String(value).padStart(id === "PL03" ? 2 : 1, "0") : viText(String(value));
}

function buildSheet(a: FixtureAppendix, v: Variant): LayoutSheet {
  const shift = v.shiftCols ?? 0;
  const header = placeHeader(HEADERS[a.id]);
  if (header.cols !== a.columns.length)
    throw new Error(`${a.id}: the printed header has ${header.cols} columns, the fixture ${a.columns.length}`);
  const width = shift + header.cols;
  const rows: LayoutCell[][] = [];
  const merges: string[] = [];
  const bold: number[] = [];
  const blankRow = (): LayoutCell[] => new Array<LayoutCell>(width).fill(null);
  const line = (text: string, col = shift, span = header.cols, isBold = false) => {
    const row = blankRow();
    row[col] = text;
    if (v.merged && span > 1) merges.push(range(rows.length, col, 1, span));
    if (isBold) bold.push(rows.length);
    rows.push(row);
  };

  if (v.letterhead) {
    const half = Math.floor(header.cols / 2);
    for (const [left, right] of [
      ["ỦY BAN NHÂN DÂN HUYỆN TRẦN ĐỀ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["PHÒNG TÀI CHÍNH - KẾ HOẠCH", "Độc lập - Tự do - Hạnh phúc"],
    ]) {
      const row = blankRow();
      row[shift] = left;
      row[shift + half] = right;
      if (v.merged)
        merges.push(range(rows.length, shift, 1, half), range(rows.length, shift + half, 1, header.cols - half));
      bold.push(rows.length);
      rows.push(row);
    }
    rows.push(blankRow());
  }
  line(a.heading, shift, header.cols, true);
  line(a.title, shift, header.cols, true);
  line(`(Kèm theo Kế hoạch số ${fixture.plan.number} ngày 01/8/2023 của Ủy ban nhân dân tỉnh Sóc Trăng)`);
  if (v.unitLine) line("ĐVT: Triệu đồng", shift + header.cols - 3, 3);
  else rows.push(blankRow());

  const headerText = (text: string): string | number => {
    const t = v.unitLine ? text.replace(/\s*\(triệu đồng\)/, "") : text;
    if (v.yearNumbers && /^Năm \d{4}$/.test(t)) return Number(t.slice(4));
    return t;
  };
  const pushHeader = () => {
    const top = rows.length;
    for (let r = 0; r < header.rows; r++) {
      bold.push(rows.length);
      rows.push(blankRow());
    }
    for (const h of header.cells) {
      const text = headerText(h.text);
      if (v.merged) {
        rows[top + h.row][shift + h.col] = text;
        if (h.rows > 1 || h.cols > 1) merges.push(range(top + h.row, shift + h.col, h.rows, h.cols));
      } else {
        for (let r = 0; r < h.rows; r++)
          for (let c = 0; c < h.cols; c++) rows[top + h.row + r][shift + h.col + c] = text;
      }
    }
  };
  pushHeader();
  if (v.numbered) rows.push([...new Array<LayoutCell>(shift).fill(null), ...a.columns.map((_, c) => `(${c + 1})`)]);

  const hasUnit = a.columns[2] === "Đơn vị tính";
  const figures = a.columns.map(figureColumn);
  const yearCols = (key: Key) => figures.flatMap((f, c) => (f?.key === key && f.period !== "total" ? [shift + c] : []));
  const bodyRows: { row: FixtureRow; at: number }[] = [];
  const order = v.totalFirst ? [a.totalRow, ...a.rows] : [...a.rows, a.totalRow];
  const repeatAfter = v.repeatHeader ? a.rows[0] : null;
  for (const row of order) {
    bodyRows.push({ row, at: rows.length });
    rows.push(blankRow());
    if (row === repeatAfter) pushHeader();
  }
  const itemRows = bodyRows.filter((b) => b.row !== a.totalRow).map((b) => b.at);
  const first = Math.min(...itemRows);
  const last = Math.max(...itemRows);

  for (const { row, at } of bodyRows) {
    const cells = rows[at];
    const isTotal = row === a.totalRow;
    if (isTotal) bold.push(at);
    if (row.stt) cells[shift] = !v.text && /^\d+$/.test(row.stt) ? Number(row.stt) : row.stt;
    cells[shift + 1] = row.label;
    if (hasUnit && row.unit) cells[shift + 2] = row.unit;
    figures.forEach((f, c) => {
      if (!f) return;
      const col = shift + c;
      const value = row[f.key][f.period];
      if (value === null || value === undefined) {
        if (v.dash) cells[col] = "-";
        return;
      }
      if (v.formulas && isTotal) cells[col] = { f: `SUM(${a1(first, col)}:${a1(last, col)})`, v: Number(value) };
      else if (v.formulas && f.period === "total") {
        const years = yearCols(f.key).map((y) => a1(at, y));
        const contiguous = years.length > 1 && yearCols(f.key).every((y, k, all) => k === 0 || y === all[k - 1] + 1);
        // Years side by side are summed as a range; PL03's years, three columns apart, the way people add them up.
        cells[col] = {
          f: contiguous ? `SUM(${years[0]}:${years[years.length - 1]})` : years.join("+"),
          v: Number(value),
        };
      } else cells[col] = figureValue(f.key, value, a.id, v.text);
    });
  }

  const widths = [...new Array<number>(shift).fill(4), 6, 42, ...new Array<number>(header.cols - 2).fill(11)];
  const numFmts: Record<string, string> = {};
  figures.forEach((f, c) => f && (numFmts[shift + c] = f.key === "quantity" ? "#,##0" : "#,##0.000"));
  return { name: a.id, rows, merges, bold, widths, body: bodyRows.map((b) => b.at), numFmts };
}

function workbook(v: Variant, cache: LayoutWorkbook["cache"] = "value"): LayoutWorkbook {
  return { sheets: fixture.appendices.map((a) => buildSheet(a, v)), cache };
}

/** The wrong "Tổng cộng" of the planted-error file: PL01's phase total of NSTW, typed over its formula. */
function plantWrongTotal(book: LayoutWorkbook): LayoutWorkbook {
  const sheet = book.sheets.find((s) => s.name === "PL01")!;
  for (let r = 0; r < sheet.rows.length; r++) {
    const c = sheet.rows[r].findIndex(
      (cell) => typeof cell === "object" && cell !== null && cell.f.startsWith("SUM(") && cell.v === 3921.03,
    );
    if (c < 0) continue;
    sheet.rows[r][c] = 3921.04;
    return {
      ...book,
      planted: {
        code: "GRAND_TOTAL_MISMATCH",
        cell: `PL01!${a1(r, c)}`,
        appendix: "PL01",
        item: "total",
        measure: "NSTW",
        period: "total",
      },
    };
  }
  throw new Error("PL01: no Tổng cộng formula for 3921.03");
}

/** Every layout, as the JSON the generators read. */
export function buildLayouts(): Record<LayoutId, LayoutWorkbook> {
  return {
    printed: workbook(PRINTED),
    shifted: workbook({ ...PRINTED, letterhead: true, shiftCols: 2 }),
    unmerged: workbook({ ...PRINTED, merged: false }),
    "vi-text": workbook({ ...PRINTED, text: true, formulas: false }),
    "cached-zero": workbook(PRINTED, "zero"),
    "total-first": workbook({ ...PRINTED, totalFirst: true }),
    "year-numbers": workbook({ ...PRINTED, yearNumbers: true }),
    "unit-line": workbook({ ...PRINTED, unitLine: true }),
    "dash-zero": workbook({ ...PRINTED, dash: true }),
    "repeated-header": workbook({ ...PRINTED, repeatHeader: true }),
    "numbered-columns": workbook({ ...PRINTED, numbered: true }),
    "error.grand-total": plantWrongTotal(workbook(PRINTED)),
  };
}
