// One worksheet part → a grid: values (shared, inline and formula strings, numbers, booleans,
// error texts), formula text where present, merged ranges, and which numbers are formatted as
// dates, times or percents. Cells, merged ranges, characters of cell text and grid area are
// counted against one budget shared by all sheets; the grid's size is checked before it is
// allocated, and merged ranges are clipped to it. The .ods reader builds its grids here too.
import type { CellRange, CellValue, Grid } from "../../domain";
import type { NumberFormatKind } from "../../domain/grid/model";
import { parseRange, refCode } from "./cells";
import { isoToSerial } from "./dates";
import { corrupt, XlsxError } from "./errors";
import type { XlsxLimits } from "./limits";
import { shiftFormula } from "./shared-formula";
import { checkLength, unescapeOoxml } from "./text";
import { scanXml, type Tag } from "./xml";

/** What is left of one read's budget, shared by all its sheets. */
export interface ReadBudget {
  /** Cells with a value or a formula, and merged ranges. */
  cells: number;
  /** Rows × columns of the grids. */
  area: number;
  /** Characters of cell text (values and formulas), shared strings counted once per cell. */
  text: number;
}

export interface ParsedCell {
  row: number;
  col: number;
  value: CellValue;
  formula: string | null;
  /** How a number is shown, when not as a plain number. */
  kind: NumberFormatKind | null;
}

/** What one workbook says about all its sheets (xl/workbook.xml, xl/styles.xml). */
export interface SheetContext {
  strings: string[];
  /** The kind of each cell style (a cell's `s`), or null when no style shows dates, times or percents. */
  styleKinds: (NumberFormatKind | null)[] | null;
  date1904: boolean;
}

/** Takes `count` cells (or merged ranges) from the read's budget, before they are built. */
export function spendCells(budget: ReadBudget, count: number, limits: XlsxLimits): void {
  budget.cells -= count;
  if (budget.cells < 0) {
    throw new XlsxError(
      "XLSX_TOO_MANY_CELLS",
      `Bảng tính có quá nhiều ô (tối đa ${limits.maxCells}).`,
      limits.maxCells,
    );
  }
}

/** Takes characters of cell text from the read's budget, before the text is worked on. */
export function spendText(budget: ReadBudget, chars: number, limits: XlsxLimits, sheet: string): void {
  budget.text -= chars;
  if (budget.text < 0) {
    throw new XlsxError(
      "XLSX_TEXT_LIMIT",
      `Các ô chứa quá nhiều văn bản (tối đa ${limits.maxTextChars} ký tự cho cả tệp; chuỗi hoặc công thức dùng chung ` +
        `được tính cho mỗi ô dùng nó). Hãy xóa bớt văn bản hoặc công thức thừa, nhất là ở sheet "${sheet.slice(0, 31)}", rồi lưu lại.`,
      limits.maxTextChars,
    );
  }
}

function cellValue(
  type: string,
  v: string | null,
  inline: string | null,
  strings: string[],
  date1904: boolean,
): CellValue {
  switch (type) {
    case "s": {
      if (v === null) return null;
      const s = strings[Number(v)];
      if (s === undefined || !/^\d+$/.test(v.trim())) throw corrupt("chỉ số chuỗi dùng chung không hợp lệ");
      return s;
    }
    case "inlineStr":
      return inline === null ? null : unescapeOoxml(inline);
    case "str":
      return v === null ? null : unescapeOoxml(v);
    case "b":
      return v === null ? null : v.trim() === "1" || v.trim() === "true";
    case "d": {
      // An ISO 8601 date (openpyxl's iso_dates, Excel's strict files): the serial Excel shows it from.
      if (v === null) return null;
      const serial = isoToSerial(v.trim(), date1904);
      return serial ?? v;
    }
    case "e":
      return v;
    default: {
      if (v === null || v.trim() === "") return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
  }
}

/**
 * A shared formula is re-based for every cell that uses it (a regular-expression pass with a
 * callback per reference), which costs about six times reading the same characters as XML
 * (4 M characters re-based: about 245 ms, against 40 ms to parse 4 MB; `npm run bench` row X6
 * shows what is left): its text counts eight times against the text budget.
 */
export const REBASE_COST = 8;

/** Powers of ten that are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `-?digits(.digits)?` in `s[from, to)` as a number, or NaN for any other text (then the
 * general path reads it). With at most 15 digits the digits are an exact integer and the
 * power of ten is exact, so the one division rounds correctly: the same double as Number().
 */
function decimalAt(s: string, from: number, to: number): number {
  const negative = s.charCodeAt(from) === 0x2d; /* - */
  let i = negative ? from + 1 : from;
  let n = 0;
  let digits = 0;
  let point = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) ((n = n * 10 + (c - 0x30)), digits++);
    else if (c === 0x2e /* . */ && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || point === to - 1 || point === (negative ? from + 1 : from)) return NaN;
  const value = point < 0 ? n : n / POW10[to - point - 1];
  return negative ? -value : value;
}

/** Columns in a sheet (XFD): a cell's position is row × COLS + column. */
const COLS = 16384;

