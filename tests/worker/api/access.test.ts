import { describe, expect, it } from "vitest";
import { ADMIN, call, count, freshUnits, ok, submission, tokenFor } from "./helpers";

const PL02 = { PL02: { "1": { quantity: { "2023": 3 }, NSTW: { "2023": "2.4" } } } };

describe("a submitter cannot reach another unit", () => {
  it("through any route", async () => {
    const { units } = await freshUnits(2);
    const [mine, theirs] = units;
    const me = await tokenFor("submitter", mine);
    const other = await tokenFor("submitter", theirs);
    const theirSnapshot = await ok(
      await call("/api/submissions", { token: other, json: submission(theirs, PL02) }),
      201,
    );
    const before = await count("snapshots");

    const write = await call("/api/submissions", { token: me, json: submission(theirs, PL02) });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { errors: { code: string }[] }).errors[0].code).toBe("UNIT_FORBIDDEN");
    expect((await call(`/api/submissions/${theirSnapshot.id}`, { token: me })).status).toBe(403);
    expect((await call(`/api/submissions?unit=${theirs}`, { token: me })).status).toBe(403);
    const listed = await ok(await call("/api/submissions", { token: me }));
    expect(listed.submissions.every((s: { unit: string }) => s.unit === mine)).toBe(true);
    for (const path of [
      "/api/consolidated",
      "/api/status",
      "/api/audit",
      "/api/admin/tokens",
      "/api/consolidated/published",
    ]) {
      expect((await call(path, { token: me })).status, path).toBe(403);
    }
    expect((await call(`/api/submissions/${theirSnapshot.id}/approve`, { token: me, json: {} })).status).toBe(403);
    expect((await call("/api/consolidated/publish", { token: me, json: {} })).status).toBe(403);
    expect(
      (await call("/api/locks", { token: me, json: { template: "kh-157-2023", kind: "plan", period: "2023" } })).status,
    ).toBe(403);
    expect(await count("snapshots")).toBe(before);
  });
});

describe("tokens", () => {
  it("are refused when missing, malformed, unknown or revoked", async () => {
    expect((await call("/api/me")).status).toBe(401);
    expect((await call("/api/me", { headers: { Authorization: "Basic abc" } })).status).toBe(401);
    expect((await call("/api/me", { token: "kh157_definitely-not-a-real-token" })).status).toBe(401);
    const issued = await ok(
      await call("/api/admin/tokens", { token: ADMIN, json: { role: "leader", label: "thử" } }),
      201,
    );
    expect(await ok(await call("/api/me", { token: issued.token }))).toMatchObject({ role: "leader", unit: null });
    const stored = await ok(await call("/api/admin/tokens", { token: ADMIN }));
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    await ok(await call(`/api/admin/tokens/${issued.id}`, { method: "DELETE", token: ADMIN }));
    expect((await call("/api/me", { token: issued.token })).status).toBe(401);
  });

  it("a submitter token must name a unit, other roles must not", async () => {
    expect((await call("/api/admin/tokens", { token: ADMIN, json: { role: "submitter" } })).status).toBe(422);
    expect((await call("/api/admin/tokens", { token: ADMIN, json: { role: "leader", unit: "941" } })).status).toBe(422);
    expect((await call("/api/admin/tokens", { token: ADMIN, json: { role: "submitter", unit: "nope" } })).status).toBe(
      422,
    );
  });
});
