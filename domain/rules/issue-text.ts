// An issue (or an API error) in a UI language. The Vietnamese message is the one the server
// wrote; another language is rendered from the stable code, the location and the params, so
// the pages, the pane and the cell notes say the same words.
import type { Language, Params } from "../text/interpolate";
import { isIssueCode, renderMessage } from "./catalogue";

export interface IssueLike {
  code: string;
  message: string;
  appendix?: string | null;
  item?: string | null;
  measure?: string | null;
  period?: string | null;
  cell?: string | null;
  params?: Params;
}

export function issueText(issue: IssueLike, lang: Language): string {
  if (lang === "vi" || !isIssueCode(issue.code)) return issue.message;
  const { appendix, item, measure, period, cell } = issue;
  const at: Params = {};
  for (const [k, v] of Object.entries({ appendix, item, measure, period, cell }))
    if (v !== null && v !== undefined) at[k] = v;
  return renderMessage(issue.code, { ...at, ...(issue.params ?? {}) }, lang);
}
