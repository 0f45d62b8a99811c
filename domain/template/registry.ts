// Templates shipped with the code. The Worker may store more (uploaded by an admin), each
// checked with checkTemplate before use.
import type { Template } from "./model";
import kh157 from "./kh-157-2023.json";

const BUILT_IN: Template[] = [kh157 as Template];

export function listTemplates(): Template[] {
  return BUILT_IN;
}

export function getTemplate(id: string): Template | undefined {
  return BUILT_IN.find((t) => t.id === id);
}
