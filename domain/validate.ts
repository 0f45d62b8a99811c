// The one validation pipeline every carrier uses: read (grid or JSON) → flat entries →
// value rules → arithmetic → consistency. The add-in runs it for instant feedback; the
// Worker runs it again as the authority.
import { readWorkbook } from "./grid/read-workbook";
import type { Grid } from "./grid/model";
import { resolveCachedFormulas } from "./rules/cached-formulas";
import { checkCellFormats } from "./rules/cell-formats";
import { checkConsistency } from "./rules/consistency";
import { checkFormulas } from "./rules/formulas";
import { type Issue, IssueCollector, type ValidationReport } from "./rules/issue";
import { sortIssues } from "./rules/issue-place";
import { locator } from "./rules/locate";
import { completeTotals, figureKey, itemMeasures, rowParts } from "./rules/totals";
import { localeHint, readValue } from "./rules/values";
import { entriesFromJson } from "./submission/from-json";
import { type Entry, type Figures, setFigure, TOTAL_ROW } from "./submission/model";
import { figuresFromTree } from "./submission/canonical";
import { checkNotes, notesFromJson } from "./submission/notes";
import { lookup } from "./template/lookup";
import type { NoteTree, Template } from "./template/model";

export interface Evaluation {
  /** Complete figures (totals computed); meaningful only when report.valid. */
  figures: Figures;
  /** The items' notes (cleaned, non-empty); never summed. Meaningful only when report.valid. */
  notes: NoteTree;
  report: ValidationReport;
}

export interface EvaluateOptions {
  /** Compare with the province plan (warnings); on by default. */
  comparePlan?: boolean;
  /** The notes read with the entries (already checked by checkNotes); none when absent. */
  notes?: NoteTree;
}

const planCache = new WeakMap<Template, Figures | undefined>();

/** The template's own province plan, completed with totals. */
export function planFigures(template: Template): Figures | undefined {
  if (!planCache.has(template)) {
    planCache.set(
      template,
      template.plan ? completeTotals(template, figuresFromTree(template, template.plan)).figures : undefined,
    );
  }
  return planCache.get(template);
}

/** Whether the entry's row carries its measure; entries come from the readers, so ids are known. */
function carries(template: Template, e: Entry): boolean {
  const at = lookup(template);
  if (e.item === TOTAL_ROW) return at.appendix(e.appendix)?.totalRow.measures.includes(e.measure) ?? false;
  const appendix = at.appendix(e.appendix);
  const item = at.item(e.appendix, e.item);
  return appendix !== undefined && item !== undefined && itemMeasures(template, appendix, item).includes(e.measure);
}

/**
 * `structural` may be a collector already holding the reading's issues; either way the report
 * lists at most REPORT_LIMITS per severity and counts the rest (`truncated`).
 */
export function evaluate(
  template: Template,
  entries: Entry[],
  structural: Issue[] | IssueCollector,
  opts: EvaluateOptions = {},
): Evaluation {
  const issues = structural instanceof IssueCollector ? structural : new IssueCollector().pushAll(structural);
  const given: Figures = {};
  const hints = new Map<string, ReturnType<typeof localeHint>>();
  for (const a of template.appendices) hints.set(a.id, localeHint(entries.filter((e) => e.appendix === a.id)));

  // Typed figures refused below: the totals that depend on them are not checked (one mistake, one
  // message). Totals are read after the cells they add up, so that a total Excel computed from a
  // refused cell (a "Tổng cộng" of -45 after a typed -160) is not reported a second time.
  const at = lookup(template);
  const phase = at.totalPeriod.id;
  const rejected = new Set<string>();
  // A computed figure: a phase total, a computed measure, a group row or "Tổng cộng".
  const isTotal = (e: Entry) =>
    e.item === TOTAL_ROW || e.period === phase || !!at.measure(e.measure)?.sumOf || !!at.row(e.appendix, e.item)?.group;
  /** Whether a figure is, or adds up, a refused one (bounded by the depth of the item tree). */
  const followsRefused = (a: string, i: string, m: string, p: string): boolean => {
    if (rejected.has(figureKey(a, i, m, p))) return true;
    if (p === phase && at.years.some((y) => followsRefused(a, i, m, y.id))) return true;
    const parts = at.measure(m)?.sumOf;
    if (parts?.some((c) => followsRefused(a, i, c, p))) return true;
    const sums = i === TOTAL_ROW || at.row(a, i)?.group;
    return !!sums && rowParts(template, at.appendix(a)!, i, m).some((c) => followsRefused(a, c, m, p));
  };
  for (const e of [...entries.filter((x) => !isTotal(x)), ...entries.filter(isTotal)]) {
    if (e.raw === null) continue;
    const key = figureKey(e.appendix, e.item, e.measure, e.period);
    const measure = at.measure(e.measure);
    if (!measure || !carries(template, e)) {
      rejected.add(key);
      issues.add("MEASURE_NOT_APPLICABLE", e, { measureLabel: (measure?.label ?? e.measure).toLowerCase() });
      continue;
    }
    const read = readValue(template, measure, e, hints.get(e.appendix));
    if (read.value === undefined && isTotal(e) && followsRefused(e.appendix, e.item, e.measure, e.period)) {
      rejected.add(key);
      continue;
    }
    issues.pushAll(read.issues);
    if (read.value !== undefined) setFigure(given, e.appendix, e.item, e.measure, e.period, read.value);
    else rejected.add(key);
  }

  const where = locator(template, entries);
  const { figures, issues: arithmetic } = completeTotals(template, given, where, rejected);
  issues.pushAll(arithmetic);
  if (!issues.hasErrors) {
    issues.pushAll(
      checkConsistency(template, figures, where, {
        plan: opts.comparePlan === false ? undefined : planFigures(template),
      }),
    );
  }
  const report = issues.report();
  return {
    figures,
    notes: opts.notes ?? {},
    report: { ...report, errors: sortIssues(template, report.errors), warnings: sortIssues(template, report.warnings) },
  };
}

/** `notes`: the body's `notes` (appendix → item → text), when it has any. */
export function validateJsonAppendices(
  template: Template,
  appendices: unknown,
  opts?: Omit<EvaluateOptions, "notes">,
  notes?: unknown,
): Evaluation {
  const { entries, collector } = entriesFromJson(template, appendices, new IssueCollector());
  const noteTree = checkNotes(notesFromJson(template, notes, collector), collector);
  return evaluate(template, entries, collector, { ...opts, notes: noteTree });
}

export function validateWorkbook(template: Template, grids: Grid[], opts?: EvaluateOptions): Evaluation {
  // The reader hands its issues straight to the capped collector: past the cap they are counted, never built.
  const collector = new IssueCollector();
  // Formula results the file saved but that are not the values (a recalculation asked for, none saved): computed where
  // simple, else unknown.
  const formulas = resolveCachedFormulas(template, grids);
  const { entries, notes } = readWorkbook(template, formulas.grids, collector);
  formulas.settle(entries);
  checkFormulas(template, formulas.grids, entries, collector);
  checkCellFormats(template, formulas.grids, entries, collector);
  return evaluate(template, entries, collector, { ...opts, notes: checkNotes(notes, collector) });
}
