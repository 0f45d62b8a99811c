// Faults injected into real local D1 and R2 around the real submission flow.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix } from "../../../domain";
import type { Principal } from "../../../worker/auth/principal";
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
});
