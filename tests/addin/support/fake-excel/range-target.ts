// What a Range resolves to during a sync: a sheet and a box on it.
import type { Box } from "./address";
import type { FakeSheet } from "./worksheet";

export interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
}

export function forEachCell(t: RangeTarget, fn: (row: number, col: number, r: number, c: number) => void): void {
  for (let r = 0; r < t.box.rows; r++) for (let c = 0; c < t.box.cols; c++) fn(t.box.row + r, t.box.col + c, r, c);
}
