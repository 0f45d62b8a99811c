// Decision 0017: a version the reviewer returned is not counted in "Bản mới nhất" totals. The
// unit's newest version not returned is used instead (or none), the answer names what it passed
// over, an answer for a past moment keeps the review state of that moment, and the hash changes
// only with what is included. /api/status follows the same asOf and basis. Real D1.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { readXlsx } from "../../../worker/xlsx";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "./helpers";

const PL02 = (q: number) => ({ PL02: { "1": { quantity: { "2023": q }, NSTW: { "2023": String(q) } } } });

/** Moves a stored row to a fixed moment, so "as of" questions have exact answers. */
async function at(table: "snapshots" | "reviews", id: string, iso: string): Promise<void> {
  const column = table === "snapshots" ? "id" : "snapshot_id";
  await env.DB.prepare(`UPDATE ${table} SET created_at = ? WHERE ${column} = ?`).bind(iso, id).run();
}

interface Unit {
  unit: string;
  version: number;
  passedOver?: { version: number; snapshot: string; returnedAt: string }[];
}

/** Three units of a template of their own (its status board expects exactly them). */
async function setUp() {
  const { root, units } = await freshUnits(3);
  const template = { ...getTemplate("kh-157-2023")!, id: `kh-test-returned-${root.toLowerCase()}` };
  await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
  await ok(await call("/api/admin/expected-units", { token: ADMIN, json: { template: template.id, units } }));
  const tokens = await Promise.all(units.map((u) => tokenFor("submitter", u)));
  const post = async (k: number, q: number) =>
    (
      await ok<{ id: string; version: number }>(
        await call("/api/submissions", {
          token: tokens[k],
          json: { ...submission(units[k], PL02(q)), template: template.id },
        }),
        201,
      )
    ).id;
  return { root, units, template: template.id, post };
}

