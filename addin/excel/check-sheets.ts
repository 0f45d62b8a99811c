// "Kiểm tra": read the sheets, validate them with the very code the Worker runs, and mark
// the cells. Reading and validating take two syncs; the marks one more.
import { type Evaluation, type Grid, type Template, validateWorkbook } from "../../domain";
import { type MarkOptions, queueMarks } from "./marks";
import { readWorkbookState, type ReadOptions } from "./read-sheets";
import { type BaseVersion, settingsAccess } from "./settings";

export interface CheckResult {
  grids: Grid[];
  evaluation: Evaluation;
  base: BaseVersion | null;
  /** Cells now marked ("PL01!H8"). */
  marked: string[];
  /** Why the marks could not be written (the sheet changed meanwhile, a protected sheet); the results stand. */
  markError?: string;
}

export async function checkSheets(
  context: Excel.RequestContext,
  template: Template,
  opts: MarkOptions & ReadOptions = {},
): Promise<CheckResult> {
  const state = await readWorkbookState(context, template, opts);
  const evaluation = validateWorkbook(template, state.grids);
  const marked = queueMarks(context, state.marks, [...evaluation.report.errors, ...evaluation.report.warnings], opts);
  try {
    await context.sync();
    await settingsAccess(opts).flush();
  } catch (err) {
    return {
      grids: state.grids,
      evaluation,
      base: state.base,
      marked: [],
      markError: err instanceof Error ? err.message : String(err),
    };
  }
  return { grids: state.grids, evaluation, base: state.base, marked };
}
