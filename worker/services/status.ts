// The status board: for each unit expected to report on a template, its newest version of a
// report kind stored by a moment (`asOf`, now by default), that version's review state at that
// moment ("missing" when it has none), and which version the consolidated totals of the same
// basis and moment count (decision 0017: a returned version is not counted). The API route and
// the dashboard share it, so the board follows the dashboard's "as of".
//
// Deadlines (issue 17): when the template and kind have reporting rounds, the board is for one of
// them (the one asked for, else the first whose deadline has not passed at `asOf`, else the
// last) and its expected units; each row carries the round's deadline and its timeliness at
// `asOf`, as DHIS2 counts timely submission: the unit's first version stored in the round (from
// its `opens` day) by the end of the deadline day, Vietnam time, is on time; after it, late;
// none yet is not due before the deadline and overdue after it. `asOf` is the board's "now": a
// test or a past view never reads the wall clock.
import type { Basis, Round, StatusBoard, StatusRow, Template, Timeliness } from "../../domain";
import { assertRole, type Principal } from "../auth/principal";
import { firstSubmissions, listRounds } from "../db/rounds";
import { newestStatesAsOf, versionsAsOf } from "../db/snapshots";
import { expectedUnits, listUnits } from "../db/units";

/** A row of the board and the version the totals count for that unit. */
export interface StatusBoardRow extends StatusRow {
  /** The version consolidated totals (same basis, same asOf) include for this unit; null: none. */
  counted: number | null;
  deadline: string | null;
  timeliness: Timeliness | null;
}

export interface StatusBoardAnswer extends StatusBoard {
  basis: Basis;
  /** The moment the board is for (ISO, UTC), as /api/consolidated answers it. */
  asOf: string;
  round: Round | null;
  units: StatusBoardRow[];
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The first instant of a day (YYYY-MM-DD) in Vietnam time (UTC+7, no daylight saving), ISO UTC. */
export function startOfDayVietnam(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - VIETNAM_OFFSET_MS).toISOString();
}

/** The last instant (to the millisecond) of a day in Vietnam time, ISO UTC: a deadline's end. */
export function endOfDayVietnam(date: string): string {
  return new Date(Date.parse(startOfDayVietnam(date)) + DAY_MS - 1).toISOString();
}

/** On time, late, not yet due or overdue at `asOf`, from the first version stored in the round. */
export function timelinessOf(first: string | undefined, deadline: string, asOf: string): Timeliness {
  const end = endOfDayVietnam(deadline);
  if (first !== undefined) return first <= end ? "on_time" : "late";
  return asOf > end ? "overdue" : "not_due";
}

/** The round asked for (`period`), else the first not yet past its deadline at `asOf`, else the last. */
export function roundFor(rounds: Round[], asOf: string, period?: string): Round | null {
  if (period !== undefined) return rounds.find((r) => r.period === period) ?? null;
  const byDeadline = [...rounds].sort((a, b) => a.deadline.localeCompare(b.deadline));
  return byDeadline.find((r) => endOfDayVietnam(r.deadline) >= asOf) ?? byDeadline.at(-1) ?? null;
}

/**
 * `kind` must be one of the template's (services/templates.ts, requireKind); `asOf` an instant
 * normalised by normaliseAsOf (worker/schemas.ts), now when absent; `period` one of the
 * template's periods (the round; a period without a round gives a board without deadlines).
 */
export async function statusBoard(
  db: D1Database,
  who: Principal | (() => Principal),
  template: Template,
  kind: string,
  opts: { asOf?: string; basis?: Basis; period?: string } = {},
): Promise<StatusBoardAnswer> {
  // A principal still being signed in (decision 0023) is checked once the reads are back: the
  // request's RequestDb hands them over only after the sign-in.
  if (typeof who !== "function") assertRole(who, "leader", "reviewer");
  const asOf = opts.asOf ?? new Date().toISOString();
  const basis = opts.basis ?? "latest";
  // One round trip for all of it (the sign-in and the newest template version go with it); a
  // round's first submissions need the round, so a template with rounds takes one more.
  const [rounds, byDefault, units, states, included] = await Promise.all([
    listRounds(db, template.id, kind),
    expectedUnits(db, template.id),
    listUnits(db),
    newestStatesAsOf(db, template.id, kind, asOf),
    versionsAsOf(db, template.id, kind, basis, asOf),
  ]);
  if (typeof who === "function") assertRole(who(), "leader", "reviewer");
  const round = roundFor(rounds, asOf, opts.period);
  const expected = round ? round.units : byDefault;
  const firsts = round
    ? await firstSubmissions(db, template.id, kind, round.opens && startOfDayVietnam(round.opens), asOf)
    : null;
  const names = new Map(units.map((u) => [u.code, u.name]));
  const newest = new Map(states.map((s) => [s.unit, s]));
  const counted = new Map(included.map((s) => [s.unit, s.version]));
  const rows = expected.map((code): StatusBoardRow => {
    const s = newest.get(code);
    return {
      unit: code,
      name: names.get(code) ?? code,
      missing: !s,
      version: s?.version ?? null,
      status: s?.status ?? "missing",
      submittedAt: s?.createdAt ?? null,
      reviewComment: s?.reviewComment ?? null,
      counted: counted.get(code) ?? null,
      deadline: round?.deadline ?? null,
      timeliness: round && firsts ? timelinessOf(firsts.get(code), round.deadline, asOf) : null,
    };
  });
  return { template: template.id, kind, basis, asOf, round, units: rows };
}

/**
 * The units of a board that have not submitted: in a round, those with no version stored in it
 * (not yet due or overdue); without one, those with no version at all.
 */
export function notSubmitted(board: StatusBoardAnswer): StatusBoardRow[] {
  return board.units.filter((r) =>
    r.timeliness === null ? r.missing : r.timeliness === "not_due" || r.timeliness === "overdue",
  );
}
