// What an Excel host can do, as the highest ExcelApi 1.x requirement set it supports
// (Office.context.requirements.isSetSupported). The adapter asks `has(caps, feature)` before it
// uses anything above ExcelApi 1.1, the set volume-licensed Excel 2016 has.
// Sets per API from Microsoft's Office.js reference (each member's "[Api set: ExcelApi 1.x]"):
// Range.merge, RangeFormat.columnWidth/autofitRows and getUsedRange(valuesOnly) 1.2;
// *OrNullObject and Workbook.settings 1.4; suspendApiCalculationUntilNextSync 1.6;
// getRangeByIndexes and freezePanes 1.7; dataValidation 1.8; pageLayout 1.9;
// RunOptions.delayForCellEdit (documented Nov 2018, with 1.8; older hosts fail the batch instead);
// getMergedAreasOrNullObject 1.13; notes 1.18.

export const FEATURES = {
  usedRangeValuesOnly: 2,
  merge: 2,
  columnWidth: 2,
  nullObjects: 4,
  settings: 4,
  suspendCalculation: 6,
  rangeByIndexes: 7,
  freezePanes: 7,
  dataValidation: 8,
  pageLayout: 9,
  delayForCellEdit: 8,
  mergedAreas: 13,
  notes: 18,
} as const;

export type Feature = keyof typeof FEATURES;

export interface HostCaps {
  /** The highest ExcelApi 1.x minor version supported (Excel 2016 MSI: 1, Excel 2019 VL: 7…). */
  api: number;
}

/** The newest requirement set this code knows of: a host answering "yes" to it has everything. */
export const NEWEST_API = 20;

/** Everything (tests of the newest host, and code paths that need no host). */
export const ALL_CAPS: HostCaps = { api: NEWEST_API };

export function has(caps: HostCaps | undefined, feature: Feature): boolean {
  return (caps ?? ALL_CAPS).api >= FEATURES[feature];
}

/** Probes isSetSupported from 1.1 upwards; the sets are cumulative, so the first "no" ends it. */
export function probeCaps(isSetSupported: (name: string, version: string) => boolean): HostCaps {
  let api = 0;
  while (api < NEWEST_API && isSetSupported("ExcelApi", `1.${api + 1}`)) api++;
  return { api };
}

/** Office.context.document.settings (the Common API every Excel has): the workbook-settings fallback. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message: string } }) => void): void;
}

/** What every adapter function may be told about its host. */
export interface HostOptions {
  /** The host's requirement sets; everything when absent. */
  caps?: HostCaps;
  /** For hosts without Workbook.settings (ExcelApi 1.4). */
  documentSettings?: DocumentSettings;
}
