// A workbook (several grids) → entries for every appendix of the template.
import type { Template } from "../template/model";
import { foldKey } from "../text/normalize";
import { type Issue, issue } from "../rules/issue";
import type { Entry } from "../submission/model";
import type { Grid } from "./model";
import { readAppendixGrid } from "./read";

/** Sheets are matched by appendix id ("PL01") or heading ("Phụ lục 01"), case and accents aside. */
export function sheetMatches(sheetName: string, appendix: { id: string; heading: string }): boolean {
  const key = foldKey(sheetName).replace(/ /g, "");
  return key === foldKey(appendix.id).replace(/ /g, "") || key === foldKey(appendix.heading).replace(/ /g, "");
}

export function readWorkbook(template: Template, grids: Grid[]): { entries: Entry[]; issues: Issue[] } {
  const entries: Entry[] = [];
  const issues: Issue[] = [];
  const claimed = new Set<Grid>();
  for (const appendix of template.appendices) {
    const grid = grids.find((g) => !claimed.has(g) && sheetMatches(g.sheet, appendix));
    if (!grid) {
      issues.push(issue("SHEET_MISSING", { appendix: appendix.id }, { title: appendix.title }));
      continue;
    }
    claimed.add(grid);
    const read = readAppendixGrid(appendix, grid);
    entries.push(...read.entries);
    issues.push(...read.issues);
  }
  for (const g of grids) {
    if (!claimed.has(g)) issues.push(issue("SHEET_UNKNOWN", {}, { sheet: g.sheet }));
  }
  return { entries, issues };
}
