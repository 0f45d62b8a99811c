// What one unit has stored under one template, for the storage quota (worker/quota.ts).

/**
 * Snapshots of every report kind and distinct uploaded files of a unit under a template. Only
 * that unit's entries of the index snapshots_unit (template_id, unit) are read (migration 0005),
 * so the cost is bounded by the quota itself, whatever the other units have stored.
 */
const USAGE = `SELECT count(*) AS snapshots, count(DISTINCT file_key) AS files
  FROM snapshots INDEXED BY snapshots_unit WHERE template_id = ? AND unit = ?`;

export interface UnitUsage {
  snapshots: number;
  files: number;
}

/** The usage query as a statement, so a submission reads it in the batch it reads everything else in. */
export function usageStatement(db: D1Database, template: string, unit: string): D1PreparedStatement {
  return db.prepare(USAGE).bind(template, unit);
}

export function usageOf(result: D1Result): UnitUsage {
  const row = result.results[0] as UnitUsage | undefined;
  return { snapshots: row?.snapshots ?? 0, files: row?.files ?? 0 };
}
