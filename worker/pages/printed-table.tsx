// An appendix as an HTML table in the printed layout: printAppendix gives the grid with its
// merged header (rowspan/colspan here), figures are formatted exactly (integer đồng → vi-VN),
// under each figure its share of the province plan when there is one, and (on the review page)
// the cells that changed against the previous version marked with the figure before. The STT
// and item columns stay in view while a phone scrolls the table sideways.
import {
  type Appendix,
  type Figures,
  getFigure,
  leafColumns,
  type NoteTree,
  PRINTED_HEADER_TOP,
  printAppendix,
  type Template,
  TOTAL_ROW,
  itemIds,
  lookup,
} from "../../domain";
import { TableRegion } from "./components";
import type { CellChange, NoteChange } from "./diff";
import { formatFigure, formatPercent } from "./format";
import type { Translate } from "./i18n";

export type Percentages = Record<string, Record<string, Record<string, Record<string, number>>>>;

/** Key of a figure in a changes map: appendix|item|measure|period. */
export function cellKey(c: { appendix: string; item: string; measure: string; period: string }): string {
  return `${c.appendix}|${c.item}|${c.measure}|${c.period}`;
}

interface Props {
  t: Translate;
  template: Template;
  appendix: Appendix;
  figures: Figures;
  percent?: Percentages;
  /** Changed figures by cellKey, with the figure before. */
  changes?: Map<string, CellChange>;
  /** The items' notes, shown in the note column as typed (line breaks kept). */
  notes?: NoteTree;
  /** Changed notes by noteKey, with the note before. */
  noteChanges?: Map<string, NoteChange>;
}

/** Key of a note in a changes map: appendix|item. */
export function noteKey(c: { appendix: string; item: string }): string {
  return `${c.appendix}|${c.item}`;
}

/** The columns that stay in view: STT and the item's label. */
function stickyClass(field: string | undefined): string | undefined {
  return field === "stt" ? "pin-stt" : field === "label" ? "pin-label" : undefined;
}

export function PrintedTable({ t, template, appendix, figures, percent, changes, notes, noteChanges }: Props) {
  const sheet = printAppendix(template, appendix, { figures, notes });
  const leaves = leafColumns(appendix);
  const width = leaves.length;
  const covered = new Set<string>();
  const spans = new Map<string, { rows: number; cols: number }>();
  for (const m of sheet.merges) {
    if (m.row < PRINTED_HEADER_TOP) continue;
    spans.set(`${m.row}:${m.col}`, { rows: m.rows, cols: m.cols });
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }
  const headerRows = Array.from({ length: sheet.bodyStart - PRINTED_HEADER_TOP }, (_, k) => PRINTED_HEADER_TOP + k);
  const bodyRows = Array.from({ length: sheet.totalRow - sheet.bodyStart + 1 }, (_, k) => sheet.bodyStart + k);
  const captionId = `caption-${appendix.id}`;
  const figure = (measure: string, value: number | undefined) =>
    value === undefined ? t("none") : formatFigure(template, measure, value);
  return (
    <TableRegion label={`${appendix.heading}: ${appendix.title}`}>
      <table class="printed" id={`printed-${appendix.id}`} aria-labelledby={captionId}>
        <caption id={captionId}>
          <span class="heading">{appendix.heading}</span>
          {" – "}
          {appendix.title}
        </caption>
        <thead>
          {headerRows.map((r) => (
            <tr>
              {Array.from({ length: width }, (_, c) => {
                if (covered.has(`${r}:${c}`)) return null;
                const span = spans.get(`${r}:${c}`);
                const text = sheet.values[r][c];
                return (
                  <th
                    scope={span && span.cols > 1 ? "colgroup" : "col"}
                    rowspan={span && span.rows > 1 ? span.rows : undefined}
                    colspan={span && span.cols > 1 ? span.cols : undefined}
                    class={span && span.cols > 1 ? undefined : stickyClass(leaves[c].field)}
                  >
                    {text === null ? "" : String(text)}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {bodyRows.map((r) => {
            const item = r === sheet.totalRow ? TOTAL_ROW : itemIds(appendix)[r - sheet.bodyStart];
            // A group row (its figures are its items' sum) reads bold, as on the printed form.
            const group = item !== TOTAL_ROW && lookup(template).row(appendix.id, item)?.group;
            return (
              <tr class={item === TOTAL_ROW ? "total" : group ? "group" : undefined} data-item={item}>
                {leaves.map((leaf) => {
                  if (leaf.measure && leaf.period) {
                    const value = getFigure(figures, appendix.id, item, leaf.measure, leaf.period);
                    const pct = percent?.[appendix.id]?.[item]?.[leaf.measure]?.[leaf.period];
                    const change = changes?.get(
                      cellKey({ appendix: appendix.id, item, measure: leaf.measure, period: leaf.period }),
                    );
                    return (
                      <td class={change ? "num changed" : "num"} data-cell={change?.cell ?? undefined}>
                        {value === undefined ? "" : formatFigure(template, leaf.measure, value)}
                        {change && <span class="was">{t("was", { value: figure(leaf.measure, change.before) })}</span>}
                        {pct !== undefined && (
                          <span class="pct" title={t("percentOfPlan")}>
                            {formatPercent(pct)}
                          </span>
                        )}
                      </td>
                    );
                  }
                  const text = sheet.values[r][leaf.index];
                  if (leaf.field === "note") {
                    const change =
                      item === TOTAL_ROW ? undefined : noteChanges?.get(noteKey({ appendix: appendix.id, item }));
                    return (
                      <td class={change ? "note changed" : "note"} data-cell={change?.cell ?? undefined}>
                        {text === null ? "" : String(text)}
                        {change && <span class="was">{t("was", { value: change.before ?? t("none") })}</span>}
                      </td>
                    );
                  }
                  if (leaf.field === "label")
                    return (
                      <th scope="row" class="pin-label">
                        {text === null ? "" : String(text)}
                      </th>
                    );
                  return (
                    <td class={`center ${stickyClass(leaf.field) ?? ""}`.trim()}>
                      {text === null ? "" : String(text)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
