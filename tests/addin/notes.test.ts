// Issue 16: a note typed in Excel reaches the server. The add-in builds the note column with
// printAppendix, reads the sheets through the domain's grid reader, and the body it submits
// carries the notes (and no "notes" key when there are none).
import { describe, expect, it } from "vitest";
import { buildSheets, checkSheets, HOST_PROFILES, type HostOptions } from "../../addin/excel";
import { prepareSubmission } from "../../addin/api";
import { NOTE_HEADER, notesTemplate, WITH_NOTES } from "../support/notes-template";
import { colName, FakeWorkbook, runFake } from "./support/fake-excel";
import { rowOfStt, typeSeedFigures } from "./support/seed";

const template = notesTemplate();
const profile = HOST_PROFILES[HOST_PROFILES.length - 1];

async function run<T>(book: FakeWorkbook, fn: (ctx: Excel.RequestContext) => Promise<T>) {
  return (await runFake(book, (c) => fn(c as unknown as Excel.RequestContext), { delayForCellEdit: true })).result;
}

describe("notes in the add-in", () => {
  it("a note typed in the built note column is read, checked and sent", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.api = profile.api;
    const opts: HostOptions = { caps: { api: profile.api }, documentSettings: book.documentSettings };
    await run(book, (c) => buildSheets(c, template, opts));
    typeSeedFigures(book);
    const sheet = book.sheet(WITH_NOTES)!;
    let col = -1;
    for (let r = 0; r < 10 && col < 0; r++)
      for (let c = 0; c < 30; c++) if (sheet.valueAt(r, c) === NOTE_HEADER) col = c;
    expect(col).toBeGreaterThan(0);

    const plain = await run(book, (c) => checkSheets(c, template, opts));
    expect(plain.evaluation.report.valid).toBe(true);
    const to = { unit: "951", kind: "plan", baseVersion: 0 };
    const without = await prepareSubmission(template, plain.evaluation.figures, to, plain.evaluation.notes);
    expect(Object.keys(JSON.parse(without.body))).not.toContain("notes");

    const row = rowOfStt(book, WITH_NOTES, "2.");
    book.type(WITH_NOTES, `${colName(col)}${row + 1}`, "  Phòng   Văn hóa  ");
    const checked = await run(book, (c) => checkSheets(c, template, opts));
    expect(checked.evaluation.report.valid).toBe(true);
    expect(checked.evaluation.notes).toEqual({ [WITH_NOTES]: { "2": "Phòng Văn hóa" } });
    const sent = await prepareSubmission(template, checked.evaluation.figures, to, checked.evaluation.notes);
    expect(JSON.parse(sent.body).notes).toEqual({ [WITH_NOTES]: { "2": "Phòng Văn hóa" } });
    expect(sent.idempotencyKey).not.toBe(without.idempotencyKey);
  });
});
