// A1 references inside the package ("B7", "A1:O1") ↔ 0-based row and column, bounded by
// Excel's sheet size so a hostile reference cannot ask for a huge grid.
import { a1 } from "../../domain";

const MAX_ROW = 1048576;
const MAX_COL = 16384;

export function parseRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    i++;
  }
  if (i === 0 || i > 3 || i === ref.length) return null;
  const rowText = ref.slice(i);
  if (!/^[1-9][0-9]{0,6}$/.test(rowText)) return null;
  const row = Number(rowText);
  if (col > MAX_COL || row > MAX_ROW) return null;
  return { row: row - 1, col: col - 1 };
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
