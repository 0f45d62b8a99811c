// The Excel adapter against an in-memory Excel that enforces load-before-read and counts
// context.sync(): build → type → read back → validate, marks, consolidated totals, and each
// action held to its round-trip budget (DESIGN.md "Budgets").
import { describe, expect, it } from "vitest";
import { getTemplate, toFigureTree, validateWorkbook } from "../../domain";
import {
  buildSheets, checkSheets, clearMarks, ERROR_FILL, markIssues, NOTE_PREFIX, readSheets, readWorkbookState, selectCell, setBaseVersion,
  WARNING_FILL, writeConsolidated,
} from "../../addin/excel";
import type { ConsolidatedReport } from "../../addin/api/types";
import { expectedTree } from "../domain/support/fixture";
import { FakeContext, runFake } from "./support/fake-context";
import { FakeWorkbook } from "./support/fake-workbook";
import { cellOf, typeSeedFigures } from "./support/seed";

const template = getTemplate("kh-157-2023")!;
const BUDGET = { build: 3, readValidate: 2, consolidated: 2 };

type Ctx = Excel.RequestContext;
const asCtx = (c: FakeContext) => c as unknown as Ctx;

async function run<T>(book: FakeWorkbook, fn: (ctx: Ctx) => Promise<T>) {
  const { result, ctx } = await runFake(book, (c) => fn(asCtx(c)));
  return { result, syncs: ctx.syncs, ctx };
}

async function builtBook(): Promise<FakeWorkbook> {
  const book = new FakeWorkbook(["Sheet1"]);
  await run(book, (ctx) => buildSheets(ctx, template));
  return book;
}

describe("the in-memory Excel enforces Office.js rules", () => {
  it("a property cannot be read before load() and sync()", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.type("Sheet1", "A1", "x");
    const ctx = new FakeContext(book);
    const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    range.load("values");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(range.values).toEqual([["x"]]);
    expect(ctx.syncs).toBe(1);
  });

  it("a null object says so only after a sync, and acting on it fails the sync", async () => {
    const ctx = new FakeContext(new FakeWorkbook(["Sheet1"]));
    const missing = ctx.workbook.worksheets.getItemOrNullObject("PL09");
    expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    missing.activate();
    await expect(ctx.sync()).rejects.toThrow(/ItemNotFound/);
  });

  it("2-D arrays must match the range, and text that looks like a number becomes one unless the cell is text", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    const ctx = new FakeContext(book);
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:B1").values = [["1."]];
    await expect(ctx.sync()).rejects.toThrow(/does not match/);
    sheet.getRange("A1").values = [["1."]];
    sheet.getRange("B1").numberFormat = [["@"]];
    sheet.getRange("B1").values = [["1."]];
    await ctx.sync();
    expect(book.value("Sheet1", "A1")).toBe(1);
    expect(book.value("Sheet1", "B1")).toBe("1.");
  });
});

