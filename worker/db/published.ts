export interface PublishedRow {
  id: string;
  template: string;
  kind: string;
  basis: string;
  asOf: string;
  sha256: string;
  createdAt: string;
  createdBy: string;
}

const COLUMNS = "id, template_id AS template, kind, basis, as_of AS asOf, sha256, created_at AS createdAt, created_by AS createdBy";
const INSERT = "INSERT INTO published (id, template_id, kind, basis, as_of, body, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

export function insertPublishedStatement(db: D1Database, p: PublishedRow & { body: string }) {
  return db.prepare(INSERT).bind(p.id, p.template, p.kind, p.basis, p.asOf, p.body, p.sha256, p.createdAt, p.createdBy);
}

export async function listPublished(db: D1Database, template?: string): Promise<PublishedRow[]> {
  const sql = `SELECT ${COLUMNS} FROM published ${template ? "WHERE template_id = ?" : ""} ORDER BY created_at DESC`;
  const stmt = db.prepare(sql);
  return (await (template ? stmt.bind(template) : stmt).all<PublishedRow>()).results;
}

export async function getPublished(db: D1Database, id: string): Promise<(PublishedRow & { body: string }) | null> {
  return db.prepare(`SELECT ${COLUMNS}, body FROM published WHERE id = ?`).bind(id).first();
}
