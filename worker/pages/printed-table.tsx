// An appendix as an HTML table in the printed layout: printAppendix gives the grid with its
// merged header (rowspan/colspan here), figures are formatted exactly (integer đồng → vi-VN),
// and under each figure its share of the province plan when there is one.
import {
  type Appendix,
  type Figures,
  getFigure,
  leafColumns,
  PRINTED_HEADER_TOP,
  printAppendix,
  type Template,
  TOTAL_ROW,
} from "../../domain";
import { TableRegion } from "./components";
import { formatFigure, formatPercent } from "./format";
import type { Translate } from "./i18n";

export type Percentages = Record<string, Record<string, Record<string, Record<string, number>>>>;

interface Props {
  t: Translate;
  template: Template;
  appendix: Appendix;
  figures: Figures;
  percent?: Percentages;
}

export function PrintedTable({ t, template, appendix, figures, percent }: Props) {
  const sheet = printAppendix(template, appendix, { figures });
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
            const item = r === sheet.totalRow ? TOTAL_ROW : appendix.items[r - sheet.bodyStart].id;
            return (
              <tr class={item === TOTAL_ROW ? "total" : undefined} data-item={item}>
                {leaves.map((leaf) => {
                  if (leaf.measure && leaf.period) {
                    const value = getFigure(figures, appendix.id, item, leaf.measure, leaf.period);
                    const pct = percent?.[appendix.id]?.[item]?.[leaf.measure]?.[leaf.period];
                    return (
                      <td class="num">
                        {value === undefined ? "" : formatFigure(template, leaf.measure, value)}
                        {pct !== undefined && (
                          <span class="pct" title={t("percentOfPlan")}>
                            {formatPercent(pct)}
                          </span>
                        )}
                      </td>
                    );
                  }
                  const text = sheet.values[r][leaf.index];
                  if (leaf.field === "label") return <th scope="row">{text === null ? "" : String(text)}</th>;
                  return <td class="center">{text === null ? "" : String(text)}</td>;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
