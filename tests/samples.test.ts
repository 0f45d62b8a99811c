// The sample workbooks the README's walk-through uploads (docs/samples/) are exactly what
// scripts/make-sample.mjs makes from the template, the printed layout and the Worker's writer:
// after a change to either, run `node scripts/make-sample.mjs` and commit the result. What the
// Worker answers for them (201 for tran-de.xlsx, 422 GRAND_TOTAL_MISMATCH at PL01!H11 for
// tran-de-sai-tong.xlsx) is checked by tests/readme-walkthrough.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeSamples, SAMPLES_DIR } from "../scripts/make-sample.mjs";

describe("docs/samples", () => {
  it("holds exactly the workbooks scripts/make-sample.mjs makes, byte for byte", { timeout: 60_000 }, async () => {
    const made = await makeSamples();
    expect(
      readdirSync(SAMPLES_DIR)
        .filter((n) => n.endsWith(".xlsx"))
        .sort(),
    ).toEqual(Object.keys(made).sort());
    for (const [name, bytes] of Object.entries(made)) {
      const committed = readFileSync(join(SAMPLES_DIR, name));
      expect(
        committed.equals(bytes),
        `docs/samples/${name} differs from what the script makes: run node scripts/make-sample.mjs`,
      ).toBe(true);
    }
  });

  it(
    "makes the same bytes every time (fixed zip timestamps, whatever the time zone)",
    { timeout: 60_000 },
    async () => {
      const tz = process.env.TZ;
      try {
        const made = [];
        for (const zone of ["Asia/Ho_Chi_Minh", "America/Los_Angeles", "UTC"]) {
          process.env.TZ = zone; // Node applies a new TZ at once
          made.push(await makeSamples());
        }
        for (const other of made.slice(1))
          for (const name of Object.keys(made[0])) expect(made[0][name].equals(other[name]), name).toBe(true);
      } finally {
        if (tz === undefined) delete process.env.TZ;
        else process.env.TZ = tz;
      }
    },
  );
});
