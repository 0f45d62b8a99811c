// Issue 17: units that change over time. Every transition (re-parent, rename, merge, split, close)
// recorded with an effective date after today, then consolidation asked before and after that day:
// the structure of the asOf day decides the branch, a past result keeps its hash, and the successor
// view places old units' figures under whoever inherits them, labelled so. A closed unit is refused
// and then allowed by an audited exception. The shipped reference data (data/units) is in D1.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "./helpers";

type Json = Record<string, any>;

/** Days relative to the year after this one, so every change takes effect after today's submissions. */
const NEXT = new Date().getUTCFullYear() + 1;
const day = (years: number, monthDay: string) => `${NEXT + years}-${monthDay}`;
const vi = (date: string) => date.split("-").reverse().join("/");

let R = ""; // the first branch: A, B, C, D
let R2 = ""; // the second branch: E
let A = "";
let B = "";
let C = "";
let D = "";
let E = "";
let leader = "";
/** Each unit's quantity for PL02 item 1 in 2023: sums tell exactly which units were counted. */
const QTY: Record<string, number> = {};

const transition = (json: Json) => call("/api/units/transitions", { token: ADMIN, json });
const unitsOn = async (day: string): Promise<Map<string, Json>> => {
  const list = await ok(await call(`/api/units?asOf=${day}`, { token: leader }));
  expect(list.asOf).toBe(day);
  return new Map(list.units.map((u: Json) => [u.code, u]));
};
const consolidated = async (asOf: string, root: string, view?: string): Promise<Json> =>
  ok(await call(`/api/consolidated?asOf=${asOf}&unit=${root}${view ? `&view=${view}` : ""}`, { token: leader }));
const quantity = (report: Json): number => report.appendices.PL02.total.quantity["2023"] ?? 0;
const sum = (...units: string[]) => units.reduce((n, u) => n + QTY[u], 0);

beforeAll(async () => {
  let units: string[];
  ({ root: R, units } = await freshUnits(4));
  [A, B, C, D] = units;
  let other: string[];
  ({ root: R2, units: other } = await freshUnits(1));
  E = other[0];
  leader = await tokenFor("leader");
  let q = 1;
  for (const unit of [A, B, C, D, E]) {
    QTY[unit] = q;
    q *= 2;
    const token = await tokenFor("submitter", unit);
    const figures = { PL02: { "1": { quantity: { "2023": QTY[unit] }, NSTW: { "2023": "1" } } } };
    await ok(await call("/api/submissions", { token, json: submission(unit, figures) }), 201);
  }
});

describe("the reference data shipped as data (data/units)", () => {
  it("answers the 2023 structure before 2025-07-01 and Thành phố Cần Thơ from that day", async () => {
    const before = await unitsOn("2025-06-30");
    expect(before.get("951")).toMatchObject({ name: "Huyện Trần Đề", parent: "94" });
    expect(before.get("STTTT")?.parent).toBe("94");
    expect(before.has("SVHTTDL-CT")).toBe(false);
    const after = await unitsOn("2025-07-01");
    expect(after.get("92")).toMatchObject({ name: "Thành phố Cần Thơ", parent: null });
    expect(after.get("SVHTTDL-CT")?.parent).toBe("92");
    for (const gone of ["94", "93", "951", "941", "STTTT"]) expect(after.has(gone), gone).toBe(false);
    const successions = await env.DB.prepare(
      "SELECT predecessor, successor, kind FROM unit_successions WHERE effective = '2025-07-01' AND successor = '92'",
    ).all();
    expect(successions.results.map((r) => r.predecessor).sort()).toEqual(["93", "94"]);
  });
});

