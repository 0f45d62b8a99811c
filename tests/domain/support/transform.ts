// Reshaping grids the way other programs and people do: rows inserted, tables moved,
// merges dropped or filled, text re-encoded. Merges move with the rows they cover.
import type { CellValue, Grid } from "../../../domain";

export function mapGrid(g: Grid, f: (v: CellValue, row: number, col: number) => CellValue): Grid {
  return { ...g, values: g.values.map((r, i) => r.map((v, j) => f(v, i, j))) };
}

export function insertRows(g: Grid, at: number, rows: CellValue[][]): Grid {
  const values = [...g.values.slice(0, at), ...rows, ...g.values.slice(at)];
  const merges = g.merges?.map((m) => (m.row >= at ? { ...m, row: m.row + rows.length } : m));
  return { ...g, values, merges };
}

export function deleteRow(g: Grid, at: number): Grid {
  const values = g.values.filter((_, k) => k !== at);
  const merges = g.merges?.filter((m) => m.row !== at).map((m) => (m.row > at ? { ...m, row: m.row - 1 } : m));
  return { ...g, values, merges };
}

/** Moves the whole sheet down and right. */
export function shift(g: Grid, rows: number, cols: number): Grid {
  const pad = new Array<CellValue>(cols).fill(null);
  return {
    ...g,
    values: [...Array.from({ length: rows }, () => []), ...g.values.map((r) => [...pad, ...r])],
    merges: g.merges?.map((m) => ({ ...m, row: m.row + rows, col: m.col + cols })),
  };
}

/** Every merged area filled with its top-left text (some writers repeat it). */
export function fillMerges(g: Grid): Grid {
  const values = g.values.map((r) => [...r]);
  for (const m of g.merges ?? []) {
    for (let r = m.row; r < m.row + m.rows; r++) {
      for (let c = m.col; c < m.col + m.cols; c++) {
        values[r] ??= [];
        values[r][c] = g.values[m.row][m.col];
      }
    }
  }
  return { ...g, values };
}

export function headerTop(g: Grid): number {
  const r = g.values.findIndex((row) => row.some((v) => v === "STT"));
  if (r < 0) throw new Error(`${g.sheet}: no STT header`);
  return r;
}

/** First row after the header: the row of the first item ("1." or "1" in the STT column). */
export function bodyStart(g: Grid): number {
  const top = headerTop(g);
  const col = g.values[top].indexOf("STT");
  const r = g.values.findIndex((row, k) => k > top && /^1\.?$/.test(String(row[col] ?? "")));
  if (r < 0) throw new Error(`${g.sheet}: no first item`);
  return r;
}

export function totalRowIndex(g: Grid): number {
  const r = g.values.findIndex((row) => row.some((v) => v === "Tổng cộng"));
  if (r < 0) throw new Error(`${g.sheet}: no total row`);
  return r;
}

/** Applies f to the cells of the header rows only. */
export function mapHeader(g: Grid, f: (text: string) => string): Grid {
  const top = headerTop(g);
  const end = bodyStart(g);
  return mapGrid(g, (v, r) => (r >= top && r < end && typeof v === "string" ? f(v) : v));
}

/** Applies f to the numbers in the table body (rows after the header). */
export function mapBodyNumbers(g: Grid, f: (v: number, row: number, col: number) => CellValue): Grid {
  const start = bodyStart(g);
  return mapGrid(g, (v, r, c) => (r >= start && typeof v === "number" ? f(v, r, c) : v));
}
