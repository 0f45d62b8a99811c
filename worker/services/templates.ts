import { getTemplate, listTemplates, lookup, type Template } from "../../domain";
import { storedTemplate, storedTemplateIds, storedTemplateVersions } from "../db/templates";
import { catalogueError } from "../errors";

/**
 * A template: its newest version (built in with the code, or stored by an admin), or with
 * `version` exactly that version, the one a snapshot was validated against (decision 0012).
 */
export async function resolveTemplate(db: D1Database, id: string, version?: number): Promise<Template | undefined> {
  if (version === undefined) {
    const found = newest(getTemplate(id), await storedTemplate(db, id));
    if (found) newestSeen.set(id, found);
    else newestSeen.delete(id);
    return found;
  }
  return (await templateVersions(db, id, [version])).get(version);
}

/**
 * The newest version of each template this isolate last found (a guess: an administrator may
 * have stored a newer one since). Bounded like the templates held (worker/db/templates.ts).
 */
const newestSeen = new Map<string, Template>();

/**
 * `work` done with the template's newest version (404 TEMPLATE_NOT_FOUND when there is none), in
 * the round trip of its own first reads (decision 0023): when this isolate has seen the template,
 * `work` starts at once with the version last seen while the newest version is read alongside;
 * if that is still the newest (the common case) its answer stands, else (or if the guess failed,
 * a kind only the newer version has) `work` runs again with the newest.
 */
export async function withNewestTemplate<T>(db: D1Database, id: string, work: (t: Template) => Promise<T>): Promise<T> {
  const guess = newestSeen.get(id);
  if (!guess) return work(await requireTemplate(db, id));
  if (newestSeen.size > 64) newestSeen.clear();
  const [actual, answer] = await Promise.all([
    requireTemplate(db, id),
    work(guess).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (actual !== guess) return work(actual);
  if ("error" in answer) throw answer.error;
  return answer.value;
}

/**
 * Exact versions of a template, in one round trip at most. A version equal to the built-in
 * one is the built-in definition (as `newest` chose it when submissions were validated);
 * any other comes from the stored rows, which are never changed once written.
 */
export async function templateVersions(db: D1Database, id: string, versions: number[]): Promise<Map<number, Template>> {
  const out = new Map<number, Template>();
  const builtIn = getTemplate(id);
  const stored: number[] = [];
  for (const v of new Set(versions)) {
    if (builtIn?.version === v) out.set(v, builtIn);
    else stored.push(v);
  }
  if (stored.length) for (const [v, t] of await storedTemplateVersions(db, id, stored)) out.set(v, t);
  return out;
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

/**
 * The template a snapshot is read and printed with: the version it was validated against; the
 * newest only if that definition is gone (a built-in template replaced in code without keeping it).
 */
export async function templateOfSnapshot(
  db: D1Database,
  s: { template: string; templateVersion: number },
): Promise<Template | undefined> {
  return (await resolveTemplate(db, s.template, s.templateVersion)) ?? (await resolveTemplate(db, s.template));
}

/** The template (its newest version, or exactly `version`); 404 TEMPLATE_NOT_FOUND when there is none. */
export async function requireTemplate(db: D1Database, id: string, version?: number): Promise<Template> {
  const template = await resolveTemplate(db, id, version);
  if (!template) throw templateNotFound(id, version);
  return template;
}

/** "kh-157-2023", or "kh-157-2023@3" for one version (the notation of the audit log). */
export function templateNotFound(id: string, version?: number) {
  return catalogueError(404, "TEMPLATE_NOT_FOUND", { template: version === undefined ? id : `${id}@${version}` });
}

/** The kinds a template accepts, for KIND_UNKNOWN: "plan, execution". */
export function kindList(template: Template): string {
  return template.kinds.map((k) => k.id).join(", ");
}

/**
 * A report kind of the template: `kind` when the template declares it (422 KIND_UNKNOWN naming
 * the allowed kinds otherwise), the template's first kind when none is asked for.
 */
export function requireKind(template: Template, kind: string | undefined): string {
  if (kind === undefined) return template.kinds[0].id;
  if (!lookup(template).kind(kind))
    throw catalogueError(422, "KIND_UNKNOWN", { kind, template: template.id, kinds: kindList(template) });
  return kind;
}
