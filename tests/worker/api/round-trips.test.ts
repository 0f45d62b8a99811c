// Decision 0023 / issue 18: a request pays one D1 round trip for its reads (the sign-in and the
// newest template version go with them) and a submission one more for its writes. Round trips are
// counted by a double around the real local D1 (every batch, and every statement run on its own,
// through a session too), independent of the Worker's own counter. A refused sign-in gets exactly
// the answers it got when the lookup ran first, and never any data.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { at } from "../support/clocked";
import { freshUnits, ok, submission, tokenFor } from "./helpers";

const NOW = "2031-03-01T02:00:00.000Z";
const TEMPLATE = "kh-157-2023";
const PL02 = (q: number) => ({ PL02: { "1": { quantity: { "2023": q }, NSTW: { "2023": `${q}.5` } } } });

/** The real D1 binding, counting round trips: each batch, each first/all/run/raw, in a session or not. */
function counting(inner: D1Database, opts: { sessions: boolean }) {
  // What each round trip sent (the first words of each statement), for the failure messages.
  const counter = { trips: 0, sessions: [] as (string | undefined)[], sent: [] as string[][] };
  const real = new WeakMap<object, { s: D1PreparedStatement; sql: string }>();
  const trip = (sql: string[]) => (
    counter.trips++,
    counter.sent.push(sql.map((q) => q.replace(/\s+/g, " ").slice(0, 60)))
  );
  const statement = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = {
      bind: (...values: unknown[]) => statement(s.bind(...values), sql),
      first: (col?: string) => (trip([sql]), col === undefined ? s.first() : s.first(col)),
      all: () => (trip([sql]), s.all()),
      run: () => (trip([sql]), s.run()),
      raw: (o?: { columnNames?: boolean }) => (trip([sql]), s.raw(o as { columnNames: true })),
    } as unknown as D1PreparedStatement;
    real.set(wrapped, { s, sql });
    return wrapped;
  };
  const over = (target: Pick<D1Database, "prepare" | "batch">) => ({
    prepare: (sql: string) => statement(target.prepare(sql), sql),
    batch: (list: D1PreparedStatement[]) => (
      trip(list.map((s) => real.get(s)?.sql ?? "?")),
      target.batch(list.map((s) => real.get(s)?.s ?? s))
    ),
  });
  const db = {
    ...over(inner),
    exec: (q: string) => (trip([q]), inner.exec(q)),
    // A runtime without the Sessions API (an older workerd) has no withSession: the Worker must
    // feature-detect it. With it, the double passes the session through and records how it
    // started. Cloudflare's documentation (developers.cloudflare.com/d1/best-practices/read-replication/):
    // "Sessions API ensures sequential consistency for all queries in a session", and its example
    // continues a client's session so: `const bookmark = request.headers.get("x-d1-bookmark") ??
    // "first-unconstrained"; const session = env.DB01.withSession(bookmark);` then
    // `response.headers.set("x-d1-bookmark", session.getBookmark() ?? "")`. The glossary
    // (developers.cloudflare.com/d1/reference/glossary/): "Bookmarks are lexicographically
    // sortable. Sorting orders a list of bookmarks from oldest-to-newest."
    ...(opts.sessions
      ? {
          withSession: (constraint?: string) => {
            counter.sessions.push(constraint);
            const session = inner.withSession(constraint);
            return { ...over(session), getBookmark: () => session.getBookmark() };
          },
        }
      : {}),
  } as unknown as D1Database;
  return { db, counter };
}

async function trips(path: string, init: Parameters<typeof at>[2] = {}, sessions = true) {
  const { db, counter } = counting(env.DB, { sessions });
  const res = await at(NOW, path, init, db);
  return { res, trips: counter.trips, sessions: counter.sessions, sent: JSON.stringify(counter.sent, null, 1) };
}

const codeOf = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code;

let unit: string;
let submitter: string;
let reviewer: string;
let snapshot: string;

