// The appendix sheets as grids (values, formulas, merges) in two round trips: the sheet names,
// calculation mode and settings first (so "Phụ lục 01" is found as well as "PL01"), then every
// sheet's table area at once. The same two syncs also load what marking needs (the add-in's
// notes and where the person's own notes are), so a check needs only one more round trip.
import {
  type CellRange,
  type CellValue,
  type Grid,
  parseA1,
  printAppendix,
  sheetMatches,
  type Template,
} from "../../domain";
import { has, type HostOptions } from "./capabilities";
import { cellKey } from "./cell-ref";
import { asBase, asMarks, BASE_KEY, type BaseVersion, MARKS_KEY, settingsAccess } from "./settings";
import { boxAddress } from "./write-printed";

export interface MarkState {
  /** Sheet names present in the workbook. */
  sheets: string[];
  /** Cells the add-in marked last time ("'PL01'!H8"). */
  previous: string[];
  /** The add-in's own notes (to delete before marking again); none where notes are not used. */
  ownNotes: Excel.Note[];
  /** Cells holding a note the person wrote (cellKey form): never overwritten, never blocking. */
  personNotes: Set<string>;
}

export interface WorkbookState {
  grids: Grid[];
  base: BaseVersion | null;
  marks: MarkState;
}

export type ReadOptions = HostOptions;

/** What the add-in's notes start with, so they are told apart from the person's. */
export const NOTE_PREFIX = "KH 157 · ";

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
    out.push({
      row: Math.min(p.row, q.row),
      col: Math.min(p.col, q.col),
      rows: Math.abs(q.row - p.row) + 1,
      cols: Math.abs(q.col - p.col) + 1,
    });
  }
  return out;
}

/** A used range placed at its real position (the grid always starts at A1). */
export function gridOf(
  sheet: string,
  at: { row: number; col: number },
  values: Loaded[][],
  formulas: Loaded[][],
  merges: CellRange[],
): Grid {
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

/**
 * The area a table of this template can sit in: four times the printed height (title rows,
 * blank rows, a letterhead) and twice its width, at least A1:AZ200. A stray value far down a
 * sheet no longer makes the read huge (Excel on the web refuses responses over 5 MB).
 */
export function readArea(template: Template): { rows: number; cols: number } {
  let area = areas.get(template);
  if (!area) areas.set(template, (area = measureArea(template)));
  return area;
}

/** Printed once per template, not on every check. */
const areas = new WeakMap<Template, { rows: number; cols: number }>();

function measureArea(template: Template): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const a of template.appendices) {
    const printed = printAppendix(template, a, {});
    rows = Math.max(rows, printed.values.length);
    cols = Math.max(cols, printed.columnWidths.length);
  }
  return { rows: Math.max(200, rows * 4), cols: Math.max(52, cols * 2) };
}

export async function readWorkbookState(
  context: Excel.RequestContext,
  template: Template,
  opts: ReadOptions = {},
): Promise<WorkbookState> {
  const wb = context.workbook;
  const caps = opts.caps;
  const settings = settingsAccess(opts);
  wb.worksheets.load("items/name");
  const app = context.application.load("calculationMode");
  const base = settings.read(context, BASE_KEY);
  const marks = settings.read(context, MARKS_KEY);
  const notes = has(caps, "notes") ? wb.notes.load("items/content") : null;
  await context.sync();

  // Manual calculation leaves totals stale until Excel calculates: do it before reading.
  if (app.calculationMode === "Manual") context.application.calculate("Recalculate");
  const names = wb.worksheets.items.map((s) => s.name);
  const area = readArea(template);
  const areaAddress = boxAddress(0, 0, area.rows, area.cols);
  const reads = appendixSheets(template, names).map((name) => {
    const sheet = wb.worksheets.getItem(name);
    // The used range clipped to the area (1.4); older hosts read the area itself.
    const range = has(caps, "nullObjects")
      ? sheet.getUsedRangeOrNullObject(true).getIntersectionOrNullObject(areaAddress)
      : sheet.getRange(areaAddress);
    range.load("values, formulas, rowIndex, columnIndex");
    const merged = has(caps, "mergedAreas") ? range.getMergedAreasOrNullObject().load("address") : null;
    return { name, range, merged };
  });
  const notesOf = (notes?.items ?? []).map((note) => ({
    note,
    own: note.content.startsWith(NOTE_PREFIX),
    at: note.getLocation().load("address"),
  }));
  if (reads.length || notesOf.length) await context.sync();

  const grids = reads.map(({ name, range, merged }) =>
    range.isNullObject
      ? { sheet: name, values: [], formulas: [], merges: [] }
      : gridOf(
          name,
          { row: range.rowIndex, col: range.columnIndex },
          range.values,
          range.formulas,
          !merged || merged.isNullObject ? [] : parseAreas(merged.address),
        ),
  );
  const personNotes = new Set<string>();
  for (const n of notesOf) {
    if (n.own) continue;
    const [sheet, address] = splitLoadedAddress(n.at.address);
    personNotes.add(cellKey(sheet, address));
  }
  return {
    grids,
    base: asBase(base()),
    marks: {
      sheets: names,
      previous: asMarks(marks()),
      ownNotes: notesOf.filter((n) => n.own).map((n) => n.note),
      personNotes,
    },
  };
}

/** "'PL 01'!H8" or "PL01!$H$8" (as Excel answers Range.address) → sheet and "H8". */
export function splitLoadedAddress(address: string): [string, string] {
  const at = address.lastIndexOf("!");
  const sheet = address
    .slice(0, at)
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");
  return [
    sheet,
    address
      .slice(at + 1)
      .replace(/\$/g, "")
      .split(":")[0]
      .toUpperCase(),
  ];
}

/** The appendix sheets as grids: at most two syncs. */
export async function readSheets(
  context: Excel.RequestContext,
  template: Template,
  opts: ReadOptions = {},
): Promise<Grid[]> {
  return (await readWorkbookState(context, template, opts)).grids;
}
