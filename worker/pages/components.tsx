// Small pieces several pages share: a status badge, an issues table (sheet, cell, message),
// a table region that scrolls on its own and can be reached with the keyboard.
import type { Child } from "hono/jsx";
import { type Issue, type IssueCode, type Language, renderMessage } from "../../domain";
import type { Translate } from "./i18n";

export type Status = "submitted" | "approved" | "returned" | "missing";

export function Badge({ t, status }: { t: Translate; status: Status }) {
  return <span class={`badge ${status}`}>{t(`status.${status}`)}</span>;
}

/** A wide table: scrolls sideways inside a focusable, labelled region on small screens. */
export function TableRegion({ label, children }: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}

export interface ShownIssue {
  code: string;
  message: string;
  cell: string | null;
  appendix?: string | null;
  item?: string | null;
  measure?: string | null;
  period?: string | null;
  params?: Record<string, string | number>;
}

/** The message in the page language: the catalogue has both; anything else keeps its Vietnamese text. */
export function issueMessage(issue: ShownIssue, lang: Language): string {
  if (lang === "vi" || !issue.params) return issue.message;
  try {
    const { appendix, item, measure, period, cell } = issue;
    return renderMessage(issue.code as IssueCode, { appendix: appendix ?? "", item: item ?? "", measure: measure ?? "", period: period ?? "", cell: cell ?? "", ...issue.params }, "en");
  } catch {
    return issue.message;
  }
}

function splitCell(issue: ShownIssue): [string, string] {
  const [sheet, cell] = issue.cell?.includes("!") ? issue.cell.split("!") : [issue.appendix ?? "", issue.cell ?? ""];
  return [sheet, cell];
}

export function IssuesTable({ t, lang, issues, caption }: { t: Translate; lang: Language; issues: (Issue | ShownIssue)[]; caption: string }) {
  return (
    <TableRegion label={caption}>
      <table class="stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sheet")}</th>
            <th scope="col">{t("cell")}</th>
            <th scope="col">{t("message")}</th>
            <th scope="col">{t("code")}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => {
            const [sheet, cell] = splitCell(issue);
            return (
              <tr>
                <td data-label={t("sheet")}>{sheet || t("none")}</td>
                <td data-label={t("cell")} class="mono">{cell || t("none")}</td>
                <td data-label={t("message")}>{issueMessage(issue, lang)}</td>
                <td data-label={t("code")} class="mono">{issue.code}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
