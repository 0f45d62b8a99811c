// Issue 16: the text column (field "note"). Notes are cleaned the same way whatever carries
// them, printed in their column, read back from it (the total row's is ignored), refused at
// their cell when too long, and never part of the figures.
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  canonicalNotes,
  checkTemplate,
  cleanNote,
  type FigureTree,
  getTemplate,
  type Grid,
  NOTE_MAX,
  printAppendix,
  sheetCell,
  toFigureTree,
  validateJsonAppendices,
  validateWorkbook,
} from "../../domain";
import { NOTE_HEADER, notesTemplate, WITH_NOTES, WITHOUT_NOTES } from "../support/notes-template";

const template = notesTemplate();
const appendix = template.appendices.find((a) => a.id === WITH_NOTES)!;
/** The plan's year figures, as a unit would send them. */
const given = (): FigureTree => structuredClone(template.plan!);
const NOTES = {
  [WITH_NOTES]: {
    "1": "Đơn vị thực hiện: Phòng Văn hóa – Thông tin",
    "3": "Phối hợp Đài Truyền thanh\nhuyện",
  },
};

function printed(notes = NOTES as Record<string, Record<string, string>>): Grid[] {
  const { figures } = validateJsonAppendices(template, given());
  return template.appendices.map((a) => {
    const p = printAppendix(template, a, { figures, notes });
    return { sheet: p.sheet, values: p.values.map((r) => [...r]), merges: p.merges };
  });
}

/** The printed note cell of an item: the column headed "Ghi chú", the row whose STT is the item's. */
function noteCell(grid: Grid, itemId: string): { row: number; col: number; cell: string } {
  const stt = appendix.items.find((i) => i.id === itemId)!.stt;
  const col = grid.values.find((r) => r.includes(NOTE_HEADER))!.indexOf(NOTE_HEADER);
  const row = grid.values.findIndex((r) => r[0] === stt);
  return { row, col, cell: sheetCell(grid.sheet, row, col) };
}

