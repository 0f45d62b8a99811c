// Consolidated totals as CSV, in two forms (decision 0020); text is escaped against formula
// injection by the shared CSV writer in both.
//
// - `format=csv`, for programs: one row per appendix × item × measure × period, ids, comma
//   separators, money as canonical decimals with a point, UTF-8 with a BOM. Unchanged since it
//   was documented: a spreadsheet set to Vietnamese reads its points as thousands separators
//   (1209.915 becomes 1209915), so people get the other one.
// - `format=csv-vi`, for people: the breakdown table (services/breakdown.ts) with `;`
//   separators, decimal commas and no thousands separators, Vietnamese headers and words, unit
//   names; UTF-8 with a BOM. Excel and LibreOffice set to Vietnamese open it with every figure
//   exact.
import { appendixMeasures, type CellValue, type Template, TOTAL_ROW, itemRows } from "../../domain";
import { toCsv } from "../xlsx";
import type { Breakdown } from "./breakdown";
import type { ConsolidatedReport } from "./consolidate";

/** The people's CSV of a breakdown table. */
export function peopleCsv(table: Breakdown): string {
  return toCsv([table.header, ...table.rows.map((r) => r.cells)], { bom: true, separator: ";", decimalComma: true });
}

export function consolidatedCsv(template: Template, report: ConsolidatedReport): string {
  const rows: CellValue[][] = [["appendix", "item", "stt", "label", "measure", "period", "value", "plan", "percent"]];
  for (const appendix of template.appendices) {
    const items = [
      ...itemRows(appendix).map(({ item: i }) => ({ id: i.id, stt: i.stt, label: i.label })),
      { id: TOTAL_ROW, stt: "", label: appendix.totalRow.label },
    ];
    for (const row of items) {
      for (const m of appendixMeasures(template, appendix)) {
        for (const p of template.periods) {
          const value = report.appendices[appendix.id]?.[row.id]?.[m.id]?.[p.id];
          const plan = report.plan?.[appendix.id]?.[row.id]?.[m.id]?.[p.id];
          if (value === undefined && plan === undefined) continue;
          const percent = report.percentOfPlan[appendix.id]?.[row.id]?.[m.id]?.[p.id];
          rows.push([
            appendix.id,
            row.id,
            row.stt,
            row.label,
            m.id,
            p.id,
            value ?? null,
            plan ?? null,
            percent ?? null,
          ]);
        }
      }
    }
  }
  return toCsv(rows, { bom: true });
}
