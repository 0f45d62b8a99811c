// Kiểm tra: validate on the cells and list the problems; a click selects the cell.
import type { Issue } from "../../domain";
import { checkSheets, type CheckResult, selectCell } from "../excel";
import { byId, clear, element } from "./dom";
import { issueText } from "./messages";
import { action, describeError, type Pane, requireHost, status, tr } from "./pane";

export function summary(pane: Pane, issues: Issue[]): string {
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  if (!issues.length) return tr(pane, "checkClean");
  return errors ? tr(pane, "checkSummary", { errors, warnings }) : tr(pane, "warningsOnly", { warnings });
}

export function renderIssues(pane: Pane, issues: Issue[]): void {
  pane.issues = issues;
  const list = byId("issues");
  clear(list);
  byId("check-summary").textContent = summary(pane, issues);
  for (const issue of issues) {
    const cell = issue.cell ?? tr(pane, "noCell");
    const button = element("button", {}, [element("span", { className: "cell", text: cell }), element("span", { text: issueText(issue, pane.lang) })]);
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
  }
}

/** Reads, validates and marks (the cell notes stay in Vietnamese: the workbook is shared). */
export async function runCheck(pane: Pane): Promise<CheckResult> {
  const host = requireHost(pane);
  const result = await host.run((ctx) => checkSheets(ctx, pane.template, host.options));
  const { errors, warnings } = result.evaluation.report;
  renderIssues(pane, [...errors, ...warnings]);
  if (result.markError) byId("check-summary").textContent += ` ${tr(pane, "marksFailed", { message: result.markError })}`;
  return result;
}

export function initCheck(pane: Pane): void {
  pane.onLang.push(() => renderIssues(pane, pane.issues));
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
