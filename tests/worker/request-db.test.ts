// RequestDb (decision 0023) on the real local D1: reads gathered into one round trip with the
// sign-in, no row handed over before the principal is allowed, a write never carrying the
// sign-in and never sent for a refused one.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../worker/auth/principal";
import { RequestDb } from "../../worker/db/request-db";

const WHO: Principal = { id: "t-1", role: "reviewer", unit: null };

/** The binding, recording each round trip's statements (first words). */
function recorded() {
  const trips: string[][] = [];
  const sql = new WeakMap<object, string>();
  const statement = (s: D1PreparedStatement, text: string): D1PreparedStatement => {
    const w = {
      bind: (...v: unknown[]) => statement(s.bind(...v), text),
      all: () => (trips.push([text]), s.all()),
      run: () => (trips.push([text]), s.run()),
      first: () => (trips.push([text]), s.first()),
      raw: () => (trips.push([text]), s.raw()),
      inner: s,
    };
    sql.set(w, text);
    return w as unknown as D1PreparedStatement;
  };
  const db = {
    prepare: (text: string) => statement(env.DB.prepare(text), text),
    batch: (list: D1PreparedStatement[]) => {
      trips.push(list.map((s) => sql.get(s) ?? "?"));
      return env.DB.batch(list.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner));
    },
  } as unknown as D1Database;
  return { db, trips };
}

beforeAll(async () => {
  await env.DB.prepare("CREATE TABLE IF NOT EXISTS rdb_test (n INTEGER)").run();
});

/** A RequestDb whose sign-in reads `SELECT ? AS who` and accepts "ok" (anything else is refused). */
function signedIn(value: string) {
  const { db, trips } = recorded();
  const rdb = new RequestDb(db);
  const refusal = new Error("refused");
  rdb.signIn({
    statement: db.prepare("SELECT ? AS who").bind(value),
    settle: async (rows) => {
      if (rows[0]?.who !== "ok") throw refusal;
      return WHO;
    },
  });
  return { rdb, trips, refusal };
}

describe("RequestDb", () => {
  it("sends the sign-in and the reads a Promise.all starts in one round trip", async () => {
    const { rdb, trips } = signedIn("ok");
    const [a, b, c] = await Promise.all([
      rdb.prepare("SELECT 1 AS n").first<{ n: number }>(),
      rdb.prepare("SELECT 2 AS n").all<{ n: number }>(),
      rdb.batch<{ n: number }>([
        rdb.prepare("SELECT 3 AS n"),
        rdb.prepare("WITH x AS (SELECT 4 AS n) SELECT n FROM x"),
      ]),
    ]);
    expect([a!.n, b.results[0].n, c[0].results[0].n, c[1].results[0].n]).toEqual([1, 2, 3, 4]);
    expect(trips).toEqual([["SELECT ? AS who", "SELECT 1 AS n", "SELECT 2 AS n", "SELECT 3 AS n", expect.any(String)]]);
    expect(rdb.roundTrips).toBe(1);
    expect(await rdb.principal()).toEqual(WHO);
  });

  it("a refused sign-in rejects every read with its refusal, and no write is sent", async () => {
    const { rdb, trips, refusal } = signedIn("forged");
    const reads = Promise.allSettled([rdb.prepare("SELECT 1 AS n").first(), rdb.prepare("SELECT 2 AS n").all()]);
    expect((await reads).map((r) => (r.status === "rejected" ? r.reason : r.value))).toEqual([refusal, refusal]);
    const before = await env.DB.prepare("SELECT count(*) AS n FROM rdb_test").first<{ n: number }>();
    await expect(rdb.prepare("INSERT INTO rdb_test (n) VALUES (1)").run()).rejects.toBe(refusal);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM rdb_test").first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
    expect(trips.flat().some((s) => s.startsWith("INSERT"))).toBe(false);
  });

  it("a write first: the sign-in goes alone before it, never with it", async () => {
    const { rdb, trips } = signedIn("ok");
    await rdb.prepare("INSERT INTO rdb_test (n) VALUES (2)").run();
    expect(trips).toEqual([["SELECT ? AS who"], ["INSERT INTO rdb_test (n) VALUES (2)"]]);
  });

  it("reads queued before a write are sent before it, with the sign-in", async () => {
    const { rdb, trips } = signedIn("ok");
    const read = rdb.prepare("SELECT count(*) AS n FROM rdb_test").first<{ n: number }>();
    const write = rdb.batch([rdb.prepare("INSERT INTO rdb_test (n) VALUES (3)")]);
    await Promise.all([read, write]);
    expect(trips).toEqual([
      ["SELECT ? AS who", "SELECT count(*) AS n FROM rdb_test"],
      ["INSERT INTO rdb_test (n) VALUES (3)"],
    ]);
  });

  it("checks added with onPrincipal run before any row is handed over; what they throw answers", async () => {
    const { rdb } = signedIn("ok");
    const forbidden = new Error("403");
    rdb.onPrincipal((p) => {
      if (p.role !== "leader") throw forbidden;
    });
    await expect(rdb.prepare("SELECT 1 AS n").first()).rejects.toBe(forbidden);
  });
});
