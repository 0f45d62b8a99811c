// `asOf` (issue 12): a date means the end of that day in Vietnam time (UTC+7, no daylight saving),
// as the pages say; instants outside the years 2000–9999 are refused instead of turning into a
// "+010000-…" string that sorts before every real time.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, freshUnits, ok, submission, tokenFor } from "./helpers";

const FIGURES = { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } };

/** Two units of a fresh branch, each with one snapshot stored at the given UTC instant. */
async function storedAt(times: string[]): Promise<{ root: string; units: string[] }> {
  const { root, units } = await freshUnits(times.length);
  for (const [k, unit] of units.entries()) {
    const receipt = await ok(
      await call("/api/submissions", { token: await tokenFor("submitter", unit), json: submission(unit, FIGURES) }),
      201,
    );
    await env.DB.prepare("UPDATE snapshots SET created_at = ? WHERE id = ?").bind(times[k], receipt.id).run();
  }
  return { root, units };
}

const codeOf = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code;

describe("asOf", () => {
  it("a date ends at the next day's 00:00 in Vietnam (+07:00), not at midnight UTC", async () => {
    // 10 March 2024 23:59:59.999 and 11 March 2024 00:00:00.000 in Vietnam.
    const { root, units } = await storedAt(["2024-03-10T16:59:59.999Z", "2024-03-10T17:00:00.000Z"]);
    const leader = await tokenFor("leader");
    const at = async (asOf: string) =>
      ok(await call(`/api/consolidated?unit=${root}&asOf=${encodeURIComponent(asOf)}`, { token: leader }));

    const tenth = await at("2024-03-10");
    expect(tenth.asOf).toBe("2024-03-10T16:59:59.999Z");
    expect(tenth.units.map((u: { unit: string }) => u.unit)).toEqual([units[0]]);
    const eleventh = await at("2024-03-11");
    expect(eleventh.units.map((u: { unit: string }) => u.unit).sort()).toEqual([...units].sort());
    // The same moments written as instants agree with the dates.
    expect((await at("2024-03-11T00:00:00+07:00")).units).toHaveLength(2);
    expect((await at("2024-03-10T23:59:59.999+07:00")).units).toHaveLength(1);
    expect((await at("2024-03-09")).units).toHaveLength(0);
  });

  it("instants outside the years 2000–9999 are refused with 400 AS_OF_OUT_OF_RANGE, in every route that takes asOf", async () => {
    const { root } = await storedAt(["2024-03-10T10:00:00.000Z"]);
    const leader = await tokenFor("leader");
    const reviewer = await tokenFor("reviewer");
    const refused = [
      "9999-12-31T23:00:00-05:00", // year 10000 in UTC: would sort before every real time
      "9999-12-31T23:59:59.999-00:01",
      "1999-12-31",
      "2000-01-01T00:00:00+07:00", // 1999-12-31T17:00Z
      "0001-01-01",
      "1969-12-31T23:59:59Z",
    ];
    for (const asOf of refused) {
      const res = await call(`/api/consolidated?unit=${root}&asOf=${encodeURIComponent(asOf)}`, { token: leader });
      expect(res.status, asOf).toBe(400);
      expect(await codeOf(res), asOf).toBe("AS_OF_OUT_OF_RANGE");
      const csv = await call(`/api/consolidated?unit=${root}&format=csv&asOf=${encodeURIComponent(asOf)}`, {
        token: leader,
      });
      expect(csv.status, `csv ${asOf}`).toBe(400);
      const publish = await call("/api/consolidated/publish", { token: reviewer, json: { unit: root, asOf } });
      expect(publish.status, `publish ${asOf}`).toBe(400);
      expect(await codeOf(publish), `publish ${asOf}`).toBe("AS_OF_OUT_OF_RANGE");
    }
    // The edges themselves are moments like any other.
    for (const asOf of ["9999-12-31", "9999-12-31T23:59:59.999Z", "2000-01-01", "2000-01-01T00:00:00Z"]) {
      const res = await call(`/api/consolidated?unit=${root}&asOf=${encodeURIComponent(asOf)}`, { token: leader });
      expect(res.status, asOf).toBe(200);
    }
    const far = await ok(await call(`/api/consolidated?unit=${root}&asOf=9999-12-31`, { token: leader }));
    expect(far.asOf).toBe("9999-12-31T16:59:59.999Z");
    expect(far.units).toHaveLength(1);
  });

  it("the dashboard refuses an out-of-range date with a 400 page, and answers a date the calendar does not have with 400 too", async () => {
    const { exports } = await import("cloudflare:workers");
    const signedIn = await exports.default.fetch("http://local.test/sign-in", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://local.test" },
      body: new URLSearchParams({ token: await tokenFor("leader") }),
      redirect: "manual",
    });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
    for (const asOf of ["1999-12-31", "2026-02-30"]) {
      const res = await exports.default.fetch(`http://local.test/dashboard?asOf=${asOf}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
      expect(res.status, asOf).toBe(400);
      expect(res.headers.get("content-type"), asOf).toMatch(/^text\/html/);
    }
    const fine = await exports.default.fetch("http://local.test/dashboard?asOf=2024-03-10", {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(fine.status).toBe(200);
  });
});
