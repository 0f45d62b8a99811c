// Templates shipped with the code. The Worker may store more (uploaded by an admin), each
// checked with checkTemplate before use.
import type { Template } from "./model";
import kh157 from "./kh-157-2023.json";
import ctSample from "./ct-2026-2030-mau.json";

/** Plan 157 first (the default); then an illustrative 2026–2030 sample with nested rows (issue 16). */
const BUILT_IN: Template[] = [kh157 as Template, ctSample as Template];

/** The template a request means when it names none: the first plan shipped with the code. */
export const DEFAULT_TEMPLATE_ID = BUILT_IN[0].id;

export function listTemplates(): Template[] {
  return BUILT_IN;
}

export function getTemplate(id: string): Template | undefined {
  return BUILT_IN.find((t) => t.id === id);
}
