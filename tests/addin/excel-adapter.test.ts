// The Excel adapter against an in-memory Excel that enforces load-before-read, counts
// context.sync() and refuses what real Excel refuses. The adapter suite runs once per host
// profile of the support matrix (Excel 2016 volume licence to Microsoft 365): build → type →
// read back → validate, marks, consolidated totals, each action held to its round-trip budget
// (DESIGN.md "Budgets") on every host.
import { describe, expect, it } from "vitest";
import { type ConsolidatedReport, getTemplate, type Template, toFigureTree, validateWorkbook } from "../../domain";
import {
  buildSheets,
  checkSheets,
  clearMarks,
  consolidatedLines,
  ERROR_FILL,
  has,
  HOST_PROFILES,
  type HostOptions,
  type HostProfile,
  inputAlerts,
  markIssues,
  NOTE_PREFIX,
  readSheets,
  readWorkbookState,
  selectCell,
  setBaseVersion,
  WARNING_FILL,
  writeConsolidated,
} from "../../addin/excel";
import { expectedTree } from "../domain/support/fixture";
import { RENAMED, renamedTemplate } from "../support/renamed-template";
import { FakeWorkbook, runFake } from "./support/fake-excel";
import { cellOf, typeSeedFigures } from "./support/seed";

const template = getTemplate("kh-157-2023")!;
const BUDGET = { build: 3, readValidate: 2, consolidated: 2 };

type Ctx = Excel.RequestContext;

function hostFor(profile: HostProfile) {
  const book = new FakeWorkbook(["Sheet1"]);
  book.api = profile.api;
  const opts: HostOptions = { caps: { api: profile.api }, documentSettings: book.documentSettings };
  return { book, opts };
}

async function run<T>(book: FakeWorkbook, fn: (ctx: Ctx) => Promise<T>) {
  const { result, ctx } = await runFake(book, (c) => fn(c as unknown as Ctx), { delayForCellEdit: true });
  return { result, syncs: ctx.syncs, ctx };
}

