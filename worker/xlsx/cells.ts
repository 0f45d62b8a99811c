// A1 references inside the package ("B7", "A1:O1") ↔ 0-based row and column, bounded by
// Excel's sheet size so a hostile reference cannot ask for a huge grid.
import { a1 } from "../../domain";

const MAX_ROW = 1048576;
const MAX_COL = 16384;

/**
 * An A1 reference read in place from `s[from, to)`: row × 16384 + column (0-based), or -1 when
 * it is not one. No copy and no object: every cell of a sheet has one, styled empty cells too.
 */
export function refCode(s: string, from: number, to: number): number {
  let i = from;
  let col = 0;
  for (let c = s.charCodeAt(i); i < to && c >= 65 && c <= 90; c = s.charCodeAt(++i)) col = col * 26 + (c - 64);
  const letters = i - from;
  // One to three letters, then one to seven digits without a leading zero.
  if (letters === 0 || letters > 3 || i === to || to - i > 7 || s.charCodeAt(i) === 48) return -1;
  let row = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    row = row * 10 + (c - 48);
  }
  if (col > MAX_COL || row > MAX_ROW) return -1;
  return (row - 1) * MAX_COL + (col - 1);
}

export function parseRef(ref: string): { row: number; col: number } | null {
  const code = refCode(ref, 0, ref.length);
  return code < 0 ? null : { row: Math.floor(code / MAX_COL), col: code % MAX_COL };
}

export function parseRange(ref: string): { row: number; col: number; rows: number; cols: number } | null {
  const [a, b = a] = ref.replace(/\$/g, "").split(":");
  const from = parseRef(a);
  const to = parseRef(b);
  if (!from || !to || to.row < from.row || to.col < from.col) return null;
  return { row: from.row, col: from.col, rows: to.row - from.row + 1, cols: to.col - from.col + 1 };
}

export function rangeRef(r: { row: number; col: number; rows: number; cols: number }): string {
  const from = a1(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? from : `${from}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}
