// Small pieces several pages share: a status badge, an issues table (sheet, cell, message),
// a table region that scrolls on its own and can be reached with the keyboard, an error code
// behind a disclosure, a version's source in words.
import type { Child } from "hono/jsx";
import {
  type Issue,
  type IssueLike,
  issueText,
  type Language,
  placeText,
  type ReviewStatus,
  type Template,
  type Timeliness,
} from "../../domain";
import type { Translate } from "./i18n";

/** A version's review state, or "missing" for an expected unit that has not submitted. */
export type Status = ReviewStatus | "missing";

export function Badge({ t, status }: { t: Translate; status: Status }) {
  return <span class={`badge ${status}`}>{t(`status.${status}`)}</span>;
}

/** The badge colours (app.css) a timeliness shares with review states: on time as approved, overdue as returned. */
const TIMELINESS_BADGE: Record<Timeliness, Status> = {
  on_time: "approved",
  late: "submitted",
  not_due: "missing",
  overdue: "returned",
};

/** On time, late, not yet due or overdue (issue 17); a dash where the report kind has no deadline. */
export function TimelinessBadge({ t, timeliness }: { t: Translate; timeliness: Timeliness | null | undefined }) {
  if (!timeliness) return <>{t("none")}</>;
  return (
    <span class={`badge ${TIMELINESS_BADGE[timeliness]}`} data-timeliness={timeliness}>
      {t(`timeliness.${timeliness}`)}
    </span>
  );
}

/** A stable code (an error's, for support) kept out of sight behind a disclosure. */
export function CodeDetails({ t, code }: { t: Translate; code: string }) {
  return (
    <details class="code">
      <summary>{t("code")}</summary>
      <code>{code}</code>
    </details>
  );
}

/** How a version reached the server, in an office's words ("api" is another program sending it). */
export function sourceText(t: Translate, source: string): string {
  return t(`source.${source as "upload" | "addin" | "api"}`);
}

/** A wide table: scrolls sideways inside a focusable, labelled region on small screens. */
export function TableRegion({ label, children }: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}

/** An issue as stored or answered (warnings kept with a snapshot, a report's errors). */
export type ShownIssue = IssueLike & { cell: string | null };

function splitCell(issue: ShownIssue): [string, string] {
  const [sheet, cell] = issue.cell?.includes("!") ? issue.cell.split("!") : [issue.appendix ?? "", issue.cell ?? ""];
  return [sheet, cell];
}

/**
 * A report's issues as an officer reads them: the sheet and cell, the item and year in words
 * (with the template), the message; the stable code only behind a disclosure, for support.
 */
export function IssuesTable({
  t,
  lang,
  issues,
  caption,
  template,
}: {
  t: Translate;
  lang: Language;
  issues: (Issue | ShownIssue)[];
  caption: string;
  template?: Template;
}) {
  return (
    <TableRegion label={caption}>
      <table class="stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sheet")}</th>
            <th scope="col">{t("cell")}</th>
            {template && <th scope="col">{t("place")}</th>}
            <th scope="col">{t("message")}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => {
            const [sheet, cell] = splitCell(issue);
            return (
              <tr>
                <td data-label={t("sheet")}>{sheet || t("none")}</td>
                <td data-label={t("cell")} class="mono">
                  {cell || t("none")}
                </td>
                {template && <td data-label={t("place")}>{placeText(template, issue, lang) || t("none")}</td>}
                <td data-label={t("message")}>
                  {issueText(issue, lang)}
                  <CodeDetails t={t} code={issue.code} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