describe("returned versions and the latest totals (decision 0017)", () => {
  it("are passed over for the unit's previous version, marked, at the review state of asOf, hash of what is included", async () => {
    const { root, units, template, post } = await setUp();
    const reviewer = await tokenFor("reviewer");
    const leader = await tokenFor("leader");
    const review = async (id: string, action: "approve" | "return", comment = "") =>
      ok(await call(`/api/submissions/${id}/${action}`, { token: reviewer, json: { comment } }));

    // Unit 0: v1 (10), v2 (20) later returned. Unit 1: v1 (3) later returned. Unit 2: nothing.
    const a1 = await post(0, 10);
    const a2 = await post(0, 20);
    const b1 = await post(1, 3);
    await at("snapshots", a1, "2025-01-10T03:00:00.000Z");
    await at("snapshots", a2, "2025-01-12T03:00:00.000Z");
    await at("snapshots", b1, "2025-01-12T04:00:00.000Z");
    await review(a2, "return", "Sai số lượng");
    await review(b1, "return", "Thiếu PL01");
    await at("reviews", a2, "2025-01-14T03:00:00.000Z");
    await at("reviews", b1, "2025-01-14T04:00:00.000Z");

    const get = (query: string) =>
      call(`/api/consolidated?template=${template}&unit=${root}${query}`, { token: leader }).then((r) => ok(r));
    const total = (r: { appendices: any }) => r.appendices.PL02?.total?.quantity?.total;

    // Before v2 existed: v1 only. That answer's hash is the one the totals must come back to.
    const onlyV1 = await get("&asOf=2025-01-11");
    expect(onlyV1.units.map((u: Unit) => [u.unit, u.version])).toEqual([[units[0], 1]]);
    // Before the returns: both new versions count, nothing is passed over.
    const before = await get("&asOf=2025-01-13");
    expect(before.units.map((u: Unit) => [u.unit, u.version])).toEqual([
      [units[0], 2],
      [units[1], 1],
    ]);
    expect(total(before)).toBe(23);
    expect(before.passedOver).toEqual([]);
    expect(before.units.every((u: Unit) => u.passedOver === undefined)).toBe(true);

    // Now: unit 0 counts v1 again, unit 1 counts nothing, and both returns are named.
    const now = await get("");
    expect(total(now)).toBe(10);
    expect(now.units).toEqual([
      {
        unit: units[0],
        version: 1,
        snapshot: a1,
        sha256: expect.any(String),
        passedOver: [{ version: 2, snapshot: a2, returnedAt: "2025-01-14T03:00:00.000Z" }],
      },
    ]);
    expect(now.passedOver).toEqual([
      { unit: units[0], version: 2, snapshot: a2, returnedAt: "2025-01-14T03:00:00.000Z", usedVersion: 1 },
      { unit: units[1], version: 1, snapshot: b1, returnedAt: "2025-01-14T04:00:00.000Z", usedVersion: null },
    ]);
    expect(now.hash).toBe(onlyV1.hash);
    expect(now.appendices).toEqual(onlyV1.appendices);
    // The past stays exact: asked again for the 13th, the answer is what it was.
    expect(await get("&asOf=2025-01-13")).toEqual(before);

    // Approved only ever counts approved versions: nothing is "passed over" there.
    const approved = await get("&basis=approved");
    expect(approved.units).toEqual([]);
    expect(approved.passedOver).toEqual([]);

    // A resubmission after the return counts again; the older returned version is no longer "passed over".
    const a3 = await post(0, 30);
    const after = await get("");
    expect(after.units.map((u: Unit) => [u.unit, u.version, u.passedOver])).toEqual([[units[0], 3, undefined]]);
    expect(after.passedOver.map((p: Unit) => [p.unit, p.version])).toEqual([[units[1], 1]]);
    expect(total(after)).toBe(30);

    // Approving a returned version later puts it back: its latest review decides.
    await review(b1, "approve");
    const reapproved = await get("");
    expect(reapproved.units.map((u: Unit) => [u.unit, u.version])).toEqual([
      [units[0], 3],
      [units[1], 1],
    ]);
    expect(reapproved.passedOver).toEqual([]);

    // The xlsx says which returned versions it did not count (names, Vietnam time).
    await review(a3, "return", "Sai lần nữa");
    const xlsx = await call(`/api/consolidated?template=${template}&unit=${root}&format=xlsx`, { token: leader });
    const texts = readXlsx(new Uint8Array(await xlsx.arrayBuffer()))[0]
      .values.flat()
      .filter((v): v is string => typeof v === "string");
    const line = texts.find((t) => t.startsWith("Không tính các phiên bản bị trả lại"));
    const time = String.raw`\d{2}/\d{2}/\d{4} \d{2}:\d{2}`;
    const name = `Đơn vị thử 1 \\(${units[0]}\\)`;
    expect(line).toMatch(
      new RegExp(
        `^Không tính các phiên bản bị trả lại: ${name} – phiên bản 3 \\(trả lại lúc ${time}; tính phiên bản 1\\); ` +
          `${name} – phiên bản 2 \\(trả lại lúc 14/01/2025 10:00; tính phiên bản 1\\)\\.$`,
      ),
    );
  });

  it("/api/status follows asOf and basis, and says which version the totals count", async () => {
    const { units, template, post } = await setUp();
    const reviewer = await tokenFor("reviewer");
    const leader = await tokenFor("leader");
    const a1 = await post(0, 1);
    const a2 = await post(0, 2);
    const b1 = await post(1, 5);
    await at("snapshots", a1, "2025-03-01T03:00:00.000Z");
    await at("snapshots", a2, "2025-03-03T03:00:00.000Z");
    await at("snapshots", b1, "2025-03-03T04:00:00.000Z");
    await ok(await call(`/api/submissions/${a2}/return`, { token: reviewer, json: { comment: "Sửa lại" } }));
    await ok(await call(`/api/submissions/${b1}/approve`, { token: reviewer, json: {} }));
    await at("reviews", a2, "2025-03-05T03:00:00.000Z");
    await at("reviews", b1, "2025-03-05T04:00:00.000Z");

    const board = async (query: string) =>
      ok(await call(`/api/status?template=${template}${query}`, { token: leader })).then((b) => ({
        asOf: b.asOf,
        basis: b.basis,
        rows: b.units.map((r: any) => [r.unit, r.status, r.version, r.counted, r.reviewComment]),
      }));

    expect(await board("&asOf=2025-02-28")).toEqual({
      asOf: "2025-02-28T16:59:59.999Z",
      basis: "latest",
      rows: units.map((u) => [u, "missing", null, null, null]),
    });
    // 4 March: v2 and b1 stored, nothing reviewed yet.
    expect((await board("&asOf=2025-03-04")).rows).toEqual([
      [units[0], "submitted", 2, 2, null],
      [units[1], "submitted", 1, 1, null],
      [units[2], "missing", null, null, null],
    ]);
    expect((await board("&asOf=2025-03-04&basis=approved")).rows.map((r: unknown[]) => r[3])).toEqual([
      null,
      null,
      null,
    ]);
    // Now: v2 returned (its comment shown), the totals count v1; b1 approved.
    const now = await board("");
    expect(now.basis).toBe("latest");
    expect(Date.parse(now.asOf)).toBeGreaterThan(Date.parse("2025-03-05T04:00:00.000Z"));
    expect(now.rows).toEqual([
      [units[0], "returned", 2, 1, "Sửa lại"],
      [units[1], "approved", 1, 1, ""],
      [units[2], "missing", null, null, null],
    ]);
    expect((await board("&basis=approved")).rows.map((r: unknown[]) => r[3])).toEqual([null, 1, null]);

    // The same parser as /api/consolidated: what it refuses, the board refuses with the same code.
    for (const asOf of ["1999-12-31", "2025-02-30", "10000-01-01", "2025-03-04T25:00:00Z"]) {
      const codes = await Promise.all(
        [`/api/status?template=${template}`, `/api/consolidated?template=${template}`].map(async (path) => {
          const res = await call(`${path}&asOf=${asOf}`, { token: leader });
          return [res.status, ((await res.json()) as { errors: { code: string }[] }).errors[0].code];
        }),
      );
      expect(codes[0], asOf).toEqual(codes[1]);
      expect(codes[0][0], asOf).toBe(400);
    }
  });
});
