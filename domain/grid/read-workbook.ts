// A workbook (several grids) → entries for every appendix of the template. One TextMemo for
// the whole read: a string shared by several sheets is folded once.
import type { Template } from "../template/model";
import { foldKey } from "../text/normalize";
import { excerpt, TextMemo } from "../text/memo";
import type { Issue } from "../rules/issue";
import type { Entry } from "../submission/model";
import type { NoteEntry } from "../submission/notes";
import type { Grid } from "./model";
import { arraySink, type IssueSink, readAppendixGrid } from "./read";

/** Sheets are matched by appendix id ("PL01") or heading ("Phụ lục 01"), case and accents aside. */
export function sheetMatches(
  sheetName: string,
  appendix: { id: string; heading: string },
  memo = new TextMemo(),
): boolean {
  const key = memo.fold(sheetName).replace(/ /g, "");
  return key === foldKey(appendix.id).replace(/ /g, "") || key === foldKey(appendix.heading).replace(/ /g, "");
}

/** `sink` receives the issues instead of the returned array (see IssueSink). */
export function readWorkbook(
  template: Template,
  grids: Grid[],
  sink?: IssueSink,
): { entries: Entry[]; issues: Issue[]; notes: NoteEntry[] } {
  const entries: Entry[] = [];
  const notes: NoteEntry[] = [];
  const collected: Issue[] = [];
  const issues = sink ?? arraySink(collected);
  const claimed = new Set<Grid>();
  const memo = new TextMemo();
  for (const appendix of template.appendices) {
    const grid = grids.find((g) => !claimed.has(g) && sheetMatches(g.sheet, appendix, memo));
    if (!grid) {
      issues.add("SHEET_MISSING", { appendix: appendix.id }, { title: appendix.title });
      continue;
    }
    claimed.add(grid);
    const read = readAppendixGrid(template, appendix, grid, memo, issues);
    for (const e of read.entries) entries.push(e);
    for (const n of read.notes) notes.push(n);
  }
  for (const g of grids) {
    if (!claimed.has(g)) issues.add("SHEET_UNKNOWN", {}, () => ({ sheet: excerpt(g.sheet, 31) }));
  }
  return { entries, issues: collected, notes };
}
