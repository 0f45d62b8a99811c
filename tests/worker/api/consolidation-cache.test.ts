// Issue 18 (decision 0022): the latest-per-report table, the past-moment probes, the packed
// figures and the cached answers give exactly what a full recomputation from every stored
// snapshot and review gives, for random histories; and a cached answer is dropped by a new
// submission, a review, a template version and a units transition. Real D1.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getTemplate, sumTrees, type Template, toFigureTree } from "../../../domain";
import { consolidationRead, consolidationStatements } from "../../../worker/db/consolidation-cache";
import { NEWEST_STATES } from "../../../worker/db/latest";
import { consolidateWithLayout } from "../../../worker/services/consolidate";
import { vietnamDay } from "../../../worker/services/units";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "./helpers";

const PL02 = (q: number) => ({ PL02: { "1": { quantity: { "2023": q }, NSTW: { "2023": String(q) } } } });

// The choice as of a moment exactly as it was computed before issue 18: every version stored by
// then with its latest review made by then (the oracle the new paths must agree with).
const STATE = `SELECT s.id, s.unit, s.version, s.canonical, s.created_at AS createdAt,
    (SELECT r.decision FROM reviews r WHERE r.snapshot_id = s.id AND r.created_at <= ?3
      ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1) AS decision,
    (SELECT r.created_at FROM reviews r WHERE r.snapshot_id = s.id AND r.created_at <= ?3
      ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1) AS decidedAt
  FROM snapshots s WHERE s.template_id = ?1 AND s.kind = ?2 AND s.created_at <= ?3`;

interface StateRow {
  id: string;
  unit: string;
  version: number;
  canonical: string;
  decision: string | null;
  decidedAt: string | null;
}

async function recompute(t: Template, asOf: string, basis: "latest" | "approved", scope: Set<string> | null) {
  const { results } = await env.DB.prepare(STATE).bind(t.id, "plan", asOf).all<StateRow>();
  const eligible = (r: StateRow) => (basis === "latest" ? r.decision !== "returned" : r.decision === "approved");
  const units = [...new Set(results.map((r) => r.unit))].filter((u) => !scope || scope.has(u)).sort();
  const included: StateRow[] = [];
  const passedOver: { unit: string; version: number; snapshot: string; returnedAt: string | null }[] = [];
  for (const u of units) {
    const rows = results.filter((r) => r.unit === u).sort((a, b) => b.version - a.version);
    const chosen = rows.find(eligible);
    if (chosen) included.push(chosen);
    if (basis === "latest")
      for (const r of rows)
        if (r.decision === "returned" && r.version > (chosen?.version ?? 0))
          passedOver.push({ unit: u, version: r.version, snapshot: r.id, returnedAt: r.decidedAt });
  }
  const appendices = toFigureTree(
    t,
    sumTrees(
      t,
      included.map((r) => JSON.parse(r.canonical).appendices),
    ),
  );
  return { units: included.map((r) => [r.unit, r.version, r.id]), passedOver, appendices };
}

async function setUp(n: number) {
  const { root, units } = await freshUnits(n);
  const tokens = await Promise.all(units.map((u) => tokenFor("submitter", u)));
  const reviewer = await tokenFor("reviewer");
  return { root, units, tokens, reviewer };
}

let templates = 0;
async function newTemplate(root: string): Promise<Template> {
  const template = { ...getTemplate("kh-157-2023")!, id: `kh-test-cache-${root.toLowerCase()}-${templates++}` };
  await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
  return template;
}

function reportOf(t: Template, asOf: string, basis: "latest" | "approved", root?: string, perUnit = false) {
  return consolidateWithLayout(env.DB, t, "plan", basis, asOf, root, "units", { perUnit });
}

/** What the one read batch answers: a hit reads no snapshot row. */
async function head(t: Template, asOf: string, basis: "latest" | "approved", root?: string) {
  const q = {
    template: t.id,
    templateVersion: t.version,
    kind: "plan",
    basis,
    asOf,
    day: vietnamDay(asOf),
    root: root ?? null,
    view: "units",
    rowsOnHit: false,
  };
  return consolidationRead(await env.DB.batch(consolidationStatements(env.DB, q)));
}

