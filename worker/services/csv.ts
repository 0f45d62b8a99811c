// Consolidated totals as CSV: one row per appendix × item × measure × period, money as
// canonical decimals (dot), UTF-8 with a BOM so Excel reads the Vietnamese labels.
import type { Template } from "../../domain";
import type { ConsolidatedReport } from "./consolidate";

/** Quotes per RFC 4180 and defuses text a spreadsheet would run as a formula. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function consolidatedCsv(template: Template, report: ConsolidatedReport): string {
  const lines = [["appendix", "item", "stt", "label", "measure", "period", "value", "plan", "percent"].join(",")];
  for (const appendix of template.appendices) {
    const rows = [...appendix.items.map((i) => ({ id: i.id, stt: i.stt, label: i.label })), { id: "total", stt: "", label: appendix.totalRow.label }];
    for (const row of rows) {
      for (const m of template.measures) {
        for (const p of template.periods) {
          const value = report.appendices[appendix.id]?.[row.id]?.[m.id]?.[p.id];
          const plan = report.plan?.[appendix.id]?.[row.id]?.[m.id]?.[p.id];
          if (value === undefined && plan === undefined) continue;
          const percent = report.percentOfPlan[appendix.id]?.[row.id]?.[m.id]?.[p.id];
          lines.push([appendix.id, row.id, row.stt, row.label, m.id, p.id, value, plan, percent].map((v) => csvField(v as string | number | undefined)).join(","));
        }
      }
    }
  }
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}