beforeAll(async () => {
  ({
    units: [unit],
  } = await freshUnits(1));
  submitter = await tokenFor("submitter", unit);
  reviewer = await tokenFor("reviewer");
  const first = await at(NOW, "/api/submissions", { token: submitter, json: submission(unit, PL02(1)) });
  snapshot = (await ok<{ id: string }>(first, 201)).id;
  // Each token's use is recorded (once a minute) and this isolate has seen the template: what
  // follows is a warm request of a token already used this minute.
  await ok(await at(NOW, `/api/consolidated?template=${TEMPLATE}`, { token: reviewer }));
});

describe("D1 round trips per request (decision 0023)", () => {
  for (const sessions of [true, false]) {
    const runtime = sessions ? "with the Sessions API" : "on a runtime without withSession";
    it(`GET /api/consolidated: 1 (${runtime})`, async () => {
      // The first request after a new submission also stores the consolidated answer (decision 0022).
      await ok(await at(NOW, `/api/consolidated?template=${TEMPLATE}`, { token: reviewer }));
      const r = await trips(`/api/consolidated?template=${TEMPLATE}`, { token: reviewer }, sessions);
      await ok(r.res);
      expect(r.trips, r.sent).toBe(1);
      // A read with a token may start at any replica.
      expect(r.sessions).toEqual(sessions ? ["first-unconstrained"] : []);
      // The bookmark goes back to the client when there is a session, and is taken back.
      const bookmark = r.res.headers.get("x-d1-bookmark");
      if (!sessions) expect(bookmark).toBeNull();
      else {
        expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/i);
        const init = { token: reviewer, headers: { "x-d1-bookmark": bookmark! } };
        const again = await trips(`/api/consolidated?template=${TEMPLATE}`, init);
        await ok(again.res);
        expect(again.sessions).toEqual([bookmark]);
        // Bookmarks sort oldest to newest (the glossary quoted above).
        expect(again.res.headers.get("x-d1-bookmark")! >= bookmark!).toBe(true);
        // One that is not a bookmark is ignored.
        const forged = await trips(`/api/consolidated?template=${TEMPLATE}`, {
          token: reviewer,
          headers: { "x-d1-bookmark": "'; DROP TABLE snapshots; --" },
        });
        await ok(forged.res);
        expect(forged.sessions).toEqual(["first-unconstrained"]);
      }
    });

    it(`GET /api/status: 1 (${runtime})`, async () => {
      const r = await trips(`/api/status?template=${TEMPLATE}`, { token: reviewer }, sessions);
      const board = await ok<{ units: { unit: string }[] }>(r.res);
      expect(board.units.length).toBeGreaterThan(0);
      expect(r.trips, r.sent).toBe(1);
    });

    it(`POST /api/submissions (JSON): 2, one batch of reads and one of writes (${runtime})`, async () => {
      const figures = PL02(sessions ? 2 : 3);
      const r = await trips("/api/submissions", { token: submitter, json: submission(unit, figures) }, sessions);
      const receipt = await ok<{ id: string; version: number }>(r.res, 201);
      expect(receipt.version).toBeGreaterThan(1);
      expect(r.trips, r.sent).toBe(2);
      // A write starts at the primary: the bookmark it answers covers what it wrote.
      expect(r.sessions).toEqual(sessions ? ["first-primary"] : []);
      // A retry under the same figures answers the stored version: reads only.
      const same = await trips("/api/submissions", { token: submitter, json: submission(unit, figures) }, sessions);
      expect((await ok<{ id: string }>(same.res, 200)).id).toBe(receipt.id);
      expect(same.trips, same.sent).toBe(1);
    });

    it(`GET /api/submissions/{id}: 1 (${runtime})`, async () => {
      const r = await trips(`/api/submissions/${snapshot}`, { token: submitter }, sessions);
      expect((await ok<{ id: string }>(r.res)).id).toBe(snapshot);
      expect(r.trips, r.sent).toBe(1);
    });
  }

  it("GET /api/health: none", async () => {
    const r = await trips("/api/health");
    await ok(r.res);
    expect(r.trips).toBe(0);
  });
});

