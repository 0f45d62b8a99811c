// Failure texts in the pane's language. Issues and the server's catalogue errors are rendered
// by the domain's issueText, so the words match what the Worker, the pages and the cell notes say.
import { issueText, type Language } from "../../domain";
import type { ApiFailure } from "../api";
import { t } from "./i18n";

/** A failure that is not a validation report, as one sentence for the person. */
export function failureText(f: Exclude<ApiFailure, { kind: "report" }>, lang: Language): string {
  if (f.kind === "network") return t(lang, "network", { detail: f.message });
  if (f.status === 401) return t(lang, "unauthorized");
  if (f.code === "PERIOD_LOCKED") {
    // The year comes in the error's params; an older server wrote it only into its message.
    const params = f.params ?? { period: /\d{4}/.exec(f.message)?.[0] ?? "" };
    return t(lang, "locked", { message: issueText({ code: f.code, message: f.message, params }, lang) });
  }
  // Without params (an older server) a catalogue code cannot be rendered in English: its message stands.
  const message = f.params ? issueText({ code: f.code, message: f.message, params: f.params }, lang) : f.message;
  return t(lang, "serverError", { message });
}