describe("buildSheets", () => {
  it(`creates PL01–PL03 as printed in at most ${BUDGET.build} syncs, calculation suspended for the bulk write`, async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    const { result, syncs, ctx } = await run(book, (c) => buildSheets(c, template));
    expect(syncs).toBeLessThanOrEqual(BUDGET.build);
    expect(syncs).toBe(2);
    expect(ctx.suspendedSyncs).toEqual([2]);
    expect(result.sheets).toEqual(["PL01", "PL02", "PL03"]);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "PL01", "PL02", "PL03"]);
    expect(book.activeSheet).toBe("PL01");

    const pl01 = book.sheet("PL01")!;
    expect(book.value("PL01", "A1")).toBe("PHỤ LỤC 01");
    expect(book.value("PL01", "A2")).toBe(template.appendices[0].title);
    // STT stays text as printed ("1."), not the number 1.
    const r1 = cellOf(book, "PL01", "1.", "quantity", "2023").replace(/^[A-Z]+/, "");
    expect(book.value("PL01", `A${r1}`)).toBe("1.");
    expect(book.value("PL03", `A${cellOf(book, "PL03", "1", "NSTW", "2023").replace(/^[A-Z]+/, "")}`)).toBe("1");
    // Merged title and header cells, bold bordered header, frozen header rows and labels.
    expect(pl01.merges).toContainEqual({ row: 0, col: 0, rows: 1, cols: 15 });
    expect(pl01.merges.length).toBeGreaterThan(6);
    const header = pl01.cell(4, 0)!;
    expect(book.value("PL01", "A5")).toBe("STT");
    expect(header).toMatchObject({ bold: true, border: true, wrap: true, align: "Center" });
    expect(pl01.freeze).toEqual({ rows: 7, cols: 2 });
    expect(pl01.orientation).toBe("Landscape");
    expect(Object.keys(pl01.columnWidths)).toHaveLength(15);
    expect(pl01.columnWidths[1]).toBeGreaterThan(pl01.columnWidths[0]);
  });

  it("writes SUM formulas for phase totals and Tổng cộng, vi-VN number formats and data validation on inputs", async () => {
    const book = await builtBook();
    const total = cellOf(book, "PL01", "1.", "NSTW", "total");
    expect(book.formula("PL01", total)).toMatch(/^=SUM\(I\d+:K\d+\)$/);
    expect(book.cell("PL01", total)!.numberFormat).toBe("#,##0.###");
    expect(book.cell("PL01", cellOf(book, "PL01", "1.", "quantity", "2023"))!.numberFormat).toBe("#,##0");
    const pl01 = book.sheet("PL01")!;
    const totalRow = Array.from({ length: 20 }, (_, r) => r).find((r) => pl01.valueAt(r, 1) === "Tổng cộng")!;
    expect(book.formula("PL01", `E${totalRow + 1}`)).toMatch(/^=SUM\((E8:E10|E8,E9,E10)\)$/);

    const rules = pl01.validations.map((v) => ({ col: v.box.col, rows: v.box.rows, type: Object.keys(v.rule)[0] }));
    // Years only: quantity E–G whole numbers, money I–K and M–O decimals, three item rows each.
    expect(rules).toEqual([
      ...[4, 5, 6].map((col) => ({ col, rows: 3, type: "wholeNumber" })),
      ...[8, 9, 10, 12, 13, 14].map((col) => ({ col, rows: 3, type: "decimal" })),
    ]);
    expect(pl01.validations[0].rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect(pl01.validations[0].errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
  });

  it("keeps sheets already named like an appendix under a new name, figures and all", async () => {
    const book = new FakeWorkbook(["PL01", "Phụ lục 02"]);
    book.type("PL01", "B2", "số liệu cũ");
    const { result } = await run(book, (c) => buildSheets(c, template));
    expect(result.renamed).toEqual([
      { from: "PL01", to: "PL01 (cũ)" },
      { from: "Phụ lục 02", to: "Phụ lục 02 (cũ)" },
    ]);
    expect(book.value("PL01 (cũ)", "B2")).toBe("số liệu cũ");
    expect(book.value("PL01", "A1")).toBe("PHỤ LỤC 01");
  });
});

