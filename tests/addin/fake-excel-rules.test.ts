// The in-memory Excel must refuse what real Excel refuses, or the adapter tests prove nothing.
// Each rule here is quoted from Microsoft's documentation in tests/addin/support/fake-excel/rules.ts.
import { describe, expect, it } from "vitest";
import { excelHost } from "../../addin/ui/host";
import { FakeContext, FakeWorkbook, PAYLOAD_LIMIT_BYTES, runFake, sheetNameNeedsQuotes } from "./support/fake-excel";

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

describe("the in-memory Excel refuses what real Excel refuses", () => {
  it("an API above the host's requirement set fails the sync with ApiNotFound", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.api = 1; // Excel 2016 volume licence
    const ctx = new FakeContext(book);
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:B2").merge(false);
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    for (const act of [
      () => sheet.freezePanes.freezeRows(1),
      () =>
        void (sheet.getRange("A1").dataValidation.rule = {
          wholeNumber: { formula1: 0, operator: "GreaterThan" },
        } as never),
      () => ctx.workbook.settings.add("k", 1),
      () => ctx.workbook.worksheets.getItemOrNullObject("x"),
      () => ctx.application.suspendApiCalculationUntilNextSync(),
      () => sheet.getUsedRange(true),
      () => sheet.getRangeByIndexes(0, 0, 1, 1).load("values"),
    ]) {
      act();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    }
    book.api = 7;
    sheet.getRange("A1:B2").merge(false);
    sheet.freezePanes.freezeRows(1);
    await ctx.sync();
    expect(book.sheet("Sheet1")!.freeze).toEqual({ rows: 1, cols: 0 });
  });

  it("a batch during cell edit fails unless Excel.run was asked to wait, on a host that can", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.startEditing("Sheet1", "A1", "12");
    await expect(runFake(book, (c) => c.sync())).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(book.value("Sheet1", "A1")).toBe("");
    book.api = 7;
    await expect(runFake(book, (c) => c.sync(), { delayForCellEdit: true })).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
    });
    book.api = 8;
    await runFake(book, (c) => c.sync(), { delayForCellEdit: true });
    expect(book.value("Sheet1", "A1")).toBe(12);
  });

  it("the pane's Excel.run always asks to wait for cell edits", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    const seen: unknown[] = [];
    const host = excelHost(
      (options, batch) => {
        seen.push(options);
        return runFake(book, (c) => batch(c as unknown as Excel.RequestContext), options).then((r) => r.result);
      },
      { api: 20 },
    );
    book.startEditing("Sheet1", "B2", "x");
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["ok"]];
      await ctx.sync();
    });
    expect(seen).toEqual([{ delayForCellEdit: true }]);
    expect(book.value("Sheet1", "B2")).toBe("x");
  });

  it("a sheet name that reads as a reference must be quoted in an address", async () => {
    for (const name of ["PL01", "A1", "XFD1048576", "R1C1", "R", "C", "RC", "R2", "Phụ lục 01", "1abc", "a-b"])
      expect(sheetNameNeedsQuotes(name), name).toBe(true);
    for (const name of ["Sheet1", "XFE1", "ABCD1", "Tong_hop", "PL"])
      expect(sheetNameNeedsQuotes(name), name).toBe(false);
    const book = new FakeWorkbook(["PL01"]);
    const ctx = new FakeContext(book);
    ctx.workbook.notes.add("PL01!H8", "x");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidCellAddress" });
    ctx.workbook.notes.add("'PL01'!H8", "x");
    await ctx.sync();
    expect(book.note("PL01", "H8")).toBe("x");
  });

  it("a note cannot be added where one exists", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.sheet("Sheet1")!.notes.set("A1", "của tôi");
    const ctx = new FakeContext(book);
    ctx.workbook.notes.add("Sheet1!A1", "x");
    await expect(ctx.sync()).rejects.toThrow(/already has a note/);
  });

  it(`a response over ${PAYLOAD_LIMIT_BYTES / 1024 / 1024} MB is refused (Excel on the web)`, async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.type("Sheet1", "A1", "x");
    book.type("Sheet1", "O1000000", "stray");
    const ctx = new FakeContext(book);
    ctx.workbook.worksheets.getItem("Sheet1").getUsedRange(true).load("values");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  it("the page layout is ExcelApi 1.9, and its zoom is a scale of 10 to 400 or pages to fit", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.api = 8; // Excel 2019 retail
    const ctx = new FakeContext(book);
    const layout = ctx.workbook.worksheets.getItem("Sheet1").pageLayout;
    for (const act of [
      () => void (layout.orientation = "Landscape"),
      () => void (layout.paperSize = "A4"),
      () => void (layout.zoom = { horizontalFitToPages: 1 }),
      () => layout.setPrintTitleRows("$5:$7"),
      () => void (layout.headersFooters.defaultForAllPages.centerFooter = "Trang &P/&N"),
    ]) {
      act();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    }
    book.api = 9;
    const refused: Record<string, number>[] = [
      { scale: 5 },
      { scale: 50, horizontalFitToPages: 1 },
      { horizontalFitToPages: 0.5 },
      { horizontalFitToPages: 1, verticalFitToPages: 0 },
      {},
    ];
    for (const zoom of refused) {
      layout.zoom = zoom;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    }
    layout.zoom = { horizontalFitToPages: 1 };
    layout.setPrintTitleRows("$5:$7");
    await ctx.sync();
    expect(book.sheet("Sheet1")!.page).toEqual({
      zoom: { horizontalFitToPages: 1 },
      printTitleRows: "$5:$7",
    });
  });

  it("freezing panes is refused on a sheet that is not active", async () => {
    const book = new FakeWorkbook(["Sheet1", "Sheet2"]);
    const ctx = new FakeContext(book);
    ctx.workbook.worksheets.getItem("Sheet2").freezePanes.freezeRows(2);
    await expect(ctx.sync()).rejects.toThrow(/not the active sheet/);
    const s2 = ctx.workbook.worksheets.getItem("Sheet2");
    s2.activate();
    s2.freezePanes.freezeRows(2);
    await ctx.sync();
    expect(book.sheet("Sheet2")!.freeze).toEqual({ rows: 2, cols: 0 });
  });

  it("formulas written with calculation suspended stay uncalculated until Excel is asked to calculate", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    const ctx = new FakeContext(book);
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    ctx.application.suspendApiCalculationUntilNextSync();
    sheet.getRange("A1:C1").formulas = [[2, 3, "=SUM(A1:B1)"]];
    await ctx.sync();
    expect(book.value("Sheet1", "C1")).toBe(0);
    book.type("Sheet1", "A1", 4); // Automatic mode recalculates, but not what was left stale
    expect(book.value("Sheet1", "C1")).toBe(0);
    sheet.calculate(true);
    await ctx.sync();
    expect(book.value("Sheet1", "C1")).toBe(7);
  });

  it("Manual calculation mode shows stale totals until Application.calculate", async () => {
    const book = new FakeWorkbook(["Sheet1"]);
    book.type("Sheet1", "A1", 1);
    book.type("Sheet1", "B1", "=SUM(A1)");
    book.calculationMode = "Manual";
    book.type("Sheet1", "A1", 5);
    expect(book.value("Sheet1", "B1")).toBe(1);
    const ctx = new FakeContext(book);
    ctx.application.calculate("Recalculate");
    await ctx.sync();
    expect(book.value("Sheet1", "B1")).toBe(5);
  });

  it("sheet names follow Excel's rules", () => {
    const book = new FakeWorkbook(["Sheet1"]);
    for (const bad of ["History", "history", "'quoted", "end'", "a".repeat(32), "a/b", "", "x[1]"])
      expect(() => book.addSheet(bad), bad).toThrow(/bad sheet name/);
    expect(book.addSheet("a".repeat(31)).name).toHaveLength(31);
  });
});
