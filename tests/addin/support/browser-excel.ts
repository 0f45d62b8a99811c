// Bundled into the page by the browser test (before pane.js loads): an in-memory workbook in
// place of Excel, and a handle for the test to type into it and see what the pane wrote. The
// page's URL picks the host profile (?api=1 for Excel 2016's ExcelApi 1.1; newest by default).
import type { TestExcel } from "../../../addin/ui/host";
import { FakeContext, type FakeRunOptions, FakeWorkbook, runFake } from "./fake-excel";
import { cellOf, typeSeedFigures } from "./seed";

const book = new FakeWorkbook(["Sheet1"]);
const api = Number(new URLSearchParams(location.search).get("api") ?? "20");
book.api = api;
const syncs: number[] = [];
/** The run options of each Excel.run the pane made. */
const runOptions: FakeRunOptions[] = [];

const excel: TestExcel = {
  caps: { api },
  documentSettings: book.documentSettings,
  async run<T>(options: FakeRunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    runOptions.push({ ...options });
    const { result, ctx } = await runFake(
      book,
      (c: FakeContext) => batch(c as unknown as Excel.RequestContext),
      options,
    );
    syncs.push(ctx.syncs);
    return result;
  },
};
window.__KH157_TEST_EXCEL__ = excel;

const handle = {
  book,
  api,
  /** context.sync() calls of each Excel.run the pane made, in order. */
  syncs,
  runOptions,
  typeSeed: () => typeSeedFigures(book),
  type: (sheet: string, address: string, value: string | number | null) => book.type(sheet, address, value),
  /** The person is still typing in a cell when they click a button. */
  startEditing: (sheet: string, address: string, text: string) => book.startEditing(sheet, address, text),
  value: (sheet: string, address: string) => book.value(sheet, address),
  cellOf: (appendix: string, stt: string, key: string, period: string) => cellOf(book, appendix, stt, key, period),
  fill: (sheet: string, address: string) => book.cell(sheet, address)?.fill ?? null,
  sheetNames: () => book.sheets.map((s) => s.name),
  setting: (key: string) => book.settings.get(key) ?? null,
  /** Values and formulas of every sheet, to prove a failed submit left the workbook alone. */
  dump: () =>
    JSON.stringify(book.sheets.map((s) => [s.name, [...s.cells.entries()].map(([k, c]) => [k, c.value, c.formula])])),
};

(window as unknown as { __KH157_TEST__: typeof handle }).__KH157_TEST__ = handle;
export type TestHandle = typeof handle;
