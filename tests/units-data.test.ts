// Issue 17: reference units ship as data (data/units/*.json), not hand-written SQL. Migration 0006
// carries the SQL generated from them (scripts/units-data.mjs), and the 2023 file holds exactly the
// rows migration 0003 seeded, so the data files, the migrations and D1 never disagree.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedBlock, MIGRATION, readUnitFiles, root, unitsSql } from "../scripts/units-data.mjs";

const files = readUnitFiles();

describe("data/units", () => {
  it("migration 0006's generated block is the SQL the data files give", () => {
    const migration = readFileSync(join(root, MIGRATION), "utf8");
    expect(generatedBlock(migration)).toBe(unitsSql(files));
  });

  it("the generated SQL changes with the files, so the check above can fail", () => {
    const changed = structuredClone(files);
    changed[1].data.units[0].name = "Thành phố khác";
    expect(unitsSql(changed)).not.toBe(unitsSql(files));
  });

  it("soc-trang-2023.json holds the rows migration 0003 seeded", () => {
    const seed = readFileSync(join(root, "worker/migrations/0003_seed_units.sql"), "utf8");
    const rows = [...seed.matchAll(/\('([^']*)', '([^']*)', '([^']*)', (NULL|'[^']*'), ([01]), (NULL|'[^']*')\)/g)].map(
      (m) => ({
        code: m[1],
        name: m[2],
        kind: m[3],
        parent: m[4] === "NULL" ? null : m[4].slice(1, -1),
        coastal: m[5] === "1",
        validFrom: null,
        validTo: m[6] === "NULL" ? null : m[6].slice(1, -1),
      }),
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(files[0].data.units).toEqual(rows);
  });

  it("every file names its sources and notes, and succession rows name units the files know", () => {
    const known = new Set(files.flatMap((f) => f.data.units.map((u) => u.code)));
    for (const { file, data } of files) {
      expect(data.sources.length, file).toBeGreaterThan(0);
      expect(data.note.length, file).toBeGreaterThan(0);
      for (const s of data.successions) {
        expect(known.has(s.predecessor), `${file} ${s.predecessor}`).toBe(true);
        if (s.successor !== null) expect(known.has(s.successor), `${file} ${s.successor}`).toBe(true);
        expect(["merge", "split", "rename", "close", "reparent"]).toContain(s.kind);
      }
    }
  });
});
