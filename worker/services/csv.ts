// Consolidated totals as CSV: one row per appendix × item × measure × period, money as
// canonical decimals (dot), UTF-8 with a BOM so Excel reads the Vietnamese labels; text is
// escaped against formula injection by the shared CSV writer.
import { type CellValue, type Template, TOTAL_ROW } from "../../domain";
import { toCsv } from "../xlsx";
import type { ConsolidatedReport } from "./consolidate";

export function consolidatedCsv(template: Template, report: ConsolidatedReport): string {
  const rows: CellValue[][] = [["appendix", "item", "stt", "label", "measure", "period", "value", "plan", "percent"]];
  for (const appendix of template.appendices) {
    const items = [
      ...appendix.items.map((i) => ({ id: i.id, stt: i.stt, label: i.label })),
      { id: TOTAL_ROW, stt: "", label: appendix.totalRow.label },
    ];
    for (const row of items) {
      for (const m of template.measures) {
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
