// Finding the table inside a sheet and naming its columns by header text, whatever other
// program wrote it: merged cells or not, extra title rows, a table shifted right or down,
// a row of column numbers under the header.
import { type CellValue, type Grid, cellAt, isBlank } from "./model";
import { foldKey } from "../text/normalize";

export interface TableHeader {
  /** First header row and the STT column. */
  top: number;
  left: number;
  /** First row after the header. */
  bodyStart: number;
  /** Folded header path of every column from `left` on (index 0 = column `left`). */
  paths: string[][];
}

function text(value: CellValue): string {
  return isBlank(value) ? "" : String(value);
}

/** A row of column numbers like "(1) (2) (3)" or "A B 1 2 3" printed under a header. */
export function isNumberingRow(row: CellValue[]): boolean {
  const filled = row.filter((v) => !isBlank(v));
  return filled.length >= 3 && filled.every((v) => /^\(?[0-9A-Za-z]{1,3}\)?$/.test(String(v).trim()));
}

/** Copies each merged area's top-left value into the whole area, so spans read as filled. */
function expandMerges(grid: Grid, rows: number[]): Map<number, CellValue[]> {
  const out = new Map<number, CellValue[]>();
  for (const r of rows) out.set(r, [...(grid.values[r] ?? [])]);
  for (const m of grid.merges ?? []) {
    const v = cellAt(grid, m.row, m.col);
    for (let r = m.row; r < m.row + m.rows; r++) {
      const row = out.get(r);
      if (!row) continue;
      for (let c = m.col; c < m.col + m.cols; c++) row[c] = v;
    }
  }
  return out;
}

/**
 * Column paths with spans filled in. Files without merge information (CSV round trips)
 * only carry a group's text in its first column; a blank cell inherits from its left
 * neighbour while the row above it is itself inherited (i.e. we are inside the same group).
 */
function columnPaths(rows: CellValue[][], left: number, width: number): string[][] {
  const paths: string[][] = Array.from({ length: width }, () => []);
  let above: boolean[] = new Array(width).fill(true);
  for (const row of rows) {
    const inherited: boolean[] = new Array(width).fill(false);
    const filled: string[] = new Array(width).fill("");
    for (let i = 0; i < width; i++) {
      const own = text(row[left + i] ?? null);
      if (own) filled[i] = own;
      else if (i > 0 && filled[i - 1] && above[i]) {
        filled[i] = filled[i - 1];
        inherited[i] = true;
      }
    }
    for (let i = 0; i < width; i++) {
      const key = foldKey(filled[i]);
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
): TableHeader | null {
  const want = foldKey(sttHeader);
  for (let r = 0; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const left = row.findIndex((v) => !isBlank(v) && foldKey(String(v)) === want);
    if (left < 0) continue;
    let end = r + 1;
    const limit = Math.min(grid.values.length, r + 8);
    while (end < limit) {
      const next = grid.values[end] ?? [];
      if (next.every(isBlank) || isNumberingRow(next) || looksLikeBody(next, left)) break;
      end++;
    }
    const headerRows = Array.from({ length: end - r }, (_, k) => r + k);
    const expanded = expandMerges(grid, headerRows);
    const width = Math.max(...headerRows.map((k) => (grid.values[k] ?? []).length)) - left;
    const paths = columnPaths(headerRows.map((k) => expanded.get(k) ?? []), left, Math.max(width, 0));
    return { top: r, left, bodyStart: end, paths };
  }
  return null;
}
