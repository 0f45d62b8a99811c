// Issue 17, point 4: reporting rounds (a deadline and the expected units per template, kind and
// period) and each expected unit's timeliness on GET /api/status, as DHIS2 counts timely
// submission, plus the "chưa nộp / not submitted" list as people's CSV. Deadlines are derived from
// the moment the Worker stored each version, and every board names its moment (asOf): no
// assertion depends on the wall clock, the time of day or where a deadline falls.
import { beforeAll, describe, expect, it } from "vitest";
import { getTemplate, type Template } from "../../../domain";
import { ADMIN, call, freshUnits, ok, tokenFor } from "./helpers";

/** Under an id of this file's own, so its rounds and expected units meet no other test. */
const template: Template = { ...getTemplate("kh-157-2023")!, id: `kh-rounds-${Date.now().toString(36)}` };
const DAY = 86_400_000;
let units: string[] = [];
let leader = "";
let reviewer = "";
let district = "";
/** When the Worker stored units[0]'s plan (its first version). */
let stored = "";

/** The day (YYYY-MM-DD) in Vietnam time of an instant, moved by `days`. */
function vnDay(iso: string, days = 0): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
}

const setRound = (body: Record<string, unknown>, token = ADMIN) =>
  call("/api/rounds", { token, json: { template: template.id, kind: "plan", ...body } });

async function board(query: string, token = leader) {
  return ok(await call(`/api/status?template=${template.id}&kind=plan&${query}`, { token }));
}

const timeliness = (b: { units: { unit: string; timeliness: string | null }[] }) =>
  Object.fromEntries(b.units.map((r) => [r.unit, r.timeliness]));

beforeAll(async () => {
  await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
  ({ units } = await freshUnits(4));
  await ok(await call("/api/admin/expected-units", { token: ADMIN, json: { template: template.id, units } }));
  leader = await tokenFor("leader");
  reviewer = await tokenFor("reviewer");
  district = await tokenFor("submitter", units[0]);
  const receipt = await ok(
    await call("/api/submissions", {
      token: district,
      json: { template: template.id, unit: units[0], kind: "plan", appendices: {} },
    }),
    201,
  );
  stored = receipt.createdAt;
  expect(stored).toMatch(/^\d{4}-\d{2}-\d{2}T/);
});

describe("reporting rounds", () => {
  it("an administrator sets a round; its units default to the template's expected units; anyone signed in lists", async () => {
    const set = await ok(await setRound({ period: "2025", deadline: "2031-01-15" }));
    expect(set).toEqual({
      template: template.id,
      kind: "plan",
      period: "2025",
      deadline: "2031-01-15",
      opens: null,
      units: [...units].sort(),
      defaultUnits: true,
    });
    // Changing it replaces it (one round per template, kind and period).
    const changed = await ok(await setRound({ period: "2025", deadline: "2031-02-01", units: [units[1], units[1]] }));
    expect(changed).toMatchObject({ deadline: "2031-02-01", units: [units[1]], defaultUnits: false });
    for (const token of [district, reviewer, leader]) {
      const list = await ok(await call(`/api/rounds?template=${template.id}`, { token }));
      expect(list.rounds.filter((r: { period: string }) => r.period === "2025")).toEqual([changed]);
    }
    const audit = await ok(await call("/api/audit?limit=500", { token: ADMIN }));
    expect(
      audit.entries.filter((e: { action: string; target: string }) => e.target === `${template.id}/plan/2025`),
    ).toHaveLength(2);
  });

  it("refuses other roles, unknown periods, kinds and units, and an opening day after the deadline", async () => {
    expect((await setRound({ period: "2024", deadline: "2031-01-15" }, leader)).status).toBe(403);
    const code = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      return ((await res.json()) as { errors: { code: string }[] }).errors[0].code;
    };
    expect(await code(await setRound({ period: "total", deadline: "2031-01-15" }), 422)).toBe("ROUND_PERIOD_UNKNOWN");
    expect(await code(await setRound({ period: "2030", deadline: "2031-01-15" }), 422)).toBe("ROUND_PERIOD_UNKNOWN");
    expect(await code(await setRound({ kind: "budget", period: "2024", deadline: "2031-01-15" }), 422)).toBe(
      "KIND_UNKNOWN",
    );
    expect(await code(await setRound({ period: "2024", deadline: "2031-01-15", units: ["NO-SUCH"] }), 422)).toBe(
      "UNIT_UNKNOWN",
    );
    expect(await code(await setRound({ period: "2024", deadline: "2031-01-15", opens: "2031-01-16" }), 422)).toBe(
      "ROUND_OPENS_AFTER_DEADLINE",
    );
    expect(await code(await setRound({ period: "2024", deadline: "2031-02-30" }), 400)).toBe("INVALID_REQUEST");
    const list = await ok(await call(`/api/rounds?template=${template.id}`, { token: leader }));
    expect(list.rounds.map((r: { period: string }) => r.period)).toEqual(["2025"]);
  });
});

