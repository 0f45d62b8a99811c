// Where Excel.run comes from: Office in Excel, or an in-memory workbook the browser test puts
// on window before the pane loads. Everything else in the pane only sees this interface.
import { type DocumentSettings, type HostCaps, type HostOptions, probeCaps } from "../excel/capabilities";

export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** What the adapter is told: the ExcelApi sets present, and the settings fallback. */
  options: HostOptions;
}

/** Excel.run's shape: options first (RunOptions), then the batch. */
export type ExcelRun = <T>(
  options: typeof RUN_OPTIONS,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

/** What the browser test puts on window in place of Excel (an in-memory workbook). */
export interface TestExcel {
  run: ExcelRun;
  caps: HostCaps;
  documentSettings?: DocumentSettings;
}

/** The pane's view of an Excel: every batch with RUN_OPTIONS. */
export function excelHost(run: ExcelRun, caps: HostCaps, documentSettings?: DocumentSettings): ExcelHost {
  return { run: (batch) => run(RUN_OPTIONS, batch), options: { caps, documentSettings } };
}

/** Why there is no Excel to work with, when there is none. */
export type NoHost =
  /** Office.js never loaded (blocked network, or the file cannot be reached). */
  | "officeMissing"
  /** Opened outside Office (a plain browser tab). */
  | "notInExcel"
  /** An Excel without ExcelApi 1.1 (Excel 2013 or older). */
  | "unsupported";

export interface HostLookup {
  host: ExcelHost | null;
  reason: NoHost | null;
}

declare global {
  interface Window {
    __KH157_TEST_EXCEL__?: TestExcel;
  }
}

/**
 * Excel.run waits while the person is still typing in a cell instead of failing the batch
 * (RunOptions.delayForCellEdit; Microsoft: "When false, if the user is in cell edit when the batch
 * request is processed by the host, the batch automatically fails"). Hosts older than the option
 * ignore it; the pane then asks the person to finish the cell (InvalidOperationInCellEditMode).
 */
export const RUN_OPTIONS = { delayForCellEdit: true } as const;

/** How long Office.onReady may take before the pane says Office.js could not start. */
export const OFFICE_READY_MS = 20_000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function findHost(): Promise<HostLookup> {
  const injected = window.__KH157_TEST_EXCEL__;
  const test = injected ? excelHost(injected.run, injected.caps, injected.documentSettings) : null;
  if (typeof Office === "undefined")
    return test ? { host: test, reason: null } : { host: null, reason: "officeMissing" };
  // office.js loads its host files itself; if one is blocked, onReady never settles.
  const info = await Promise.race([Office.onReady(), delay(OFFICE_READY_MS).then(() => null)]);
  if (!info) return test ? { host: test, reason: null } : { host: null, reason: "officeMissing" };
  if (info.host !== Office.HostType.Excel)
    return test ? { host: test, reason: null } : { host: null, reason: "notInExcel" };
  const caps = probeCaps((name, version) => Office.context.requirements.isSetSupported(name, version));
  if (caps.api < 1) return { host: null, reason: "unsupported" };
  return {
    host: excelHost((options, batch) => Excel.run(options, batch), caps, Office.context.document.settings),
    reason: null,
  };
}
