// JSON appendices → entries. Each entry is located on the printed sheet too, so an error in
// an API submission still names the cell a person would look at.
import { findAppendix, printedPosition } from "../template/layout";
import type { Template } from "../template/model";
import { sheetCell } from "../grid/address";
import { type Issue, issue } from "../rules/issue";
import { type Entry, TOTAL } from "./model";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function entriesFromJson(template: Template, appendices: unknown): { entries: Entry[]; issues: Issue[] } {
  const entries: Entry[] = [];
  const issues: Issue[] = [];
  const measures = new Set(template.measures.map((m) => m.id));
  const periods = new Set(template.periods.map((p) => p.id));
  if (!isRecord(appendices)) return { entries, issues: [issue("NOT_A_NUMBER", {}, { value: "appendices" })] };

  for (const [appendixId, items] of Object.entries(appendices)) {
    const appendix = findAppendix(template, appendixId);
    if (!appendix) {
      issues.push(issue("APPENDIX_UNKNOWN", { appendix: appendixId }));
      continue;
    }
    if (!isRecord(items)) {
      issues.push(issue("NOT_A_NUMBER", { appendix: appendixId }, { value: JSON.stringify(items) ?? "" }));
      continue;
    }
    for (const [itemId, byMeasure] of Object.entries(items)) {
      const known = itemId === TOTAL || appendix.items.some((i) => i.id === itemId);
      if (!known || !isRecord(byMeasure)) {
        issues.push(issue(known ? "NOT_A_NUMBER" : "ITEM_UNKNOWN", { appendix: appendixId, item: itemId }, { text: itemId, value: itemId }));
        continue;
      }
      for (const [measureId, byPeriod] of Object.entries(byMeasure)) {
        const at = { appendix: appendixId, item: itemId, measure: measureId };
        if (!measures.has(measureId)) {
          issues.push(issue("MEASURE_UNKNOWN", at));
          continue;
        }
        if (!isRecord(byPeriod)) {
          issues.push(issue("NOT_A_NUMBER", at, { value: JSON.stringify(byPeriod) ?? "" }));
          continue;
        }
        for (const [periodId, raw] of Object.entries(byPeriod)) {
          if (!periods.has(periodId)) {
            issues.push(issue("PERIOD_UNKNOWN", { ...at, period: periodId }));
            continue;
          }
          if (raw === null) continue;
          const pos = printedPosition(appendix, itemId, measureId, periodId);
          const cell = pos ? sheetCell(appendixId, pos.row, pos.col) : null;
          entries.push({ ...at, period: periodId, raw, cell, source: "json" });
        }
      }
    }
  }
  return { entries, issues };
}