describe("transitions, with consolidation before and after their effective day", () => {
  let pastHash = "";

  it("re-parent: the past keeps its branch and its hash, the day after counts the unit in its new branch", async () => {
    const past = await consolidated(day(-1, "12-31"), R);
    expect(quantity(past)).toBe(sum(A, B, C, D));
    pastHash = past.hash;

    await ok(await transition({ kind: "reparent", unit: A, parent: R2, date: day(0, "01-01") }), 201);

    const again = await consolidated(day(-1, "12-31"), R);
    expect(again.hash).toBe(pastHash);
    expect(quantity(again)).toBe(sum(A, B, C, D));
    expect(quantity(await consolidated(day(0, "01-01"), R))).toBe(sum(B, C, D));
    expect(quantity(await consolidated(day(0, "01-01"), R2))).toBe(sum(A, E));
    expect((await unitsOn(day(-1, "12-31"))).get(A)?.parent).toBe(R);
    expect((await unitsOn(day(0, "01-01"))).get(A)?.parent).toBe(R2);
  });

  it("refuses a parent that would sit below the unit, a date before the last change, and a unit not in force", async () => {
    const cycle = await transition({ kind: "reparent", unit: R2, parent: A, date: day(0, "01-15") });
    expect(cycle.status).toBe(422);
    expect((await cycle.json<Json>()).errors[0].code).toBe("UNIT_PARENT_CYCLE");
    const early = await transition({ kind: "reparent", unit: A, parent: R, date: day(-1, "12-31") });
    expect(early.status).toBe(422);
    expect((await early.json<Json>()).errors[0].code).toBe("UNIT_CHANGE_OUT_OF_ORDER");
    const closed = await transition({ kind: "rename", unit: "951", name: "X", date: day(0, "01-01") });
    expect(closed.status).toBe(422);
    const error = (await closed.json<Json>()).errors[0];
    expect(error.code).toBe("UNIT_NOT_IN_FORCE");
    expect(error.message).toContain("30/06/2025");
  });

  it("rename: the name of each day, in the list and in the people's CSV; figures and hash unchanged", async () => {
    const before = await consolidated(day(0, "01-31"), R);
    await ok(await transition({ kind: "rename", unit: B, name: "Đơn vị đổi tên", date: day(0, "02-01") }), 201);
    expect((await unitsOn(day(0, "01-31"))).get(B)?.name).toBe("Đơn vị thử 2");
    expect((await unitsOn(day(0, "02-01"))).get(B)?.name).toBe("Đơn vị đổi tên");
    const after = await consolidated(day(0, "01-31"), R);
    expect(after.hash).toBe(before.hash);
    const csv = async (asOf: string) =>
      (await call(`/api/consolidated?asOf=${asOf}&unit=${R}&format=csv-vi`, { token: leader })).text();
    expect(await csv(day(0, "01-31"))).toContain("Đơn vị thử 2");
    expect(await csv(day(0, "01-31"))).not.toContain("Đơn vị đổi tên");
    expect(await csv(day(0, "02-01"))).toContain("Đơn vị đổi tên");
  });

  it("merge (C, D → M in the other branch): reports stay with C and D; the successor view counts them under M", async () => {
    const M = `${R}-M`;
    const merged = await ok(
      await transition({
        kind: "merge",
        units: [C, D],
        into: { code: M, name: "Đơn vị hợp nhất", kind: "xã", parent: R2 },
        date: day(0, "03-01"),
      }),
      201,
    );
    expect(merged.created).toEqual([M]);
    expect(merged.successions.map((s: Json) => [s.predecessor, s.successor])).toEqual([
      [C, M],
      [D, M],
    ]);
    const before = await unitsOn(day(0, "02-28"));
    const after = await unitsOn(day(0, "03-01"));
    expect([before.has(C), before.has(D), before.has(M)]).toEqual([true, true, false]);
    expect([after.has(C), after.has(D), after.get(M)?.parent]).toEqual([false, false, R2]);

    // Default view: C and D stay where they were (their last parent), before and after the day.
    expect(quantity(await consolidated(day(0, "02-28"), R))).toBe(sum(B, C, D));
    const plain = await consolidated(day(0, "03-01"), R);
    expect(quantity(plain)).toBe(sum(B, C, D));
    expect(plain.view).toBeUndefined();
    // Successor view: before the day nothing is inherited; from it C and D count under M in R2.
    const early = await consolidated(day(0, "02-28"), R, "successors");
    expect(quantity(early)).toBe(sum(B, C, D));
    expect(early.units.find((u: Json) => u.unit === C).as).toBe(C);
    const inherited = await consolidated(day(0, "03-01"), R2, "successors");
    expect(inherited.view).toBe("successors");
    expect(quantity(inherited)).toBe(sum(A, C, D, E));
    expect(inherited.units.find((u: Json) => u.unit === C).as).toBe(M);
    expect(inherited.units.find((u: Json) => u.unit === D).as).toBe(M);
    expect(quantity(await consolidated(day(0, "03-01"), R, "successors"))).toBe(sum(B));
    // Labelled on the people's outputs, and hashed apart from the plain view of the same units.
    const csv = await (
      await call(`/api/consolidated?asOf=${day(0, "03-01")}&unit=${R2}&view=successors&format=csv-vi`, {
        token: leader,
      })
    ).text();
    expect(csv).toContain("(nay thuộc Đơn vị hợp nhất)");
    expect(inherited.hash).not.toBe((await consolidated(day(0, "03-01"), R2)).hash);
  });

  it("split (B → S1, S2): after the day B's figures are inherited by the branch holding both", async () => {
    const S1 = `${R}-S1`;
    const S2 = `${R}-S2`;
    await ok(
      await transition({
        kind: "split",
        unit: B,
        into: [
          { code: S1, name: "Tách 1", kind: "xã" },
          { code: S2, name: "Tách 2", kind: "xã" },
        ],
        date: day(0, "04-01"),
      }),
      201,
    );
    const after = await unitsOn(day(0, "04-01"));
    expect([after.has(B), after.get(S1)?.parent, after.get(S2)?.parent]).toEqual([false, R, R]);
    const early = await consolidated(day(0, "03-31"), R, "successors");
    expect(early.units.find((u: Json) => u.unit === B).as).toBe(B);
    const late = await consolidated(day(0, "04-01"), R, "successors");
    expect(late.units.find((u: Json) => u.unit === B).as).toBe(R);
    expect(quantity(late)).toBe(sum(B));
    expect(quantity(await consolidated(day(0, "04-01"), R))).toBe(sum(B, C, D));
  });

  it("close (E): gone from the list after the day; its figures stay with its last parent", async () => {
    const before = await consolidated(day(0, "04-30"), R2);
    await ok(await transition({ kind: "close", unit: E, date: day(0, "05-01") }), 201);
    expect((await unitsOn(day(0, "04-30"))).has(E)).toBe(true);
    expect((await unitsOn(day(0, "05-01"))).has(E)).toBe(false);
    // all=1 still names it (a report of any day may name a unit closed since), with its last day.
    const every = await ok(await call("/api/units?all=1", { token: leader }));
    expect(every.asOf).toBeNull();
    expect(every.units.find((u: Json) => u.code === E)?.validTo).toBe(day(0, "04-30"));
    expect((await consolidated(day(0, "04-30"), R2)).hash).toBe(before.hash);
    expect(quantity(await consolidated(day(0, "05-01"), R2))).toBe(sum(A, E));
    const inherited = await consolidated(day(0, "05-01"), R2, "successors");
    expect(inherited.units.find((u: Json) => u.unit === E).as).toBe(R2);
    expect(quantity(inherited)).toBe(sum(A, C, D, E));
    // After every change, the result of the eve of the first change is still the one first computed.
    expect((await consolidated(day(-1, "12-31"), R)).hash).toBe(pastHash);
  });

  it("audits every transition", async () => {
    const rows = await env.DB.prepare("SELECT action FROM audit WHERE target IN (?, ?, ?, ?) AND action LIKE 'unit.%'")
      .bind(A, B, `${C},${D}`, E)
      .all();
    const actions = rows.results.map((r) => r.action).filter((a) => a !== "unit.upsert");
    expect(actions.sort()).toEqual(["unit.close", "unit.merge", "unit.rename", "unit.reparent", "unit.split"]);
  });
});

