// Which version of each report consolidation and the status board use as of a moment, in time
// proportional to the reports (units), not to their history (issue 18, decision 0022).
//
// report_latest (migration 0008, kept by triggers in the same statement as every snapshot and
// review) holds each report's newest version, newest version not returned and newest approved
// version, and the time of its last event. A report whose last event is at or before `asOf` is
// answered from that row. Otherwise (a past moment) one probe walks that report's versions back
// from `asOf` over snapshots_report_time and stops at the first one eligible then (its latest
// review made by `asOf` read over reviews_snapshot): the cost is one step per report plus the
// versions it passes over, whatever was stored after `asOf`.
//
// Every function here builds statements for a batch: the caller reads all it needs in one round
// trip (worker/services/consolidate.ts).

/** The decision in force at ?3 of snapshot `s` (NULL: none). */
const DECISION_AT = `(SELECT r.decision FROM reviews r WHERE r.snapshot_id = s.id AND r.created_at <= ?3
  ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)`;

/** When that decision was made. */
const DECIDED_AT = `(SELECT r.created_at FROM reviews r WHERE r.snapshot_id = s.id AND r.created_at <= ?3
  ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)`;

/** Whether `s` counts for basis ?4 as of ?3 (decision 0017). */
const ELIGIBLE_AT = `CASE WHEN ?4 = 'latest' THEN ${DECISION_AT} IS NOT 'returned' ELSE ${DECISION_AT} = 'approved' END`;

/** One report's versions stored by ?3, newest first (created_at follows version within a report). */
const VERSIONS_BY = `FROM snapshots s WHERE s.template_id = l.template_id AND s.kind = l.kind AND s.unit = l.unit
  AND s.created_at <= ?3`;
const NEWEST_FIRST = "ORDER BY s.created_at DESC, s.version DESC LIMIT 1";

/**
 * `chosen`: per report of template ?1 and kind ?2, the version basis ?4 uses as of ?3 (id NULL:
 * none), with its version and time. `newest`: per report, its newest version stored by ?3.
 */
export const CHOSEN_CTE = `chosen0 AS (
    SELECT l.unit, CASE WHEN l.changed_at <= ?3
        THEN CASE WHEN ?4 = 'latest' THEN l.counted_id ELSE l.approved_id END
        ELSE (SELECT s.id ${VERSIONS_BY} AND ${ELIGIBLE_AT} ${NEWEST_FIRST}) END AS id
    FROM report_latest l WHERE l.template_id = ?1 AND l.kind = ?2),
  chosen AS (SELECT c.unit, s.id, s.version, s.created_at, s.template_version
    FROM chosen0 c LEFT JOIN snapshots s ON s.id = c.id)`;

/**
 * Rows of the included versions, ordered by unit. `packed` is the compact figures (NULL for rows
 * stored before migration 0008); `canonical` is sent only when it is needed: no packed figures,
 * or a template version other than the layout's (the newest among the included).
 */
export const INCLUDED_SELECT = `SELECT s.id, s.unit, s.version, s.template_version AS templateVersion, s.sha256,
    CASE WHEN s.template_version = (SELECT MAX(template_version) FROM chosen) THEN s.packed END AS packed,
    CASE WHEN s.packed IS NULL OR s.template_version <> (SELECT MAX(template_version) FROM chosen)
      THEN s.canonical END AS canonical
  FROM chosen c JOIN snapshots s ON s.id = c.id`;

/**
 * Basis latest only: per report, the versions newer than the one used (stored by ?3) that were
 * returned as of ?3, newest first, with when they were returned. They are exactly the versions
 * between the one used and ?3, so the range over snapshots_report_time holds only them. CROSS JOIN
 * keeps the reports outermost: SQLite would otherwise walk every version of the kind.
 */
export const PASSED_OVER_SELECT = `SELECT s.unit, s.version, s.id AS snapshot, ${DECIDED_AT} AS returnedAt
  FROM chosen c CROSS JOIN snapshots s ON s.template_id = ?1 AND s.kind = ?2 AND s.unit = c.unit
    AND s.created_at >= COALESCE(c.created_at, '') AND s.created_at <= ?3 AND s.version > COALESCE(c.version, 0)
  WHERE ?4 = 'latest' AND ${DECISION_AT} = 'returned'`;

/** Per report, its newest version stored by ?3 with the review in force then (the status board). */
export const NEWEST_STATES = `SELECT s.unit, s.id, s.version, s.created_at AS createdAt,
    ${DECISION_AT} AS decision, ${DECIDED_AT} AS decidedAt,
    (SELECT r.comment FROM reviews r WHERE r.snapshot_id = s.id AND r.created_at <= ?3
      ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1) AS comment
  FROM report_latest l JOIN snapshots s ON s.id = CASE WHEN l.changed_at <= ?3 THEN l.latest_id
    ELSE (SELECT s.id ${VERSIONS_BY} ${NEWEST_FIRST}) END
  WHERE l.template_id = ?1 AND l.kind = ?2
  ORDER BY s.unit`;

/** The reports' units and the time of the last event of any of them (empty string: none). */
export const LAST_EVENT = `(SELECT COALESCE(MAX(changed_at), '') FROM report_latest WHERE template_id = ?1 AND kind = ?2)`;
