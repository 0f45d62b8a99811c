import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { ADMIN, call, count, freshUnits, ok, submission, tokenFor } from "./helpers";

describe("templates", () => {
  it("an admin stores a new template only if the domain accepts it", async () => {
    const base = structuredClone(getTemplate("kh-157-2023")!);
    const broken = {
      ...base,
      id: "kh-test-broken",
      appendices: [{ ...base.appendices[0], columns: base.appendices[0].columns.slice(0, 3) }],
    };
    const before = await count("templates");
    const bad = await call("/api/templates", { token: ADMIN, json: broken });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { code: string }[] }).errors[0].code).toBe("TEMPLATE_INVALID");
    expect(await count("templates")).toBe(before);

    const second = { ...base, id: "kh-test-phase2", name: "Giai đoạn II (thử)" };
    await ok(await call("/api/templates", { token: ADMIN, json: second }), 201);
    expect((await call("/api/templates", { token: ADMIN, json: second })).status).toBe(409);
    const listed = await ok(await call("/api/templates"));
    expect(listed.templates.map((t: { id: string }) => t.id)).toContain("kh-test-phase2");
    const fetched = await ok(await call("/api/templates/kh-test-phase2"));
    expect(fetched.name).toBe("Giai đoạn II (thử)");
    const leader = await tokenFor("leader");
    expect((await call("/api/templates", { token: leader, json: second })).status).toBe(403);
  });
});

describe("status board and audit", () => {
  it("shows expected units as missing until they submit", async () => {
    const { units } = await freshUnits(2);
    // A template of its own (the status board reads its kinds), so no other test's units are expected.
    const own = { ...getTemplate("kh-157-2023")!, id: `kh-test-status-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: own }), 201);
    await ok(await call("/api/admin/expected-units", { token: ADMIN, json: { template: own.id, units } }));
    const leader = await tokenFor("leader");
    const empty = await ok(await call(`/api/status?template=${own.id}`, { token: leader }));
    expect(empty.units.map((u: { missing: boolean }) => u.missing)).toEqual([true, true]);
    const expected = await ok(await call("/api/admin/expected-units?template=kh-157-2023", { token: ADMIN }));
    expect(expected.units).toEqual(["945", "950", "951", "STTTT"]);
  });

  it("records every write exactly once with actor, action, target and time", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const reviewer = await tokenFor("reviewer");
    const last = await env.DB.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM audit").first<{ seq: number }>();
    const r = await ok(
      await call("/api/submissions", {
        token,
        json: submission(units[0], { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } }),
      }),
      201,
    );
    await ok(await call(`/api/submissions/${r.id}/approve`, { token: reviewer, json: { comment: "ok" } }));
    const entries = (await ok(await call(`/api/audit?after=${last!.seq}`, { token: reviewer }))).entries as {
      action: string;
      target: string;
      actor: string;
      at: string;
    }[];
    const mine = entries.filter((e) => e.target === r.id);
    expect(mine.map((e) => e.action)).toEqual(["snapshot.create", "snapshot.approve"]);
    expect(mine.every((e) => e.actor && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });
});

describe("request limits", () => {
  it("answers 413 for an oversize body and 415 for an unknown content type", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const huge = "x".repeat(6 * 1024 * 1024);
    const big = await call("/api/submissions", { token, body: huge, headers: { "Content-Type": "application/json" } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: { code: string }[] }).errors[0].code).toBe("PAYLOAD_TOO_LARGE");
    const text = await call("/api/submissions", { token, body: "hello", headers: { "Content-Type": "text/plain" } });
    expect(text.status).toBe(415);
    const malformed = await call("/api/submissions", {
      token,
      body: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { code: string }[] }).errors[0].code).toBe("INVALID_JSON");
  });
});
