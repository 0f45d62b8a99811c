// Which template the pane builds, checks and submits with: the one the server will validate
// against. The server answers GET /api/templates/{id} with the newest version an administrator
// stored, or the built-in one (the same definition this pane carries, since the Worker serves
// both). Whatever comes from outside, the server or this computer's storage, passes
// templateProblems before it is used (its Vietnamese texts say what is wrong, issue 16). Without
// a connection the pane uses the server's template saved at the last connection to the same
// server when it is newer than its own, otherwise its built-in one, and says which (issue 14).
import { DEFAULT_TEMPLATE_ID, getTemplate, type Language, type Template, templateProblems } from "../../domain";
import { type ApiClient, ApiFailureError } from "../api";
import { t } from "./i18n";
import type { Store } from "./storage";

/** The server's template as last received, with the server it came from: `{ server, template }`. */
export const TEMPLATE_KEY = "kh157.template";

export type TemplateSource = "built-in" | "saved" | "server";

export interface TemplateChoice {
  template: Template;
  source: TemplateSource;
  /**
   * Why the server's template is not in use although the pane is connected: `detail` in
   * Vietnamese (or the network's own words), `en` the same in English when it differs.
   */
  problem?: { kind: "unreachable" | "invalid"; detail: string; en?: string };
}

/** One problem of a template from outside, in both languages. */
export type ProblemText = Record<Language, string>;

export function builtInTemplate(): Template {
  const template = getTemplate(DEFAULT_TEMPLATE_ID);
  if (!template) throw new Error(`the built-in template ${DEFAULT_TEMPLATE_ID} is missing`);
  return template;
}

export type Accepted = { template: Template; problems: [] } | { template: null; problems: ProblemText[] };

/** A template from outside, if templateProblems finds nothing wrong and it is the template `id`. */
export function acceptTemplate(raw: unknown, id: string): Accepted {
  let problems: ProblemText[];
  try {
    problems = templateProblems(raw).map((p) => ({ vi: p.vi, en: p.en }));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err); // never stop the pane
    problems = [{ vi: `không đọc được: ${detail}`, en: `unreadable: ${detail}` }];
  }
  const candidate = raw as Template;
  if (!problems.length && candidate.id !== id)
    problems = [
      { vi: `mẫu biểu "${candidate.id}" thay vì "${id}"`, en: `template "${candidate.id}" instead of "${id}"` },
    ];
  return problems.length ? { template: null, problems } : { template: candidate, problems: [] };
}

function parseSaved(text: string): { server?: unknown; template?: unknown } | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as { server?: unknown; template?: unknown }) : null;
  } catch {
    return null; // cut short or edited by hand: ignored
  }
}

/**
 * The template before connecting: the one saved from `server` when it is still valid and newer
 * than the built-in one (the server prefers the newer of the two as well), else the built-in one.
 */
export async function startingTemplate(store: Store, server: string | null): Promise<TemplateChoice> {
  const builtIn = builtInTemplate();
  const text = await store.get(TEMPLATE_KEY);
  if (text && server) {
    const saved = parseSaved(text);
    if (saved && saved.server === server) {
      const accepted = acceptTemplate(saved.template, builtIn.id);
      const newer = accepted.template && accepted.template.version > builtIn.version;
      if (newer && accepted.template) return { template: accepted.template, source: "saved" };
    }
  }
  return { template: builtIn, source: "built-in" };
}

/** The first three problems in one language, "; " between them. */
function short(problems: ProblemText[], lang: Language): string {
  return (
    problems
      .slice(0, 3)
      .map((p) => p[lang])
      .join("; ") + (problems.length > 3 ? "; …" : "")
  );
}

/** Why the template could not be fetched, in a few words ("Failed to fetch", "503 HTTP_503"). */
function failureDetail(err: unknown): string {
  if (!(err instanceof ApiFailureError)) return err instanceof Error ? err.message : String(err);
  const f = err.failure;
  return f.kind === "network" ? f.message : f.kind === "http" ? `${f.status} ${f.code}` : `${f.status}`;
}

/**
 * After connecting to `server`: its template, checked, and saved for use without a connection.
 * Unreachable: the template in use stays. Invalid: the built-in one, and the saved copy is dropped.
 */
export async function serverTemplate(
  client: Pick<ApiClient, "template">,
  current: TemplateChoice,
  store: Store,
  server: string,
): Promise<TemplateChoice> {
  const builtIn = builtInTemplate();
  let raw: unknown;
  try {
    raw = await client.template(builtIn.id);
  } catch (err) {
    // A copy received earlier in this session is now the copy saved at the last connection.
    const source = current.source === "built-in" ? "built-in" : "saved";
    return { template: current.template, source, problem: { kind: "unreachable", detail: failureDetail(err) } };
  }
  const accepted = acceptTemplate(raw, builtIn.id);
  if (!accepted.template) {
    await store.remove(TEMPLATE_KEY);
    const { problems } = accepted;
    const problem = { kind: "invalid" as const, detail: short(problems, "vi"), en: short(problems, "en") };
    return { template: builtIn, source: "built-in", problem };
  }
  await store.set(TEMPLATE_KEY, JSON.stringify({ server, template: raw }));
  return { template: accepted.template, source: "server" };
}

/** One sentence saying which template the pane uses, and why when it is not the server's. */
export function templateText(choice: TemplateChoice, lang: Language): string {
  const { template, source, problem } = choice;
  const at = { number: template.document.number, version: template.version };
  const detail = (lang === "en" ? problem?.en : undefined) ?? problem?.detail ?? "";
  if (problem?.kind === "invalid") return t(lang, "template_invalid", { ...at, detail });
  if (problem) {
    const which = t(lang, source === "built-in" ? "template_which_builtIn" : "template_which_saved");
    return t(lang, "template_offline", { ...at, detail, which });
  }
  const key = source === "server" ? "template_server" : source === "saved" ? "template_saved" : "template_builtIn";
  return t(lang, key, at);
}
