// The templates as the administrator's page lists them: every version, built in with the code or
// stored by an administrator (when and by whom), newest first within each template.
import { listTemplates } from "../../domain";

export interface TemplateVersionRow {
  id: string;
  version: number;
  name: string;
  builtIn: boolean;
  createdAt: string | null;
  createdBy: string | null;
}

const VERSIONS = `SELECT id, version, json_extract(definition, '$.name') AS name, created_at AS createdAt,
  created_by AS createdBy FROM templates ORDER BY id, version DESC`;

export async function templateVersionList(db: D1Database): Promise<TemplateVersionRow[]> {
  const { results } = await db.prepare(VERSIONS).all<Omit<TemplateVersionRow, "builtIn">>();
  const rows: TemplateVersionRow[] = results.map((r) => ({ ...r, builtIn: false }));
  for (const t of listTemplates())
    if (!rows.some((r) => r.id === t.id && r.version === t.version))
      rows.push({ id: t.id, version: t.version, name: t.name, builtIn: true, createdAt: null, createdBy: null });
  return rows.sort((a, b) => a.id.localeCompare(b.id) || b.version - a.version);
}