describe.each(HOST_PROFILES.map((p) => [p.name, p] as const))("on %s", (_name, profile) => {
  const newer = (feature: Parameters<typeof has>[1]) => has(profile, feature);

  async function builtBook() {
    const { book, opts } = hostFor(profile);
    const built = await run(book, (c) => buildSheets(c, template, opts));
    return { book, opts, built };
  }

  it(`builds PL01–PL03 in at most ${BUDGET.build} syncs with what the host has, and the totals calculated`, async () => {
    const { book, built } = await builtBook();
    expect(built.syncs).toBeLessThanOrEqual(BUDGET.build);
    expect(built.result.sheets).toEqual(["PL01", "PL02", "PL03"]);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "PL01", "PL02", "PL03"]);
    expect(book.activeSheet).toBe("PL01");
    expect(book.value("PL01", "A1")).toBe("PHỤ LỤC 01");
    const r1 = cellOf(book, "PL01", "1.", "quantity", "2023").replace(/^[A-Z]+/, "");
    expect(book.value("PL01", `A${r1}`)).toBe("1.");
    const pl01 = book.sheet("PL01")!;
    expect(pl01.cell(4, 0)).toMatchObject({ bold: true, border: true, wrap: true, align: "Center" });
    expect(pl01.merges.length > 6).toBe(newer("merge"));
    expect(Object.keys(pl01.columnWidths).length).toBe(newer("columnWidth") ? 15 : 0);
    expect(pl01.freeze).toEqual(newer("freezePanes") ? { rows: 7, cols: 2 } : null);
    expect(book.sheet("PL03")!.freeze).toEqual(newer("freezePanes") ? book.sheet("PL03")!.freeze : null);
    expect(pl01.validations.length > 0).toBe(newer("dataValidation"));
    expect(pl01.orientation).toBe(newer("pageLayout") ? "Landscape" : null);
    // The template's page set-up, in the same batch: A4, one page wide, header rows 5–7 on every page, page numbers.
    const page = { paperSize: "A4", zoom: { horizontalFitToPages: 1 } };
    const titles = { printTitleRows: "$5:$7", centerFooter: "Trang &P/&N" };
    expect(pl01.page).toEqual(newer("pageLayout") ? { ...page, ...titles } : {});
    expect(built.ctx.suspendedSyncs).toEqual(newer("suspendCalculation") ? [2] : []);
    // No formula is left uncalculated by the suspended write.
    expect([...pl01.cells.values()].filter((c) => c.formula && c.stale)).toEqual([]);
  });

  it(`reads the sheets in at most ${BUDGET.readValidate} syncs and reproduces the seed figures with zero errors`, async () => {
    const { book, opts } = await builtBook();
    expect(typeSeedFigures(book)).toBeGreaterThan(30);
    const { result: grids, syncs } = await run(book, (c) => readSheets(c, template, opts));
    expect(syncs).toBeLessThanOrEqual(BUDGET.readValidate);
    expect(grids.map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03"]);
    expect(grids[0].formulas!.flat().filter(Boolean).length).toBeGreaterThan(10);
    expect(grids[0].merges!.length > 6).toBe(newer("mergedAreas") && newer("merge"));
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toEqual([]);
    expect(ev.report.warnings).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
  });

  it("calculates before reading when the workbook is in Manual calculation mode", async () => {
    const { book, opts } = await builtBook();
    book.calculationMode = "Manual";
    typeSeedFigures(book);
    const total = cellOf(book, "PL01", "1.", "quantity", "total");
    expect(book.value("PL01", total)).toBe(0); // Excel shows the stale total until it calculates
    const { result: grids, syncs } = await run(book, (c) => readSheets(c, template, opts));
    expect(syncs).toBeLessThanOrEqual(BUDGET.readValidate);
    expect(validateWorkbook(template, grids).report.errors).toEqual([]);
    expect(book.value("PL01", total)).toBeGreaterThan(0);
  });

  it("reads only the template's area: a stray value far down the sheet costs nothing", async () => {
    const { book, opts } = await builtBook();
    typeSeedFigures(book);
    book.type("PL01", "A1000000", "ghi chú lạc");
    book.type("PL02", "XFD20", "x");
    const { result: grids, syncs } = await run(book, (c) => readSheets(c, template, opts));
    expect(syncs).toBeLessThanOrEqual(BUDGET.readValidate);
    expect(grids[0].values.length).toBeLessThanOrEqual(200);
    expect(validateWorkbook(template, grids).report.errors).toEqual([]);
  });

  it("checkSheets reads and validates in two syncs and marks in one more, whatever the number of problems", async () => {
    const { book, opts } = await builtBook();
    typeSeedFigures(book);
    const clean = await run(book, (c) => checkSheets(c, template, opts));
    expect(clean.result.evaluation.report.valid).toBe(true);
    expect(clean.syncs).toBe(BUDGET.readValidate + 1);
    for (const stt of ["1.", "2.", "3."]) book.type("PL01", cellOf(book, "PL01", stt, "quantity", "2023"), "-5");
    const dirty = await run(book, (c) => checkSheets(c, template, opts));
    // One message per typed mistake: the totals Excel computes from them are not reported again.
    expect(dirty.result.evaluation.report.errors).toHaveLength(3);
    expect(dirty.syncs).toBe(clean.syncs);
  });

  it("marks each faulty cell (a note where the host has notes), leaves the person's notes alone, and a clean re-check clears the marks", async () => {
    const { book, opts } = await builtBook();
    typeSeedFigures(book);
    const neg = cellOf(book, "PL01", "1.", "quantity", "2023");
    const text = cellOf(book, "PL02", "1.", "NSTW", "2024");
    const mine = cellOf(book, "PL01", "2.", "quantity", "2023");
    const [negWas, textWas, mineWas] = [book.value("PL01", neg), book.value("PL02", text), book.value("PL01", mine)];
    book.type("PL01", neg, "-160");
    book.type("PL02", text, "bốn mươi");
    book.type("PL01", mine, "-1");
    book.sheet("PL01")!.notes.set("B8", "ghi chú của người dùng");
    book.sheet("PL01")!.notes.set(mine, "của tôi");

    const { result } = await run(book, (c) => checkSheets(c, template, opts));
    const errors = result.evaluation.report.errors;
    expect(result.markError).toBeUndefined();
    expect(errors).toContainEqual(expect.objectContaining({ code: "NEGATIVE", cell: `PL01!${neg}` }));
    expect(errors).toContainEqual(expect.objectContaining({ code: "NOT_A_NUMBER", cell: `PL02!${text}` }));
    expect(book.cell("PL01", neg)!.fill).toBe(ERROR_FILL);
    expect(book.cell("PL01", mine)!.fill).toBe(ERROR_FILL);
    expect(book.note("PL01", mine)).toBe("của tôi");
    if (newer("notes")) {
      expect(book.note("PL01", neg)).toMatch(new RegExp(`^${NOTE_PREFIX}.*âm`));
      expect(book.note("PL02", text)).toContain("không phải là số");
    } else expect(book.note("PL01", neg)).toBeUndefined();
    expect(result.marked).toEqual(expect.arrayContaining([`'PL01'!${neg}`, `'PL02'!${text}`]));
    // Saved with the workbook (document settings are saved only by saveAsync before ExcelApi 1.4).
    expect(book.settings.get("kh157.marks")).toEqual(result.marked);

    book.type("PL01", neg, negWas);
    book.type("PL02", text, textWas);
    book.type("PL01", mine, mineWas);
    const again = await run(book, (c) => checkSheets(c, template, opts));
    expect(again.result.evaluation.report.valid).toBe(true);
    expect(book.filledCells()).toEqual([]);
    expect(book.allNotes()).toEqual({ "PL01!B8": "ghi chú của người dùng", [`PL01!${mine}`]: "của tôi" });
    expect(book.settings.get("kh157.marks")).toEqual([]);
  });

  it("markIssues (server errors) and clearMarks; warnings get their own colour", async () => {
    const { book, opts } = await builtBook();
    const issues = [
      {
        code: "TOO_MANY_DECIMALS",
        severity: "error",
        message: "Kinh phí … tối đa 3 chữ số thập phân (40,0001).",
        cell: "PL02!H8",
      },
      {
        code: "QUANTITY_WITHOUT_FUNDING",
        severity: "warning",
        message: "Mục 1 có số lượng 2023 nhưng không có kinh phí.",
        cell: "PL01!E8",
      },
      { code: "SHEET_MISSING", severity: "error", message: "Thiếu sheet", cell: null },
      { code: "X", severity: "error", message: "on a sheet that is gone", cell: "PL09!A1" },
    ] as unknown as Parameters<typeof markIssues>[1];
    const marked = await run(book, (c) => markIssues(c, issues, opts));
    expect(marked.syncs).toBe(2);
    expect(marked.result).toEqual(["'PL02'!H8", "'PL01'!E8"]);
    expect(book.settings.get("kh157.marks")).toEqual(marked.result);
    expect(book.cell("PL02", "H8")!.fill).toBe(ERROR_FILL);
    expect(book.cell("PL01", "E8")!.fill).toBe(WARNING_FILL);
    expect(Object.keys(book.allNotes())).toEqual(newer("notes") ? ["PL01!E8", "PL02!H8"] : []);

    const cleared = await run(book, (c) => clearMarks(c, opts));
    expect(cleared.syncs).toBe(2);
    expect(book.filledCells()).toEqual([]);
    expect(book.allNotes()).toEqual({});
  });

  it("remembers the base version inside the workbook (Workbook.settings, or the document settings before ExcelApi 1.4)", async () => {
    const { book, opts } = await builtBook();
    const base = { template: template.id, unit: "951", kind: "plan", version: 3 };
    const { syncs } = await run(book, (c) => setBaseVersion(c, base, opts));
    expect(syncs).toBe(1);
    expect(book.settings.get("kh157.base")).toEqual(base);
    const { result } = await run(book, (c) => readWorkbookState(c, template, opts));
    expect(result.base).toEqual(base);
    expect(book.documentSettings.saves > 0).toBe(!newer("settings"));
  });

  it("selects a problem's cell in one sync", async () => {
    const { book } = await builtBook();
    const { result, syncs } = await run(book, (c) => selectCell(c, "PL02!H8"));
    expect(result).toBe(true);
    expect(syncs).toBe(1);
    expect(book.selection).toEqual({ sheet: "PL02", address: "H8" });
    const bad = await run(book, (c) => selectCell(c, "not a cell"));
    expect(bad).toMatchObject({ result: false, syncs: 0 });
  });

  it(`writes consolidated totals on a new sheet in at most ${BUDGET.consolidated} syncs, readable back`, async () => {
    const { book, opts } = await builtBook();
    const tree = expectedTree();
    const report: ConsolidatedReport = {
      template: template.id,
      kind: "plan",
      basis: "latest",
      // 20:00 UTC is already 27/11 03:00 in Vietnam: the sheet and its header say the Vietnamese day.
      asOf: "2026-11-26T20:00:00.000Z",
      units: [
        { unit: "950", version: 2, snapshot: "s-950" },
        { unit: "951", version: 1, snapshot: "s-951" },
      ],
      appendices: tree as unknown as ConsolidatedReport["appendices"],
      hash: "ab".repeat(32),
    };
    const { result: name, syncs } = await run(book, (c) =>
      writeConsolidated(c, template, report, { ...opts, unitNames: { 950: "Thị xã Vĩnh Châu", 951: "Huyện Trần Đề" } }),
    );
    expect(syncs).toBeLessThanOrEqual(BUDGET.consolidated);
    expect(name).toBe("Tổng hợp 27-11-2026");
    expect(book.value(name, "A2")).toMatch(/Tính đến: 27\/11\/2026 03:00$/);
    expect(book.activeSheet).toBe(name);
    expect(book.value(name, "A3")).toBe(
      "Gồm 2 đơn vị: Thị xã Vĩnh Châu (950) phiên bản 2; Huyện Trần Đề (951) phiên bản 1.",
    );
    const sheet = book.sheet(name)!;
    const used = sheet.usedBox(true)!;
    const rows = Array.from({ length: used.rows }, (_, r) =>
      Array.from({ length: used.cols }, (_, c) => sheet.valueAt(r, c)),
    );
    const starts = template.appendices.map((a) => rows.findIndex((row) => row[0] === a.heading));
    expect(starts.every((s) => s > 3)).toBe(true);
    const grids = template.appendices.map((a, k) => ({
      sheet: a.id,
      values: rows.slice(starts[k], starts[k + 1] ?? rows.length).map((row) => row.map((v) => (v === "" ? null : v))),
    }));
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(tree);
    const second = await run(book, (c) => writeConsolidated(c, template, report, opts));
    expect(second.result).toBe("Tổng hợp 27-11-2026 2");
  });

  it("keeps sheets already named like an appendix under a new, valid name, figures and all", async () => {
    const { opts } = hostFor(profile);
    const book = new FakeWorkbook(["PL01", "Phụ lục 02"]);
    book.api = profile.api;
    book.type("PL01", "B2", "số liệu cũ");
    const { result } = await run(book, (c) => buildSheets(c, template, opts));
    expect(result.renamed).toEqual([
      { from: "PL01", to: "PL01 (cũ)" },
      { from: "Phụ lục 02", to: "Phụ lục 02 (cũ)" },
    ]);
    expect(book.value("PL01 (cũ)", "B2")).toBe("số liệu cũ");
  });

  it("a button clicked while the person is still typing in a cell waits for the cell (or says to finish it on hosts that cannot wait)", async () => {
    const { book, opts } = await builtBook();
    const cell = cellOf(book, "PL01", "1.", "quantity", "2023");
    book.startEditing("PL01", cell, "42");
    const attempt = run(book, (c) => readSheets(c, template, opts));
    if (newer("delayForCellEdit")) {
      const { result } = await attempt;
      expect(result[0].values.flat()).toContain(42);
    } else {
      await expect(attempt).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    }
  });
});

