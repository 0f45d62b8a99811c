// Faults injected into real local D1 and R2 around the real submission flow.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix } from "../../../domain";
import type { Principal } from "../../../worker/auth/principal";
import { storeReview } from "../../../worker/db/reviews";
import { storeSnapshot } from "../../../worker/db/snapshots";
import { submit } from "../../../worker/services/submit";
import { readXlsx, writeXlsx } from "../../../worker/xlsx";
import { count, countR2, freshUnits } from "../api/helpers";

const admin: Principal = { id: "fault-test", role: "admin", unit: null };
const template = getTemplate("kh-157-2023")!;
const bytes = writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template) })));

async function state() {
  return { snapshots: await count("snapshots"), audit: await count("audit"), r2: await countR2() };
}

describe("faults while storing a snapshot", () => {
  it("a D1 failure inside the snapshot's batch leaves nothing partial", async () => {
    const { units } = await freshUnits(1);
    const failingDb = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") {
          // The snapshot and audit statements run, then one more fails: all must roll back.
          return (stmts: D1PreparedStatement[]) =>
            target.batch([...stmts, target.prepare("INSERT INTO no_such_table VALUES (1)")]);
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const before = await state();
    await expect(
      submit({ DB: failingDb, FILES: env.FILES }, admin, {
        template: "kh-157-2023",
        unit: units[0],
        kind: "plan",
        source: "api",
        appendices: { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } },
        idempotencyKey: null,
        dryRun: false,
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await state()).toEqual(before);
  });

  it("an R2 failure leaves no snapshot pointing at a missing file", async () => {
    const { units } = await freshUnits(1);
    const failingFiles = new Proxy(env.FILES, {
      get(target, prop) {
        if (prop === "put") return () => Promise.reject(new Error("R2 unavailable (injected)"));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const before = await state();
    await expect(
      submit({ DB: env.DB, FILES: failingFiles }, admin, {
        template: "kh-157-2023",
        unit: units[0],
        kind: "plan",
        source: "upload",
        grids: readXlsx(bytes),
        file: { bytes, name: "x.xlsx" },
        idempotencyKey: null,
        dryRun: false,
      }),
    ).rejects.toThrow(/R2 unavailable/);
    expect(await state()).toEqual(before);
    // Every snapshot that names a file (from any test so far) can reach it.
    for (const row of (
      await env.DB.prepare("SELECT file_key FROM snapshots WHERE file_key IS NOT NULL").all<{ file_key: string }>()
    ).results) {
      expect(await env.FILES.head(row.file_key), row.file_key).not.toBeNull();
    }
  });

  it("a failing batch leaves the latest-per-report table and the snapshots consistent (decision 0022)", async () => {
    const { units } = await freshUnits(1);
    const failing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch")
          return (stmts: D1PreparedStatement[]) =>
            target.batch([...stmts, target.prepare("INSERT INTO no_such_table VALUES (1)")]);
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const row = (id: string, at: string) => ({
      id,
      template: "kh-157-2023",
      templateVersion: template.version,
      unit: units[0],
      kind: "plan",
      canonical: "{}",
      sha256: id,
      source: "api" as const,
      fileKey: null,
      fileName: null,
      warnings: "[]",
      createdAt: at,
      idempotencyKey: null,
      requestSha256: null,
      baseVersion: null,
      newVersion: true,
    });
    const latest = () =>
      env.DB.prepare("SELECT * FROM report_latest WHERE template_id = 'kh-157-2023' AND kind = 'plan' AND unit = ?")
        .bind(units[0])
        .first();
    const first = crypto.randomUUID();
    expect(await storeSnapshot(env.DB, row(first, new Date().toISOString()), admin, {})).toBe(1);
    const kept = await latest();
    expect(kept).toMatchObject({ latest_id: first, latest_version: 1, counted_id: first, approved_id: null });

    await expect(storeSnapshot(failing, row(crypto.randomUUID(), new Date().toISOString()), admin, {})).rejects.toThrow(
      /no_such_table/,
    );
    await expect(
      storeReview(failing, admin, {
        id: crypto.randomUUID(),
        snapshot: first,
        decision: "returned",
        comment: "x",
        at: new Date().toISOString(),
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await latest()).toEqual(kept);
    const stored = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM snapshots WHERE template_id = 'kh-157-2023' AND kind = 'plan' AND unit = ?",
    )
      .bind(units[0])
      .first<{ n: number }>();
    expect(stored!.n).toBe(1);
    expect(await count(`reviews WHERE snapshot_id = '${first}'`)).toBe(0);

    // The same writes without the fault move the row with them.
    await storeReview(env.DB, admin, {
      id: crypto.randomUUID(),
      snapshot: first,
      decision: "approved",
      comment: "",
      at: new Date().toISOString(),
    });
    expect(await latest()).toMatchObject({
      latest_id: first,
      counted_id: first,
      approved_id: first,
      approved_version: 1,
    });
  });
});