describe("build → type → read back → validate", () => {
  it(`reads the sheets in at most ${BUDGET.readValidate} syncs and reproduces the seed figures with zero errors`, async () => {
    const book = await builtBook();
    expect(typeSeedFigures(book)).toBeGreaterThan(30);
    const { result: grids, syncs } = await run(book, (c) => readSheets(c, template));
    expect(syncs).toBeLessThanOrEqual(BUDGET.readValidate);
    expect(grids.map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03"]);
    expect(grids[0].formulas!.flat().filter(Boolean).length).toBeGreaterThan(10);
    expect(grids[0].merges!.length).toBeGreaterThan(6);

    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toEqual([]);
    expect(ev.report.warnings).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
  });

  it("checkSheets reads and validates in two syncs and marks in one more, whatever the number of problems", async () => {
    const book = await builtBook();
    typeSeedFigures(book);
    const clean = await run(book, (c) => checkSheets(c, template, { notes: true }));
    expect(clean.result.evaluation.report.valid).toBe(true);
    expect(clean.syncs).toBe(BUDGET.readValidate + 1);

    for (const stt of ["1.", "2.", "3."]) book.type("PL01", cellOf(book, "PL01", stt, "quantity", "2023"), "-5");
    const dirty = await run(book, (c) => checkSheets(c, template, { notes: true }));
    expect(dirty.result.evaluation.report.errors.length).toBeGreaterThan(3);
    expect(dirty.syncs).toBe(clean.syncs);
  });

  it("works on an ExcelApi 1.8 host: no page set-up, no merged areas read, same figures", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    await run(book, (c) => buildSheets(c, template, { pageLayout: false }));
    expect(book.sheet("PL01")!.orientation).toBeNull();
    typeSeedFigures(book);
    const { result: grids } = await run(book, (c) => readSheets(c, template, { merges: false }));
    expect(grids[0].merges).toEqual([]);
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
  });

  it("remembers the base version inside the workbook", async () => {
    const book = await builtBook();
    const base = { template: template.id, unit: "951", kind: "plan", version: 3 };
    const { syncs } = await run(book, (c) => setBaseVersion(c, base));
    expect(syncs).toBe(1);
    const { result } = await run(book, (c) => readWorkbookState(c, template));
    expect(result.base).toEqual(base);
  });
});

describe("marks on the cells", () => {
  it("fills and notes each faulty cell with its message, and a clean re-check clears them", async () => {
    const book = await builtBook();
    typeSeedFigures(book);
    const neg = cellOf(book, "PL01", "1.", "quantity", "2023");
    const text = cellOf(book, "PL02", "1.", "NSTW", "2024");
    const [negWas, textWas] = [book.value("PL01", neg), book.value("PL02", text)];
    book.type("PL01", neg, "-160");
    book.type("PL02", text, "bốn mươi");
    book.sheet("PL01")!.notes.set("B8", "ghi chú của người dùng");

    const { result } = await run(book, (c) => checkSheets(c, template, { notes: true }));
    const errors = result.evaluation.report.errors;
    expect(errors).toContainEqual(expect.objectContaining({ code: "NEGATIVE", cell: `PL01!${neg}` }));
    expect(errors).toContainEqual(expect.objectContaining({ code: "NOT_A_NUMBER", cell: `PL02!${text}` }));
    expect(book.cell("PL01", neg)!.fill).toBe(ERROR_FILL);
    expect(book.note("PL01", neg)).toMatch(new RegExp(`^${NOTE_PREFIX}.*âm`));
    expect(book.note("PL02", text)).toContain("không phải là số");
    expect(result.marked).toEqual(expect.arrayContaining([`PL01!${neg}`, `PL02!${text}`]));

    book.type("PL01", neg, negWas);
    book.type("PL02", text, textWas);
    const again = await run(book, (c) => checkSheets(c, template, { notes: true }));
    expect(again.result.evaluation.report.valid).toBe(true);
    expect(book.filledCells()).toEqual([]);
    expect(book.allNotes()).toEqual({ "PL01!B8": "ghi chú của người dùng" });
    expect(book.settings.get("kh157.marks")).toEqual([]);
  });

  it("markIssues (server errors) and clearMarks take two syncs each; warnings get their own colour", async () => {
    const book = await builtBook();
    const issues = [
      { code: "TOO_MANY_DECIMALS", severity: "error", message: "Kinh phí … tối đa 3 chữ số thập phân (40,0001).", cell: "PL02!H8" },
      { code: "QUANTITY_WITHOUT_FUNDING", severity: "warning", message: "Mục 1 có số lượng 2023 nhưng không có kinh phí.", cell: "PL01!E8" },
      { code: "SHEET_MISSING", severity: "error", message: "Thiếu sheet", cell: null },
      { code: "X", severity: "error", message: "on a sheet that is gone", cell: "PL09!A1" },
    ] as unknown as Parameters<typeof markIssues>[1];
    const marked = await run(book, (c) => markIssues(c, issues, { notes: true }));
    expect(marked.syncs).toBe(2);
    expect(marked.result).toEqual(["PL02!H8", "PL01!E8"]);
    expect(book.cell("PL02", "H8")!.fill).toBe(ERROR_FILL);
    expect(book.cell("PL01", "E8")!.fill).toBe(WARNING_FILL);
    expect(Object.keys(book.allNotes())).toEqual(["PL01!E8", "PL02!H8"]);

    const cleared = await run(book, (c) => clearMarks(c, { notes: true }));
    expect(cleared.syncs).toBe(2);
    expect(book.filledCells()).toEqual([]);
    expect(book.allNotes()).toEqual({});
  });

  it("a person's own note on a faulty cell stops the marks, not the check", async () => {
    const book = await builtBook();
    typeSeedFigures(book);
    const neg = cellOf(book, "PL01", "1.", "quantity", "2023");
    book.type("PL01", neg, "-1");
    book.sheet("PL01")!.notes.set(neg, "của tôi");
    const { result } = await run(book, (c) => checkSheets(c, template, { notes: true }));
    expect(result.evaluation.report.errors).toContainEqual(expect.objectContaining({ code: "NEGATIVE", cell: `PL01!${neg}` }));
    expect(result.markError).toMatch(/already has a note/);
    expect(book.note("PL01", neg)).toBe("của tôi");
  });

  it("without the notes API only the fill marks the cell", async () => {
    const book = await builtBook();
    const issues = [{ code: "NEGATIVE", severity: "error", message: "âm", cell: "PL01!E8" }] as unknown as Parameters<typeof markIssues>[1];
    await run(book, (c) => markIssues(c, issues));
    expect(book.cell("PL01", "E8")!.fill).toBe(ERROR_FILL);
    expect(book.allNotes()).toEqual({});
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const book = await builtBook();
    const { result, syncs } = await run(book, (c) => selectCell(c, "PL02!H8"));
    expect(result).toBe(true);
    expect(syncs).toBe(1);
    expect(book.selection).toEqual({ sheet: "PL02", address: "H8" });
    expect(book.activeSheet).toBe("PL02");
    const bad = await run(book, (c) => selectCell(c, "not a cell"));
    expect(bad).toMatchObject({ result: false, syncs: 0 });
  });
});

