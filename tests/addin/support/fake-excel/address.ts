// A1 addresses and the boxes (top-left row and column, 0-based, and size) they name.
import { FakeExcelError } from "./errors";

export interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colName(col: number): string {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function boxAddress(b: Box): string {
  const tl = `${colName(b.col)}${b.row + 1}`;
  return b.rows === 1 && b.cols === 1 ? tl : `${tl}:${colName(b.col + b.cols - 1)}${b.row + b.rows}`;
}

/** "H8", "A1:O3", "A:A" (whole columns) → a box; anything else throws like Excel's InvalidArgument. */
export function parseBox(address: string): Box {
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(address);
  if (cols) {
    const a = colIndex(cols[1]);
    const b = colIndex(cols[2]);
    return { row: 0, col: Math.min(a, b), rows: 1048576, cols: Math.abs(b - a) + 1 };
  }
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(address);
  if (!m) throw new FakeExcelError("InvalidArgument", `bad address "${address}"`);
  const r1 = Number(m[2]) - 1;
  const c1 = colIndex(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function intersect(a: Box, b: Box): Box | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const right = Math.min(a.col + a.cols, b.col + b.cols);
  return bottom > row && right > col ? { row, col, rows: bottom - row, cols: right - col } : null;
}

/** How Excel writes a sheet's name in an address it returns: quoted unless letters, digits and _. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
