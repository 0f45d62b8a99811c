// Issue and failure texts in the pane's language. Issues use the domain catalogue, so the
// words match what the Worker and the cell notes say.
import { CATALOGUE, type Issue, type IssueCode, renderMessage } from "../../domain";
import type { ApiFailure } from "../api";
import { type Lang, t } from "./i18n";

export function issueText(issue: Issue, lang: Lang): string {
  if (!(issue.code in CATALOGUE)) return issue.message;
  const at = { appendix: issue.appendix, item: issue.item, measure: issue.measure, period: issue.period, cell: issue.cell };
  const params = Object.fromEntries(Object.entries({ ...at, ...(issue.params ?? {}) }).filter(([, v]) => v !== null && v !== undefined)) as Record<
    string,
    string | number
  >;
  return renderMessage(issue.code as IssueCode, params, lang);
}

/** A failure that is not a validation report, as one sentence for the person. */
export function failureText(f: Exclude<ApiFailure, { kind: "report" }>, lang: Lang): string {
  if (f.kind === "network") return t(lang, "network", { detail: f.message });
  if (f.status === 401) return t(lang, "unauthorized");
  if (f.code === "PERIOD_LOCKED") {
    const period = /\d{4}/.exec(f.message)?.[0] ?? "";
    const message = lang === "vi" ? f.message : renderMessage("PERIOD_LOCKED", { period }, "en");
    return t(lang, "locked", { message });
  }
  return t(lang, "serverError", { message: f.message });
}
