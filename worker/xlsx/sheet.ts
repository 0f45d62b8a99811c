// One worksheet part → a grid: values (shared, inline and formula strings, numbers, booleans,
// error texts), formula text where present, merged ranges, and which numbers are formatted as
// dates, times or percents. Cells, merged ranges, characters of cell text and grid area are
// counted against one budget shared by all sheets; the grid's size is checked before it is
// allocated, and merged ranges are clipped to it. The .ods reader builds its grids here too.
import type { CellRange, CellValue, Grid } from "../../domain";
import type { NumberFormatKind } from "../../domain/grid/model";
import { parseRange, parseRef } from "./cells";
import { isoToSerial } from "./dates";
import { corrupt, XlsxError } from "./errors";
import type { XlsxLimits } from "./limits";
import { shiftFormula } from "./shared-formula";
import { checkLength, unescapeOoxml } from "./text";
import { type Attributes, parseXml } from "./xml";

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
  // The cell being read.
  let ref: { row: number; col: number } | null = null;
  let type = "n";
  let style: string | undefined;
  let v: string | null = null;
  let f: string | null = null;
  let fAttrs: Attributes = {};
  let inline: string | null = null;
  let into: "v" | "f" | "t" | null = null;
  let phonetic = 0;

  const spend = () => spendCells(budget, 1, limits);
  // Counted before the text is worked on: a shared formula is re-based for every cell using it.
  const spendChars = (chars: number) => spendText(budget, chars, limits, sheet);

  const endCell = () => {
    let formula: string | null = null;
    if (f) {
      spendChars(f.length);
      formula = `=${f}`;
      if (fAttrs.t === "shared" && fAttrs.si !== undefined)
        masters.set(fAttrs.si, { row: ref!.row, col: ref!.col, text: f });
    } else if (fAttrs.t === "shared" && fAttrs.si !== undefined) {
      const m = masters.get(fAttrs.si);
      if (m) {
        spendChars(m.text.length * REBASE_COST);
        formula = `=${shiftFormula(m.text, ref!.row - m.row, ref!.col - m.col)}`;
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
    cells.push({ row: ref!.row, col: ref!.col, value, formula, kind });
  };

  parseXml(xml, {
    open(name, a) {
      if (name === "sheetData") inData = true;
      else if (!inData) {
        if (name === "mergeCell") {
          const range = a.ref ? parseRange(a.ref) : null;
          if (!range) throw corrupt(`vùng gộp ô "${(a.ref ?? "").slice(0, 20)}" không hợp lệ`);
          spend();
          merges.push(range);
        }
      } else if (name === "row") {
        row = a.r !== undefined ? Number(a.r) - 1 : row + 1;
        if (!Number.isInteger(row) || row < 0 || row >= 1048576) throw corrupt("số dòng không hợp lệ");
        col = -1;
      } else if (name === "c") {
        ref = a.r !== undefined ? parseRef(a.r) : { row, col: col + 1 };
        if (!ref || ref.row < 0 || ref.col > 16383)
          throw corrupt(`địa chỉ ô "${(a.r ?? "").slice(0, 20)}" không hợp lệ`);
        col = ref.col;
        type = a.t ?? "n";
        style = a.s;
        v = f = inline = null;
        fAttrs = {};
      } else if (ref) {
        if (name === "v") ((into = "v"), (v = ""));
        else if (name === "f") ((into = "f"), (f = ""), (fAttrs = a));
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
      else if (name === "c" && ref) {
        endCell();
        ref = null;
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