type Action =
  | { type: "submit"; unit: number; q: number }
  | { type: "review"; pick: number; approve: boolean }
  | { type: "query"; moment: number; scoped: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant("submit" as const), unit: fc.nat(2), q: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("review" as const), pick: fc.nat(), approve: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant("query" as const), moment: fc.nat(), scoped: fc.nat(2) }),
  },
);

describe("latest per report and cached consolidation (decision 0022)", () => {
  it("equal a full recomputation for random histories, moments, bases and scopes", async () => {
    const { root, units, tokens, reviewer } = await setUp(3);
    const checked = { queries: 0, passedOver: 0, afterReviews: 0, past: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 14 }), async (actions) => {
        const t = await newTemplate(root);
        const stored: string[] = [];
        const moments: string[] = [];
        let reviews = 0;
        for (const a of actions) {
          if (a.type === "submit") {
            const res = await call("/api/submissions", {
              token: tokens[a.unit],
              json: { ...submission(units[a.unit], PL02(a.q)), template: t.id },
            });
            expect([200, 201]).toContain(res.status);
            const body = (await res.json()) as { id: string; createdAt: string };
            stored.push(body.id);
          } else if (a.type === "review") {
            if (!stored.length) continue;
            // Mostly one of the newest versions (what reviewers decide on), sometimes an older one.
            const back = a.pick % 4 === 3 ? a.pick % stored.length : a.pick % Math.min(stored.length, 3);
            const id = stored[stored.length - 1 - back];
            const res = await call(`/api/submissions/${id}/${a.approve ? "approve" : "return"}`, {
              token: reviewer,
              json: { comment: a.approve ? "" : "Sai số" },
            });
            expect(res.status).toBeLessThan(500);
            if (res.status < 300) reviews++;
          } else {
            // A moment: now, or just before / at one of the stored events.
            const events = (
              await env.DB.prepare(
                `SELECT created_at AS at FROM snapshots WHERE template_id = ?1
                  UNION SELECT r.created_at FROM reviews r JOIN snapshots s ON s.id = r.snapshot_id WHERE s.template_id = ?1`,
              )
                .bind(t.id)
                .all<{ at: string }>()
            ).results.map((r) => r.at);
            for (const e of events) moments.push(e, new Date(Date.parse(e) - 1).toISOString());
            // "Now" is after every event (the test's clock can lag the Worker's by a few ms).
            const now = new Date(
              Math.max(Date.now(), Date.parse((await lastEvent(t)) || "2000-01-01")) + 1,
            ).toISOString();
            const asOf = a.moment % 3 === 0 || !moments.length ? now : moments[a.moment % moments.length];
            // Every basis and scope at that moment, so that later queries meet the answers stored by earlier ones.
            for (const basis of ["latest", "approved"] as const)
              for (const scope of [undefined, root, units[a.scoped % 3]]) {
                const expected = await recompute(
                  t,
                  asOf,
                  basis,
                  scope ? new Set(scope === root ? units : [scope]) : null,
                );
                // First through the cache (an answer stored by an earlier query of this history may
                // serve, if its generation still matches), then computed in full, then from the cache.
                const first = (await reportOf(t, asOf, basis, scope)).report;
                const full = (await reportOf(t, asOf, basis, scope, true)).report;
                const cached = (await reportOf(t, asOf, basis, scope)).report;
                for (const r of [full, first, cached]) {
                  expect(r.units.map((u) => [u.unit, u.version, u.snapshot])).toEqual(expected.units);
                  expect(r.passedOver.map(({ usedVersion: _, ...p }) => p)).toEqual(expected.passedOver);
                  expect(r.appendices).toEqual(expected.appendices);
                  expect(r.asOf).toBe(asOf);
                }
                expect(first).toEqual(full);
                expect(cached).toEqual(full);
                // The second request was a hit: no snapshot row was read.
                const h = await head(t, asOf, basis, scope);
                expect(h.body).not.toBeNull();
                expect(h.included).toEqual([]);
                checked.queries++;
                if (expected.passedOver.length) checked.passedOver++;
                if (reviews) checked.afterReviews++;
              }
            if (asOf < (await lastEvent(t))) checked.past++;
          }
        }
      }),
      { numRuns: 25 },
    );
    // The runs did exercise what they are about (not a vacuous pass).
    console.log("checked", checked);
    expect(checked.passedOver).toBeGreaterThan(0);
    expect(checked.afterReviews).toBeGreaterThan(0);
    expect(checked.past).toBeGreaterThan(0);
  });

  it("a cached answer is dropped by a new submission, a review, a template version and a units transition", async () => {
    const { root, units, tokens, reviewer } = await setUp(2);
    const t = await newTemplate(root);
    const now = () => new Date().toISOString();
    const total = (r: { appendices: any }) => r.appendices.PL02?.total?.quantity?.total ?? null;
    const submit = async (k: number, q: number) =>
      (
        await ok<{ id: string }>(
          await call("/api/submissions", {
            token: tokens[k],
            json: { ...submission(units[k], PL02(q)), template: t.id },
          }),
          201,
        )
      ).id;

    // Nothing stored: laid out with the newest version; a new template version moves the layout.
    expect((await reportOf(t, now(), "latest")).report.templateVersion).toBe(t.version);
    expect((await head(t, now(), "latest")).body).not.toBeNull();
    const v2 = { ...t, version: t.version + 1 };
    await ok(await call("/api/templates", { token: ADMIN, json: v2 }), 201);
    expect((await head(t, now(), "latest")).body).toBeNull();

    const a = await submit(0, 5);
    const afterSubmit = await head(t, now(), "latest");
    expect(afterSubmit.body).toBeNull();
    expect(afterSubmit.included.map((r) => r.id)).toEqual([a]);
    expect(total((await reportOf(t, now(), "latest")).report)).toBe(5);
    expect((await head(t, now(), "latest")).body).not.toBeNull();

    await submit(1, 7);
    expect(total((await reportOf(t, now(), "latest")).report)).toBe(12);

    // A review: the returned version no longer counts.
    await ok(await call(`/api/submissions/${a}/return`, { token: reviewer, json: { comment: "Sai" } }));
    expect((await head(t, now(), "latest")).body).toBeNull();
    expect(total((await reportOf(t, now(), "latest")).report)).toBe(7);

    // A units transition: unit 1 leaves the branch from today; the scoped answer drops it.
    expect(total((await reportOf(t, now(), "latest", root)).report)).toBe(7);
    const other = await freshUnits(0);
    await ok(
      await call("/api/units/transitions", {
        token: ADMIN,
        json: { kind: "reparent", unit: units[1], parent: other.root, date: vietnamDay() },
      }),
      201,
    );
    expect((await head(t, now(), "latest", root)).body).toBeNull();
    expect(total((await reportOf(t, now(), "latest", root)).report)).toBeNull();
    expect(total((await reportOf(t, now(), "latest", other.root)).report)).toBe(7);
  });

  it("a moment is answered through the indexes, one probe per report (no walk of the history)", async () => {
    const { root } = await setUp(1);
    const t = await newTemplate(root);
    const asOf = "2025-01-01T00:00:00.000Z";
    const [, included, passed] = consolidationStatements(env.DB, {
      template: t.id,
      templateVersion: t.version,
      kind: "plan",
      basis: "latest",
      asOf,
      day: vietnamDay(asOf),
      root: null,
      view: "units",
      rowsOnHit: false,
    }).map((s) => (s as unknown as { statement: string }).statement);
    const args = [t.id, "plan", asOf, "latest", "[]", "2025-01-01", 0];
    for (const [sql, n] of [
      [included, 7],
      [passed, 7],
      [NEWEST_STATES, 3],
    ] as const) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...args.slice(0, n))
        .all<{ detail: string }>();
      const details = results.map((r) => r.detail);
      // Every read of snapshots and reviews goes through an index or the primary key, none scans a table.
      expect(details.filter((d) => /^SCAN (s|r|s2|snapshots|reviews)\b/.test(d))).toEqual([]);
      // Every search of snapshots is one report's (unit) or one row's (id), never a whole kind's history.
      const searches = details.filter((d) => /^SEARCH (s|snapshots) USING/.test(d));
      expect(searches.filter((d) => !/unit=\?|\(id=\?\)/.test(d))).toEqual([]);
      expect(details.some((d) => /snapshots_report_time/.test(d))).toBe(true);
    }
  });
});

async function lastEvent(t: Template): Promise<string> {
  const row = await env.DB.prepare("SELECT MAX(changed_at) AS at FROM report_latest WHERE template_id = ?")
    .bind(t.id)
    .first<{ at: string | null }>();
  return row?.at ?? "";
}
