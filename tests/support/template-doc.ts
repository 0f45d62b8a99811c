// The example template of docs/templates.md ("A small example"): one appendix with a group row,
// a computed "Tổng số", a notes column and a signature block. Read from the page itself, so the
// documented example is the one the tests check.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Template } from "../../domain";

export const TEMPLATES_DOC = fileURLToPath(new URL("../../docs/templates.md", import.meta.url));
export const SCHEMA_FILE = fileURLToPath(new URL("../../docs/template.schema.json", import.meta.url));

/** The first ```json block after "## A small example", parsed (a fresh copy on every call). */
export function docExample(): Template {
  const doc = readFileSync(TEMPLATES_DOC, "utf8");
  const section = doc.slice(doc.indexOf("## A small example"));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error("docs/templates.md: the example is missing");
  return JSON.parse(block[1]) as Template;
}
