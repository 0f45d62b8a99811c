// The appendix sheets as grids (values, formulas, merges) in two round trips: the sheet names
// first (so "Phụ lục 01" is found as well as "PL01"), then every used range at once. The same
// two syncs also load what marking needs (the add-in's notes and marked cells), so a check
// needs only one more round trip to show its results.
import { type CellRange, type CellValue, type Grid, parseA1, sheetMatches, type Template } from "../../domain";
import { asBase, asMarks, BASE_KEY, type BaseVersion, MARKS_KEY } from "./settings";

export interface MarkState {
  /** Sheet names present in the workbook. */
  sheets: string[];
  /** Cells the add-in marked last time ("PL01!H8"). */
  previous: string[];
  /** Every note in the workbook (content loaded), or null when notes are not used. */
  notes: Excel.NoteCollection | null;
}

export interface WorkbookState {
  grids: Grid[];
  base: BaseVersion | null;
  marks: MarkState;
}

export interface ReadOptions {
  /** Load notes for marking (ExcelApi 1.18); off where the host lacks them. */
  notes?: boolean;
  /** Read merged areas (ExcelApi 1.13); the domain finds headers without them too. On by default. */
  merges?: boolean;
}

type Loaded = string | number | boolean | null | undefined;

function cellValue(v: Loaded): CellValue {
  return v === "" || v === undefined ? null : v;
}

/** "PL01!A1:O1,PL01!A2:O2" → ranges. */
export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  for (const part of address.split(/\s*,\s*/)) {
    const local = part.includes("!") ? part.slice(part.lastIndexOf("!") + 1) : part;
    const [a, b = a] = local.replace(/\$/g, "").split(":");
    const p = parseA1(a);
    const q = parseA1(b);
    if (!p || !q) continue;
    out.push({ row: Math.min(p.row, q.row), col: Math.min(p.col, q.col), rows: Math.abs(q.row - p.row) + 1, cols: Math.abs(q.col - p.col) + 1 });
  }
  return out;
}

/** A used range placed at its real position (the grid always starts at A1). */
export function gridOf(sheet: string, at: { row: number; col: number }, values: Loaded[][], formulas: Loaded[][], merges: CellRange[]): Grid {
  const rows = at.row + values.length;
  const width = at.col + (values[0]?.length ?? 0);
  const grid: Grid = {
    sheet,
    values: Array.from({ length: rows }, () => new Array<CellValue>(width).fill(null)),
    formulas: Array.from({ length: rows }, () => new Array<string | null>(width).fill(null)),
    merges,
  };
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      grid.values[at.row + r][at.col + c] = cellValue(v);
      const f = formulas[r]?.[c];
      if (typeof f === "string" && f.startsWith("=")) grid.formulas![at.row + r][at.col + c] = f;
    }),
  );
  return grid;
}

/** Picks the sheet for each appendix: its exact id first, then a name that matches it. */
export function appendixSheets(template: Template, names: string[]): string[] {
  const chosen: string[] = [];
  for (const a of template.appendices) {
    const exact = names.find((n) => n.toLowerCase() === a.id.toLowerCase() && !chosen.includes(n));
    const loose = names.find((n) => sheetMatches(n, a) && !chosen.includes(n));
    const pick = exact ?? loose;
    if (pick) chosen.push(pick);
  }
  return chosen;
}

export async function readWorkbookState(context: Excel.RequestContext, template: Template, opts: ReadOptions = {}): Promise<WorkbookState> {
  const wb = context.workbook;
  wb.worksheets.load("items/name");
  const base = wb.settings.getItemOrNullObject(BASE_KEY).load("value");
  const marks = wb.settings.getItemOrNullObject(MARKS_KEY).load("value");
  const notes = opts.notes ? wb.notes.load("items/content") : null;
  await context.sync();

  const names = wb.worksheets.items.map((s) => s.name);
  const reads = appendixSheets(template, names).map((name) => {
    const used = wb.worksheets.getItem(name).getUsedRange(true).load("values, formulas, rowIndex, columnIndex");
    const merged = opts.merges === false ? null : used.getMergedAreasOrNullObject().load("address");
    return { name, used, merged };
  });
  if (reads.length) await context.sync();

  const grids = reads.map(({ name, used, merged }) =>
    gridOf(name, { row: used.rowIndex, col: used.columnIndex }, used.values, used.formulas, !merged || merged.isNullObject ? [] : parseAreas(merged.address)),
  );
  return {
    grids,
    base: base.isNullObject ? null : asBase(base.value),
    marks: { sheets: names, previous: marks.isNullObject ? [] : asMarks(marks.value), notes },
  };
}

/** The appendix sheets as grids: at most two syncs. */
export async function readSheets(context: Excel.RequestContext, template: Template, opts: ReadOptions = {}): Promise<Grid[]> {
  return (await readWorkbookState(context, template, opts)).grids;
}
