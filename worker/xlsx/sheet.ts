// One worksheet part → a grid: values (shared, inline and formula strings, numbers, booleans,
// error texts), formula text where present, merged ranges. Cells are counted against a budget
// shared by all sheets, and the grid's size is checked before it is allocated.
import type { CellRange, CellValue, Grid } from "../../domain";
import { parseRange, parseRef } from "./cells";
import { corrupt, XlsxError } from "./errors";
import type { XlsxLimits } from "./limits";
import { shiftFormula } from "./shared-formula";
import { checkLength, unescapeOoxml } from "./text";
import { type Attributes, parseXml } from "./xml";

export interface CellBudget {
  left: number;
}

interface ParsedCell {
  row: number;
  col: number;
  value: CellValue;
  formula: string | null;
}

function cellValue(type: string, v: string | null, inline: string | null, strings: string[]): CellValue {
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
    case "e":
    case "d":
      return v;
    default: {
      if (v === null || v.trim() === "") return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
  }
}

export function parseSheet(xml: string, sheet: string, strings: string[], limits: XlsxLimits, budget: CellBudget): Grid {
  const cells: ParsedCell[] = [];
  const merges: CellRange[] = [];
  const masters = new Map<string, { row: number; col: number; text: string }>();
  let inData = false;
  let row = -1;
  let col = -1;
  // The cell being read.
  let ref: { row: number; col: number } | null = null;
  let type = "n";
  let v: string | null = null;
  let f: string | null = null;
  let fAttrs: Attributes = {};
  let inline: string | null = null;
  let into: "v" | "f" | "t" | null = null;
  let phonetic = 0;

  const spend = () => {
    if (--budget.left < 0) {
      throw new XlsxError("XLSX_TOO_MANY_CELLS", `Bảng tính có quá nhiều ô (tối đa ${limits.maxCells}).`, limits.maxCells);
    }
  };

  const endCell = () => {
    let formula: string | null = null;
    if (f) {
      formula = `=${f}`;
      if (fAttrs.t === "shared" && fAttrs.si !== undefined) masters.set(fAttrs.si, { row: ref!.row, col: ref!.col, text: f });
    } else if (fAttrs.t === "shared" && fAttrs.si !== undefined) {
      const m = masters.get(fAttrs.si);
      if (m) formula = `=${shiftFormula(m.text, ref!.row - m.row, ref!.col - m.col)}`;
    }
    const value = cellValue(type, v, inline, strings);
    if (value === null && formula === null) return;
    spend();
    cells.push({ row: ref!.row, col: ref!.col, value, formula });
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
        if (!ref || ref.row < 0 || ref.col > 16383) throw corrupt(`địa chỉ ô "${(a.r ?? "").slice(0, 20)}" không hợp lệ`);
        col = ref.col;
        type = a.t ?? "n";
        v = f = inline = null;
        fAttrs = {};
      } else if (ref) {
        if (name === "v") (into = "v"), (v = "");
        else if (name === "f") (into = "f"), (f = ""), (fAttrs = a);
        else if (name === "rPh") phonetic++;
        else if (name === "t" && !phonetic) (into = "t"), (inline ??= "");
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
  return toGrid(sheet, cells, merges, limits);
}

function toGrid(sheet: string, cells: ParsedCell[], merges: CellRange[], limits: XlsxLimits): Grid {
  let rows = 0;
  let cols = 0;
  for (const c of cells) {
    if (c.row >= rows) rows = c.row + 1;
    if (c.col >= cols) cols = c.col + 1;
  }
  if (rows * cols > limits.maxGridArea) {
    throw new XlsxError("XLSX_TOO_MANY_CELLS", `Sheet "${sheet.slice(0, 31)}" trải trên vùng quá lớn (${rows} dòng × ${cols} cột).`, limits.maxGridArea);
  }
  const values: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(null));
  const withFormula = cells.some((c) => c.formula !== null);
  const formulas = withFormula ? Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null)) : undefined;
  for (const c of cells) {
    values[c.row][c.col] = c.value;
    if (formulas) formulas[c.row][c.col] = c.formula;
  }
  const grid: Grid = { sheet, values, merges };
  if (formulas) grid.formulas = formulas;
  return grid;
}