describe("words on the sheets come from the template and the shared vocabulary (issue 14)", () => {
  const newest = HOST_PROFILES[HOST_PROFILES.length - 1];

  function moneyAlerts(book: FakeWorkbook, sheet: string) {
    const money = book
      .sheet(sheet)!
      .validations.filter(
        (v) =>
          (v.errorAlert as { title?: string } | undefined)?.title !== "Số lượng" &&
          (v.errorAlert as { title?: string } | undefined)?.title !== "Quantity",
      );
    return money.map((v) => ({ rule: Object.keys(v.rule)[0], message: (v.errorAlert as { message: string }).message }));
  }

  it("the input cells' alert names the template's money unit and decimals, in the pane's language", async () => {
    const { book, opts } = hostFor(newest);
    await run(book, (c) => buildSheets(c, template, opts));
    const vi = moneyAlerts(book, "PL01");
    expect(vi.length).toBeGreaterThan(0);
    expect(vi[0]).toEqual({
      rule: "decimal",
      message: "Kinh phí (triệu đồng) phải là số không âm, tối đa 3 chữ số thập phân.",
    });

    // Another plan counts money in thousands of đồng, whole numbers only.
    const thousands: Template = {
      ...template,
      money: { ...template.money, unit: "nghìn đồng", unitEn: "thousand VND", decimals: 0, dongPerUnit: 1000 },
    };
    const other = hostFor(newest);
    await run(other.book, (c) => buildSheets(c, thousands, { ...other.opts, lang: "en" }));
    const en = moneyAlerts(other.book, "PL01");
    expect(en[0]).toEqual({ rule: "wholeNumber", message: "Amounts (thousand VND) must be whole numbers, 0 or more." });
    expect(inputAlerts(thousands, "vi").money.message).toBe("Kinh phí (nghìn đồng) phải là số nguyên không âm.");
    expect(inputAlerts({ ...template, money: { ...template.money, decimals: 2 } }, "en").money.message).toBe(
      "Amounts (million VND (triệu đồng)) must be 0 or more, with at most 2 decimals.",
    );
  });

  it("the consolidated heading names the kind in the template's words and the basis in the vocabulary's", () => {
    const renamed = renamedTemplate();
    renamed.kinds = renamed.kinds.map((k) => (k.id === RENAMED.kinds.plan ? { ...k, label: "Dự toán" } : k));
    const report: ConsolidatedReport = {
      template: renamed.id,
      kind: RENAMED.kinds.plan,
      basis: "approved",
      asOf: "2026-11-26T03:00:00.000Z",
      units: [],
      appendices: {},
      hash: "cd".repeat(32),
    };
    const [title, basis, units] = consolidatedLines(renamed, report, { asOfText: "26/11/2026" });
    expect(title).toBe(`SỐ TỔNG HỢP — ${renamed.document.number} — Dự toán`);
    expect(basis).toBe("Cơ sở: bản đã duyệt của mỗi đơn vị · Tính đến: 26/11/2026");
    expect(units).toBe("Chưa có đơn vị nào nộp báo cáo.");
    expect(
      consolidatedLines(template, { ...report, template: template.id, kind: "execution", basis: "latest" })[0],
    ).toMatch(/— Thực hiện$/);
    expect(consolidatedLines(template, { ...report, template: template.id, kind: "plan", basis: "latest" })[1]).toMatch(
      /^Cơ sở: bản mới nhất của mỗi đơn vị/,
    );
  });

  it("builds and reads back a template with other ids for the appendices, measures and phase total", async () => {
    const renamed = renamedTemplate();
    const { book, opts } = hostFor(newest);
    const built = await run(book, (c) => buildSheets(c, renamed, opts));
    expect(built.result.sheets).toEqual(["BIEU-A", "BIEU-B", "BIEU-C"]);
    // The same printed layout as plan 157's PL01: the cell found there, by STT and column order.
    const plain = hostFor(newest);
    await run(plain.book, (c) => buildSheets(c, template, plain.opts));
    const neg = cellOf(plain.book, "PL01", "1.", "quantity", "2023");
    const phase = cellOf(plain.book, "PL01", "2.", "quantity", "total");
    book.type("BIEU-A", neg, "-5");
    book.type("BIEU-A", phase, "999");
    const checked = await run(book, (c) => checkSheets(c, renamed, opts));
    const errors = checked.result.evaluation.report.errors;
    // The typed cell once (not the SUM formulas over it), and a phase total typed over its formula,
    // found under the template's own id for the phase total.
    expect(errors).toEqual([
      expect.objectContaining({
        code: "NEGATIVE",
        appendix: "BIEU-A",
        item: "1",
        measure: RENAMED.measures.quantity,
        period: "2023",
        cell: `BIEU-A!${neg}`,
      }),
      expect.objectContaining({
        code: "PERIOD_TOTAL_MISMATCH",
        appendix: "BIEU-A",
        item: "2",
        measure: RENAMED.measures.quantity,
        period: RENAMED.total,
        cell: `BIEU-A!${phase}`,
      }),
    ]);
  });
});
