// Problems shown where they are: a fill colour on the cell and a note with the message. The
// cells marked are remembered in the workbook, so the next check clears exactly those (and
// only the add-in's own notes, recognised by their prefix) before marking again.
import type { Issue } from "../../domain";
import { cellRef, parseCellRef } from "./cell-ref";
import type { MarkState } from "./read-sheets";
import { asMarks, MARKS_KEY } from "./settings";

export const NOTE_PREFIX = "KH 157 · ";
export const ERROR_FILL = "#FFC7CE";
export const WARNING_FILL = "#FFEB9C";

export interface MarkOptions {
  /** Notes need ExcelApi 1.18; without them only the fill marks the cell. */
  notes?: boolean;
  /** Message text per issue; the issue's own (Vietnamese) message by default. */
  message?: (issue: Issue) => string;
}

interface CellMark {
  sheet: string;
  address: string;
  error: boolean;
  messages: string[];
}

function group(issues: Issue[], sheets: string[], message: (i: Issue) => string): CellMark[] {
  const present = new Set(sheets.map((s) => s.toLowerCase()));
  const byCell = new Map<string, CellMark>();
  for (const i of issues) {
    const ref = i.cell ? parseCellRef(i.cell) : null;
    if (!ref || !present.has(ref.sheet.toLowerCase())) continue;
    const key = cellRef(ref.sheet, ref.address);
    const mark = byCell.get(key) ?? { ...ref, error: false, messages: [] };
    mark.error ||= i.severity === "error";
    const text = message(i);
    if (!mark.messages.includes(text)) mark.messages.push(text);
    byCell.set(key, mark);
  }
  return [...byCell.values()];
}

/** Queues clearing the old marks and setting new ones (no sync); returns the cells marked. */
export function queueMarks(context: Excel.RequestContext, state: MarkState, issues: Issue[], opts: MarkOptions = {}): string[] {
  const wb = context.workbook;
  const present = new Set(state.sheets.map((s) => s.toLowerCase()));
  for (const old of state.previous) {
    const ref = parseCellRef(old);
    if (ref && present.has(ref.sheet.toLowerCase())) wb.worksheets.getItem(ref.sheet).getRange(ref.address).format.fill.clear();
  }
  for (const note of state.notes?.items ?? []) if (note.content.startsWith(NOTE_PREFIX)) note.delete();

  const marks = group(issues, state.sheets, opts.message ?? ((i) => i.message));
  for (const m of marks) {
    wb.worksheets.getItem(m.sheet).getRange(m.address).format.fill.color = m.error ? ERROR_FILL : WARNING_FILL;
    if (opts.notes && state.notes) wb.notes.add(cellRef(m.sheet, m.address), NOTE_PREFIX + m.messages.join("\n"));
  }
  const cells = marks.map((m) => cellRef(m.sheet, m.address));
  wb.settings.add(MARKS_KEY, cells);
  return cells;
}

/** Loads what marking needs: sheet names, the cells marked before and (optionally) every note. */
export function queueMarkState(context: Excel.RequestContext, opts: MarkOptions = {}): () => MarkState {
  const wb = context.workbook;
  wb.worksheets.load("items/name");
  const previous = wb.settings.getItemOrNullObject(MARKS_KEY).load("value");
  const notes = opts.notes ? wb.notes.load("items/content") : null;
  return () => ({ sheets: wb.worksheets.items.map((s) => s.name), previous: previous.isNullObject ? [] : asMarks(previous.value), notes });
}

/** Marks the issues' cells, clearing earlier marks: two syncs. */
export async function markIssues(context: Excel.RequestContext, issues: Issue[], opts: MarkOptions = {}): Promise<string[]> {
  const state = queueMarkState(context, opts);
  await context.sync();
  const cells = queueMarks(context, state(), issues, opts);
  await context.sync();
  return cells;
}

/** Removes every mark the add-in made: two syncs. */
export async function clearMarks(context: Excel.RequestContext, opts: MarkOptions = {}): Promise<void> {
  await markIssues(context, [], opts);
}
