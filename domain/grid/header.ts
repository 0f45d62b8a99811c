// Finding the table inside a sheet and naming its columns by header text, whatever other
// program wrote it: merged cells or not, extra title rows, a table shifted right or down,
// a row of column numbers under the header. Text is trimmed and folded through one TextMemo
// per read (each distinct string once), and merged ranges are walked only where they cross
// the header rows, so the work follows the grid's size, not what the ranges or strings claim.
import { type CellValue, type Grid, cellAt } from "./model";
import { TextMemo } from "../text/memo";

export interface TableHeader {
  /** First header row and the STT column. */
  top: number;
  left: number;
  /** First row after the header. */
  bodyStart: number;
  /** Folded header path of every column from `left` on (index 0 = column `left`). */
  paths: string[][];
}

/** `isBlank` (model.ts) through the memo: a long run of spaces is trimmed once, not once per cell. */
export function blankIn(memo: TextMemo, value: CellValue): boolean {
  return value === null || (typeof value === "string" && memo.trim(value) === "");
}

function text(memo: TextMemo, value: CellValue): string {
  return blankIn(memo, value) ? "" : String(value);
}

/** A row of column numbers like "(1) (2) (3)" or "A B 1 2 3" printed under a header. */
export function isNumberingRow(row: CellValue[], memo = new TextMemo()): boolean {
  let filled = 0;
  for (const v of row) {
    if (blankIn(memo, v)) continue;
    if (!/^\(?[0-9A-Za-z]{1,3}\)?$/.test(typeof v === "string" ? memo.trim(v) : String(v).trim())) return false;
    filled++;
  }
  return filled >= 3;
}

/**
 * The header rows with each merged area's top-left value copied into the part of the area
 * that lies in them (columns up to `width`), so spans read as filled. A range is walked only
 * over the header rows it crosses, whatever height it claims.
 */
function expandMerges(grid: Grid, first: number, end: number, width: number): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = first; r < end; r++) out.push([...(grid.values[r] ?? [])]);
  for (const m of grid.merges ?? []) {
    const from = Math.max(m.row, first);
    const to = Math.min(m.row + m.rows, end);
    const stop = Math.min(m.col + m.cols, width);
    if (from >= to || m.col >= stop) continue;
    const v = cellAt(grid, m.row, m.col);
    for (let r = from; r < to; r++) {
      const row = out[r - first];
      for (let c = m.col; c < stop; c++) row[c] = v;
    }
  }
  return out;
}

/**
 * Column paths with spans filled in. Files without merge information (CSV round trips)
 * only carry a group's text in its first column; a blank cell inherits from its left
 * neighbour while the row above it is itself inherited (i.e. we are inside the same group).
 */
function columnPaths(rows: CellValue[][], left: number, width: number, memo: TextMemo): string[][] {
  const paths: string[][] = Array.from({ length: width }, () => []);
  let above: boolean[] = new Array(width).fill(true);
  for (const row of rows) {
    const inherited: boolean[] = new Array(width).fill(false);
    const filled: string[] = new Array(width).fill("");
    for (let i = 0; i < width; i++) {
      const own = text(memo, row[left + i] ?? null);
      if (own) filled[i] = own;
      else if (i > 0 && filled[i - 1] && above[i]) {
        filled[i] = filled[i - 1];
        inherited[i] = true;
      }
    }
    for (let i = 0; i < width; i++) {
      const key = memo.fold(filled[i]);
      const path = paths[i];
      if (key && path[path.length - 1] !== key) path.push(key);
    }
    above = inherited;
  }
  return paths;
}

export function findHeader(
  grid: Grid,
  sttHeader: string,
  looksLikeBody: (row: CellValue[], left: number) => boolean,
  memo = new TextMemo(),
): TableHeader | null {
  const want = memo.fold(sttHeader);
  for (let r = 0; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const left = row.findIndex((v) => !blankIn(memo, v) && memo.fold(String(v)) === want);
    if (left < 0) continue;
    let end = r + 1;
    const limit = Math.min(grid.values.length, r + 8);
    while (end < limit) {
      const next = grid.values[end] ?? [];
      if (next.every((v) => blankIn(memo, v)) || isNumberingRow(next, memo) || looksLikeBody(next, left)) break;
      end++;
    }
    let rowWidth = 0;
    for (let k = r; k < end; k++) rowWidth = Math.max(rowWidth, (grid.values[k] ?? []).length);
    const expanded = expandMerges(grid, r, end, rowWidth);
    const paths = columnPaths(expanded, left, Math.max(rowWidth - left, 0), memo);
    return { top: r, left, bodyStart: end, paths };
  }
  return null;
}