/**
 * One worksheet's XML → its grid. Cells take one of two ways (issue 18): those of the shapes
 * Excel writes by the hundred thousand come whole through `cell` (read in place: a styled empty
 * cell builds nothing, a figure no string), any other through open/text/close; both end in the
 * same checks, budgets and values (tests/xlsx/cell-shapes.test.ts reads every kind of cell both
 * ways). Text is copied only inside <v>, <f> and <t>.
 */
export function parseSheet(
  xml: string,
  sheet: string,
  context: SheetContext,
  limits: XlsxLimits,
  budget: ReadBudget,
): Grid {
  const { strings, styleKinds, date1904 } = context;
  const cells: ParsedCell[] = [];
  const merges: CellRange[] = [];
  const masters = new Map<string, { row: number; col: number; text: string }>();
  let inData = false;
  let row = -1;
  let col = -1;
  // The cell being read (inCell), and what it holds so far.
  let inCell = false;
  let cellRow = 0;
  let cellCol = 0;
  let type = "n";
  let style: string | undefined;
  let v: string | null = null;
  let f: string | null = null;
  let fType: string | undefined;
  let fShared: string | undefined;
  let inline: string | null = null;
  let into: "v" | "f" | "t" | null = null;
  let phonetic = 0;

  const spend = () => spendCells(budget, 1, limits);
  // Counted before the text is worked on: a shared formula is re-based for every cell using it.
  const spendChars = (chars: number) => spendText(budget, chars, limits, sheet);

  const endCell = () => {
    let formula: string | null = null;
    const shared = fType === "shared" && fShared !== undefined;
    if (f) {
      spendChars(f.length);
      formula = `=${f}`;
      if (shared) masters.set(fShared!, { row: cellRow, col: cellCol, text: f });
    } else if (shared) {
      const m = masters.get(fShared!);
      if (m) {
        spendChars(m.text.length * REBASE_COST);
        formula = `=${shiftFormula(m.text, cellRow - m.row, cellCol - m.col)}`;
      }
    }
    const value = cellValue(type, v, inline, strings, date1904);
    if (value === null && formula === null) return;
    spend();
    if (typeof value === "string") spendChars(value.length);
    let kind: NumberFormatKind | null = null;
    if (typeof value === "number") {
      if (type === "d") kind = !/^\s*\d{4}-/.test(v ?? "") ? "time" : value % 1 === 0 ? "date" : "datetime";
      else if (styleKinds && style !== undefined) kind = styleKinds[Number(style)] ?? null;
    }
    cells.push({ row: cellRow, col: cellCol, value, formula, kind });
  };

  /**
   * A `<c>`'s position: its `r` read in place, or the next column of the row. A styled empty
   * cell (`<c r="B7" s="3"/>`, thousands of them where Excel formatted a whole range) ends
   * here: its position is checked and counted for the cells after it, and nothing is built.
   */
  const startCell = (tag: Tag, selfClosing: boolean) => {
    const k = tag.index("r");
    let code = row * COLS + col + 1;
    if (k >= 0) {
      const at = tag.plainFrom(k);
      const r = at < 0 ? tag.value(k) : "";
      code = at < 0 ? refCode(r, 0, r.length) : refCode(tag.xml, at, tag.to(k));
    }
    if (code < 0 || (k < 0 && col + 1 >= COLS))
      throw corrupt(`địa chỉ ô "${(k < 0 ? "" : tag.value(k)).slice(0, 20)}" không hợp lệ`);
    cellRow = Math.floor(code / COLS);
    cellCol = col = code - cellRow * COLS;
    inCell = !selfClosing;
    if (selfClosing) return; // no value and no formula: an empty cell, whatever its type or style
    type = tag.get("t") ?? "n";
    style = tag.get("s");
    v = f = inline = null;
    fType = fShared = undefined;
  };

  scanXml(xml, {
    wantText: () => into !== null,
    cell(span) {
      if (!inData) return; // as open() ignores a <c> outside <sheetData>
      const code = refCode(xml, span.ref, span.refEnd);
      if (code < 0) throw corrupt(`địa chỉ ô "${xml.slice(span.ref, span.refEnd).slice(0, 20)}" không hợp lệ`);
      cellRow = Math.floor(code / COLS);
      cellCol = col = code - cellRow * COLS;
      inCell = false;
      if (span.value < 0) return; // a styled empty cell: nothing to build
      if (span.type < 0 || (span.typeEnd - span.type === 1 && xml.charCodeAt(span.type) === 0x6e) /* t="n" */) {
        // A figure: read in place, no string made (what cellValue would give, see decimalAt).
        const n = decimalAt(xml, span.value, span.valueEnd);
        if (n === n) {
          spend();
          // The style's number as Number() reads it: "" is 0; past 15 digits no style has it.
          const at = span.styleEnd - span.style > 15 ? -1 : decimalAt(xml, span.style, span.styleEnd) || 0;
          const kind = styleKinds && span.style >= 0 ? (styleKinds[at] ?? null) : null;
          cells.push({ row: cellRow, col: cellCol, value: n, formula: null, kind });
          return;
        }
      }
      type = span.type < 0 ? "n" : xml.slice(span.type, span.typeEnd);
      style = span.style < 0 ? undefined : xml.slice(span.style, span.styleEnd);
      v = checkLength(xml.slice(span.value, span.valueEnd), limits);
      f = inline = null;
      fType = fShared = undefined;
      endCell();
    },
    open(name, tag, selfClosing) {
      if (name === "sheetData") inData = true;
      else if (!inData) {
        if (name === "mergeCell") {
          const ref = tag.get("ref");
          const range = ref ? parseRange(ref) : null;
          if (!range) throw corrupt(`vùng gộp ô "${(ref ?? "").slice(0, 20)}" không hợp lệ`);
          spend();
          merges.push(range);
        }
      } else if (name === "c") startCell(tag, selfClosing);
      else if (name === "row") {
        const r = tag.get("r");
        row = r !== undefined ? Number(r) - 1 : row + 1;
        if (!Number.isInteger(row) || row < 0 || row >= 1048576) throw corrupt("số dòng không hợp lệ");
        col = -1;
      } else if (inCell) {
        if (name === "v") ((into = "v"), (v = ""));
        else if (name === "f") ((into = "f"), (f = ""), (fType = tag.get("t")), (fShared = tag.get("si")));
        else if (name === "rPh") phonetic++;
        else if (name === "t" && !phonetic) ((into = "t"), (inline ??= ""));
      }
    },
    text(t) {
      if (into === "v") v = checkLength(v + t, limits);
      else if (into === "f") f = checkLength(f + t, limits);
      else if (into === "t") inline = checkLength(inline + t, limits);
    },
    close(name) {
      if (name === "v" || name === "f" || name === "t") into = null;
      else if (name === "rPh") phonetic--;
      else if (name === "c" && inCell) {
        endCell();
        inCell = false;
      } else if (name === "sheetData") inData = false;
    },
  });
  return buildGrid(sheet, cells, merges, limits, budget);
}