describe("a refused sign-in carried by the reads", () => {
  const routes = () => [
    `/api/consolidated?template=${TEMPLATE}`,
    `/api/status?template=${TEMPLATE}`,
    `/api/submissions/${snapshot}`,
    `/api/submissions/${snapshot}/file`,
    "/api/consolidated/published",
    "/api/units",
    "/api/locks",
    `/api/rounds?template=${TEMPLATE}`,
    "/api/audit",
    "/api/admin/tokens",
  ];

  it("an unknown token: 401 UNAUTHORIZED and no data, as when the lookup ran alone", async () => {
    for (const path of routes()) {
      const r = await trips(path, { token: "kh157_unknown-token-000000000000000000000" });
      expect(r.res.status, path).toBe(401);
      const text = await r.res.clone().text();
      expect(text, path).not.toContain(unit);
      expect(Object.keys(JSON.parse(text)), path).toEqual(["errors"]);
      expect(await codeOf(r.res), path).toBe("UNAUTHORIZED");
    }
  });

  it("a revoked token: 401 UNAUTHORIZED; an expired one: 401 TOKEN_EXPIRED", async () => {
    const revoked = await ok<{ id: string; token: string }>(
      await at(NOW, "/api/admin/tokens", { token: env.ADMIN_TOKEN, json: { role: "reviewer" } }),
      201,
    );
    await ok(await at(NOW, `/api/admin/tokens/${revoked.id}`, { token: env.ADMIN_TOKEN, method: "DELETE" }));
    const expired = await ok<{ token: string }>(
      await at("2031-01-01T00:00:00.000Z", "/api/admin/tokens", {
        token: env.ADMIN_TOKEN,
        json: { role: "reviewer", expiresAt: "2031-01-02" },
      }),
      201,
    );
    for (const path of routes()) {
      const gone = await trips(path, { token: revoked.token });
      expect([gone.res.status, await codeOf(gone.res)], path).toEqual([401, "UNAUTHORIZED"]);
      const old = await trips(path, { token: expired.token });
      expect([old.res.status, await codeOf(old.res)], path).toEqual([401, "TOKEN_EXPIRED"]);
    }
  });

  it("a role that may not: 403 FORBIDDEN, no data (a submitter asking for totals, the audit log, the tokens)", async () => {
    for (const path of [`/api/consolidated?template=${TEMPLATE}`, "/api/audit", "/api/admin/tokens"]) {
      const r = await trips(path, { token: submitter });
      expect(r.res.status, path).toBe(403);
      // The answer is the refusal and nothing else.
      expect(Object.keys(JSON.parse(await r.res.clone().text())), path).toEqual(["errors"]);
      expect(await codeOf(r.res), path).toBe("FORBIDDEN");
    }
  });

  it("the refusal wins over what the route found first: a malformed query or body with a bad token is 401", async () => {
    const bad = "kh157_unknown-token-000000000000000000000";
    const query = await trips(`/api/consolidated?template=${TEMPLATE}&asOf=not-a-date`, { token: bad });
    expect([query.res.status, await codeOf(query.res)]).toEqual([401, "UNAUTHORIZED"]);
    const body = await trips("/api/submissions", { token: bad, json: { nonsense: true } });
    expect([body.res.status, await codeOf(body.res)]).toEqual([401, "UNAUTHORIZED"]);
    // The same requests with a good token get the route's own answers.
    const good = await trips(`/api/consolidated?template=${TEMPLATE}&asOf=not-a-date`, { token: reviewer });
    expect(good.res.status).toBe(400);
    const wrongRole = await trips("/api/submissions", { token: reviewer, json: { nonsense: true } });
    expect([wrongRole.res.status, await codeOf(wrongRole.res)]).toEqual([403, "FORBIDDEN"]);
  });

  it("a refused token stores nothing", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM snapshots").first<{ n: number }>();
    const r = await trips("/api/submissions", {
      token: "kh157_unknown-token-000000000000000000000",
      json: submission(unit, PL02(9)),
    });
    expect(r.res.status).toBe(401);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM snapshots").first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
    // The sign-in and the submission's reads went together; nothing was written.
    expect(r.trips, r.sent).toBe(1);
  });
});
