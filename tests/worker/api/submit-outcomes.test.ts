// Issue 14: submit() answers every outcome as a value (created, replayed, checked, invalid,
// refused with a catalogue code) instead of returning some and throwing others; the route and
// the upload page map them to HTTP. Called here directly, as the route and the page call it.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import type { Principal } from "../../../worker/auth/principal";
import { type SubmitOutcome, type SubmitRequest, submit } from "../../../worker/services/submit";
import { ADMIN, call, count, freshUnits, ok, tokenFor } from "./helpers";

const PL02 = (q: number) => ({ PL02: { "1": { quantity: { "2023": q }, NSTW: { "2023": String(q) } } } });
const admin: Principal = { id: "outcome-test", role: "admin", unit: null };

function request(unit: string, extra: Partial<SubmitRequest> = {}): SubmitRequest {
  return {
    template: "kh-157-2023",
    unit,
    kind: "plan",
    source: "api",
    appendices: PL02(1),
    idempotencyKey: null,
    dryRun: false,
    ...extra,
  };
}

/** The outcome of one call; submit() must resolve (never reject) for every outcome tested here. */
async function outcome(who: Principal, req: SubmitRequest, files = env.FILES): Promise<SubmitOutcome> {
  return submit({ DB: env.DB, FILES: files }, who, req);
}

function refusedWith(o: SubmitOutcome) {
  if (o.type !== "refused") throw new Error(`expected a refusal, got ${o.type}`);
  return { code: o.code, status: o.error.status, errorCode: o.error.code, params: o.error.params };
}

describe("submit() outcomes", () => {
  it("created, replayed, checked and invalid are values", async () => {
    const { units } = await freshUnits(1);
    const created = await outcome(admin, request(units[0], { idempotencyKey: "k-1" }));
    expect(created.type).toBe("created");
    if (created.type !== "created") return;
    expect(created.receipt).toMatchObject({
      valid: true,
      unit: units[0],
      kind: "plan",
      version: 1,
      status: "submitted",
    });

    const replayed = await outcome(admin, request(units[0], { idempotencyKey: "k-1" }));
    expect(replayed).toMatchObject({ type: "replayed", receipt: { id: created.receipt.id, version: 1 } });

    const before = await count("snapshots");
    const checked = await outcome(admin, request(units[0], { appendices: PL02(2), dryRun: true }));
    expect(checked).toMatchObject({ type: "checked", answer: { valid: true, dryRun: true, errors: [] } });
    expect(await count("snapshots")).toBe(before);

    for (const [req, code] of [
      [request(units[0], { appendices: { PL02: { "1": { quantity: { "2023": -1 } } } } }), "NEGATIVE"],
      [request(units[0], { template: "kh-999" }), "TEMPLATE_NOT_FOUND"],
      [request("no-such-unit"), "UNIT_UNKNOWN"],
      [request(units[0], { kind: "budget" }), "KIND_UNKNOWN"],
    ] as const) {
      const o = await outcome(admin, req);
      expect(o.type, code).toBe("invalid");
      if (o.type === "invalid")
        expect(
          o.report.errors.map((e) => e.code),
          code,
        ).toContain(code);
    }
    expect(await count("snapshots")).toBe(before);
  });

  it("workflow refusals are values with their catalogue code, status and params", async () => {
    const { units } = await freshUnits(2);
    const submitter: Principal = { id: "outcome-submitter", role: "submitter", unit: units[0] };
    expect(refusedWith(await outcome(submitter, request(units[1])))).toEqual({
      code: "UNIT_FORBIDDEN",
      status: 403,
      errorCode: "UNIT_FORBIDDEN",
      params: {},
    });

    await outcome(submitter, request(units[0], { idempotencyKey: "k-2" }));
    expect(
      refusedWith(await outcome(submitter, request(units[0], { idempotencyKey: "k-2", appendices: PL02(9) }))),
    ).toEqual({
      code: "IDEMPOTENCY_KEY_REUSED",
      status: 409,
      errorCode: "IDEMPOTENCY_KEY_REUSED",
      params: { version: 1 },
    });
    expect(refusedWith(await outcome(submitter, request(units[0], { baseVersion: 0, appendices: PL02(3) })))).toEqual({
      code: "STALE_BASE_VERSION",
      status: 409,
      errorCode: "STALE_BASE_VERSION",
      params: { current: 1, base: 0 },
    });

    // A template of its own, so this lock meets no other test's submissions.
    const own = { ...getTemplate("kh-157-2023")!, id: `kh-outcomes-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: own }), 201);
    await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[1]),
        json: { template: own.id, unit: units[1], kind: "execution", appendices: PL02(1) },
      }),
      201,
    );
    await ok(
      await call("/api/locks", {
        token: await tokenFor("reviewer"),
        json: { template: own.id, kind: "execution", period: "2023" },
      }),
      201,
    );
    expect(
      refusedWith(
        await outcome(admin, request(units[1], { template: own.id, kind: "execution", appendices: PL02(7) })),
      ),
    ).toEqual({
      code: "PERIOD_LOCKED",
      status: 423,
      errorCode: "PERIOD_LOCKED",
      params: { period: "2023" },
    });

    const quota = await submit(
      { DB: env.DB, FILES: env.FILES, UNIT_SNAPSHOT_QUOTA: "1" } as { DB: D1Database; FILES: R2Bucket },
      admin,
      request(units[0], { appendices: PL02(4) }),
    );
    expect(refusedWith(quota)).toMatchObject({
      code: "UNIT_QUOTA_EXCEEDED",
      status: 507,
      params: { unit: units[0], snapshots: 1, snapshotLimit: 1 },
    });
  });

  it("the route maps each outcome to its status", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const body = { template: "kh-157-2023", unit: units[0], kind: "plan", appendices: PL02(1) };
    const created = await call("/api/submissions", { token, json: body, headers: { "Idempotency-Key": "route-1" } });
    expect([
      created.status,
      created.headers.get("Location")?.startsWith("/api/submissions/"),
      created.headers.get("Idempotent-Replayed"),
    ]).toEqual([201, true, null]);
    const replayed = await call("/api/submissions", { token, json: body, headers: { "Idempotency-Key": "route-1" } });
    expect([replayed.status, replayed.headers.get("Idempotent-Replayed")]).toEqual([201, "true"]);
    expect((await call("/api/submissions?dryRun=true", { token, json: body })).status).toBe(200);
    expect((await call("/api/submissions", { token, json: { ...body, kind: "budget" } })).status).toBe(422);
    expect(
      (
        await call("/api/submissions", {
          token,
          json: { ...body, appendices: PL02(2) },
          headers: { "Idempotency-Key": "route-1" },
        })
      ).status,
    ).toBe(409);
  });
});