describe("timeliness on the status board", () => {
  it("on time, late, not yet due and overdue, each from the round's deadline and the board's moment", async () => {
    // 2023 was due the day before units[0] submitted; 2024 is due the day after.
    await ok(await setRound({ period: "2023", deadline: vnDay(stored, -1) }));
    await ok(await setRound({ period: "2024", deadline: vnDay(stored, 1) }));
    const past = await board(`period=2023&asOf=${encodeURIComponent(stored)}`);
    expect(past.round).toMatchObject({ period: "2023", deadline: vnDay(stored, -1), defaultUnits: true });
    expect(timeliness(past)).toEqual({
      [units[0]]: "late",
      [units[1]]: "overdue",
      [units[2]]: "overdue",
      [units[3]]: "overdue",
    });
    expect(past.units.every((r: { deadline: string }) => r.deadline === vnDay(stored, -1))).toBe(true);
    const coming = await board(`period=2024&asOf=${encodeURIComponent(stored)}`);
    expect(timeliness(coming)).toEqual({
      [units[0]]: "on_time",
      [units[1]]: "not_due",
      [units[2]]: "not_due",
      [units[3]]: "not_due",
    });
    // The end of the deadline day in Vietnam time is still before it; a millisecond later is overdue.
    const end = new Date(Date.parse(`${vnDay(stored, 1)}T17:00:00.000Z`) - 1).toISOString();
    expect(timeliness(await board(`period=2024&asOf=${encodeURIComponent(end)}`))[units[1]]).toBe("not_due");
    const after = new Date(Date.parse(end) + 1).toISOString();
    expect(timeliness(await board(`period=2024&asOf=${encodeURIComponent(after)}`))[units[1]]).toBe("overdue");
    // Before units[0] submitted, it had not: the board at an earlier moment says so.
    const before = new Date(Date.parse(stored) - 1).toISOString();
    expect(timeliness(await board(`period=2024&asOf=${encodeURIComponent(before)}`))[units[0]]).toBe("not_due");
  });

  it("without a period the board takes the first round not yet past its deadline, else the last", async () => {
    expect((await board(`asOf=${encodeURIComponent(stored)}`)).round.period).toBe("2024");
    expect((await board("asOf=2099-12-31")).round.period).toBe("2025");
    // A round's own units are the board's rows.
    expect((await board("asOf=2099-12-31")).units.map((r: { unit: string }) => r.unit)).toEqual([units[1]]);
  });

  it("a version stored before the round opens does not count for it", async () => {
    await ok(await setRound({ period: "2024", deadline: vnDay(stored, 1), opens: vnDay(stored, 1) }));
    const b = await board(`period=2024&asOf=${encodeURIComponent(stored)}`);
    expect(timeliness(b)[units[0]]).toBe("not_due");
    expect(b.units.find((r: { unit: string }) => r.unit === units[0]).version).toBe(1);
    await ok(await setRound({ period: "2024", deadline: vnDay(stored, 1), opens: vnDay(stored) }));
    expect(timeliness(await board(`period=2024&asOf=${encodeURIComponent(stored)}`))[units[0]]).toBe("on_time");
  });

  it("a template and kind without rounds: no deadline, no timeliness", async () => {
    const b = await ok(await call(`/api/status?template=${template.id}&kind=execution`, { token: leader }));
    expect(b.round).toBeNull();
    expect(b.units.map((r: { deadline: null; timeliness: null }) => [r.deadline, r.timeliness])).toEqual(
      units.map(() => [null, null]),
    );
  });
});

describe("the not-submitted list (CSV)", () => {
  it("opens in a Vietnamese spreadsheet (BOM, semicolons) and lists exactly the units missing in the round", async () => {
    const res = await call(
      `/api/status/not-submitted.csv?template=${template.id}&kind=plan&period=2023&asOf=${encodeURIComponent(stored)}`,
      { token: leader },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="chua-nop-${template.id}-plan-2023.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Mã đơn vị;Đơn vị;Kỳ;Hạn nộp;Tình trạng;Phiên bản mới nhất;Tính đến");
    const rows = lines.slice(1).map((l) => l.split(";"));
    expect(rows.map((r) => r[0])).toEqual(units.slice(1));
    const [y, m, d] = vnDay(stored, -1).split("-");
    for (const r of rows) expect(r.slice(2, 6)).toEqual(["2023", `${d}/${m}/${y}`, "Quá hạn", ""]);
    // In 2024's round nobody but units[0] is missing either, and the words say "not yet due".
    const coming = await call(
      `/api/status/not-submitted.csv?template=${template.id}&kind=plan&period=2024&asOf=${encodeURIComponent(stored)}`,
      { token: reviewer },
    );
    const comingRows = (await coming.text()).trimEnd().split("\r\n").slice(1);
    expect(comingRows.map((l) => l.split(";")[0])).toEqual(units.slice(1));
    expect(comingRows.every((l) => l.split(";")[4] === "Chưa đến hạn")).toBe(true);
  });

  it("is for leadership and reviewers only", async () => {
    const res = await call(`/api/status/not-submitted.csv?template=${template.id}`, { token: district });
    expect(res.status).toBe(403);
  });
});
