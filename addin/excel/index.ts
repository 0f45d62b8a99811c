// The Excel adapter: functions that take an Excel.RequestContext and return plain data.
// Excel.run, Office.onReady and the DOM stay in addin/ui.
export { buildSheets, type BuildOptions, type BuildResult } from "./build-sheets";
export { HOST_PROFILES, type HostProfile } from "./host-profiles";
export {
  ALL_CAPS,
  type DocumentSettings,
  FEATURES,
  type Feature,
  has,
  type HostCaps,
  type HostOptions,
  probeCaps,
} from "./capabilities";
export { cellRef, type CellRef, needsQuotes, parseCellRef, uniqueSheetName } from "./cell-ref";
export { checkSheets, type CheckResult } from "./check-sheets";
export { clearMarks, ERROR_FILL, markIssues, type MarkOptions, NOTE_PREFIX, WARNING_FILL } from "./marks";
export { readArea, readSheets, readWorkbookState, type ReadOptions, type WorkbookState } from "./read-sheets";
export { type BaseVersion, setBaseVersion } from "./settings";
export { selectCell } from "./select-cell";
export { consolidatedLines, type ConsolidatedOptions, writeConsolidated } from "./write-consolidated";
export { type InputAlerts, inputAlerts } from "./write-printed";
