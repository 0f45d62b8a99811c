// Bundled into the page by the browser test (before pane.js loads): an in-memory workbook in
// place of Excel, and a handle for the test to type into it and see what the pane wrote.
import { FakeContext, runFake } from "./fake-context";
import { FakeWorkbook } from "./fake-workbook";
import { cellOf, typeSeedFigures } from "./seed";

const book = new FakeWorkbook(["Sheet1"]);
const syncs: number[] = [];

window.__KH157_TEST_EXCEL__ = {
  notes: true,
  merges: true,
  pageLayout: true,
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const { result, ctx } = await runFake(book, (c: FakeContext) => batch(c as unknown as Excel.RequestContext));
    syncs.push(ctx.syncs);
    return result;
  },
};

const handle = {
  book,
  /** context.sync() calls of each Excel.run the pane made, in order. */
  syncs,
  typeSeed: () => typeSeedFigures(book),
  type: (sheet: string, address: string, value: string | number | null) => book.type(sheet, address, value),
  value: (sheet: string, address: string) => book.value(sheet, address),
  cellOf: (appendix: string, stt: string, key: string, period: string) => cellOf(book, appendix, stt, key, period),
  fill: (sheet: string, address: string) => book.cell(sheet, address)?.fill ?? null,
  sheetNames: () => book.sheets.map((s) => s.name),
  setting: (key: string) => book.settings.get(key) ?? null,
  /** Values and formulas of every sheet, to prove a failed submit left the workbook alone. */
  dump: () => JSON.stringify(book.sheets.map((s) => [s.name, [...s.cells.entries()].map(([k, c]) => [k, c.value, c.formula])])),
};

(window as unknown as { __KH157_TEST__: typeof handle }).__KH157_TEST__ = handle;
export type TestHandle = typeof handle;
