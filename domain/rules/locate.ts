// Where a figure is on the sheet: the cell it was read from, else its printed position.
import { sheetCell } from "../grid/address";
import { findAppendix, printedPosition } from "../template/layout";
import type { Template } from "../template/model";
import type { Entry } from "../submission/model";

export type Locator = (appendix: string, item: string, measure: string, period: string) => string | null;

export function locator(template: Template, entries: Entry[]): Locator {
  const cells = new Map<string, string | null>();
  for (const e of entries) cells.set(`${e.appendix}|${e.item}|${e.measure}|${e.period}`, e.cell);
  return (a, i, m, p) => {
    const known = cells.get(`${a}|${i}|${m}|${p}`);
    if (known) return known;
    const appendix = findAppendix(template, a);
    const pos = appendix && printedPosition(appendix, i, m, p);
    return pos ? sheetCell(a, pos.row, pos.col) : null;
  };
}
