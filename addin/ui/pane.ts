// The pane's shared state and the few helpers every section uses.
import { type Issue, issueText, type Language, type Me, type Params, type Template } from "../../domain";
import { type ApiClient, ApiFailureError } from "../api";
import { failureText } from "./messages";
import { byId } from "./dom";
import type { ExcelHost } from "./host";
import { type MessageKey, t } from "./i18n";
import type { Store } from "./storage";
import type { TemplateChoice } from "./template-source";

export interface Pane {
  /** The template every action uses: the server's once connected (templateChoice.template). */
  template: Template;
  /** Where `template` came from, and why it is not the server's when it is not. */
  templateChoice: TemplateChoice;
  host: ExcelHost | null;
  store: Store;
  lang: Language;
  client: ApiClient | null;
  me: Me | null;
  server: string;
  unitNames: Record<string, string>;
  /** Issues shown in Kiểm tra (re-rendered when the language changes). */
  issues: Issue[];
  /** Re-render what depends on the language or the template. */
  rerender: (() => void)[];
}

export function tr(pane: Pane, key: MessageKey, params?: Params): string {
  return t(pane.lang, key, params);
}

/** From now on the pane builds, checks, submits and writes totals with this template. */
export function useTemplate(pane: Pane, choice: TemplateChoice): void {
  pane.template = choice.template;
  pane.templateChoice = choice;
  for (const rerender of pane.rerender) rerender();
}

export function kind(): string {
  return byId<HTMLSelectElement>("kind").value;
}

export function status(text: string): void {
  byId("status").textContent = text;
}

/** A failure of any kind as one sentence (validation reports are handled by their callers). */
export function describeError(pane: Pane, err: unknown): string {
  if (err instanceof ApiFailureError) {
    const f = err.failure;
    if (f.kind !== "report") return failureText(f, pane.lang);
    return tr(pane, "serverError", { message: f.report.errors.map((i) => issueText(i, pane.lang)).join(" ") });
  }
  // Office.js errors carry a code (OfficeExtension.Error.code); an old Excel that cannot wait for
  // the person to finish typing in a cell fails the batch with this one.
  if ((err as { code?: unknown } | null)?.code === "InvalidOperationInCellEditMode") return tr(pane, "cellEditing");
  return tr(pane, "excelFailed", { message: err instanceof Error ? err.message : String(err) });
}

/** Runs a button's work with the button disabled; failures land in `out` (or the status line). */
export function action(pane: Pane, button: HTMLButtonElement, work: () => Promise<void>, out?: HTMLElement): void {
  button.addEventListener("click", async () => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await work();
    } catch (err) {
      const text = describeError(pane, err);
      if (out) {
        out.textContent = text;
        out.hidden = false;
      }
      status(text);
    } finally {
      button.disabled = false;
    }
  });
}

export function requireClient(pane: Pane): ApiClient {
  if (!pane.client || !pane.me) throw new Error(tr(pane, "needConnect"));
  return pane.client;
}

export function requireHost(pane: Pane): ExcelHost {
  if (!pane.host) throw new Error(tr(pane, "notInExcel"));
  return pane.host;
}