describe("a unit reporting outside its life", () => {
  it("is refused after its last day, then allowed by an audited exception for that template and kind", async () => {
    const { units } = await freshUnits(1);
    const unit = units[0];
    const token = await tokenFor("submitter", unit);
    await ok(await transition({ kind: "close", unit, date: day(-2, "06-01"), note: "giải thể" }), 201);
    const body = submission(unit, { PL02: { "1": { quantity: { "2023": 3 }, NSTW: { "2023": "1" } } } });
    const refused = await call("/api/submissions", { token, json: body });
    expect(refused.status).toBe(403);
    const error = (await refused.json<Json>()).errors[0];
    expect(error.code).toBe("UNIT_CLOSED");
    // The kind in words, never its id: "loại báo cáo kế hoạch", not "plan".
    expect(error.message).toContain("loại báo cáo kế hoạch");
    expect(error.message).toContain("Đơn vị thử 1");
    expect(error.message).toContain(vi(day(-2, "05-31")));

    const other = await call(`/api/units/${unit}/late-reports`, {
      token: ADMIN,
      json: { template: "kh-157-2023", kind: "execution", until: "2099-12-31", reason: "khác loại" },
    });
    expect(other.status).toBe(201);
    expect((await call("/api/submissions", { token, json: body })).status).toBe(403);

    const allowed = await ok(
      await call(`/api/units/${unit}/late-reports`, {
        token: ADMIN,
        json: { template: "kh-157-2023", kind: "plan", until: "2099-12-31", reason: "Báo cáo chốt" },
      }),
      201,
    );
    expect(allowed).toMatchObject({ unit, template: "kh-157-2023", kind: "plan", until: "2099-12-31" });
    await ok(await call("/api/submissions", { token, json: body }), 201);
    const audit = await env.DB.prepare("SELECT detail FROM audit WHERE action = 'unit.late-reports' AND target = ?")
      .bind(unit)
      .all();
    expect(audit.results.map((r) => JSON.parse(r.detail as string).reason)).toEqual(["khác loại", "Báo cáo chốt"]);
  });

  it("an exception that has run out no longer allows it", async () => {
    const { units } = await freshUnits(1);
    const unit = units[0];
    const token = await tokenFor("submitter", unit);
    await ok(await transition({ kind: "close", unit, date: day(-2, "01-01") }), 201);
    await ok(
      await call(`/api/units/${unit}/late-reports`, {
        token: ADMIN,
        json: { template: "kh-157-2023", kind: "plan", until: day(-2, "03-31"), reason: "hết hạn" },
      }),
      201,
    );
    const body = submission(unit, { PL02: { "1": { quantity: { "2023": 3 }, NSTW: { "2023": "1" } } } });
    expect((await call("/api/submissions", { token, json: body })).status).toBe(403);
  });
});
