// The one validation pipeline every carrier uses: read (grid or JSON) → flat entries →
// value rules → arithmetic → consistency. The add-in runs it for instant feedback; the
// Worker runs it again as the authority.
import { readWorkbook } from "./grid/read-workbook";
import type { Grid } from "./grid/model";
import { checkConsistency } from "./rules/consistency";
import { type Issue, issue, toReport, type ValidationReport } from "./rules/issue";
import { locator } from "./rules/locate";
import { completeTotals, itemMeasures } from "./rules/totals";
import { localeHint, readValue } from "./rules/values";
import { entriesFromJson } from "./submission/from-json";
import { type Entry, type Figures, setFigure, TOTAL } from "./submission/model";
import { figuresFromTree } from "./submission/canonical";
import type { Template } from "./template/model";

export interface Evaluation {
  /** Complete figures (totals computed); meaningful only when report.valid. */
  figures: Figures;
  report: ValidationReport;
}

export interface EvaluateOptions {
  /** Compare with the province plan (warnings); on by default. */
  comparePlan?: boolean;
}

const planCache = new WeakMap<Template, Figures | undefined>();

/** The template's own province plan, completed with totals. */
export function planFigures(template: Template): Figures | undefined {
  if (!planCache.has(template)) {
    planCache.set(template, template.plan ? completeTotals(template, figuresFromTree(template, template.plan)).figures : undefined);
  }
  return planCache.get(template);
}

function carries(template: Template, e: Entry): boolean {
  const appendix = template.appendices.find((a) => a.id === e.appendix)!;
  if (e.item === TOTAL) return appendix.totalRow.measures.includes(e.measure);
  const item = appendix.items.find((i) => i.id === e.item)!;
  return itemMeasures(template, item).includes(e.measure);
}

export function evaluate(template: Template, entries: Entry[], structural: Issue[], opts: EvaluateOptions = {}): Evaluation {
  const issues = [...structural];
  const given: Figures = {};
  const hints = new Map<string, ReturnType<typeof localeHint>>();
  for (const a of template.appendices) hints.set(a.id, localeHint(entries.filter((e) => e.appendix === a.id)));

  for (const e of entries) {
    if (e.raw === null) continue;
    const measure = template.measures.find((m) => m.id === e.measure)!;
    if (!carries(template, e)) {
      issues.push(issue("MEASURE_NOT_APPLICABLE", e, { measureLabel: measure.label.toLowerCase() }));
      continue;
    }
    const read = readValue(template, measure, e, hints.get(e.appendix));
    issues.push(...read.issues);
    if (read.value !== undefined) setFigure(given, e.appendix, e.item, e.measure, e.period, read.value);
  }

  const where = locator(template, entries);
  const { figures, issues: arithmetic } = completeTotals(template, given, where);
  issues.push(...arithmetic);
  if (!issues.some((i) => i.severity === "error")) {
    issues.push(...checkConsistency(template, figures, where, { plan: opts.comparePlan === false ? undefined : planFigures(template) }));
  }
  return { figures, report: toReport(issues) };
}

export function validateJsonAppendices(template: Template, appendices: unknown, opts?: EvaluateOptions): Evaluation {
  const { entries, issues } = entriesFromJson(template, appendices);
  return evaluate(template, entries, issues, opts);
}

export function validateWorkbook(template: Template, grids: Grid[], opts?: EvaluateOptions): Evaluation {
  const { entries, issues } = readWorkbook(template, grids);
  return evaluate(template, entries, issues, opts);
}
