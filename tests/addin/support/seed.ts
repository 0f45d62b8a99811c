// Types the plan's own figures (tests/fixtures, transcribed independently of domain/) into the
// year cells of built sheets, as a finance officer would: found by STT and by the fixture's
// printed column order, never through domain/ positions. Totals are left to the formulas.
import raw from "../../fixtures/kh-157-appendices.json";
import { colName, type FakeWorkbook } from "./fake-excel";

interface FixtureAppendix {
  id: string;
  columns: string[];
  rows: ({ stt: string } & Record<string, Record<string, number | string | null> | string>)[];
}

export const fixtureAppendices = (raw as unknown as { appendices: FixtureAppendix[] }).appendices;

/** "Kinh phí NSTW: Năm 2023" → the fixture key and period; null for STT/label/unit columns. */
export function columnMeaning(column: string): { key: string; period: string } | null {
  const key = /NSĐP|NSDP/.test(column)
    ? "NSĐP"
    : /NSTW/.test(column)
      ? "NSTW"
      : /Số lượng/.test(column)
        ? "quantity"
        : null;
  if (!key) return null;
  const year = /Năm (\d{4})/.exec(column)?.[1];
  return { key, period: year ?? "total" };
}

/** The row whose STT cell reads `stt`, searching column A. */
export function rowOfStt(book: FakeWorkbook, sheet: string, stt: string): number {
  const s = book.sheet(sheet)!;
  for (let r = 0; r < 200; r++) if (String(s.valueAt(r, 0)) === stt) return r;
  throw new Error(`no row with STT ${stt} in ${sheet}`);
}

/** Types every year figure of the fixture; returns how many cells were typed. */
export function typeSeedFigures(book: FakeWorkbook): number {
  let typed = 0;
  for (const a of fixtureAppendices) {
    for (const row of a.rows) {
      const r = rowOfStt(book, a.id, row.stt);
      a.columns.forEach((column, c) => {
        const meaning = columnMeaning(column);
        if (!meaning || meaning.period === "total") return;
        const v = (row[meaning.key] as Record<string, number | string | null>)[meaning.period];
        if (v === null || v === undefined) return;
        book.type(a.id, `${colName(c)}${r + 1}`, String(v));
        typed++;
      });
    }
  }
  return typed;
}

/** The cell of an item's figure, by the fixture's column order ("H8"). */
export function cellOf(book: FakeWorkbook, appendix: string, stt: string, key: string, period: string): string {
  const a = fixtureAppendices.find((x) => x.id === appendix)!;
  const c = a.columns.findIndex((col) => {
    const m = columnMeaning(col);
    return m?.key === key && m.period === period;
  });
  if (c < 0) throw new Error(`no column ${key} ${period} in ${appendix}`);
  return `${colName(c)}${rowOfStt(book, appendix, stt) + 1}`;
}
