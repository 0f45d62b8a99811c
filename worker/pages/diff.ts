// What changed in a snapshot against the unit's previous version, cell by cell, in the printed
// order (appendix, row, column) with the address the cell has on the printed sheet.
import {
  type FigureTree,
  figuresFromTree,
  getFigure,
  leafColumns,
  noteColumn,
  noteOf,
  notePosition,
  type NoteTree,
  printedPosition,
  sheetCell,
  type Template,
  TOTAL_ROW,
  itemIds,
} from "../../domain";

export interface CellChange {
  appendix: string;
  item: string;
  measure: string;
  period: string;
  /** "PL01!H8" on the printed sheet. */
  cell: string | null;
  before?: number;
  after?: number;
}

export function changedCells(template: Template, before: FigureTree | null, after: FigureTree): CellChange[] {
  const a = figuresFromTree(template, after);
  const b = before ? figuresFromTree(template, before) : {};
  const out: CellChange[] = [];
  for (const appendix of template.appendices) {
    const columns = leafColumns(appendix).filter((l) => l.measure && l.period);
    for (const item of [...itemIds(appendix), TOTAL_ROW]) {
      for (const col of columns) {
        const [m, p] = [col.measure!, col.period!];
        const was = getFigure(b, appendix.id, item, m, p);
        const now = getFigure(a, appendix.id, item, m, p);
        if (was === now) continue;
        const at = printedPosition(appendix, item, m, p);
        out.push({
          appendix: appendix.id,
          item,
          measure: m,
          period: p,
          cell: at ? sheetCell(appendix.id, at.row, at.col) : null,
          before: was,
          after: now,
        });
      }
    }
  }
  return out;
}

/** A note that differs between two versions, with the cell of the note column on the printed sheet. */
export interface NoteChange {
  appendix: string;
  item: string;
  cell: string | null;
  before?: string;
  after?: string;
}

/** Notes added, changed or removed against the previous version, in the printed order. */
export function changedNotes(
  template: Template,
  before: NoteTree | null | undefined,
  after: NoteTree | undefined,
): NoteChange[] {
  const out: NoteChange[] = [];
  for (const appendix of template.appendices) {
    if (!noteColumn(appendix)) continue;
    for (const item of itemIds(appendix)) {
      const was = noteOf(before ?? undefined, appendix.id, item);
      const now = noteOf(after, appendix.id, item);
      if (was === now) continue;
      const at = notePosition(appendix, item);
      out.push({
        appendix: appendix.id,
        item,
        cell: at ? sheetCell(appendix.id, at.row, at.col) : null,
        ...(was !== undefined ? { before: was } : {}),
        ...(now !== undefined ? { after: now } : {}),
      });
    }
  }
  return out;
}
