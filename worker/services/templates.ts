import { getTemplate, listTemplates, type Template } from "../../domain";
import { storedTemplate, storedTemplateIds } from "../db/templates";

/** The newest version of a template: built in with the code, or stored by an admin. */
export async function resolveTemplate(db: D1Database, id: string): Promise<Template | undefined> {
  return newest(getTemplate(id), await storedTemplate(db, id));
}

/** The built-in template unless an admin stored a newer version. */
export function newest(builtIn: Template | undefined, stored: Template | null): Template | undefined {
  if (!stored) return builtIn;
  return !builtIn || stored.version > builtIn.version ? stored : builtIn;
}

export async function allTemplates(db: D1Database): Promise<Template[]> {
  const ids = new Set([...listTemplates().map((t) => t.id), ...(await storedTemplateIds(db)).map((t) => t.id)]);
  const out: Template[] = [];
  for (const id of ids) {
    const t = await resolveTemplate(db, id);
    if (t) out.push(t);
  }
  return out;
}