describe("notes", () => {
  it("the template with a note column is valid and prints the column as text, not as a figure input", () => {
    expect(checkTemplate(template)).toEqual([]);
    const sheet = printAppendix(template, appendix, { notes: NOTES });
    const { col, row } = noteCell(sheet, "1");
    expect(sheet.values[row][col]).toBe(NOTES[WITH_NOTES]["1"]);
    expect(sheet.inputs.some((i) => i.range.col === col)).toBe(false);
    const style = sheet.styles.find(
      (s) => s.range.col === col && s.range.cols === 1 && s.range.row === sheet.bodyStart,
    );
    expect(style).toMatchObject({ align: "left", wrap: true });
  });

  it("cleans a note: trimmed, spacing runs made one space, line breaks kept, NFC", () => {
    expect(cleanNote("  Phòng   Văn\thóa  ")).toBe("Phòng Văn hóa");
    expect(cleanNote("Dòng một  \r\n  dòng   hai\r\r\r\rba")).toBe("Dòng một\ndòng hai\n\nba");
    expect(cleanNote("Hoa\u0300")).toBe("Hoà");
    expect(cleanNote(" \n\t ")).toBe("");
  });

  it("round trip: printed with notes, read back with the same notes and the same figures", () => {
    const withNotes = validateWorkbook(template, printed());
    expect(withNotes.report.errors).toEqual([]);
    expect(withNotes.notes).toEqual(NOTES);
    const without = validateJsonAppendices(template, given());
    expect(toFigureTree(template, withNotes.figures)).toEqual(toFigureTree(template, without.figures));
  });

  it.each(["Ghi chú (nếu có)", "GHI CHÚ", "Đơn vị thực hiện"])(
    "finds the note column under the heading %s, as other offices print it",
    (heading) => {
      const grids = printed();
      const grid = grids.find((g) => g.sheet === WITH_NOTES)!;
      const at = grid.values.findIndex((r) => r.includes(NOTE_HEADER));
      const col = grid.values[at].indexOf(NOTE_HEADER);
      grid.values[at][col] = heading;
      const { report, notes } = validateWorkbook(template, grids);
      expect(report.errors).toEqual([]);
      expect(notes).toEqual(NOTES);
    },
  );

  it("reads notes from JSON, cleaned, and they change no figure", () => {
    const sent = { [WITH_NOTES]: { "1": "  Đơn vị thực hiện:   Phòng Văn hóa – Thông tin ", "2": "   " } };
    const ev = validateJsonAppendices(template, given(), undefined, sent);
    expect(ev.report.errors).toEqual([]);
    expect(ev.notes).toEqual({ [WITH_NOTES]: { "1": NOTES[WITH_NOTES]["1"] } });
    expect(toFigureTree(template, ev.figures)).toEqual(
      toFigureTree(template, validateJsonAppendices(template, given()).figures),
    );
  });

  it("a note typed on the total row is ignored; a sheet without the note column is read without notes", () => {
    const grids = printed();
    const pl01 = grids.find((g) => g.sheet === WITH_NOTES)!;
    const { col } = noteCell(pl01, "1");
    const totalRow = pl01.values.findIndex((r) => r.includes(appendix.totalRow.label));
    pl01.values[totalRow][col] = "Ghi chú cho tổng";
    expect(validateWorkbook(template, grids).notes).toEqual(NOTES);

    // The blank workbook of plan 157 (no note column) still reads with this template: notes are optional.
    const plain = getTemplate("kh-157-2023")!;
    const { figures } = validateJsonAppendices(plain, given());
    const old = plain.appendices.map((a) => printAppendix(plain, a, { figures }));
    const ev = validateWorkbook(template, old);
    expect(ev.report.errors).toEqual([]);
    expect(ev.report.warnings.filter((w) => w.code === "COLUMN_MISSING")).toEqual([]);
    expect(ev.notes).toEqual({});
  });

  it("a note too long is refused at its cell, from the grid and from JSON", () => {
    const long = "Ghi chú rất dài ".repeat(40);
    expect(cleanNote(long).length).toBeGreaterThan(NOTE_MAX);
    const grids = printed({ [WITH_NOTES]: { "2": long } });
    const pl01 = grids.find((g) => g.sheet === WITH_NOTES)!;
    const { cell } = noteCell(pl01, "2");
    const fromGrid = validateWorkbook(template, grids).report;
    expect(fromGrid.valid).toBe(false);
    expect(fromGrid.errors.map((e) => [e.code, e.appendix, e.item, e.cell])).toEqual([
      ["NOTE_TOO_LONG", WITH_NOTES, "2", cell],
    ]);
    expect(fromGrid.errors[0].message).toContain(cell);

    const fromJson = validateJsonAppendices(template, given(), undefined, { [WITH_NOTES]: { "2": long } }).report;
    expect(fromJson.errors.map((e) => [e.code, e.cell])).toEqual([["NOTE_TOO_LONG", cell]]);
    // Exactly the limit is kept.
    const limit = "a".repeat(NOTE_MAX);
    expect(validateJsonAppendices(template, given(), undefined, { [WITH_NOTES]: { "2": limit } }).notes).toEqual({
      [WITH_NOTES]: { "2": limit },
    });
  });

  it("JSON notes for an unknown appendix or item, an appendix without a note column, the total row, or not text", () => {
    const { report } = validateJsonAppendices(template, given(), undefined, {
      PL99: { "1": "x" },
      [WITHOUT_NOTES]: { "1": "x" },
      [WITH_NOTES]: { "9": "x", total: "x", "1": 42 },
    });
    expect(report.errors.map((e) => [e.code, e.appendix, e.item]).sort()).toEqual(
      [
        ["APPENDIX_UNKNOWN", "PL99", null],
        ["NOTE_NOT_APPLICABLE", WITHOUT_NOTES, null],
        ["ITEM_UNKNOWN", WITH_NOTES, "9"],
        ["NOTE_NOT_APPLICABLE", WITH_NOTES, "total"],
        ["NOTE_NOT_TEXT", WITH_NOTES, "1"],
      ].sort(),
    );
    expect(validateJsonAppendices(template, given(), undefined, "ghi chú").report.errors.map((e) => e.code)).toEqual([
      "NOTE_NOT_TEXT",
    ]);
  });

  it("the canonical form carries only non-empty notes, and none at all when there are none", () => {
    expect(canonicalNotes(template, {})).toBeUndefined();
    expect(canonicalNotes(template, { [WITH_NOTES]: {} })).toBeUndefined();
    expect(canonicalNotes(template, NOTES)).toEqual(NOTES);
    // A submission without notes has the bytes it had before notes existed.
    const tree = toFigureTree(template, validateJsonAppendices(template, given()).figures);
    const notes = canonicalNotes(template, validateJsonAppendices(template, given()).notes);
    const body = { template: template.id, unit: "951", kind: "plan", appendices: tree, ...(notes ? { notes } : {}) };
    expect(canonicalJson(body)).toBe(
      canonicalJson({ template: template.id, unit: "951", kind: "plan", appendices: tree }),
    );
  });
});
