// Problems shown where they are: a fill colour on the cell and a note with the message. The
// cells marked are remembered in the workbook, so the next check clears exactly those (and
// only the add-in's own notes, recognised by their prefix) before marking again. A note the
// person wrote is never touched: that cell gets the colour only, and the message stays in the
// pane's list.
import type { Issue } from "../../domain";
import { has, type HostOptions } from "./capabilities";
import { cellKey, cellRef, parseCellRef } from "./cell-ref";
import { type MarkState, NOTE_PREFIX, splitLoadedAddress } from "./read-sheets";
import { asMarks, MARKS_KEY, settingsAccess } from "./settings";

export { NOTE_PREFIX } from "./read-sheets";
export const ERROR_FILL = "#FFC7CE";
export const WARNING_FILL = "#FFEB9C";

export interface MarkOptions extends HostOptions {
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
  const present = new Map(sheets.map((s) => [s.toLowerCase(), s]));
  const byCell = new Map<string, CellMark>();
  for (const i of issues) {
    const ref = i.cell ? parseCellRef(i.cell) : null;
    const sheet = ref && present.get(ref.sheet.toLowerCase());
    if (!ref || !sheet) continue;
    const key = cellKey(sheet, ref.address);
    const mark = byCell.get(key) ?? { sheet, address: ref.address, error: false, messages: [] };
    mark.error ||= i.severity === "error";
    const text = message(i);
    if (!mark.messages.includes(text)) mark.messages.push(text);
    byCell.set(key, mark);
  }
  return [...byCell.values()];
}

/** Queues clearing the old marks and setting new ones (no sync); returns the cells marked. */
export function queueMarks(
  context: Excel.RequestContext,
  state: MarkState,
  issues: Issue[],
  opts: MarkOptions = {},
): string[] {
  const wb = context.workbook;
  const present = new Set(state.sheets.map((s) => s.toLowerCase()));
  for (const old of state.previous) {
    const ref = parseCellRef(old);
    if (ref && present.has(ref.sheet.toLowerCase()))
      wb.worksheets.getItem(ref.sheet).getRange(ref.address).format.fill.clear();
  }
  for (const note of state.ownNotes) note.delete();

  const marks = group(issues, state.sheets, opts.message ?? ((i) => i.message));
  const notes = has(opts.caps, "notes");
  for (const m of marks) {
    wb.worksheets.getItem(m.sheet).getRange(m.address).format.fill.color = m.error ? ERROR_FILL : WARNING_FILL;
    if (notes && !state.personNotes.has(cellKey(m.sheet, m.address)))
      wb.notes.add(cellRef(m.sheet, m.address), NOTE_PREFIX + m.messages.join("\n"));
  }
  const cells = marks.map((m) => cellRef(m.sheet, m.address));
  settingsAccess(opts).write(context, MARKS_KEY, cells);
  return cells;
}

/**
 * Marks the issues' cells, clearing earlier marks: two syncs, or three where notes exist
 * (where the notes sit is known only once they are listed).
 */
export async function markIssues(
  context: Excel.RequestContext,
  issues: Issue[],
  opts: MarkOptions = {},
): Promise<string[]> {
  const wb = context.workbook;
  const settings = settingsAccess(opts);
  wb.worksheets.load("items/name");
  const previous = settings.read(context, MARKS_KEY);
  const notes = has(opts.caps, "notes") ? wb.notes.load("items/content") : null;
  await context.sync();

  const listed = (notes?.items ?? []).map((note) => ({ note, own: note.content.startsWith(NOTE_PREFIX) }));
  const theirs = listed.filter((n) => !n.own && issues.length).map((n) => n.note.getLocation().load("address"));
  if (theirs.length) await context.sync();
  const state: MarkState = {
    sheets: wb.worksheets.items.map((s) => s.name),
    previous: asMarks(previous()),
    ownNotes: listed.filter((n) => n.own).map((n) => n.note),
    personNotes: new Set(theirs.map((r) => cellKey(...splitLoadedAddress(r.address)))),
  };
  const cells = queueMarks(context, state, issues, opts);
  await context.sync();
  await settings.flush();
  return cells;
}

/** Removes every mark the add-in made: two syncs. */
export async function clearMarks(context: Excel.RequestContext, opts: MarkOptions = {}): Promise<void> {
  await markIssues(context, [], opts);
}
