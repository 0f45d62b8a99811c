// Templates shipped with the code. The Worker may store more (uploaded by an admin), each
// checked with checkTemplate before use.
import type { Template } from "./model";
import kh157 from "./kh-157-2023.json";

const BUILT_IN: Template[] = [kh157 as Template];

/** The template a request means when it names none: the first plan shipped with the code. */
export const DEFAULT_TEMPLATE_ID = BUILT_IN[0].id;

export function listTemplates(): Template[] {
  return BUILT_IN;
}

export function getTemplate(id: string): Template | undefined {
  return BUILT_IN.find((t) => t.id === id);
}