/**
 * Merged ranges clipped to the grid (rows × cols): a range reaching row 1,048,576 covers only
 * the rows that exist. Ranges that do not overlap cannot cover more than the grid, so a sum
 * beyond it means overlapping ranges, which Excel never writes: refused, so that whoever walks
 * the merges (the header reader) does at most the grid's area of work.
 */
function clipMerges(sheet: string, merges: CellRange[], rows: number, cols: number, limits: XlsxLimits): CellRange[] {
  const clipped: CellRange[] = [];
  let covered = 0;
  for (const m of merges) {
    const height = Math.min(m.row + m.rows, rows) - m.row;
    const width = Math.min(m.col + m.cols, cols) - m.col;
    if (height <= 0 || width <= 0) continue;
    covered += height * width;
    if (covered > rows * cols) {
      throw new XlsxError(
        "XLSX_TOO_MANY_CELLS",
        `Sheet "${sheet.slice(0, 31)}" có các vùng gộp ô chồng lên nhau (phủ hơn ${rows} dòng × ${cols} cột của sheet). ` +
          "Hãy bỏ gộp các ô rồi gộp lại đúng vùng cần thiết.",
        limits.maxGridArea,
      );
    }
    clipped.push(height === m.rows && width === m.cols ? m : { row: m.row, col: m.col, rows: height, cols: width });
  }
  return clipped;
}

/**
 * Cells and merged ranges of one sheet → its grid, its area counted against the read's budget before it is allocated.
 */
export function buildGrid(
  sheet: string,
  cells: ParsedCell[],
  allMerges: CellRange[],
  limits: XlsxLimits,
  budget: ReadBudget,
): Grid {
  let rows = 0;
  let cols = 0;
  for (const c of cells) {
    if (c.row >= rows) rows = c.row + 1;
    if (c.col >= cols) cols = c.col + 1;
  }
  budget.area -= rows * cols;
  if (budget.area < 0) {
    throw new XlsxError(
      "XLSX_TOO_MANY_CELLS",
      `Sheet "${sheet.slice(0, 31)}" trải trên vùng quá lớn (${rows} dòng × ${cols} cột; tối đa ${limits.maxGridArea} ô cho mọi sheet cộng lại). ` +
        "Hãy xóa các ô nằm xa bảng số liệu rồi lưu lại.",
      limits.maxGridArea,
    );
  }
  const merges = clipMerges(sheet, allMerges, rows, cols, limits);
  const values: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(null));
  const withFormula = cells.some((c) => c.formula !== null);
  const formulas = withFormula
    ? Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null))
    : undefined;
  const withKind = cells.some((c) => c.kind !== null);
  const kinds = withKind
    ? Array.from({ length: rows }, () => new Array<NumberFormatKind | null>(cols).fill(null))
    : undefined;
  for (const c of cells) {
    values[c.row][c.col] = c.value;
    if (formulas) formulas[c.row][c.col] = c.formula;
    if (kinds) kinds[c.row][c.col] = c.kind;
  }
  const grid: Grid = { sheet, values, merges };
  if (formulas) grid.formulas = formulas;
  if (kinds) grid.kinds = kinds;
  return grid;
}
