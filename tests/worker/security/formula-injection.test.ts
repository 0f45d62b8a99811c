// Text that a spreadsheet would run as a formula comes back escaped in CSV and XLSX exports.
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../../domain";
import { readXlsx } from "../../../worker/xlsx";
import { ADMIN, call, freshUnits, ok, tokenFor } from "../api/helpers";

const HOSTILE = ['=HYPERLINK("http://x.invalid","bấm")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\tTab", "\rCR"];

describe("formula injection in exports", () => {
  it("labels from an uploaded template are escaped in CSV and XLSX", async () => {
    const base = structuredClone(getTemplate("kh-157-2023")!);
    const id = `kh-inject-${Date.now().toString(36)}`;
    const items = HOSTILE.map((label, k) => ({ id: String(k + 1), stt: `${k + 1}.`, label, unit: "Tấm" }));
    const hostile = {
      ...base,
      id,
      plan: undefined,
      appendices: [{ ...base.appendices[1], items }, ...base.appendices.slice(2)],
    };
    await ok(await call("/api/templates", { token: ADMIN, json: hostile }), 201);

    const { root, units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const appendices = {
      PL02: Object.fromEntries(items.map((it) => [it.id, { quantity: { "2023": 1 }, NSTW: { "2023": "1" } }])),
    };
    await ok(
      await call("/api/submissions", { token, json: { template: id, unit: units[0], kind: "plan", appendices } }),
      201,
    );

    const leader = await tokenFor("leader");
    const csv = await (
      await call(`/api/consolidated?template=${id}&unit=${root}&format=csv`, { token: leader })
    ).text();
    const labelCells = csv
      .split("\r\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(",").slice(3).join(","));
    for (const label of HOSTILE) {
      const found = labelCells.find((c) => c.includes(label.slice(1, 5)));
      expect(found, label).toBeDefined();
      expect(found!.replace(/^"/, ""), label).toMatch(/^'/);
    }

    const xlsx = await call(`/api/consolidated?template=${id}&unit=${root}&format=xlsx`, { token: leader });
    const texts = readXlsx(new Uint8Array(await xlsx.arrayBuffer()))[0]
      .values.flat()
      .filter((v): v is string => typeof v === "string");
    for (const label of HOSTILE) expect(texts, label).toContain(`'${label}`);
  });
});
