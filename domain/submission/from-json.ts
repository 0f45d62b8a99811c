// JSON appendices → entries. Each entry is located on the printed sheet too, so an error in
// an API submission still names the cell a person would look at.
import { findAppendix, printedPosition } from "../template/layout";
import type { Template } from "../template/model";
import { itemIds } from "../template/rows";
import { sheetCell } from "../grid/address";
import { type Issue, IssueCollector } from "../rules/issue";
import { type Entry, TOTAL_ROW } from "./model";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every unknown key is reported, but through `issues`: past the report's limits an issue is
 * only counted, so half a million unknown keys cost one pass over the keys, not half a million
 * rendered messages.
 */
export function entriesFromJson(
  template: Template,
  appendices: unknown,
  issues: IssueCollector = new IssueCollector({ issues: Infinity, bytes: Infinity }),
): { entries: Entry[]; issues: Issue[]; collector: IssueCollector } {
  const entries: Entry[] = [];
  const done = () => ({ entries, issues: [...issues.errors, ...issues.warnings], collector: issues });
  const measures = new Set(template.measures.map((m) => m.id));
  const periods = new Set(template.periods.map((p) => p.id));
  if (!isRecord(appendices)) {
    issues.add("NOT_A_NUMBER", {}, { value: "appendices" });
    return done();
  }

  for (const appendixId of Object.keys(appendices)) {
    const items = appendices[appendixId];
    const appendix = findAppendix(template, appendixId);
    if (!appendix) {
      issues.add("APPENDIX_UNKNOWN", { appendix: appendixId });
      continue;
    }
    if (!isRecord(items)) {
      issues.add("NOT_A_NUMBER", { appendix: appendixId }, () => ({ value: JSON.stringify(items) ?? "" }));
      continue;
    }
    const known = new Set(itemIds(appendix));
    for (const itemId of Object.keys(items)) {
      const byMeasure = items[itemId];
      const isKnown = itemId === TOTAL_ROW || known.has(itemId);
      if (!isKnown || !isRecord(byMeasure)) {
        issues.add(
          isKnown ? "NOT_A_NUMBER" : "ITEM_UNKNOWN",
          { appendix: appendixId, item: itemId },
          { text: itemId, value: itemId },
        );
        continue;
      }
      for (const measureId of Object.keys(byMeasure)) {
        const byPeriod = byMeasure[measureId];
        const at = { appendix: appendixId, item: itemId, measure: measureId };
        if (!measures.has(measureId)) {
          issues.add("MEASURE_UNKNOWN", at);
          continue;
        }
        if (!isRecord(byPeriod)) {
          issues.add("NOT_A_NUMBER", at, () => ({ value: JSON.stringify(byPeriod) ?? "" }));
          continue;
        }
        for (const periodId of Object.keys(byPeriod)) {
          const raw = byPeriod[periodId];
          if (!periods.has(periodId)) {
            issues.add("PERIOD_UNKNOWN", { ...at, period: periodId });
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
  return done();
}
