// The fake refuses what real Excel refuses, each rule from Microsoft's documentation (in
// brackets, where the fake applies it):
// - an API above the host's ExcelApi set fails the sync with ApiNotFound ("The API you are trying
//   to use could not be found. It may be available in a newer version of Excel." — Office.js
//   error codes); the set of each member is its "[Api set: ExcelApi 1.x]" in the reference
//   (FakeContext.need in context.ts);
// - a batch while the person is typing in a cell fails with InvalidOperationInCellEditMode unless
//   Excel.run was given { delayForCellEdit: true } (Excel.RunOptions) on a host that knows it
//   (FakeContext.sync and runFake in context.ts);
// - a sheet name that could be read as a cell reference (PL01 is column PL, row 1) or holds
//   spaces or punctuation must be quoted in an address ('PL01'!H8) — NoteCollection.add: "If the
//   string is invalid … an InvalidCellAddress error is thrown" (sheetNameNeedsQuotes, splitAddress);
// - Excel on the web refuses a request or response over 5 MB ("Resource limits and performance
//   optimization for Office Add-ins": payload size limit for requests and responses, 5 MB)
//   (PAYLOAD_LIMIT_BYTES);
// - freezing panes acts on the active sheet only (OfficeDev/office-js issues: freezePanes on a
//   sheet that is not active is ignored or misplaced), so the fake refuses it (mustBeActive);
// - suspendApiCalculationUntilNextSync leaves formulas written in that sync uncalculated ("it is
//   the developer's responsibility to re-calc the workbook"), and Manual mode calculates nothing
//   until asked (FakeContext.sync, FakeSheet.enter and FakeWorkbook.afterChange);
// - a worksheet's name follows Excel's rules (sheetNameProblem);
// - a page's zoom is either a scale or pages to fit: PageLayoutZoomOptions.scale "Print page scale
//   value can be between 10 and 400. This value can be null if fit to page tall or wide is
//   specified", and horizontalFitToPages/verticalFitToPages "Number of pages to fit … This value can
//   be null if percentage scale is used" (zoomProblem) — a number of pages, so 1 or more: the
//   documentation gives no meaning to 0, so the double refuses it; the page layout's members are
//   "[API set: ExcelApi 1.9]" (FakePageLayout in worksheet.ts, via FakeContext.need).
// tests/addin/fake-excel-rules.test.ts holds the fake to each of them.
import { FakeExcelError } from "./errors";
import type { FakeSheet } from "./worksheet";

/** Excel on the web's limit on one request's or response's payload. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** Whether a sheet name can stand unquoted before "!" in an address (else Excel needs 'name'!A1). */
export function sheetNameNeedsQuotes(name: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) return true;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1) {
    let col = 0;
    for (const ch of a1[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    if (col <= 16384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1048576) return true;
  }
  return /^(R\d*)?(C\d*)?$/i.test(name); // R1C1-style references (R, C, R2, C3, R1C1)
}

/** "'PL01'!H8" → sheet and local address, refusing an unquoted name Excel would misread. */
export function splitAddress(address: string): { sheet: string | null; local: string } {
  const at = address.lastIndexOf("!");
  if (at < 0) return { sheet: null, local: address };
  const raw = address.slice(0, at);
  const quoted = /^'((?:[^']|'')+)'$/.exec(raw);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), local: address.slice(at + 1) };
  if (sheetNameNeedsQuotes(raw))
    throw new FakeExcelError("InvalidCellAddress", `"${address}": the sheet name must be quoted ('${raw}'!…)`);
  return { sheet: raw, local: address.slice(at + 1) };
}

/**
 * Excel's rules for a worksheet name (Microsoft Support, "Rename a worksheet": it cannot be
 * blank, contain more than 31 characters, contain / \ ? * : [ ], begin or end with an
 * apostrophe, or be named "History", which Excel reserves).
 */
export function sheetNameProblem(name: string): string | null {
  if (!name) return "blank";
  if (name.length > 31) return "more than 31 characters";
  if (/[:\\/?*[\]]/.test(name)) return "contains one of / \\ ? * : [ ]";
  if (name.startsWith("'") || name.endsWith("'")) return "begins or ends with an apostrophe";
  if (name.toLowerCase() === "history") return "History is reserved";
  return null;
}

/** Freezing panes acts on the active sheet only: refuse it on any other sheet. */
export function mustBeActive(s: FakeSheet): void {
  if (s.book.activeSheet?.toLowerCase() !== s.name.toLowerCase())
    throw new FakeExcelError("InvalidOperation", `freezePanes on "${s.name}", which is not the active sheet`);
}

/** PageLayoutZoomOptions: a scale of 10–400, or pages to fit (whole numbers of pages, 1 or more), not both. */
export function zoomProblem(zoom: Record<string, number>): void {
  const fit = [zoom.horizontalFitToPages, zoom.verticalFitToPages].filter((v) => v !== undefined && v !== null);
  const scale = zoom.scale;
  if (scale !== undefined && scale !== null) {
    if (fit.length) throw new FakeExcelError("InvalidArgument", "zoom: a scale and pages to fit together");
    if (!(scale >= 10 && scale <= 400)) throw new FakeExcelError("InvalidArgument", `zoom.scale ${scale}: 10 to 400`);
  } else if (!fit.length || !fit.every((v) => Number.isInteger(v) && v >= 1))
    throw new FakeExcelError("InvalidArgument", "zoom: pages to fit are whole numbers");
}
