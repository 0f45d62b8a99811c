// Notes are free text a unit types: one that a spreadsheet would run as a formula is written as
// text in the snapshot's workbook (a leading apostrophe, no formula), and the consolidated
// exports (CSV and XLSX) carry no notes at all (they are never summed).
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../../worker/xlsx";
import { ADMIN, call, freshUnits, ok, tokenFor } from "../api/helpers";
import { NOTE_HEADER, notesTemplate, WITH_NOTES } from "../../support/notes-template";

const HOSTILE = ['=HYPERLINK("http://x.invalid","bấm")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"];

describe("formula injection through notes", () => {
  it("a formula-like note is text in the snapshot's workbook and absent from the consolidated exports", async () => {
    const template = notesTemplate(`kh-notes-inject-${Date.now().toString(36)}`);
    await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
    const { root, units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const items = template.appendices.find((a) => a.id === WITH_NOTES)!.items;
    const notes = { [WITH_NOTES]: Object.fromEntries(items.map((it, k) => [it.id, HOSTILE[k]])) };
    const stored = await ok<{ id: string }>(
      await call("/api/submissions", {
        token,
        json: { template: template.id, unit: units[0], kind: "plan", appendices: template.plan, notes },
      }),
      201,
    );
    const detail = await ok<{ submission: { notes: unknown } }>(await call(`/api/submissions/${stored.id}`, { token }));
    // Kept as sent: escaping belongs to the exports, not to the data.
    expect(detail.submission.notes).toEqual(notes);

    const xlsx = await call(`/api/submissions/${stored.id}?format=xlsx`, { token });
    const sheets = readXlsx(new Uint8Array(await xlsx.arrayBuffer()));
    const sheet = sheets.find((g) => g.sheet === WITH_NOTES)!;
    const col = sheet.values.find((r) => r.includes(NOTE_HEADER))!.indexOf(NOTE_HEADER);
    const written = sheet.values.map((r) => r[col]).filter((v) => v !== null && v !== NOTE_HEADER);
    expect(written).toEqual(HOSTILE.slice(0, items.length).map((n) => `'${n}`));
    for (const r of sheet.formulas ?? []) expect(r[col] ?? null).toBeNull();

    const leader = await tokenFor("leader");
    for (const format of ["csv", "csv-vi", "xlsx"]) {
      const res = await call(`/api/consolidated?template=${template.id}&unit=${root}&format=${format}`, {
        token: leader,
      });
      expect(res.status, format).toBe(200);
      const texts =
        format === "xlsx"
          ? readXlsx(new Uint8Array(await res.arrayBuffer()))
              .flatMap((g) => g.values.flat())
              .filter((v): v is string => typeof v === "string")
              .join("\n")
          : await res.text();
      for (const n of HOSTILE) expect(texts, `${format}: ${n}`).not.toContain(n.slice(1, 8));
    }
  });
});