describe("writeConsolidated", () => {
  const tree = expectedTree();
  const report: ConsolidatedReport = {
    template: template.id, kind: "plan", basis: "latest", asOf: "2026-11-26T03:00:00.000Z",
    units: [{ unit: "950", version: 2, snapshot: "s-950" }, { unit: "951", version: 1, snapshot: "s-951" }],
    appendices: tree as unknown as ConsolidatedReport["appendices"], hash: "ab".repeat(32),
  };

  it(`writes a new sheet in the printed layout, naming the unit versions, in at most ${BUDGET.consolidated} syncs`, async () => {
    const book = await builtBook();
    const { result: name, syncs } = await run(book, (c) =>
      writeConsolidated(c, template, report, { unitNames: { 950: "Thị xã Vĩnh Châu", 951: "Huyện Trần Đề" } }),
    );
    expect(syncs).toBeLessThanOrEqual(BUDGET.consolidated);
    expect(name).toBe("Tổng hợp 2026-11-26");
    expect(book.activeSheet).toBe(name);
    expect(book.value(name, "A3")).toBe("Gồm 2 đơn vị: Thị xã Vĩnh Châu (950) phiên bản 2; Huyện Trần Đề (951) phiên bản 1.");

    // Each appendix block reads back through the domain with the report's figures.
    const sheet = book.sheet(name)!;
    const used = sheet.usedBox(true)!;
    const rows = Array.from({ length: used.rows }, (_, r) => Array.from({ length: used.cols }, (_, c) => sheet.valueAt(r, c)));
    const starts = template.appendices.map((a) => rows.findIndex((row) => row[0] === a.heading));
    expect(starts.every((s) => s > 3)).toBe(true);
    const grids = template.appendices.map((a, k) => ({
      sheet: a.id,
      values: rows.slice(starts[k], starts[k + 1] ?? rows.length).map((row) => row.map((v) => (v === "" ? null : v))),
    }));
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(tree);

    const second = await run(book, (c) => writeConsolidated(c, template, report));
    expect(second.result).toBe("Tổng hợp 2026-11-26 2");
  });
});
