// Decision 0019: figures identical to the report's latest version (same canonical SHA-256,
// template, unit and kind) answer that version (200, `identical`, a notice "giống phiên bản N")
// instead of storing a copy, unless the request asks for a new version (`newVersion`) or that
// version was returned (then resubmitting it is deliberate and stored). Idempotency-Key
// semantics are unchanged. JSON and uploads, real D1 and R2.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { figuresFromTree, getTemplate, printAppendix } from "../../../domain";
import type { Principal } from "../../../worker/auth/principal";
import { type SubmitOutcome, submit } from "../../../worker/services/submit";
import { writeXlsx } from "../../../worker/xlsx";
import { call, count, countR2, freshUnits, ok, submission, tokenFor } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const template = getTemplate("kh-157-2023")!;
const PL02 = (q: number) => ({ PL02: { "1": { quantity: { "2023": q }, NSTW: { "2023": `${q}.5` } } } });

function workbook(tree: ReturnType<typeof PL02>): Uint8Array<ArrayBuffer> {
  const figures = figuresFromTree(template, tree);
  return new Uint8Array(writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures }))));
}

/** snapshots, audit rows and R2 objects: what a submission may add. */
const stored = async () => [await count("snapshots"), await count("audit"), await countR2()];

describe("identical resubmissions (decision 0019)", () => {
  it("JSON: the latest version is answered with a notice, nothing stored; newVersion=true stores one", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const first = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(4)) }), 201);

    const before = await stored();
    // The same figures written in another key order, with the phase total given: the same canonical JSON.
    const again = { PL02: { "1": { NSTW: { total: "4.5", "2023": "4.5" }, quantity: { "2023": 4 } } } };
    const res = await call("/api/submissions", { token, json: submission(units[0], again) });
    const body = await ok(res, 200);
    expect(res.headers.get("Location")).toBe(`/api/submissions/${first.id}`);
    expect(body).toMatchObject({
      valid: true,
      id: first.id,
      version: 1,
      sha256: first.sha256,
      status: "submitted",
      identical: { version: 1, status: "submitted" },
      notice: { code: "SUBMISSION_IDENTICAL", params: { version: 1 } },
    });
    expect(body.notice.message).toContain("giống phiên bản 1");
    expect(body.sameAs).toBeUndefined();
    expect(await stored()).toEqual(before);

    // A dry run still only checks.
    const dry = await ok(await call("/api/submissions?dryRun=true", { token, json: submission(units[0], PL02(4)) }));
    expect(dry).toMatchObject({ valid: true, dryRun: true, sha256: first.sha256 });

    // Asked for: a new version, which says whose figures it repeats.
    for (const flag of ["true", "1"]) {
      const forced = await ok(
        await call(`/api/submissions?newVersion=${flag}`, { token, json: submission(units[0], PL02(4)) }),
        201,
      );
      expect(forced).toMatchObject({ sha256: first.sha256, sameAs: { status: "submitted" } });
      expect(forced.sameAs.version).toBe(forced.version - 1);
    }
    // newVersion=false is the default.
    const declined = await call("/api/submissions?newVersion=false", { token, json: submission(units[0], PL02(4)) });
    expect(declined.status).toBe(200);
    expect(((await declined.json()) as { identical: { version: number } }).identical.version).toBe(3);

    // Only the latest version counts: version 1's figures after a different version 4 make version 5.
    const other = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(5)) }), 201);
    expect(other.version).toBe(4);
    const back = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(4)) }), 201);
    expect(back.version).toBe(5);
    expect(back.sameAs).toBeUndefined();

    // Another unit's identical figures are its own report.
    const { units: others } = await freshUnits(1);
    const theirs = await call("/api/submissions", {
      token: await tokenFor("submitter", others[0]),
      json: submission(others[0], PL02(4)),
    });
    expect(theirs.status).toBe(201);
    // And so is another kind.
    const execution = await call("/api/submissions", {
      token,
      json: submission(units[0], PL02(4), { kind: "execution" }),
    });
    expect(execution.status).toBe(201);
  });

  it("the review state of the latest version: approved is answered, returned is resubmitted as a new version", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const reviewer = await tokenFor("reviewer");
    const v1 = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(7)) }), 201);
    await ok(await call(`/api/submissions/${v1.id}/approve`, { token: reviewer, json: {} }));
    const approved = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(7)) }), 200);
    expect(approved).toMatchObject({ id: v1.id, status: "approved", identical: { version: 1, status: "approved" } });

    await ok(await call(`/api/submissions/${v1.id}/return`, { token: reviewer, json: { comment: "Xem lại" } }));
    const resubmitted = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(7)) }), 201);
    expect(resubmitted).toMatchObject({ version: 2, status: "submitted", sameAs: { version: 1, status: "returned" } });
    expect(resubmitted.identical).toBeUndefined();
    // The resubmission waits for review like any other version.
    const waiting = await ok(await call(`/api/submissions?unit=${units[0]}&status=submitted`, { token: reviewer }));
    expect(waiting.submissions.map((s: { id: string }) => s.id)).toEqual([resubmitted.id]);
  });

  it("uploads: raw body and form alike; the form field newVersion asks for a new version", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const json = await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(2)) }), 201);
    const bytes = workbook(PL02(2));
    const raw = (query = "") =>
      call(`/api/submissions?template=kh-157-2023&unit=${units[0]}&kind=plan${query}`, {
        token,
        body: bytes,
        headers: { "Content-Type": XLSX, "X-File-Name": "ke-hoach.xlsx" },
      });
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ template: "kh-157-2023", unit: units[0], kind: "plan", ...fields }))
        f.set(k, v);
      f.set("file", new File([bytes], "ke-hoach.xlsx", { type: XLSX }));
      return call("/api/submissions", { token, body: f });
    };

    const before = await stored();
    const sameRaw = await ok(await raw(), 200);
    expect(sameRaw).toMatchObject({ id: json.id, version: 1, source: "api", identical: { version: 1 } });
    const sameForm = await ok(await form({}), 200);
    expect(sameForm).toMatchObject({ id: json.id, identical: { version: 1 } });
    // Nothing stored, not even the file in R2.
    expect(await stored()).toEqual(before);

    const fromForm = await ok(await form({ newVersion: "true" }), 201);
    expect(fromForm).toMatchObject({ version: 2, source: "upload", sha256: json.sha256, sameAs: { version: 1 } });
    const fromQuery = await ok(await raw("&newVersion=true"), 201);
    expect(fromQuery.version).toBe(3);
    // An upload identical to an uploaded latest version is answered too.
    expect(await ok(await raw(), 200)).toMatchObject({ id: fromQuery.id, version: 3, source: "upload" });
  });

  it("Idempotency-Key semantics are unchanged: a retry replays (201), a reused key with other figures is 409", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const key = (k: string) => ({ "Idempotency-Key": `${units[0]}-${k}` });
    const first = await ok(
      await call("/api/submissions", { token, headers: key("a"), json: submission(units[0], PL02(3)) }),
      201,
    );
    const retry = await call("/api/submissions", { token, headers: key("a"), json: submission(units[0], PL02(3)) });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(((await retry.json()) as { id: string }).id).toBe(first.id);

    // A new key with the same figures: answered by version 1, the key stores nothing, its retry answers the same.
    for (let k = 0; k < 2; k++) {
      const res = await call("/api/submissions", { token, headers: key("b"), json: submission(units[0], PL02(3)) });
      expect(res.status).toBe(200);
      expect(res.headers.get("Idempotent-Replayed")).toBeNull();
      expect(((await res.json()) as { id: string }).id).toBe(first.id);
    }
    const reused = await call("/api/submissions", { token, headers: key("a"), json: submission(units[0], PL02(9)) });
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { errors: { code: string }[] }).errors[0].code).toBe("IDEMPOTENCY_KEY_REUSED");

    // A stale baseVersion is still refused, whatever the figures.
    await ok(await call("/api/submissions", { token, json: submission(units[0], PL02(8)) }), 201);
    const stale = await call("/api/submissions", {
      token,
      json: submission(units[0], PL02(8), { baseVersion: 1 }),
    });
    expect(stale.status).toBe(409);
    const current = await call("/api/submissions", { token, json: submission(units[0], PL02(8), { baseVersion: 2 }) });
    expect(current.status).toBe(200);
  });

  it("a copy racing the first is refused by the INSERT itself, and answered with the version that won", async () => {
    const { units } = await freshUnits(1);
    const admin: Principal = { id: "identical-race", role: "admin", unit: null };
    const req = {
      template: "kh-157-2023",
      unit: units[0],
      kind: "plan",
      source: "api" as const,
      appendices: PL02(6),
      idempotencyKey: null,
      dryRun: false,
    };
    // The first submission reads "no version yet"; before it writes, an identical one is stored.
    let winner: SubmitOutcome | undefined;
    let raced = false;
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch")
          return async (statements: D1PreparedStatement[]) => {
            const results = await target.batch(statements);
            if (!raced) {
              raced = true;
              winner = await submit({ DB: env.DB, FILES: env.FILES }, admin, req);
            }
            return results;
          };
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const late = await submit({ DB: db, FILES: env.FILES }, admin, req);
    expect(winner).toMatchObject({ type: "created", receipt: { version: 1 } });
    expect(late).toMatchObject({ type: "identical", receipt: { version: 1, identical: { version: 1 } } });
    const { results } = await env.DB.prepare("SELECT version FROM snapshots WHERE unit = ?")
      .bind(units[0])
      .all<{ version: number }>();
    expect(results).toEqual([{ version: 1 }]);
  });

  it("submit() answers identical figures as a value, before the storage quota (nothing would be stored)", async () => {
    const { units } = await freshUnits(1);
    const admin: Principal = { id: "identical-test", role: "admin", unit: null };
    const req = {
      template: "kh-157-2023",
      unit: units[0],
      kind: "plan",
      source: "api" as const,
      appendices: PL02(1),
      idempotencyKey: null,
      dryRun: false,
    };
    const envAt = (quota: string) =>
      ({ DB: env.DB, FILES: env.FILES, UNIT_SNAPSHOT_QUOTA: quota }) as { DB: D1Database; FILES: R2Bucket };
    expect((await submit(envAt("5"), admin, req)).type).toBe("created");
    const same = await submit(envAt("1"), admin, req);
    expect(same).toMatchObject({ type: "identical", receipt: { version: 1, identical: { version: 1 } } });
    const forced = await submit(envAt("1"), admin, { ...req, newVersion: true });
    expect(forced).toMatchObject({ type: "refused", code: "UNIT_QUOTA_EXCEEDED" });
  });
});
