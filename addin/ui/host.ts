// Where Excel.run comes from: Office in Excel, or an in-memory workbook the browser test puts
// on window before the pane loads. Everything else in the pane only sees this interface.
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Notes on cells (ExcelApi 1.18); older hosts get fill colours only. */
  notes: boolean;
  /** Merged areas when reading (ExcelApi 1.13). */
  merges: boolean;
  /** Landscape page set-up (ExcelApi 1.9). */
  pageLayout: boolean;
}

declare global {
  interface Window {
    __KH157_TEST_EXCEL__?: ExcelHost;
  }
}

export async function findHost(): Promise<ExcelHost | null> {
  const test = window.__KH157_TEST_EXCEL__;
  if (test) return test;
  if (typeof Office === "undefined") return null;
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) return null;
  // The manifest requires ExcelApi 1.8 (Excel 2019 and later); newer sets are used when present.
  const has = (version: string) => Office.context.requirements.isSetSupported("ExcelApi", version);
  return { run: (batch) => Excel.run(batch), notes: has("1.18"), merges: has("1.13"), pageLayout: has("1.9") };
}
