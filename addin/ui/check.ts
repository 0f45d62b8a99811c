// Kiểm tra: validate on the cells and list the problems; a click selects the cell.
import { type Issue, issueText, placeText, type ValidationReport } from "../../domain";
import { checkSheets, type CheckResult, selectCell } from "../excel";
import { byId, clear, element } from "./dom";
import { action, describeError, type Pane, requireHost, status, tr } from "./pane";

/** Issues a report left out beyond its limits, per severity. */
export type Omitted = NonNullable<ValidationReport["truncated"]>;
const NONE: Omitted = { errors: 0, warnings: 0 };
/** What the list shown now left out (kept for re-rendering in the other language). */
let shownOmitted: Omitted = NONE;

/** A report's `truncated` counts; none when absent (older servers) or not numbers. */
export function omittedOf(report: object): Omitted {
  const t = (report as { truncated?: { errors?: unknown; warnings?: unknown } }).truncated;
  const n = (v: unknown) => (typeof v === "number" && isFinite(v) && v > 0 ? Math.floor(v) : 0);
  return t ? { errors: n(t.errors), warnings: n(t.warnings) } : NONE;
}

export function summary(pane: Pane, issues: Issue[], omitted: Omitted = NONE): string {
  const listed = issues.filter((i) => i.severity === "error").length;
  const errors = listed + omitted.errors;
  const warnings = issues.length - listed + omitted.warnings;
  if (!errors && !warnings) return tr(pane, "checkClean");
  return errors ? tr(pane, "checkSummary", { errors, warnings }) : tr(pane, "warningsOnly", { warnings });
}

export function renderIssues(pane: Pane, issues: Issue[], omitted: Omitted = NONE): void {
  pane.issues = issues;
  shownOmitted = omitted;
  const list = byId("issues");
  clear(list);
  byId("check-summary").textContent = summary(pane, issues, omitted);
  // "… và N lỗi khác" closes the errors, "… và N cảnh báo khác" the warnings (not buttons: no cell).
  const more = (key: "moreErrors" | "moreWarnings", n: number) =>
    n > 0 && list.appendChild(element("li", { className: "more", text: tr(pane, key, { n }) }));
  const errorsEnd = issues.filter((i) => i.severity === "error").length;
  issues.forEach((issue, k) => {
    if (k === errorsEnd) more("moreErrors", omitted.errors);
    const cell = issue.cell ?? tr(pane, "noCell");
    // The cell, the item and year in words ("Mục 1. Bản tin — NSTW năm 2023"), the message; the
    // stable code stays out of sight (data-code, for support).
    const place = placeText(pane.template, issue, pane.lang);
    const button = element("button", {}, [
      element("span", { className: "cell", text: cell }),
      ...(place ? [element("span", { className: "place", text: place })] : []),
      element("span", { text: issueText(issue, pane.lang) }),
    ]);
    button.type = "button";
    button.title = tr(pane, `severity_${issue.severity}`);
    button.dataset.cell = issue.cell ?? "";
    button.dataset.code = issue.code;
    if (issue.cell && pane.host) {
      const ref = issue.cell;
      button.addEventListener("click", () => {
        pane.host!.run((ctx) => selectCell(ctx, ref)).catch((err: unknown) => status(describeError(pane, err)));
      });
    }
    list.appendChild(element("li", { className: issue.severity }, [button]));
  });
  if (errorsEnd === issues.length) more("moreErrors", omitted.errors);
  more("moreWarnings", omitted.warnings);
}

/** Reads, validates and marks (the cell notes stay in Vietnamese: the workbook is shared). */
export async function runCheck(pane: Pane): Promise<CheckResult> {
  const host = requireHost(pane);
  const result = await host.run((ctx) => checkSheets(ctx, pane.template, host.options));
  const { errors, warnings } = result.evaluation.report;
  renderIssues(pane, [...errors, ...warnings], omittedOf(result.evaluation.report));
  if (result.markError)
    byId("check-summary").textContent += ` ${tr(pane, "marksFailed", { message: result.markError })}`;
  return result;
}

export function initCheck(pane: Pane): void {
  pane.rerender.push(() => renderIssues(pane, pane.issues, shownOmitted));
  action(
    pane,
    byId<HTMLButtonElement>("check-button"),
    async () => {
      status(tr(pane, "checking"));
      await runCheck(pane);
      status(byId("check-summary").textContent ?? "");
    },
    byId("check-summary"),
  );
}
